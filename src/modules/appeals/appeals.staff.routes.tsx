// Back-office pages of the appeals register (复议诉讼登记): the list with year/kind filters, table 4
// of the year with the share of disclosure cases, and the add/edit form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../app.js';
import { chinaDate } from '../../platform/clock.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { seeOther, sendPage } from '../../platform/http/render.js';
import { requireStaff, staffCtx } from '../auth/auth.http.js';
import { actorOf, type Body, bodyOf, isAppError, staffNavFor, text } from '../backoffice/backoffice.http.js';
import { isKind } from './appeals.codes.js';
import type { AppealView } from './appeals.service.js';
import { AppealFormPage, type AppealFormState } from './views/appeal-form.js';
import { AppealListPage } from './views/appeal-list.js';
import { APPEALS_HREF, type AppealValues, emptyValues } from './views/common.js';

const STALE = '保存未完成：该案件在您查看之后已被他人修改。下面显示的是最新内容，请核对后重新提交。';
const Id = z.coerce.number().int().positive();
const ListQuery = z.object({
  organ: Id.optional().catch(undefined),
  year: z.coerce.number().int().min(1990).max(2200).optional().catch(undefined),
  kind: z
    .string()
    .optional()
    .catch(undefined)
    .transform((k) => (k && isKind(k) ? k : undefined)),
});

const FORM_KEYS = Object.keys(emptyValues()) as Array<keyof AppealValues>;
const typedValues = (b: Body): AppealValues =>
  Object.fromEntries(FORM_KEYS.map((k) => [k, text(b[k])])) as unknown as AppealValues;

function valuesOf(v: AppealView): AppealValues {
  const r = v.row;
  return {
    reference: r.reference,
    kind: r.kind,
    filedOn: r.filed_on,
    body: r.body ?? '',
    result: r.result ?? '',
    decidedOn: r.decided_on ?? '',
    requestReference: v.requestReference ?? '',
    jointDefendant: r.joint_defendant ? '1' : '',
    note: r.note ?? '',
  };
}

function idOf(req: FastifyRequest): number {
  const r = Id.safeParse((req.params as { id?: string }).id);
  if (!r.success) throw notFound('案件不存在。');
  return r.data;
}

export function appealRoutes(app: FastifyInstance, d: RouteDeps): void {
  const pre = { preHandler: requireStaff };
  const svc = d.appeals;
  const navFor = (req: FastifyRequest) => staffNavFor(req.staff?.actor.roles ?? []);

  async function listPage(
    req: FastifyRequest,
    reply: FastifyReply,
    over: { year?: number; totalForm?: { value: string; message: string; errors: Record<string, string> } } = {},
    status = 200,
  ) {
    const ctx = staffCtx(req);
    const actor = actorOf(req);
    const q = ListQuery.parse(req.query ?? {});
    const organId = q.organ ?? actor.organId;
    const year = over.year ?? q.year;
    const [views, years, organ, visible] = await Promise.all([
      svc.list(ctx, organId, { year, kind: q.kind }),
      svc.years(ctx, organId),
      d.organs.byId(organId),
      d.organs.visibleTo(actor),
    ]);
    // supervisors choose among the registers they may read (their own organ and those below)
    const organChoices = visible.filter((o) => svc.can(ctx, 'appeal.read', o.id)).map((o) => ({ id: o.id, name: o.name }));
    const shownYear = year ?? Number(chinaDate(d.clock.now()).slice(0, 4));
    const [table, share] = await Promise.all([svc.table4(organId, shownYear), svc.share(organId, shownYear)]);
    const canWrite = svc.can(ctx, 'appeal.write', organId);
    return sendPage(
      reply,
      <AppealListPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        organName={organ?.name ?? ''}
        organId={organId}
        organChoices={organChoices}
        organQuery={q.organ !== undefined && q.organ !== actor.organId ? String(q.organ) : ''}
        filter={{ year: year === undefined ? '' : String(year), kind: q.kind ?? '' }}
        years={[...new Set([...years, shownYear])].sort((a, b) => b - a)}
        rows={views.map(({ row, requestReference }) => ({
          id: row.id,
          reference: row.reference,
          kind: row.kind,
          filedOn: row.filed_on,
          body: row.body,
          result: row.result,
          decidedOn: row.decided_on,
          requestReference,
          requestId: row.request_id,
          jointDefendant: row.joint_defendant === 1,
        }))}
        table4={{ year: shownYear, table }}
        share={share}
        canWrite={canWrite}
        totalForm={over.totalForm ?? { value: share.total === null ? '' : String(share.total) }}
      />,
      status,
    );
  }

  app.get(APPEALS_HREF, pre, (req, reply) => listPage(req, reply));

  app.post(`${APPEALS_HREF}/totals`, pre, async (req, reply) => {
    const b = bodyOf(req);
    try {
      await svc.setYearTotal(staffCtx(req), actorOf(req).organId, { year: text(b.year), total: text(b.total) });
      return seeOther(reply, `${APPEALS_HREF}?year=${encodeURIComponent(text(b.year))}&ok=saved`);
    } catch (err) {
      if (!isAppError(err, 'validation')) throw err;
      const y = Number(text(b.year));
      return listPage(
        req,
        reply,
        {
          ...(Number.isInteger(y) && y >= 1990 && y <= 2200 ? { year: y } : {}),
          totalForm: { value: text(b.total), message: err.message, errors: err.fields },
        },
        422,
      );
    }
  });

  const formPage = async (req: FastifyRequest, reply: FastifyReply, form: AppealFormState, id?: number, status = 200) =>
    sendPage(reply, <AppealFormPage ctx={await d.viewCtx(req, reply)} nav={navFor(req)} id={id} form={form} />, status);

  app.get(`${APPEALS_HREF}/new`, pre, async (req, reply) => {
    // only those who may write see the form (fail closed: the service checks again on save)
    if (!svc.can(staffCtx(req), 'appeal.write', actorOf(req).organId)) throw forbidden();
    return formPage(req, reply, { values: emptyValues() });
  });

  app.post(APPEALS_HREF, pre, async (req, reply) => {
    const b = bodyOf(req);
    try {
      const row = await svc.create(staffCtx(req), actorOf(req).organId, b);
      return seeOther(reply, `${APPEALS_HREF}?year=${row.filed_on.slice(0, 4)}&ok=created`);
    } catch (err) {
      if (!isAppError(err, 'validation')) throw err;
      return formPage(req, reply, { values: typedValues(b), message: err.message, errors: err.fields }, undefined, 422);
    }
  });

  app.get(`${APPEALS_HREF}/:id/edit`, pre, async (req, reply) => {
    const v = await svc.get(staffCtx(req), idOf(req));
    if (!svc.can(staffCtx(req), 'appeal.write', v.row.organ_id)) throw forbidden();
    return formPage(req, reply, { values: valuesOf(v), version: String(v.row.version) }, v.row.id);
  });

  app.post(`${APPEALS_HREF}/:id/edit`, pre, async (req, reply) => {
    const id = idOf(req);
    const b = bodyOf(req);
    try {
      const row = await svc.update(staffCtx(req), id, b);
      return seeOther(reply, `${APPEALS_HREF}?year=${row.filed_on.slice(0, 4)}&ok=saved`);
    } catch (err) {
      if (isAppError(err, 'validation'))
        return formPage(
          req,
          reply,
          { values: typedValues(b), version: text(b.version), message: err.message, errors: err.fields },
          id,
          422,
        );
      if (isAppError(err, 'conflict')) {
        const latest = await svc.get(staffCtx(req), id);
        return formPage(
          req,
          reply,
          { values: valuesOf(latest), version: String(latest.row.version), conflict: { message: STALE, typed: typedValues(b) } },
          id,
          409,
        );
      }
      throw err;
    }
  });
}
