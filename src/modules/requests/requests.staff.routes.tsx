// Back-office pages of requests (依申请公开): the queue, staff intake and the case page with a form
// for every action. A refused action shows the case again with the reasons at its form, keeping
// what was typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../app.js';
import { chinaDate } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { seeOther, sendPage } from '../../platform/http/render.js';
import { requireStaff, staffCtx } from '../auth/auth.http.js';
import { actorOf, type Body, bodyOf, staffNavFor, text } from '../backoffice/backoffice.http.js';
import { caseLettersSection } from './casework.routes.js';
import { performAction } from './requests.actions.js';
import { requestsPolicy } from './requests.policy.js';
import { ACTIONS, type Action, STATES } from './requests.workflow.js';
import {
  ACTION_PATHS,
  CasePage,
  CONFIRMED,
  caseHref,
  type FormError,
  INTAKE_FIELDS,
  IntakePage,
  QueuePage,
  REQUESTS_HREF,
} from './views/staff.js';

const Id = z.coerce.number().int().positive();
const ACTION_OF_PATH = new Map<string, Action>(ACTIONS.map((a) => [ACTION_PATHS[a], a]));
const TYPED_KEYS = [
  'on',
  'deadline',
  'reason',
  'party',
  'unitId',
  'note',
  'workingDays',
  'until',
  'outcome',
  'legalGround',
  'releasedParts',
  'withheldParts',
  'decisionNote',
  'repliedOn',
  'method',
  'message',
  'kind',
  'body',
];

const formError = (err: unknown): FormError | undefined =>
  err instanceof AppError && (err.code === 'validation' || err.code === 'conflict')
    ? { message: err.message, fields: err.fields }
    : undefined;

export function requestStaffRoutes(app: FastifyInstance, d: RouteDeps): void {
  const pre = { preHandler: requireStaff };
  const svc = d.requests;
  const nav = (req: FastifyRequest) => staffNavFor(req.staff?.actor.roles ?? []);
  const today = () => chinaDate(d.clock.now());

  function idOf(req: FastifyRequest): number {
    const r = Id.safeParse((req.params as { id?: unknown }).id);
    if (!r.success) throw notFound('申请不存在。');
    return r.data;
  }

  async function showCase(
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    failed?: { action: Action | 'note'; typed: Record<string, string>; error: FormError },
    status = 200,
  ) {
    const view = await svc.view(staffCtx(req), id);
    const units = await svc.units(view.row.organ_id);
    const track = text((req.query as Record<string, unknown>)?.track);
    const trackLink = /^[A-Za-z0-9_-]{20,64}$/.test(track) ? `${req.protocol}://${req.host}/requests/track/${track}` : undefined;
    const ctx = await d.viewCtx(req, reply);
    const letters = await caseLettersSection(d, req, ctx, view);
    return sendPage(
      reply,
      <CasePage
        ctx={ctx}
        nav={nav(req)}
        view={view}
        today={today()}
        units={units}
        trackLink={trackLink}
        failed={failed}
        letters={letters}
      />,
      status,
    );
  }

  app.get(REQUESTS_HREF, pre, async (req, reply) => {
    const actor = actorOf(req);
    const q = (req.query ?? {}) as Record<string, unknown>;
    const state = text(q.state);
    const unit = Id.safeParse(q.unit);
    const items = await svc.queue(staffCtx(req), {
      state: state === 'all' || (STATES as readonly string[]).includes(state) ? state : undefined,
      ...(unit.success ? { unitId: unit.data } : {}),
    } as { state?: string; unitId?: number });
    const units = await svc.units(actor.organId);
    const ctx = await d.viewCtx(req, reply);
    const canRegister = requestsPolicy.can(actor, 'request.handle', {
      organId: actor.organId,
      unitId: null,
      unitLiaisonId: null,
    });
    return sendPage(
      reply,
      <QueuePage
        ctx={ctx}
        nav={nav(req)}
        items={items}
        units={units}
        filter={{ state, unitId: unit.success ? String(unit.data) : '' }}
        canRegister={canRegister}
      />,
    );
  });

  app.get(`${REQUESTS_HREF}/new`, pre, async (req, reply) => {
    const actor = actorOf(req);
    if (!requestsPolicy.can(actor, 'request.handle', { organId: actor.organId, unitId: null, unitLiaisonId: null })) {
      throw new AppError('forbidden', '只有公开办工作人员可以登记申请。');
    }
    const ctx = await d.viewCtx(req, reply);
    return sendPage(
      reply,
      <IntakePage
        ctx={ctx}
        nav={nav(req)}
        values={{ receivedDate: today(), applicantType: 'natural_person', idType: 'resident_id' }}
      />,
    );
  });

  app.post(`${REQUESTS_HREF}/new`, pre, async (req, reply) => {
    const actor = actorOf(req);
    const b = bodyOf(req);
    try {
      const { row, token } = await svc.registerByStaff(staffCtx(req), actor.organId, b);
      return seeOther(reply, `${caseHref(row.id)}?ok=created&track=${token}`);
    } catch (err) {
      const e = formError(err);
      if (!e) throw err;
      const values = Object.fromEntries(INTAKE_FIELDS.map((k) => [k, text(b[k])]));
      const ctx = await d.viewCtx(req, reply);
      return sendPage(reply, <IntakePage ctx={ctx} nav={nav(req)} values={values} error={e} />, 422);
    }
  });

  app.get(`${REQUESTS_HREF}/:id`, pre, async (req, reply) => showCase(req, reply, idOf(req)));

  app.post(`${REQUESTS_HREF}/:id/note`, pre, async (req, reply) => {
    const id = idOf(req);
    const b = bodyOf(req);
    try {
      await svc.addNote(staffCtx(req), id, b);
      return seeOther(reply, `${caseHref(id)}?ok=saved`);
    } catch (err) {
      const e = formError(err);
      if (!e) throw err;
      return showCase(req, reply, id, { action: 'note', typed: typedOf(b), error: e }, 422);
    }
  });

  app.post(`${REQUESTS_HREF}/:id/:action`, pre, async (req, reply) => {
    const id = idOf(req);
    const action = ACTION_OF_PATH.get((req.params as { action: string }).action);
    if (!action) throw notFound();
    const b = bodyOf(req);
    try {
      if (CONFIRMED.includes(action) && text(b.confirm) !== '1') {
        throw new AppError('validation', '请勾选确认后再提交。', { confirm: '请勾选确认。' });
      }
      await performAction(svc, action, staffCtx(req), id, b);
      return seeOther(reply, `${caseHref(id)}?ok=saved`);
    } catch (err) {
      const e = formError(err);
      if (!e) throw err;
      return showCase(req, reply, id, { action, typed: typedOf(b), error: e }, (err as AppError).status);
    }
  });
}

function typedOf(b: Body): Record<string, string> {
  return Object.fromEntries(TYPED_KEYS.filter((k) => typeof b[k] === 'string').map((k) => [k, text(b[k])]));
}
