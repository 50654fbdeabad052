// Use cases of requests for disclosure: intake (public and staff), the handling workflow, the
// decision, notes and messages, and the due dates derived by the legal clock from the history.
// Each staff action: policy, then the workflow table, then one transaction that changes the case,
// appends its history event, recomputes its due dates and writes the audit record.
//
// Date of receipt (Art 31; norms.md §1.4; 国办公开办函〔2015〕207号):
//  - online: the system confirms at once (reference number and tracking link), which is the mutual
//    confirmation of Art 31; the date of receipt is the day of submission (China time) when that is
//    a working day and the request arrives before 17:30, else the next working day.
//  - in person (窗口): the day it is handed in (提交之日).
//  - registered post / express mail: the day the organ signs for it (签收之日).
//  - ordinary post and fax: the day the office confirms receipt with the applicant (双方确认之日).
//  - e-mail to the published address: the day the mail system receives it (207号).
//  Staff enter that date; it may not be in the future.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit.js';
import { chinaDate } from '../../platform/clock.js';
import { authorize, type Ctx } from '../../platform/context.js';
import { decryptPii, encryptPii, maskId } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/connect.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, conflict, invalid, notFound } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/policy.js';
import { parse } from '../../platform/validation.js';
import type { WorkingDayCalendar } from '../calendar/calendar.days.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import { computeFee, FEE_METHOD_LABEL, FeeInputError, type FeeResult } from '../letters/fees.js';
import { createOrganService, type OrganService } from '../organs/organs.service.js';
import { createSearchIndex } from '../search/search.index.js';
import { caseworkRepo } from './casework.repository.js';
import { setDueMany } from './requests.bulk.js';
import { type ClockEvent, type ClockResult, computeClock, REGULATION_2019_FROM, RULES, type Rules } from './requests.clock.js';
import { CHANNELS, type Channel, labelOf, type Outcome } from './requests.codes.js';
import { type RequestSubject, requestsPolicy } from './requests.policy.js';
import {
  type Patch,
  type RequestEventRow,
  type RequestNoteRow,
  type RequestRow,
  requestsRepo as repo,
} from './requests.repository.js';
import {
  ApplicationInput,
  AssignInput,
  DatedInput,
  DecideInput,
  DeferInput,
  ExtendInput,
  FeeInput,
  NoteInput,
  ReasonInput,
  ReplyInput,
  StaffIntakeInput,
  VersionInput,
} from './requests.schemas.js';
import { type Action, OPEN, STATE_LABELS, type State, type TransitionFacts, transition } from './requests.workflow.js';

export type { RequestEventRow, RequestNoteRow, RequestRow };

/** A transition the workflow refuses, with every reason. */
export class TransitionRefused extends AppError {
  constructor(readonly reasons: string[]) {
    super('conflict', reasons.join(' '));
  }
}

/** Office hours end (China time): an online request after this counts from the next working day. */
export const OFFICE_CLOSES = '17:30';
/** "Due soon": the reply is due within this many working days. */
export const DUE_SOON_DAYS = 5;
const STALE = '该申请已被他人修改，请刷新后重试。';
const PUBLIC_NAME = '申请人（网上提交）';

const pad5 = (n: number) => String(n).padStart(5, '0');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The characters that matter when comparing what two requests seek. */
function bigrams(s: string): Set<string> {
  const t = s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  if (t.length === 1) out.add(t);
  return out;
}
/** Dice similarity of the bigrams of two texts (0…1). */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let both = 0;
  for (const g of x) if (y.has(g)) both++;
  return (2 * both) / (x.size + y.size);
}
const SIMILAR = 0.6;

/** A refusal to be entered in the non-disclosure register: any withheld.* outcome, or a partial disclosure. */
export const isRefusal = (o: string): boolean => o.startsWith('withheld.') || o === 'partial';

/** HMAC of an identity document (type and normalised number): finds repeated requests without decrypting. */
export function applicantIdHash(secret: string, type: string, number: string): string {
  return createHmac('sha256', secret)
    .update(`gongkai:id:${type}:${number.normalize('NFKC').replace(/\s+/g, '').toUpperCase()}`)
    .digest('hex');
}

export const sought = (r: { info_title: string | null; info_doc_number: string | null; info_description: string }) =>
  [r.info_title, r.info_doc_number, r.info_description].filter(Boolean).join(' ');

/** The Regulation in force on the date of receipt. */
export const rulesFor = (receivedOn: string): Rules => (receivedOn >= REGULATION_2019_FROM ? '2019' : '2008');

/** The date of receipt of an online request submitted at `at` (see the header). */
export function onlineReceiptDate(cal: WorkingDayCalendar, at: Date): { date: string; rule: string } {
  const day = chinaDate(at);
  const time = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  if (!cal.isWorkingDay(day))
    return { date: cal.nextWorkingDay(day), rule: `网上提交于 ${day}（非工作日），以下一个工作日为收到申请之日。` };
  if (time >= OFFICE_CLOSES)
    return {
      date: cal.nextWorkingDay(day),
      rule: `网上提交于 ${day} ${time}（下班时间 ${OFFICE_CLOSES} 之后），以下一个工作日为收到申请之日。`,
    };
  return { date: day, rule: `网上提交于 ${day} ${time}，系统当即确认，提交之日为收到申请之日。` };
}

const STAFF_RULES: Record<Exclude<Channel, 'online'>, string> = {
  in_person: '当面提交，提交之日为收到申请之日（条例第三十一条第一项）。',
  registered_post: '挂号信、特快专递，本机关签收之日为收到申请之日（条例第三十一条第二项）。',
  post: '平常信函，与申请人确认之日为收到申请之日（条例第三十一条第三项）。',
  fax: '传真，双方确认之日为收到申请之日（条例第三十一条第四项）。',
  email: '发送至本机关公布的电子邮箱，邮件系统收到之日为收到申请之日（国办公开办函〔2015〕207号）。',
};

export interface QueueItem {
  row: RequestRow;
  overdue: boolean;
  dueSoon: boolean;
}

export interface CaseView {
  row: RequestRow;
  organName: string;
  unitName: string | null;
  /** The identity document number, unmasked only for handling staff; else the masked form. */
  idNumber: string;
  idUnmasked: boolean;
  events: RequestEventRow[];
  notes: RequestNoteRow[];
  messages: RequestNoteRow[];
  clock: ClockResult;
  repeatOf: { id: number; reference: string } | null;
  can: { handle: boolean; note: boolean; approve: boolean; extend: boolean };
}

export interface TrackView {
  reference: string;
  organName: string;
  state: State;
  stateLabel: string;
  receivedOn: string;
  replyDue: string | null;
  /** What the case waits for from the applicant, and until when (correction). */
  awaiting: string | null;
  correctionDue: string | null;
  repliedOn: string | null;
  closedOn: string | null;
  outcome: Outcome | null;
  applicantName: string;
  idMasked: string;
  infoDescription: string;
  messages: Array<{ at: string; body: string }>;
  steps: Array<{ on: string; label: string }>;
}

export interface RequestServiceDeps {
  calendar: CalendarService;
  organs?: OrganService;
  /** In the transaction that registers a request, with its private tracking token (e.g. the e-mail to the applicant). */
  onCreated?: (tx: Tx, row: RequestRow, token: string, at: Date) => Promise<void>;
}

export function createRequestService(deps: Deps, ext: RequestServiceDeps) {
  const { db, clock, config } = deps;
  const organs = ext.organs ?? createOrganService(deps);
  const today = () => chinaDate(clock.now());
  const search = createSearchIndex(db, deps.dialect);

  const idHash = (type: string, number: string) => applicantIdHash(config.secret, type, number);

  async function mustGet(id: number): Promise<RequestRow> {
    const r = Number.isSafeInteger(id) ? await repo.byId(db, id) : undefined;
    if (!r) throw notFound('申请不存在。');
    return r;
  }

  async function subjectOf(r: { organ_id: number; unit_id: number | null }): Promise<RequestSubject> {
    const unit = r.unit_id === null ? undefined : await organs.unitById(r.unit_id);
    return { organId: r.organ_id, unitId: r.unit_id, unitLiaisonId: unit?.liaison_user_id ?? null };
  }
  const can = (ctx: Ctx, action: Parameters<typeof requestsPolicy.can>[1], s: RequestSubject) =>
    ctx.actor === 'system' || requestsPolicy.can(ctx.actor, action, s as never);

  function clockOf(r: Pick<RequestRow, 'rules' | 'received_on'>, events: ClockEvent[], cal: WorkingDayCalendar, receipt = true) {
    return computeClock({ rules: r.rules === '2008' ? '2008' : '2019', received: r.received_on, events }, cal, { receipt });
  }

  /** What is stored from the clock: the reply due date, the correction date that matters now, and what is awaited. */
  function dueOf(c: ClockResult, events: readonly ClockEvent[]) {
    const correctionAsked = events.some((e) => e.type === 'correction_requested');
    return {
      reply_due: c.replyDue,
      // while awaiting a correction: the deadline the notice gave; before any notice: the date by
      // which a correction notice must be sent (2019 Art 30); otherwise none
      correction_due:
        c.awaiting === 'correction' ? (c.correctionDeadline ?? null) : correctionAsked ? null : c.correctionNoticeDue,
      awaiting: c.awaiting,
    };
  }

  /** `cal` is read before the transaction: on SQLite the transaction holds the only connection. */
  async function recompute(tx: Tx, id: number, cal: WorkingDayCalendar) {
    const r = (await repo.byId(tx, id)) as RequestRow;
    const events = (await repo.clockEvents(tx, [id])).get(id) ?? [];
    const due = OPEN.includes(r.state)
      ? dueOf(clockOf(r, events, cal, false), events)
      : { reply_due: r.reply_due, correction_due: null, awaiting: null };
    await repo.setDue(tx, id, due);
  }

  async function audit(
    tx: Tx,
    ctx: Ctx,
    at: Date,
    r: { id: number; organ_id: number },
    action: string,
    before: unknown,
    after: unknown,
  ) {
    await recordAudit(tx, deps, ctx.audit, at, {
      action: `request.${action}`,
      subjectType: 'request',
      subjectId: r.id,
      organId: r.organ_id,
      before,
      after,
    });
  }

  async function addEvent(
    tx: Tx,
    ctx: Ctx,
    r: { id: number },
    at: Date,
    e: {
      action: string;
      from: string | null;
      to: string;
      on?: string;
      clock?: ClockEvent | null;
      note?: string | null;
      data?: unknown;
    },
  ) {
    await repo.addEvent(tx, {
      request_id: r.id,
      at: at.toISOString(),
      on_date: e.on ?? chinaDate(at),
      actor_user_id: ctx.audit.userId,
      actor_name: ctx.audit.name,
      action: e.action,
      from_state: e.from,
      to_state: e.to,
      clock: e.clock ?? null,
      note: e.note ?? null,
      data: e.data,
    });
  }

  async function addNoteRow(tx: Tx, ctx: Ctx, id: number, kind: 'note' | 'message', body: string, at: Date) {
    await repo.addNote(tx, {
      request_id: id,
      kind,
      body,
      at: at.toISOString(),
      author_user_id: ctx.audit.userId,
      author_name: ctx.audit.name,
    });
  }

  async function baseFacts(ctx: Ctx, r: RequestRow): Promise<TransitionFacts> {
    const events = (await repo.clockEvents(db, [r.id])).get(r.id) ?? [];
    const set = RULES[r.rules === '2008' ? '2008' : '2019'];
    return {
      actor: ctx.actor === 'system' ? 'system' : { userId: ctx.actor.userId, roles: ctx.actor.roles },
      deciderId: r.decided_by,
      outcome: r.outcome,
      legalGround: r.legal_ground,
      releasedParts: r.released_parts,
      withheldParts: r.withheld_parts,
      today: today(),
      maxExtension: set.maxExtension,
      extendedBefore: events.some((e) => e.type === 'extended'),
      correctionOnce: set.correctionOnce,
      correctionRequestedBefore: events.some((e) => e.type === 'correction_requested'),
    };
  }

  interface Step {
    action: Action;
    version: number;
    facts?: Partial<TransitionFacts>;
    patch?: Patch;
    on?: string;
    clock?: ClockEvent | null;
    note?: string | null;
    data?: unknown;
    /** Text addressed to the applicant, shown on the tracking page. */
    message?: string | null;
    /** More writes of the same change, in its transaction (register entry, fee record). */
    after?: (tx: Tx, row: RequestRow, at: Date) => Promise<void>;
  }

  /** A dated step must fall between the date of receipt and today. */
  function checkOn(r: RequestRow, on: string, field = 'on') {
    if (on > today()) throw invalid('请检查标出的项目。', { [field]: '日期不能晚于今天。' });
    if (on < r.received_on) throw invalid('请检查标出的项目。', { [field]: `日期不能早于收到申请之日（${r.received_on}）。` });
  }

  /**
   * A dated handling step (correction, consultation, fee): the handler's permission, the date
   * between receipt and today, then the step with the date, the version and the reason as note.
   */
  async function datedStep(
    ctx: Ctx,
    id: number,
    input: unknown,
    build: (v: ReturnType<typeof DatedInput.parse>, r: RequestRow) => Omit<Step, 'version' | 'on'>,
  ) {
    const r = await mustGet(id);
    authorize(requestsPolicy, ctx, 'request.handle', await subjectOf(r));
    const v = parse(DatedInput, input);
    checkOn(r, v.on);
    return step(ctx, r, { version: v.version, on: v.on, note: v.reason, ...build(v, r) });
  }

  async function step(ctx: Ctx, r: RequestRow, s: Step): Promise<RequestRow> {
    const at = clock.now();
    const res = transition(r.state, s.action, { ...(await baseFacts(ctx, r)), ...s.facts });
    if (!res.ok) throw new TransitionRefused(res.reasons);
    if (s.version !== r.version) throw conflict(STALE);
    const cal = await ext.calendar.calendar();
    return inTransaction(db, async (tx) => {
      const patch: Patch = { ...s.patch, state: res.to };
      if (!(await repo.update(tx, r.id, s.version, patch, at.toISOString(), r.state))) throw conflict(STALE);
      await addEvent(tx, ctx, r, at, {
        action: s.action,
        from: r.state,
        to: res.to,
        ...(s.on ? { on: s.on } : {}),
        clock: s.clock ?? null,
        note: s.note ?? null,
        data: s.data,
      });
      if (s.message) await addNoteRow(tx, ctx, r.id, 'message', s.message, at);
      await recompute(tx, r.id, cal);
      const row = (await repo.byId(tx, r.id)) as RequestRow;
      if (s.after) await s.after(tx, row, at);
      await audit(
        tx,
        ctx,
        at,
        r,
        s.action,
        { state: r.state, version: r.version, reply_due: r.reply_due },
        { ...patch, reply_due: row.reply_due, ...(s.clock ? { clock: s.clock } : {}), ...(s.note ? { note: s.note } : {}) },
      );
      return row;
    });
  }

  /** 不予公开备案 (seed 四(二)): a refusal, or the withheld part of a partial disclosure, on reply. */
  async function registerRefusal(tx: Tx, row: RequestRow, at: Date) {
    if (!row.outcome || !isRefusal(row.outcome) || !row.replied_on) return;
    await caseworkRepo.addNondisclosure(tx, {
      request_id: row.id,
      organ_id: row.organ_id,
      reference: row.reference,
      information: sought(row),
      ground: row.outcome,
      legal_ground: row.legal_ground ?? '',
      withheld_parts: row.withheld_parts,
      approved_by: row.approved_by,
      approver_name: await caseworkRepo.userName(tx, row.approved_by),
      decided_on: row.replied_on,
      year: Number(row.replied_on.slice(0, 4)),
      created_at: at.toISOString(),
    });
  }

  /** Creates a case: reference number, tracking token, repeat flag, first event, due dates, audit. */
  async function create(
    ctx: Ctx,
    organId: number,
    v: ApplicationInput,
    channel: Channel,
    received: { date: string; rule: string },
  ): Promise<{ row: RequestRow; token: string }> {
    const organ = await organs.byId(organId);
    if (!organ) throw notFound('机关不存在。');
    const at = clock.now();
    const token = randomBytes(24).toString('base64url');
    const idNumber = v.idNumber.normalize('NFKC').replace(/\s+/g, '');
    const hash = idHash(v.idType, idNumber);
    const earlier = await repo.byApplicant(db, organId, hash);
    const text = sought({ info_title: v.infoTitle, info_doc_number: v.infoDocNumber, info_description: v.infoDescription });
    const repeat =
      earlier.find(
        (e) =>
          (v.infoDocNumber !== null && e.info_doc_number !== null && e.info_doc_number === v.infoDocNumber) ||
          similarity(sought(e), text) >= SIMILAR,
      ) ?? null;
    const year = Number(received.date.slice(0, 4));
    const cal = await ext.calendar.calendar();
    return inTransaction(db, async (tx) => {
      const serial = await repo.nextSerial(tx, organId, year);
      const reference = `${organ.code}-${year}-${pad5(serial)}`;
      const id = await repo.insert(
        tx,
        {
          organ_id: organId,
          reference,
          tracking_hash: sha256(token),
          channel,
          received_on: received.date,
          received_rule: received.rule,
          rules: rulesFor(received.date),
          state: 'registered',
          applicant_type: v.applicantType,
          applicant_name: v.applicantName,
          contact_person: v.contactPerson,
          id_type: v.idType,
          id_number_enc: encryptPii(config.secret, idNumber),
          id_hash: hash,
          id_masked: maskId(idNumber),
          phone: v.phone,
          email: v.email,
          address: v.address,
          info_title: v.infoTitle,
          info_doc_number: v.infoDocNumber,
          info_description: v.infoDescription,
          form_wanted: v.formWanted,
          delivery: v.delivery,
          unit_id: null,
          handler_user_id: null,
          repeat_of_id: repeat?.id ?? null,
          reply_due: null,
          correction_due: null,
          awaiting: null,
          outcome: null,
          legal_ground: null,
          released_parts: null,
          withheld_parts: null,
          decision_note: null,
          decided_by: null,
          decided_at: null,
          approved_by: null,
          approved_at: null,
          replied_on: null,
          reply_method: null,
          closed_on: null,
        },
        at.toISOString(),
      );
      await addEvent(tx, ctx, { id }, at, {
        action: 'register',
        from: null,
        to: 'registered',
        on: received.date,
        note: received.rule,
        data: { channel, ...(repeat ? { repeatOf: repeat.reference } : {}) },
      });
      await recompute(tx, id, cal);
      const row = (await repo.byId(tx, id)) as RequestRow;
      await audit(tx, ctx, at, row, 'register', undefined, {
        reference,
        channel,
        received_on: received.date,
        applicant_type: v.applicantType,
        id_masked: row.id_masked,
        repeat_of: repeat?.reference ?? null,
      });
      if (ext.onCreated) await ext.onCreated(tx, row, token, at);
      return { row, token };
    });
  }

  const publicCtx = (ip: string | null, requestId: string | null): Ctx => ({
    actor: 'system',
    audit: { userId: null, name: PUBLIC_NAME, organId: null, requestId, ip },
  });

  return {
    /** Checks the Art 29 form without saving (to show every problem at once). */
    async validateApplication(input: unknown): Promise<void> {
      parse(ApplicationInput, input);
    },

    /** Art 29: a request submitted on the public form (no session; captcha and rate limit are the route's). */
    async submitOnline(
      organId: number,
      input: unknown,
      meta: { ip: string | null; requestId: string | null },
    ): Promise<{ row: RequestRow; token: string }> {
      const v = parse(ApplicationInput, input);
      const received = onlineReceiptDate(await ext.calendar.calendar(), clock.now());
      return create(publicCtx(meta.ip, meta.requestId), organId, v, 'online', received);
    },

    /** A request received by another channel, registered by the office (Art 31 date rules). */
    async registerByStaff(ctx: Ctx, organId: number, input: unknown): Promise<{ row: RequestRow; token: string }> {
      authorize(requestsPolicy, ctx, 'request.handle', { organId, unitId: null, unitLiaisonId: null });
      const b = (input ?? {}) as Record<string, unknown>;
      const fields: Record<string, string> = {};
      const a = ApplicationInput.safeParse(b);
      const c = StaffIntakeInput.safeParse(b);
      for (const r of [a, c]) if (!r.success) for (const i of r.error.issues) fields[i.path.join('.') || '_'] ??= i.message;
      const date = typeof b.receivedDate === 'string' ? b.receivedDate.trim() : '';
      if (!fields.receivedDate && date > today()) fields.receivedDate = '收到申请之日不能晚于今天。';
      if (!a.success || !c.success || Object.keys(fields).length) throw invalid('请检查标出的项目。', fields);
      return create(ctx, organId, a.data, c.data.channel, { date: c.data.receivedDate, rule: STAFF_RULES[c.data.channel] });
    },

    /** The applicant's view through the private link: never staff notes, never the unmasked number. */
    async track(token: string): Promise<TrackView | undefined> {
      if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
      const r = await repo.byTrackingHash(db, sha256(token));
      if (!r) return undefined;
      const organ = await organs.byId(r.organ_id);
      const [messages, events] = await Promise.all([repo.notes(db, r.id, ['message']), repo.events(db, r.id)]);
      const shown: Partial<Record<string, string>> = {
        register: '收到申请并登记',
        request_correction: '告知补正',
        receive_correction: '收到补正材料',
        start_consultation: '征求第三方或有关机关意见',
        end_consultation: '征求意见结束',
        send_fee_notice: '发出收费通知',
        record_payment: '缴费已登记',
        extend: '延期答复',
        defer: '另行确定答复期限',
        reply: '已答复',
        close: '已办结',
        withdraw: '申请已撤回',
      };
      return {
        reference: r.reference,
        organName: organ?.name ?? '',
        state: r.state,
        stateLabel: STATE_LABELS[r.state],
        receivedOn: r.received_on,
        replyDue: OPEN.includes(r.state) ? r.reply_due : null,
        awaiting: OPEN.includes(r.state) ? r.awaiting : null,
        correctionDue: r.awaiting === 'correction' ? r.correction_due : null,
        repliedOn: r.replied_on,
        closedOn: r.closed_on,
        outcome: r.state === 'replied' || r.state === 'closed' ? r.outcome : null,
        applicantName: r.applicant_name,
        idMasked: r.id_masked,
        infoDescription: r.info_description,
        messages: messages.map((n) => ({ at: n.at, body: n.body })),
        steps: events.flatMap((e) => {
          const label = shown[e.action];
          return label ? [{ on: e.on_date, label }] : [];
        }),
      };
    },

    /** The office's queue: open cases first by reply due date, with overdue and due-soon flags. */
    async queue(ctx: Ctx, f: { organId?: number; state?: string; unitId?: number } = {}): Promise<QueueItem[]> {
      const actor = ctx.actor === 'system' ? null : ctx.actor;
      const organId = f.organId ?? actor?.organId;
      if (organId === undefined) throw invalid('请指定机关。');
      authorize(requestsPolicy, ctx, 'request.queue', { organId });
      const states: State[] =
        f.state === 'all'
          ? []
          : f.state && (OPEN as string[]).concat(['replied', 'closed', 'withdrawn']).includes(f.state)
            ? [f.state as State]
            : [...OPEN];
      let unitIds: number[] | undefined = f.unitId ? [f.unitId] : undefined;
      if (actor && !requestsPolicy.can(actor, 'request.handle', { organId, unitId: null, unitLiaisonId: null })) {
        const isReader = actor.roles.includes('leader') || actor.roles.includes('supervisor');
        if (!isReader) {
          // a liaison sees the cases of the units they serve
          const mine = (await organs.units(organId)).filter((u) => u.liaison_user_id === actor.userId).map((u) => u.id);
          unitIds = unitIds ? unitIds.filter((u) => mine.includes(u)) : mine;
        }
      }
      const rows = await repo.queue(db, organId, { states, unitIds });
      const cal = await ext.calendar.calendar();
      const t = today();
      const soon = cal.addWorkingDays(t, DUE_SOON_DAYS);
      return rows.map((row) => {
        const open = OPEN.includes(row.state);
        const overdue = open && row.reply_due !== null && row.reply_due < t;
        return { row, overdue, dueSoon: open && !overdue && row.reply_due !== null && row.reply_due <= soon };
      });
    },

    /** The case page: history, clock receipt, notes and messages; the unmasked number only for handlers. */
    async view(ctx: Ctx, id: number): Promise<CaseView> {
      const r = await mustGet(id);
      const s = await subjectOf(r);
      authorize(requestsPolicy, ctx, 'request.read', s);
      const identity = can(ctx, 'request.identity', s);
      const [events, notes, messages, organ, unit, cal] = await Promise.all([
        repo.events(db, r.id),
        repo.notes(db, r.id, ['note']),
        repo.notes(db, r.id, ['message']),
        organs.byId(r.organ_id),
        r.unit_id === null ? Promise.resolve(undefined) : organs.unitById(r.unit_id),
        ext.calendar.calendar(),
      ]);
      const clockEvents = events.flatMap((e) => (e.clock ? [e.clock] : []));
      const repeat = r.repeat_of_id === null ? undefined : await repo.byId(db, r.repeat_of_id);
      if (identity && ctx.actor !== 'system') {
        // reading a personal identifier is itself recorded
        await inTransaction(db, (tx) => audit(tx, ctx, clock.now(), r, 'identity_viewed', undefined, { reference: r.reference }));
      }
      return {
        row: r,
        organName: organ?.name ?? '',
        unitName: unit?.name ?? null,
        idNumber: identity ? decryptPii(config.secret, r.id_number_enc) : r.id_masked,
        idUnmasked: identity,
        events,
        notes: can(ctx, 'request.note', s) ? notes : [],
        messages,
        clock: clockOf(r, clockEvents, cal),
        repeatOf: repeat ? { id: repeat.id, reference: repeat.reference } : null,
        can: {
          handle: can(ctx, 'request.handle', s),
          note: can(ctx, 'request.note', s),
          approve: can(ctx, 'request.approve', s),
          extend: can(ctx, 'request.extend', s),
        },
      };
    },

    units: (organId: number) => organs.units(organId),

    // --- handling ----------------------------------------------------------------------------

    async assign(ctx: Ctx, id: number, input: unknown) {
      const r = await mustGet(id);
      authorize(requestsPolicy, ctx, 'request.handle', await subjectOf(r));
      const v = parse(AssignInput, input);
      const unit = await organs.unitById(v.unitId);
      if (!unit || unit.organ_id !== r.organ_id) throw invalid('请检查标出的项目。', { unitId: '处室不存在。' });
      return step(ctx, r, {
        action: 'assign',
        version: v.version,
        patch: { unit_id: unit.id, handler_user_id: unit.liaison_user_id },
        note: v.note,
        data: { unit: unit.name },
      });
    },

    requestCorrection: (ctx: Ctx, id: number, input: unknown) =>
      datedStep(ctx, id, input, (v) => {
        if (v.deadline !== null && v.deadline <= v.on)
          throw invalid('请检查标出的项目。', { deadline: '补正期限须晚于告知之日。' });
        return {
          action: 'request_correction',
          facts: { reason: v.reason },
          clock: { type: 'correction_requested', on: v.on, ...(v.deadline ? { deadline: v.deadline } : {}) },
          message: `补正告知：${v.reason ?? ''}${v.deadline ? `（请于 ${v.deadline} 前补正）` : ''}`,
        };
      }),

    receiveCorrection: (ctx: Ctx, id: number, input: unknown) =>
      datedStep(ctx, id, input, (v) => ({ action: 'receive_correction', clock: { type: 'correction_received', on: v.on } })),

    startConsultation: (ctx: Ctx, id: number, input: unknown) =>
      datedStep(ctx, id, input, (v) => ({
        action: 'start_consultation',
        facts: { reason: v.reason },
        clock: { type: 'consultation_started', on: v.on, party: v.party ?? 'third_party' },
      })),

    endConsultation: (ctx: Ctx, id: number, input: unknown) =>
      datedStep(ctx, id, input, (v) => ({ action: 'end_consultation', clock: { type: 'consultation_ended', on: v.on } })),

    /** The fee notice (amounts are computed by the fees module; here: its date and text). */
    sendFeeNotice: (ctx: Ctx, id: number, input: unknown) =>
      datedStep(ctx, id, input, (v) => ({
        action: 'send_fee_notice',
        facts: { reason: v.reason },
        clock: { type: 'fee_notice_sent', on: v.on },
        message: `收费通知：${v.reason ?? ''}`,
      })),

    /**
     * The 信息处理费 of a case (国办函〔2020〕109号): computed by the fees module per request per
     * calendar month (the applicant's earlier requests to this organ that month count) or per page,
     * never both. An amount due sends the fee notice (the clock pauses until payment); nothing due
     * (free band, before 2021, or waived with a reason) is recorded without a notice.
     */
    async assessFee(ctx: Ctx, id: number, input: unknown) {
      const r = await mustGet(id);
      authorize(requestsPolicy, ctx, 'request.handle', await subjectOf(r));
      const v = parse(FeeInput, input);
      checkOn(r, v.on);
      const prior =
        v.method === 'per_request' ? await caseworkRepo.priorItemsInMonth(db, r.organ_id, r.id_hash, r.received_on, r.id) : 0;
      let result: FeeResult;
      try {
        result = computeFee(
          v.method === 'per_request'
            ? {
                method: 'per_request',
                on: v.on,
                items: v.quantity,
                priorItemsThisMonth: prior,
                waiver: v.waiverReason ? { reason: v.waiverReason } : undefined,
              }
            : {
                method: 'per_page',
                on: v.on,
                pages: v.quantity,
                waiver: v.waiverReason ? { reason: v.waiverReason } : undefined,
              },
        );
      } catch (err) {
        if (err instanceof FeeInputError) throw invalid('请检查标出的项目。', { quantity: err.message });
        throw err;
      }
      if (result.amountYuan > 0 && !v.howToPay) throw invalid('请检查标出的项目。', { howToPay: '请写明缴费方式。' });
      const record = (tx: Tx, at: Date) =>
        caseworkRepo.addFee(tx, {
          request_id: r.id,
          organ_id: r.organ_id,
          method: v.method,
          quantity: v.quantity,
          prior_items: prior,
          computed_yuan: result.computedYuan,
          amount_yuan: result.amountYuan,
          waived_reason: result.waived?.reason ?? null,
          result,
          how_to_pay: v.howToPay,
          assessed_on: v.on,
          paid_on: null,
          created_at: at.toISOString(),
          created_by: ctx.audit.userId,
        });
      if (result.amountYuan > 0) {
        const lines = result.breakdown.map((l) => l.label).join('；');
        return step(ctx, r, {
          action: 'send_fee_notice',
          version: v.version,
          facts: { reason: `${lines}；合计 ${result.amountYuan} 元` },
          on: v.on,
          clock: { type: 'fee_notice_sent', on: v.on },
          note: `${FEE_METHOD_LABEL[v.method]}：${lines}；合计 ${result.amountYuan} 元`,
          data: { amountYuan: result.amountYuan, method: v.method },
          message: `收费通知：${FEE_METHOD_LABEL[v.method]}，${lines}，合计应缴纳 ${result.amountYuan} 元。缴费方式：${v.howToPay ?? ''}`,
          after: (tx, _row, at) => record(tx, at),
        });
      }
      if (v.version !== r.version) throw conflict(STALE);
      const at = clock.now();
      await inTransaction(db, async (tx) => {
        await record(tx, at);
        await audit(tx, ctx, at, r, 'fee_assessed', undefined, {
          method: v.method,
          quantity: v.quantity,
          computedYuan: result.computedYuan,
          amountYuan: 0,
          waived: result.waived?.reason ?? null,
        });
      });
      return r;
    },

    /** Fees of a case, as assessed. */
    fees: (id: number) => caseworkRepo.fees(db, id),

    /** The annual report's request figures of a year (received per channel, closed, on time,
     * extended, overdue): public figures, no actor needed. */
    yearFigures(organId: number, year: number) {
      const today = chinaDate(clock.now());
      const nextYear = `${year + 1}-01-01`;
      return repo.yearFigures(db, organId, year, today < nextYear ? today : nextYear);
    },

    /** Section 六 of the annual report: the fees collected (paid) by an organ in a calendar year, in yuan. */
    feesCollected: (organId: number, year: number) => caseworkRepo.collected(db, organId, year),

    recordPayment: (ctx: Ctx, id: number, input: unknown) =>
      datedStep(ctx, id, input, (v, r) => ({
        action: 'record_payment',
        clock: { type: 'fee_paid', on: v.on },
        after: (tx) => caseworkRepo.markPaid(tx, r.id, v.on),
      })),

    /** Art 33: extension with the office head's consent; the notice goes to the applicant. */
    async extend(ctx: Ctx, id: number, input: unknown) {
      const r = await mustGet(id);
      authorize(requestsPolicy, ctx, 'request.extend', await subjectOf(r));
      const v = parse(ExtendInput, input);
      checkOn(r, v.on);
      return step(ctx, r, {
        action: 'extend',
        version: v.version,
        facts: { workingDays: v.workingDays, reason: v.reason },
        on: v.on,
        clock: { type: 'extended', on: v.on, workingDays: v.workingDays },
        note: v.reason,
        message: `延期答复告知：经本机关政府信息公开工作机构负责人同意，答复期限延长 ${v.workingDays} 个工作日。理由：${v.reason ?? ''}`,
      });
    },

    /** Art 35: a deferred deadline for an excessive request, with the reason told to the applicant. */
    async defer(ctx: Ctx, id: number, input: unknown) {
      const r = await mustGet(id);
      authorize(requestsPolicy, ctx, 'request.handle', await subjectOf(r));
      const v = parse(DeferInput, input);
      checkOn(r, v.on);
      return step(ctx, r, {
        action: 'defer',
        version: v.version,
        facts: { until: v.until, reason: v.reason },
        on: v.on,
        clock: { type: 'deferred', on: v.on, until: v.until, reason: v.reason ?? '' },
        note: v.reason,
        message: `答复期限另行确定为 ${v.until}。理由：${v.reason ?? ''}`,
      });
    },

    async startDrafting(ctx: Ctx, id: number, input: unknown) {
      const r = await mustGet(id);
      authorize(requestsPolicy, ctx, 'request.handle', await subjectOf(r));
      const v = parse(VersionInput, input);
      return step(ctx, r, { action: 'draft', version: v.version });
    },

    /** The decision: one outcome code, the legal ground, the released and withheld parts. */
    async decide(ctx: Ctx, id: number, input: unknown) {
      const r = await mustGet(id);
      authorize(requestsPolicy, ctx, 'request.handle', await subjectOf(r));
      const v = parse(DecideInput, input);
      const outcome = v.outcome as Outcome;
      const partial = outcome === 'partial';
      const decision = {
        outcome,
        legal_ground: v.legalGround,
        released_parts: partial ? v.releasedParts : null,
        withheld_parts: partial ? v.withheldParts : null,
        decision_note: v.decisionNote,
      };
      return step(ctx, r, {
        action: 'decide',
        version: v.version,
        facts: { outcome, legalGround: v.legalGround, releasedParts: v.releasedParts, withheldParts: v.withheldParts },
        patch: {
          ...decision,
          decided_by: ctx.audit.userId,
          decided_at: clock.now().toISOString(),
          approved_by: null,
          approved_at: null,
        },
        data: decision,
      });
    },

    async approve(ctx: Ctx, id: number, input: unknown) {
      const r = await mustGet(id);
      authorize(requestsPolicy, ctx, 'request.approve', await subjectOf(r));
      const v = parse(VersionInput, input);
      return step(ctx, r, {
        action: 'approve',
        version: v.version,
        patch: { approved_by: ctx.audit.userId, approved_at: clock.now().toISOString() },
        data: { outcome: r.outcome },
      });
    },

    async returnDecision(ctx: Ctx, id: number, input: unknown) {
      const r = await mustGet(id);
      authorize(requestsPolicy, ctx, 'request.approve', await subjectOf(r));
      const v = parse(ReasonInput, input);
      return step(ctx, r, {
        action: 'return',
        version: v.version,
        facts: { reason: v.reason },
        patch: { approved_by: null, approved_at: null },
        note: v.reason,
      });
    },

    /** Records the reply sent (the letter itself is generated by the letters module). */
    async reply(ctx: Ctx, id: number, input: unknown) {
      const r = await mustGet(id);
      authorize(requestsPolicy, ctx, 'request.handle', await subjectOf(r));
      const v = parse(ReplyInput, input);
      if (v.repliedOn < r.received_on)
        throw invalid('请检查标出的项目。', { repliedOn: `答复日期不能早于收到申请之日（${r.received_on}）。` });
      return step(ctx, r, {
        action: 'reply',
        version: v.version,
        facts: { repliedOn: v.repliedOn },
        on: v.repliedOn,
        patch: { replied_on: v.repliedOn, reply_method: v.method },
        data: { method: v.method, outcome: r.outcome },
        message: v.message ?? `本机关已于 ${v.repliedOn} 作出答复（${v.method}）。`,
        after: (tx, row, at) => registerRefusal(tx, row, at),
      });
    },

    /** Closes a replied case, or one abandoned: no correction (other.no_correction) or fee unpaid (other.fee_unpaid). */
    async close(ctx: Ctx, id: number, input: unknown) {
      const r = await mustGet(id);
      authorize(requestsPolicy, ctx, 'request.handle', await subjectOf(r));
      const v = parse(ReasonInput, input);
      const events = (await repo.clockEvents(db, [r.id])).get(r.id) ?? [];
      const c = clockOf(r, events, await ext.calendar.calendar(), false);
      const abandoned: Outcome | null =
        r.state === 'awaiting_correction' ? 'other.no_correction' : r.state === 'awaiting_fee' ? 'other.fee_unpaid' : null;
      const closableAfter =
        r.state === 'awaiting_correction'
          ? (c.correctionDeadline ?? null)
          : r.state === 'awaiting_fee'
            ? (c.feePaymentDue ?? null)
            : null;
      return step(ctx, r, {
        action: 'close',
        version: v.version,
        facts: { closableAfter },
        patch: { closed_on: today(), ...(abandoned ? { outcome: abandoned } : {}) },
        note: v.reason,
        data: { outcome: abandoned ?? r.outcome },
        ...(abandoned
          ? {
              message:
                abandoned === 'other.no_correction'
                  ? '您未在补正期限内补正，视为放弃申请，本机关不再处理该申请。'
                  : '您未在规定期限内缴纳信息处理费，视为放弃申请，本机关不再处理该申请。',
            }
          : {}),
      });
    },

    /** The applicant withdrew (recorded by staff); counted as `other.other` in the annual report. */
    async withdraw(ctx: Ctx, id: number, input: unknown) {
      const r = await mustGet(id);
      authorize(requestsPolicy, ctx, 'request.handle', await subjectOf(r));
      const v = parse(ReasonInput, input);
      return step(ctx, r, {
        action: 'withdraw',
        version: v.version,
        facts: { reason: v.reason },
        patch: { closed_on: today(), outcome: 'other.other' },
        note: v.reason,
      });
    },

    /**
     * Handles a closed case again (a reconsideration decision or a court ordered a new reply): the
     * decision is cleared and the closed episode's date and outcome are kept on the event, where
     * the annual report counts them (reports.table3.ts). The new time limit is the one the
     * decision sets: staff record it with 另行确定答复期限 (defer).
     */
    async reopen(ctx: Ctx, id: number, input: unknown) {
      const r = await mustGet(id);
      authorize(requestsPolicy, ctx, 'request.handle', await subjectOf(r));
      const v = parse(ReasonInput, input);
      return step(ctx, r, {
        action: 'reopen',
        version: v.version,
        facts: { reason: v.reason },
        patch: {
          closed_on: null,
          outcome: null,
          replied_on: null,
          reply_method: null,
          legal_ground: null,
          released_parts: null,
          withheld_parts: null,
          decided_by: null,
          decided_at: null,
          approved_by: null,
          approved_at: null,
        },
        note: v.reason,
        data: { closedOn: r.closed_on, outcome: r.outcome, repliedOn: r.replied_on },
      });
    },

    /** A staff-only note, or a message addressed to the applicant (shown on the tracking page). */
    async addNote(ctx: Ctx, id: number, input: unknown) {
      const r = await mustGet(id);
      const s = await subjectOf(r);
      const v = parse(NoteInput, input);
      authorize(requestsPolicy, ctx, v.kind === 'message' ? 'request.handle' : 'request.note', s);
      const at = clock.now();
      await inTransaction(db, async (tx) => {
        await addNoteRow(tx, ctx, r.id, v.kind, v.body, at);
        await audit(tx, ctx, at, r, v.kind === 'message' ? 'message' : 'note', undefined, {
          kind: v.kind,
          length: v.body.length,
        });
      });
    },

    /**
     * Recomputes the stored due dates of every open case (after a calendar change): returns how
     * many cases were looked at and how many changed. Derived data: no audit row per case.
     */
    async recomputeOpen(): Promise<{ checked: number; changed: number }> {
      const cal = await ext.calendar.calendar();
      let after = 0;
      let checked = 0;
      let changed = 0;
      for (;;) {
        const batch = await repo.openBatch(db, OPEN, after, 500);
        if (batch.length === 0) break;
        const events = await repo.clockEvents(
          db,
          batch.map((b) => b.id),
        );
        const updates: Array<{ id: number; due: ReturnType<typeof dueOf> }> = [];
        for (const b of batch) {
          const ev = events.get(b.id) ?? [];
          const due = dueOf(clockOf(b, ev, cal, false), ev);
          if (due.reply_due !== b.reply_due || due.correction_due !== b.correction_due || due.awaiting !== b.awaiting)
            updates.push({ id: b.id, due });
          after = b.id;
        }
        if (updates.length) {
          await inTransaction(db, async (tx) => {
            await setDueMany(tx, updates);
          });
        }
        checked += batch.length;
        changed += updates.length;
      }
      return { checked, changed };
    },

    channelLabel: (c: string) => labelOf(CHANNELS, c),

    /** Published items matching what the applicant is looking for (shown before they apply). */
    async findPublished(organId: number, q: string, limit = 10) {
      const text = q.trim().slice(0, 100);
      if (!text) return { total: 0, items: [] };
      const r = await search.search({ q: text, organId, limit });
      return { total: r.total, items: r.items.map((h) => ({ title: h.title, url: h.url, publishedOn: h.publishedOn })) };
    },
  };
}

export type RequestService = ReturnType<typeof createRequestService>;
export type { Actor };
