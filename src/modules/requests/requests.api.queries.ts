// Reads of the JSON API (/api/v1/requests): a filtered, paged list and one case by reference
// number, with the same policy as the back-office pages (requests.policy.ts) and the identity
// number always masked. Read-only: every change goes through requests.service.ts.
import { sql } from 'kysely';
import { z } from 'zod';
import { chinaDate } from '../../platform/clock.js';
import { authorize, type Ctx } from '../../platform/context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { parse } from '../../platform/validation.js';
import { isoDate } from '../calendar/calendar.schemas.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { OrganService } from '../organs/organs.service.js';
import { type ClockResult, computeClock } from './requests.clock.js';
import { CHANNELS, labelOf } from './requests.codes.js';
import { type RequestSubject, requestsPolicy } from './requests.policy.js';
import { type RequestRow, requestsRepo as repo } from './requests.repository.js';
import { DUE_SOON_DAYS } from './requests.service.js';
import { OPEN, STATE_LABELS, STATES, type State } from './requests.workflow.js';

export const API_MAX_LIMIT = 100;
export const API_DEFAULT_LIMIT = 20;

const flag = z
  .enum(['true', 'false', '1', '0'], { errorMap: () => ({ message: '应为 true 或 false。' }) })
  .transform((v) => v === 'true' || v === '1');

/** The list's query parameters; an unknown parameter is an error (a typo must not widen a query). */
export const ListQuery = z
  .object({
    state: z
      .enum(['open', 'all', ...STATES], { errorMap: () => ({ message: `应为 open、all 或 ${STATES.join('、')} 之一。` }) })
      .default('open'),
    unit: z.coerce
      .number({ invalid_type_error: '处室编号应为正整数。' })
      .int('处室编号应为正整数。')
      .positive('处室编号应为正整数。')
      .optional(),
    organ: z.string().trim().min(1).max(60).optional(),
    overdue: flag.optional(),
    dueBefore: isoDate.optional(),
    receivedFrom: isoDate.optional(),
    receivedTo: isoDate.optional(),
    page: z.coerce
      .number({ invalid_type_error: '页码应为正整数。' })
      .int('页码应为正整数。')
      .min(1, '页码应为正整数。')
      .max(100_000)
      .default(1),
    limit: z.coerce
      .number({ invalid_type_error: `每页条数应为 1 至 ${API_MAX_LIMIT} 的整数。` })
      .int(`每页条数应为 1 至 ${API_MAX_LIMIT} 的整数。`)
      .min(1, `每页条数应为 1 至 ${API_MAX_LIMIT} 的整数。`)
      .max(API_MAX_LIMIT, `每页条数应为 1 至 ${API_MAX_LIMIT} 的整数。`)
      .default(API_DEFAULT_LIMIT),
  })
  .strict('不支持的查询参数。');
export type ListQuery = z.infer<typeof ListQuery>;

export interface ApiListItem {
  reference: string;
  state: State;
  stateLabel: string;
  channel: string;
  receivedOn: string;
  replyDue: string | null;
  correctionDue: string | null;
  awaiting: string | null;
  overdue: boolean;
  dueSoon: boolean;
  unitId: number | null;
  applicantType: string;
  applicantName: string;
  infoTitle: string | null;
  version: number;
  updatedAt: string;
}

export interface ApiList {
  total: number;
  page: number;
  limit: number;
  items: ApiListItem[];
}

export interface ApiCase {
  reference: string;
  organ: { code: string; name: string };
  state: State;
  stateLabel: string;
  channel: string;
  channelLabel: string;
  receivedOn: string;
  receivedRule: string;
  rules: string;
  applicant: {
    type: string;
    name: string;
    contactPerson: string | null;
    idType: string;
    /** Always masked in the API. */
    idNumberMasked: string;
    phone: string | null;
    email: string | null;
    address: string | null;
  };
  information: { title: string | null; docNumber: string | null; description: string; formWanted: string; delivery: string };
  unit: { id: number; name: string } | null;
  repeatOf: string | null;
  due: { replyDue: string | null; correctionDue: string | null; awaiting: string | null; overdue: boolean; dueSoon: boolean };
  decision: {
    outcome: string | null;
    legalGround: string | null;
    releasedParts: string | null;
    withheldParts: string | null;
    decidedAt: string | null;
    approvedAt: string | null;
  };
  repliedOn: string | null;
  replyMethod: string | null;
  closedOn: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  events: Array<{
    at: string;
    on: string;
    action: string;
    from: string | null;
    to: string;
    actorName: string;
    note: string | null;
    clock: unknown;
    data: unknown;
  }>;
  messages: Array<{ at: string; body: string }>;
  /** Staff-only notes, for those who may read them (else empty). */
  notes: Array<{ at: string; authorName: string; body: string }>;
  /** The legal clock with the "why this date" receipt. */
  clock: ClockResult;
}

export function createRequestApiQueries(deps: Deps, ext: { calendar: CalendarService; organs: OrganService }) {
  const { db, clock } = deps;
  const { organs } = ext;
  const today = () => chinaDate(clock.now());

  async function subjectOf(r: { organ_id: number; unit_id: number | null }): Promise<RequestSubject> {
    const unit = r.unit_id === null ? undefined : await organs.unitById(r.unit_id);
    return { organId: r.organ_id, unitId: r.unit_id, unitLiaisonId: unit?.liaison_user_id ?? null };
  }

  async function flags(reply_due: string | null, state: State) {
    const cal = await ext.calendar.calendar();
    const t = today();
    const open = OPEN.includes(state);
    const overdue = open && reply_due !== null && reply_due < t;
    const soon = cal.addWorkingDays(t, DUE_SOON_DAYS);
    return { overdue, dueSoon: open && !overdue && reply_due !== null && reply_due <= soon };
  }

  return {
    /** The case behind a reference number (no policy: the caller authorizes what it does with it). */
    async idOf(reference: string): Promise<number> {
      const r =
        reference.length <= 60
          ? await db.selectFrom('requests').select('id').where('reference', '=', reference).executeTakeFirst()
          : undefined;
      if (!r) throw notFound('申请不存在。');
      return Number(r.id);
    },

    /** The queue as the API lists it: filters, a page at a time, sorted by reply due date. */
    async list(ctx: Ctx, input: unknown): Promise<ApiList> {
      const f = parse(ListQuery, input);
      const actor = ctx.actor === 'system' ? null : ctx.actor;
      let organId = actor?.organId;
      if (f.organ) {
        const o = await organs.byCode(f.organ);
        if (!o) throw new AppError('validation', '请检查标出的项目。', { organ: '机关代码不存在。' });
        organId = o.id;
      }
      if (organId === undefined) throw new AppError('validation', '请指定机关。', { organ: '请指定机关。' });
      authorize(requestsPolicy, ctx, 'request.queue', { organId });
      // the same narrowing as the back-office queue: a liaison sees the cases of their units
      let unitIds: number[] | undefined = f.unit ? [f.unit] : undefined;
      if (actor && !requestsPolicy.can(actor, 'request.handle', { organId, unitId: null, unitLiaisonId: null })) {
        const isReader = actor.roles.includes('leader') || actor.roles.includes('supervisor');
        if (!isReader) {
          const mine = (await organs.units(organId)).filter((u) => u.liaison_user_id === actor.userId).map((u) => u.id);
          unitIds = unitIds ? unitIds.filter((u) => mine.includes(u)) : mine;
        }
      }
      // overdue: an open case whose reply due date has passed
      let states: State[] = f.state === 'all' ? [] : f.state === 'open' ? [...OPEN] : [f.state];
      if (f.overdue) states = (states.length ? states : [...OPEN]).filter((s) => OPEN.includes(s));
      const t = today();
      let q = db.selectFrom('requests').where('organ_id', '=', organId);
      if (f.overdue && states.length === 0) q = q.where(sql<boolean>`1 = 0`);
      else if (states.length) q = q.where('state', 'in', states);
      if (f.overdue) q = q.where('reply_due', '<', t);
      if (f.overdue === false)
        q = q.where((eb) => eb.or([eb('state', 'not in', [...OPEN]), eb('reply_due', 'is', null), eb('reply_due', '>=', t)]));
      if (unitIds) q = unitIds.length ? q.where('unit_id', 'in', unitIds) : q.where(sql<boolean>`1 = 0`);
      if (f.dueBefore) q = q.where('reply_due', '<', f.dueBefore);
      if (f.receivedFrom) q = q.where('received_on', '>=', f.receivedFrom);
      if (f.receivedTo) q = q.where('received_on', '<=', f.receivedTo);
      const [count, rows, cal] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q
          .selectAll()
          .orderBy(sql`CASE WHEN reply_due IS NULL THEN 1 ELSE 0 END`)
          .orderBy('reply_due')
          .orderBy('id')
          .limit(f.limit)
          .offset((f.page - 1) * f.limit)
          .execute(),
        ext.calendar.calendar(),
      ]);
      const soon = cal.addWorkingDays(t, DUE_SOON_DAYS);
      return {
        total: Number(count.n),
        page: f.page,
        limit: f.limit,
        items: rows.map((raw) => {
          const r = raw as unknown as RequestRow;
          const open = OPEN.includes(r.state);
          const overdue = open && r.reply_due !== null && r.reply_due < t;
          return {
            reference: r.reference,
            state: r.state,
            stateLabel: STATE_LABELS[r.state],
            channel: r.channel,
            receivedOn: r.received_on,
            replyDue: r.reply_due,
            correctionDue: r.correction_due,
            awaiting: r.awaiting,
            overdue,
            dueSoon: open && !overdue && r.reply_due !== null && r.reply_due <= soon,
            unitId: r.unit_id === null ? null : Number(r.unit_id),
            applicantType: r.applicant_type,
            applicantName: r.applicant_name,
            infoTitle: r.info_title,
            version: Number(r.version),
            updatedAt: r.updated_at,
          };
        }),
      };
    },

    /** One case, as the case page shows it, but with the identity number always masked. */
    async get(ctx: Ctx, id: number): Promise<ApiCase> {
      const r = await repo.byId(db, id);
      if (!r) throw notFound('申请不存在。');
      const s = await subjectOf(r);
      authorize(requestsPolicy, ctx, 'request.read', s);
      const mayNote = ctx.actor === 'system' || requestsPolicy.can(ctx.actor, 'request.note', s);
      const [events, notes, messages, organ, unit, cal, repeat] = await Promise.all([
        repo.events(db, r.id),
        mayNote ? repo.notes(db, r.id, ['note']) : Promise.resolve([]),
        repo.notes(db, r.id, ['message']),
        organs.byId(r.organ_id),
        r.unit_id === null ? Promise.resolve(undefined) : organs.unitById(r.unit_id),
        ext.calendar.calendar(),
        r.repeat_of_id === null ? Promise.resolve(undefined) : repo.byId(db, r.repeat_of_id),
      ]);
      const clockEvents = events.flatMap((e) => (e.clock ? [e.clock] : []));
      const c = computeClock({ rules: r.rules === '2008' ? '2008' : '2019', received: r.received_on, events: clockEvents }, cal, {
        receipt: true,
      });
      return {
        reference: r.reference,
        organ: { code: organ?.code ?? '', name: organ?.name ?? '' },
        state: r.state,
        stateLabel: STATE_LABELS[r.state],
        channel: r.channel,
        channelLabel: labelOf(CHANNELS, r.channel),
        receivedOn: r.received_on,
        receivedRule: r.received_rule,
        rules: r.rules,
        applicant: {
          type: r.applicant_type,
          name: r.applicant_name,
          contactPerson: r.contact_person,
          idType: r.id_type,
          idNumberMasked: r.id_masked,
          phone: r.phone,
          email: r.email,
          address: r.address,
        },
        information: {
          title: r.info_title,
          docNumber: r.info_doc_number,
          description: r.info_description,
          formWanted: r.form_wanted,
          delivery: r.delivery,
        },
        unit: unit ? { id: Number(unit.id), name: unit.name } : null,
        repeatOf: repeat?.reference ?? null,
        due: {
          replyDue: r.reply_due,
          correctionDue: r.correction_due,
          awaiting: r.awaiting,
          ...(await flags(r.reply_due, r.state)),
        },
        decision: {
          outcome: r.outcome,
          legalGround: r.legal_ground,
          releasedParts: r.released_parts,
          withheldParts: r.withheld_parts,
          decidedAt: r.decided_at,
          approvedAt: r.approved_at,
        },
        repliedOn: r.replied_on,
        replyMethod: r.reply_method,
        closedOn: r.closed_on,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        version: r.version,
        events: events.map((e) => ({
          at: e.at,
          on: e.on_date,
          action: e.action,
          from: e.from_state,
          to: e.to_state,
          actorName: e.actor_name,
          note: e.note,
          clock: e.clock,
          data: e.data,
        })),
        messages: messages.map((n) => ({ at: n.at, body: n.body })),
        notes: notes.map((n) => ({ at: n.at, authorName: n.author_name, body: n.body })),
        clock: c,
      };
    },
  };
}

export type RequestApiQueries = ReturnType<typeof createRequestApiQueries>;
