// Back-office pages of the publishing workflow (信息发布): the organ's work list, the draft form,
// the item with its history, and a confirm page for every transition.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../app.js';
import { chinaDate } from '../../platform/clock.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { seeOther, sendPage } from '../../platform/http/render.js';
import { requireStaff, staffCtx } from '../auth/auth.http.js';
import { actorOf, type Body, bodyOf, isAppError, list, staffNavFor, text } from '../backoffice/backoffice.http.js';
import { channelsPanel } from '../channels/channels.staff.routes.js';
import { ChannelsPanel } from '../channels/views/channels-panel.js';
import type { PublicationView } from './publications.queries.js';
import { type PublicationRow, TransitionRefused } from './publications.service.js';
import { CHECKLIST_KEYS, EDITABLE, STATES, type State, type TransitionFacts } from './publications.workflow.js';
import {
  type ColumnOption,
  emptyValues,
  itemHref,
  type Nav,
  PUBLICATIONS_HREF,
  type PublicationValues,
  type UnitOption,
} from './views/staff/common.js';
import { CONFIRM_ACTIONS, type ConfirmAction, ConfirmPage, type ConfirmValues, emptyConfirm } from './views/staff/confirm.js';
import { EditPublicationPage, type EditState, type FormState, NewPublicationPage } from './views/staff/form.js';
import { PublicationPage } from './views/staff/item.js';
import { type ListRow, PublicationListPage } from './views/staff/list.js';

const STALE = '操作未完成：该信息在您查看之后已被他人修改。下面显示的是最新内容，请核对后重新提交。';
const NOT_EDITABLE = '只有草稿或已退回的信息可以修改。';
const AUTHOR_ROLES = ['office_staff', 'office_head', 'liaison'];
const PAGE_SIZE = 20;

const Id = z.coerce.number().int().positive();
const IdParams = z.object({ id: Id });
const ListQuery = z.object({
  column: z
    .union([z.literal(''), Id])
    .optional()
    .catch(undefined),
  state: z
    .string()
    .optional()
    .catch(undefined)
    .transform((s) => (s && (STATES as readonly string[]).includes(s) ? (s as State) : undefined)),
  page: Id.optional().catch(undefined),
});

function idOf(req: FastifyRequest): number {
  const r = IdParams.safeParse(req.params);
  if (!r.success) throw notFound('信息不存在。');
  return r.data.id;
}

const navFor = (req: FastifyRequest): Nav => staffNavFor(req.staff?.actor.roles ?? []);

// ── form values ─────────────────────────────────────────────────────────────────────────

const FORM_KEYS = Object.keys(emptyValues('')) as Array<keyof PublicationValues>;

const typedValues = (b: Body): PublicationValues =>
  Object.fromEntries(FORM_KEYS.map((k) => [k, text(b[k])])) as unknown as PublicationValues;

/** The form as the service reads it: several ids in one field (替代, 废止) become a list. */
const splitIds = (v: unknown) => (typeof v === 'string' ? v.split(/[,，、;；\s]+/).filter(Boolean) : v);
const inputOf = (b: Body): Body => ({ ...b, replaces: splitIds(b.replaces), repeals: splitIds(b.repeals) });

function valuesOf(view: PublicationView): PublicationValues {
  const p = view.publication;
  const ids = (kind: string) =>
    view.links
      .filter((l) => l.kind === kind)
      .map((l) => String(l.target.id))
      .join(', ');
  return {
    columnId: String(p.column_id),
    unitId: p.unit_id === null ? '' : String(p.unit_id),
    title: p.title,
    summary: p.summary ?? '',
    issuingOrgan: p.issuing_organ,
    createdOn: p.created_on,
    docNumber: p.doc_number ?? '',
    theme: p.theme,
    genre: p.genre,
    keywords: p.keywords.join('，'),
    disclosure: p.disclosure,
    withheldReason: p.withheld_reason ?? '',
    validity: p.validity,
    validityDate: p.validity_date ?? '',
    docKind: p.doc_kind,
    bodyHtml: p.body_html,
    interprets: ids('interprets'),
    corrects: ids('corrects'),
    replaces: ids('replaces'),
    repeals: ids('repeals'),
  };
}

/** What the confirm form supplies is assumed present, so the preflight names only the other reasons. */
const HYPOTHETICAL: Record<ConfirmAction, Partial<TransitionFacts>> = {
  submit: { checklist: CHECKLIST_KEYS },
  return: { reason: '—' },
  approve: {},
  schedule: { publishAt: '9999-12-31T00:00:00.000Z' },
  publish: {},
  withdraw: { reason: '—' },
  revise: {},
};

const typedConfirm = (b: Body): ConfirmValues => ({
  checklist: list(b.checklist),
  reason: text(b.reason),
  publishAt: text(b.publishAt),
});

export function publicationStaffRoutes(app: FastifyInstance, d: RouteDeps): void {
  const pre = { preHandler: requireStaff };
  const svc = d.publications;

  async function formChoices(req: FastifyRequest, organId: number): Promise<{ columns: ColumnOption[]; units: UnitOption[] }> {
    const [columns, units] = await Promise.all([svc.columns(staffCtx(req), organId), d.organs.units(organId)]);
    return {
      columns: columns.map((c) => ({ id: c.id, name: c.name, parentId: c.parent_id })),
      units: units.map((u) => ({ id: u.id, name: u.name })),
    };
  }

  // ── the work list ───────────────────────────────────────────────────────────────────

  app.get(PUBLICATIONS_HREF, pre, async (req, reply) => {
    const ctx = staffCtx(req);
    const actor = actorOf(req);
    const q = ListQuery.parse(req.query ?? {});
    const columnId = typeof q.column === 'number' ? q.column : undefined;
    const page = q.page ?? 1;
    const organId = actor.organId;
    const [result, columns, deadlines, flags] = await Promise.all([
      svc.list(ctx, { organId, columnId, state: q.state, page, pageSize: PAGE_SIZE }),
      svc.columns(ctx, organId),
      svc.deadlines(ctx, organId),
      svc.interpretationFlags(ctx, organId),
    ]);
    const names = new Map(columns.map((c) => [c.id, c.name]));
    const row = (i: { publication: PublicationRow; deadline: ListRow['deadline'] }): ListRow => ({
      id: i.publication.id,
      title: i.publication.title,
      columnName: names.get(i.publication.column_id) ?? '',
      state: i.publication.state,
      indexNo: i.publication.index_no,
      updatedAt: i.publication.updated_at,
      deadline: i.deadline,
    });
    return sendPage(
      reply,
      <PublicationListPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        columns={columns.map((c) => ({ id: c.id, name: c.name, parentId: c.parent_id }))}
        filter={{ columnId: columnId === undefined ? '' : String(columnId), state: q.state ?? '' }}
        rows={result.items.map(row)}
        total={result.total}
        page={page}
        pageSize={PAGE_SIZE}
        atRisk={deadlines.atRisk.map(row)}
        overdue={deadlines.overdue.map(row)}
        flags={flags.map((f) => ({
          id: f.policy.id,
          title: f.policy.title,
          publishedOn: f.policy.published_on ?? '',
          dueOn: f.dueOn,
          status: f.status,
          flagged: f.flagged,
          interpretation: f.interpretation ? { id: f.interpretation.id, title: f.interpretation.title } : null,
        }))}
        canCreate={actor.roles.some((r) => AUTHOR_ROLES.includes(r))}
      />,
    );
  });

  // ── a new draft ─────────────────────────────────────────────────────────────────────

  async function newPage(req: FastifyRequest, reply: FastifyReply, status: number, form?: FormState) {
    const choices = await formChoices(req, actorOf(req).organId);
    return sendPage(
      reply,
      <NewPublicationPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        {...choices}
        form={form ?? { values: emptyValues(chinaDate(d.clock.now())) }}
      />,
      status,
    );
  }

  app.get(`${PUBLICATIONS_HREF}/new`, pre, async (req, reply) => newPage(req, reply, 200));

  app.post(PUBLICATIONS_HREF, pre, async (req, reply) => {
    const b = bodyOf(req);
    try {
      const p = await svc.createDraft(staffCtx(req), inputOf(b));
      return seeOther(reply, `${itemHref(p.id)}?ok=created`);
    } catch (err) {
      if (!isAppError(err, 'validation')) throw err;
      return newPage(req, reply, 422, { values: typedValues(b), message: err.message, errors: err.fields });
    }
  });

  // ── the item ────────────────────────────────────────────────────────────────────────

  app.get(`${PUBLICATIONS_HREF}/:id`, pre, async (req, reply) => {
    const ctx = staffCtx(req);
    const view = await svc.get(ctx, idOf(req));
    const p = view.publication;
    const [users, unit, attachments] = await Promise.all([
      d.staff.namesOf(p.organ_id),
      p.unit_id === null ? undefined : d.organs.unitById(p.unit_id),
      d.attachments.list(ctx, p.id),
    ]);
    const offered = CONFIRM_ACTIONS.filter((a) => view.can[a]);
    const reasons = await Promise.all(offered.map((a) => svc.preflight(ctx, p.id, a, HYPOTHETICAL[a])));
    const vctx = await d.viewCtx(req, reply);
    const channels = await channelsPanel(d, req, vctx.csrf, p.id);
    return sendPage(
      reply,
      <PublicationPage
        ctx={vctx}
        nav={navFor(req)}
        view={view}
        columnName={view.column?.name ?? ''}
        unitName={unit?.name ?? null}
        names={new Map(users.map((u) => [u.id, u.display_name]))}
        actions={offered.filter((_, i) => reasons[i]?.length === 0)}
        canEdit={view.can.edit}
        attachments={{
          items: attachments.map((a) => ({
            id: a.id,
            name: a.original_name,
            mediaType: a.media_type,
            size: a.size,
            createdAt: a.created_at,
          })),
          maxBytes: d.config.uploadMaxBytes,
        }}
        extra={channels ? <ChannelsPanel {...channels} /> : null}
      />,
    );
  });

  // ── editing a draft ─────────────────────────────────────────────────────────────────

  async function editPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    status: number,
    state?: (latest: PublicationView) => EditState,
  ) {
    const view = await svc.get(staffCtx(req), id);
    const p = view.publication;
    const editable = EDITABLE.includes(p.state);
    if (editable && !view.can.edit) throw forbidden();
    const choices = await formChoices(req, p.organ_id);
    return sendPage(
      reply,
      <EditPublicationPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        item={{ id: p.id, title: p.title }}
        {...choices}
        blocked={editable ? undefined : NOT_EDITABLE}
        form={state?.(view) ?? { values: valuesOf(view), version: String(p.version) }}
      />,
      editable ? status : 409,
    );
  }

  app.get(`${PUBLICATIONS_HREF}/:id/edit`, pre, async (req, reply) => editPage(req, reply, idOf(req), 200));

  app.post(`${PUBLICATIONS_HREF}/:id/edit`, pre, async (req, reply) => {
    const id = idOf(req);
    const b = bodyOf(req);
    try {
      await svc.updateDraft(staffCtx(req), id, inputOf(b));
      return seeOther(reply, `${itemHref(id)}?ok=saved`);
    } catch (err) {
      if (err instanceof TransitionRefused) return editPage(req, reply, id, 409);
      if (isAppError(err, 'conflict')) {
        return editPage(req, reply, id, 409, (latest) => ({
          values: valuesOf(latest),
          version: String(latest.publication.version),
          conflict: { message: STALE, typed: typedValues(b) },
        }));
      }
      if (!isAppError(err, 'validation')) throw err;
      return editPage(req, reply, id, 422, () => ({
        values: typedValues(b),
        version: text(b.version),
        message: err.message,
        errors: err.fields,
      }));
    }
  });

  // ── confirm pages of the workflow ───────────────────────────────────────────────────

  async function confirmPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    action: ConfirmAction,
    status: number,
    extra: { refused?: readonly string[]; message?: string; errors?: Record<string, string>; values?: ConfirmValues } = {},
  ) {
    const ctx = staffCtx(req);
    const view = await svc.get(ctx, id);
    const p = view.publication;
    const blockers = await svc.preflight(ctx, id, action, HYPOTHETICAL[action]);
    return sendPage(
      reply,
      <ConfirmPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        item={{ id: p.id, title: p.title, state: p.state, version: p.version }}
        action={action}
        blockers={blockers}
        refused={extra.refused}
        message={extra.message}
        errors={extra.errors ?? {}}
        values={extra.values ?? emptyConfirm}
      />,
      status,
    );
  }

  const perform: Record<ConfirmAction, (req: FastifyRequest, id: number, b: Body) => Promise<PublicationRow>> = {
    submit: (req, id, b) => svc.submit(staffCtx(req), id, b),
    return: (req, id, b) => svc.returnToAuthor(staffCtx(req), id, b),
    approve: (req, id, b) => svc.approve(staffCtx(req), id, b),
    schedule: (req, id, b) => svc.schedule(staffCtx(req), id, b),
    publish: (req, id, b) => svc.publish(staffCtx(req), id, b),
    withdraw: (req, id, b) => svc.withdraw(staffCtx(req), id, b),
    revise: (req, id, b) => svc.revise(staffCtx(req), id, b),
  };

  for (const action of CONFIRM_ACTIONS) {
    const path = `${PUBLICATIONS_HREF}/:id/${action}`;
    app.get(path, pre, async (req, reply) => confirmPage(req, reply, idOf(req), action, 200));

    app.post(path, pre, async (req, reply) => {
      const id = idOf(req);
      const b = bodyOf(req);
      try {
        const row = await perform[action](req, id, b);
        // a new edition is a new draft: the author continues there
        return seeOther(reply, action === 'revise' ? `${itemHref(row.id)}?ok=created` : `${itemHref(id)}?ok=saved`);
      } catch (err) {
        const values = typedConfirm(b);
        if (err instanceof TransitionRefused) return confirmPage(req, reply, id, action, 409, { refused: err.reasons, values });
        if (isAppError(err, 'conflict')) return confirmPage(req, reply, id, action, 409, { message: STALE, values });
        if (!isAppError(err, 'validation')) throw err;
        return confirmPage(req, reply, id, action, 422, { message: err.message, errors: err.fields, values });
      }
    });
  }
}
