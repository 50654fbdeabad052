// Letters on cases: the reply letter and the notices (correction, extension, consultation, fee) are
// generated from the case's facts by the letters module and STORED as issued (request_letters), so a
// later change of templates never changes a letter the applicant has received. Staff preview, issue
// (audited), download (.docx), print, and record delivery; the applicant reads the issued letters
// addressed to them through the private tracking link. Also: the non-disclosure register (不予公开备案).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import { chinaDate } from '../../platform/clock.js';
import { authorize, type Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { invalid, notFound } from '../../platform/http/errors.js';
import { parse } from '../../platform/validation.js';
import type { FeeResult } from '../letters/fees.js';
import { isOutcomeCode } from '../letters/letters.outcomes.js';
import {
  buildLetter,
  type Letter,
  type Delivery as LetterDelivery,
  type LetterFacts,
  LetterFactsError,
  type LetterKind,
  NOTICE_KINDS,
  TEMPLATE_FOR_OUTCOME,
} from '../letters/letters.templates.js';
import type { OrganRow, OrganService } from '../organs/organs.service.js';
import { caseworkRepo, type LetterRow, type NondisclosureRow } from './casework.repository.js';
import { DELIVERIES, type Delivery } from './requests.codes.js';
import { type RequestSubject, requestsPolicy } from './requests.policy.js';
import { type RequestEventRow, type RequestRow, requestsRepo } from './requests.repository.js';

/** Stored instead of a letter for historical cases (before the 2019 templates). */
export const HISTORICAL_NOTE = '历史数据，未生成文书';

export const LETTER_KIND_LABELS: Record<'reply' | (typeof NOTICE_KINDS)[number], string> = {
  reply: '答复书（告知书）',
  correction: '补正告知书',
  extension: '延期答复告知书',
  consultation: '第三方意见征求书',
  fee_notice: '信息处理费收费通知书',
};

/** Letters addressed to someone other than the applicant (never shown on the tracking page). */
const NOT_FOR_APPLICANT = new Set<string>(['consultation']);

const DeliveryInput = z.object({
  method: z.enum(DELIVERIES.map(([c]) => c) as [Delivery, ...Delivery[]], {
    errorMap: () => ({ message: '请选择送达方式。' }),
  }),
  deliveredOn: z
    .string({ required_error: '请填写送达日期。' })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD。'),
  proof: z
    .string()
    .trim()
    .max(500, '不能超过 500 个字符。')
    .optional()
    .transform((v) => (v ? v : null)),
});

const IssueInput = z.object({
  kind: z.enum(['reply', ...NOTICE_KINDS], { errorMap: () => ({ message: '请选择文书种类。' }) }),
  letterNumber: z
    .string()
    .trim()
    .max(60)
    .optional()
    .transform((v) => (v ? v : undefined)),
  thirdParty: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type IssueKind = z.infer<typeof IssueInput>['kind'];

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const lines = (s: string | null) =>
  (s ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** 广西壮族自治区住房和城乡建设厅 → 广西壮族自治区人民政府 (the government at the organ's level). */
export function governmentOf(organName: string): string {
  const m = /^(.+?(?:自治区|自治州|自治县|省|市|盟|县|旗|区))/.exec(organName);
  return m ? `${m[1]}人民政府` : '本级人民政府';
}

function deliveryOf(r: RequestRow, organ: OrganRow): LetterDelivery {
  switch (r.delivery) {
    case 'email':
      return r.email ? { method: 'email', address: r.email } : { method: 'attached' };
    case 'mail':
      return r.address ? { method: 'mail', address: r.address } : { method: 'attached' };
    case 'pickup':
      return { method: 'pickup', place: organ.address ? `${organ.name}（${organ.address}）` : organ.name };
    default:
      return { method: 'online', where: '本机关政府信息公开申请查询链接' };
  }
}

/** The facts of a case for the letters module. */
export function factsOf(
  r: RequestRow,
  organ: OrganRow,
  events: RequestEventRow[],
  fee: { result: FeeResult; howToPay: string | null; noticeOn: string } | undefined,
  on: string,
  extra: {
    letterNumber?: string | undefined;
    thirdParty?: string | undefined;
    /** The earlier request this one repeats (declined.duplicate). */
    previous?: { reference: string; repliedOn: string } | undefined;
  } = {},
): LetterFacts {
  const last = (action: string) => [...events].reverse().find((e) => e.action === action);
  const correction = last('request_correction');
  const corrected = last('receive_correction');
  const extended = last('extend');
  const consulted = last('start_consultation');
  const withheld = lines(r.withheld_parts).map((l) => {
    const i = l.search(/[：:]/);
    return i > 0 ? { part: l.slice(0, i), reason: l.slice(i + 1) } : { part: l, reason: r.legal_ground ?? '' };
  });
  const wasConsulted = consulted?.clock?.type === 'consultation_started' && consulted.clock.party !== 'organ';
  return {
    organName: organ.name,
    letterDate: on,
    letterNumber: extra.letterNumber,
    reference: r.reference,
    applicant: { name: r.applicant_name, type: r.applicant_type },
    receivedOn: r.received_on,
    informationSought: r.info_title ?? r.info_description,
    outcome: r.outcome && isOutcomeCode(r.outcome) ? r.outcome : undefined,
    legalGround: r.legal_ground ?? r.decision_note ?? undefined,
    released: r.released_parts ? lines(r.released_parts) : undefined,
    withheld: withheld.length ? withheld : undefined,
    delivery: deliveryOf(r, organ),
    previous: extra.previous,
    // where a publication or a register is to be obtained: the decision's note, else its ground
    whereToObtain:
      r.outcome === 'declined.publication' || r.outcome === 'withheld.query_matter'
        ? (r.decision_note ?? r.legal_ground ?? undefined)
        : undefined,
    correction: correction
      ? {
          requestedOn: correction.on_date,
          items: correction.note ? [correction.note] : undefined,
          deadline: correction.clock?.type === 'correction_requested' ? correction.clock.deadline : undefined,
          receivedOn: corrected?.on_date,
        }
      : undefined,
    extension:
      extended?.clock?.type === 'extended' && r.reply_due
        ? { workingDays: extended.clock.workingDays, reason: extended.note ?? '', newDueOn: r.reply_due }
        : undefined,
    consultation:
      wasConsulted || extra.thirdParty
        ? { thirdParty: extra.thirdParty ?? '第三方', concerns: consulted?.note ?? '' }
        : undefined,
    fee: fee ? { result: fee.result, howToPay: fee.howToPay ?? undefined, noticeOn: fee.noticeOn } : undefined,
    remedy: { reconsideration: [governmentOf(organ.name)], court: '有管辖权的人民法院' },
    contact: organ.phone || organ.address ? { phone: organ.phone ?? undefined, address: organ.address ?? undefined } : undefined,
  };
}

export interface LetterServiceDeps {
  organs: OrganService;
}

export function createLetterService(deps: Deps, ext: LetterServiceDeps) {
  const { db, clock } = deps;
  const today = () => chinaDate(clock.now());

  async function load(id: number) {
    const r = Number.isSafeInteger(id) ? await requestsRepo.byId(db, id) : undefined;
    if (!r) throw notFound('申请不存在。');
    return r;
  }
  async function subjectOf(r: RequestRow): Promise<RequestSubject> {
    const unit = r.unit_id === null ? undefined : await ext.organs.unitById(r.unit_id);
    return { organId: r.organ_id, unitId: r.unit_id, unitLiaisonId: unit?.liaison_user_id ?? null };
  }

  /** The letter of `kind` for the case as it stands (not stored). Throws a Chinese validation error. */
  async function generate(r: RequestRow, input: z.infer<typeof IssueInput>): Promise<{ kind: LetterKind; letter: Letter }> {
    const organ = await ext.organs.byId(r.organ_id);
    if (!organ) throw notFound('机关不存在。');
    const events = await requestsRepo.events(db, r.id);
    const fees = await caseworkRepo.fees(db, r.id);
    const due = [...fees].reverse().find((f) => f.amount_yuan > 0);
    let kind: LetterKind;
    if (input.kind === 'reply') {
      if (!r.outcome || !isOutcomeCode(r.outcome) || !['approved', 'replied', 'closed'].includes(r.state))
        throw invalid('答复意见经审批后才能生成答复书。', { kind: '答复意见经审批后才能生成答复书。' });
      kind = TEMPLATE_FOR_OUTCOME[r.outcome];
    } else kind = input.kind;
    const need: Partial<Record<LetterKind, [boolean, string]>> = {
      correction: [events.some((e) => e.action === 'request_correction'), '本申请没有告知补正。'],
      extension: [events.some((e) => e.action === 'extend'), '本申请没有延期答复。'],
      consultation: [events.some((e) => e.action === 'start_consultation'), '本申请没有征求意见。'],
      fee_notice: [due !== undefined, '本申请没有应缴的信息处理费。'],
    };
    const check = need[kind];
    if (check && !check[0]) throw invalid(check[1], { kind: check[1] });
    const earlier = r.repeat_of_id === null ? undefined : await requestsRepo.byId(db, r.repeat_of_id);
    const facts = factsOf(
      r,
      organ,
      events,
      due ? { result: due.result as FeeResult, howToPay: due.how_to_pay, noticeOn: due.assessed_on } : undefined,
      today(),
      {
        ...input,
        previous: earlier?.replied_on ? { reference: earlier.reference, repliedOn: earlier.replied_on } : undefined,
      },
    );
    try {
      return { kind, letter: buildLetter(kind, facts) };
    } catch (err) {
      if (err instanceof LetterFactsError) throw invalid(err.message, { kind: err.message });
      throw err;
    }
  }

  return {
    /** The letter as it would be issued today (staff preview). */
    async preview(ctx: Ctx, id: number, input: unknown): Promise<{ kind: LetterKind; letter: Letter; row: RequestRow }> {
      const r = await load(id);
      authorize(requestsPolicy, ctx, 'request.handle', await subjectOf(r));
      return { ...(await generate(r, parse(IssueInput, input))), row: r };
    },

    /** Generates the letter and stores it as issued, with the audit record, in one transaction. */
    async issue(ctx: Ctx, id: number, input: unknown): Promise<LetterRow> {
      const r = await load(id);
      authorize(requestsPolicy, ctx, 'request.handle', await subjectOf(r));
      const { kind, letter } = await generate(r, parse(IssueInput, input));
      const at = clock.now();
      return inTransaction(db, async (tx) => {
        const letterId = await caseworkRepo.addLetter(tx, {
          request_id: r.id,
          kind,
          letter,
          note: null,
          issued_on: chinaDate(at),
          issued_at: at.toISOString(),
          issued_by: ctx.audit.userId,
          issued_by_name: ctx.audit.name,
        });
        await recordAudit(tx, deps, ctx.audit, at, {
          action: 'request.letter_issued',
          subjectType: 'request',
          subjectId: r.id,
          organId: r.organ_id,
          after: { letterId, kind, title: letter.title, number: letter.number ?? null },
        });
        return (await caseworkRepo.letter(tx, letterId)) as LetterRow;
      });
    },

    /** The letters issued on a case (staff). */
    async list(ctx: Ctx, id: number): Promise<LetterRow[]> {
      const r = await load(id);
      authorize(requestsPolicy, ctx, 'request.read', await subjectOf(r));
      return caseworkRepo.letters(db, r.id);
    },

    /** One issued letter of a case (staff). */
    async get(ctx: Ctx, id: number, letterId: number): Promise<{ row: RequestRow; letter: LetterRow }> {
      const r = await load(id);
      authorize(requestsPolicy, ctx, 'request.read', await subjectOf(r));
      const l = Number.isSafeInteger(letterId) ? await caseworkRepo.letter(db, letterId) : undefined;
      if (!l || l.request_id !== r.id) throw notFound('文书不存在。');
      return { row: r, letter: l };
    },

    /** The delivery of an issued letter (the only change an issued letter admits). */
    async recordDelivery(ctx: Ctx, id: number, letterId: number, input: unknown): Promise<void> {
      const r = await load(id);
      authorize(requestsPolicy, ctx, 'request.handle', await subjectOf(r));
      const l = Number.isSafeInteger(letterId) ? await caseworkRepo.letter(db, letterId) : undefined;
      if (!l || l.request_id !== r.id) throw notFound('文书不存在。');
      const v = parse(DeliveryInput, input);
      if (v.deliveredOn > today()) throw invalid('请检查标出的项目。', { deliveredOn: '送达日期不能晚于今天。' });
      if (v.deliveredOn < l.issued_on)
        throw invalid('请检查标出的项目。', { deliveredOn: `送达日期不能早于文书日期（${l.issued_on}）。` });
      if ((v.method === 'mail' || v.method === 'pickup') && !v.proof)
        throw invalid('请检查标出的项目。', {
          proof: v.method === 'mail' ? '邮寄送达请填写邮件单号。' : '当面领取请填写签收情况。',
        });
      const at = clock.now();
      await inTransaction(db, async (tx) => {
        await caseworkRepo.setDelivery(tx, l.id, {
          delivery_method: v.method,
          delivered_on: v.deliveredOn,
          delivery_proof: v.proof,
        });
        await recordAudit(tx, deps, ctx.audit, at, {
          action: 'request.letter_delivered',
          subjectType: 'request',
          subjectId: r.id,
          organId: r.organ_id,
          before: { method: l.delivery_method, on: l.delivered_on, proof: l.delivery_proof },
          after: { letterId: l.id, method: v.method, on: v.deliveredOn, proof: v.proof },
        });
      });
    },

    /** The letters addressed to the applicant, through the private tracking token; undefined for an unknown token. */
    async forApplicant(token: string): Promise<LetterRow[] | undefined> {
      if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
      const r = await requestsRepo.byTrackingHash(db, sha256(token));
      if (!r) return undefined;
      return (await caseworkRepo.letters(db, r.id)).filter((l) => !NOT_FOR_APPLICANT.has(l.kind));
    },

    /** The non-disclosure register of an organ for a year, with the count per ground. */
    async register(
      ctx: Ctx,
      organId: number,
      year: number,
    ): Promise<{ rows: NondisclosureRow[]; counts: Array<[string, number]>; years: number[] }> {
      authorize(requestsPolicy, ctx, 'request.register', { organId });
      const [rows, years] = await Promise.all([
        caseworkRepo.register(db, organId, year),
        caseworkRepo.registerYears(db, organId),
      ]);
      const counts = new Map<string, number>();
      for (const r of rows) counts.set(r.ground, (counts.get(r.ground) ?? 0) + 1);
      return { rows, counts: [...counts.entries()], years };
    },
  };
}

export type LetterService = ReturnType<typeof createLetterService>;
