/**
 * The legal clock of a request (依申请公开): every due date of a case, computed from the rule set,
 * the date of receipt and the case's events, with a "why this date" receipt that lists each day
 * from the day after receipt to the reply due date, counted or not, and why.
 *
 * Articles encoded (shared/reference/norms.md §1.4, §1.5, §8):
 *  《政府信息公开条例》2019 (国务院令第711号, in force 2019-05-15):
 *   - Art 30 补正: notice within 7 working days of receipt, once (一次性告知); the reply period
 *     runs from the day the corrected request is received; no correction in time = abandoned.
 *   - Art 32 third party, Art 34 other organs: 15 working days to answer; Art 33 ¶3: the time of
 *     consultation is not counted.
 *   - Art 33: reply within 20 working days; one extension of at most 20 working days.
 *   - Art 35: a deferred deadline set by the organ for excessive requests.
 *   - Art 42 and 国办函〔2020〕109号 (from 2021-01-01): the time from the fee notice to payment is
 *     not counted; unpaid 20 working days after the notice = abandoned (report row （六）2).
 *  《政府信息公开条例》2008 (国务院令第492号): Art 24: 15 working days + at most 15; only the time of
 *   consulting a third party (Art 23) is not counted, and the third party had no period to answer;
 *   Art 21(四): a request that is unclear is returned for 更改、补充, without a time limit.
 *
 * Counting (norms.md §8.1): the start day is never counted; day 1 is the first working day after
 * it. A pause excludes the working days after the day of the letter or notice, up to and including
 * the day it ends.
 *
 * Interpretation choices (the statute is silent or the issue decides):
 *  - 2008, correction notice: no due date (correctionNoticeDue = null). The 7-working-day,
 *    one-time notice is new in 2019 Art 30; inventing it for 2017 cases would report breaches of a
 *    rule that did not exist. Several correction rounds are accepted under 2008.
 *  - 2008, restart on correction: applied as under 2019 (the reply period runs from the corrected
 *    request). 2008 has no text either way; a request that cannot be handled until it is corrected
 *    is in substance received when corrected, which is what 2019 Art 30 codified.
 *  - 2019, a second correction notice breaks 一次性告知: reported, and neither it nor its answer
 *    restarts the clock again.
 *  - Consultation cap: 15 working days after the letter is SENT (the issue's rule). Art 32 runs
 *    the third party's 15 days from its receipt of the letter, which the organ rarely knows.
 *    2008: third party uncapped (no period in 2008); other organs not excluded at all (Art 24
 *    excluded only third-party time), so those days count, and the receipt says so.
 *  - Extension: only the first counts (Art 33 "延长的期限最长不得超过20个工作日" read with the
 *    issue's "once"); a longer one is capped; a second one, or one decided after the unextended
 *    due date (the case was already late), is reported and not applied.
 *  - Fee pause: only under 2019 rules with a notice dated 2021-01-01 or later (109号 in force);
 *    otherwise reported and ignored (2008 Art 27 cost fees never paused the clock). The 20
 *    working days to pay run from the notice day (109号 says from receipt; organs know the send
 *    date). A fee paid after that is reported but still ends the pause.
 *  - Art 35 deferral: 2019 only; the latest deferral wins; one decided after the statutory due
 *    date is reported and not applied. replyDue becomes the staff-set date, even if earlier.
 *  - While a correction or a fee payment (or, under 2008, a third party's answer) is awaited, no
 *    reply is due yet: replyDue is null and `awaiting` says why.
 *
 * Pure: no I/O, no clock. Never throws: impossible or out-of-order events become `problems`.
 */
import { addDays, type IsoDate, isIsoDate, type WorkingDayCalendar, weekday } from '../calendar/calendar.days.js';

export type Rules = '2008' | '2019';
export type ConsultationParty = 'third_party' | 'organ';

export type ClockEvent =
  /** 补正告知 sent; `deadline` is the date the notice gives for the correction. */
  | { type: 'correction_requested'; on: IsoDate; deadline?: IsoDate }
  | { type: 'correction_received'; on: IsoDate }
  /** A consultation letter sent (Art 32 third party, default; Art 34 other organ). `ref` pairs it with its end. */
  | { type: 'consultation_started'; on: IsoDate; party?: ConsultationParty; ref?: string }
  | { type: 'consultation_ended'; on: IsoDate; ref?: string }
  | { type: 'extended'; on: IsoDate; workingDays: number }
  | { type: 'fee_notice_sent'; on: IsoDate }
  | { type: 'fee_paid'; on: IsoDate }
  | { type: 'deferred'; on: IsoDate; until: IsoDate; reason: string };

export type ClockEventType = ClockEvent['type'];

export interface ClockInput {
  rules: Rules;
  received: IsoDate;
  events: readonly ClockEvent[];
}

export interface PausedInterval {
  kind: 'correction' | 'consultation' | 'fee';
  /** First day not counted (the day after the letter, notice or receipt). */
  from: IsoDate;
  /** Last day not counted, inclusive; null while it has no end yet. */
  to: IsoDate | null;
  reason: string;
}

export interface ReceiptDay {
  date: IsoDate;
  counted: boolean;
  /** The day's number in the count, on counted days. */
  n?: number;
  reason: string;
}

export type Awaiting = 'correction' | 'fee_payment' | 'consultation';

export interface ClockResult {
  /** 2019: 7 working days after receipt (Art 30); 2008: null (no period). */
  correctionNoticeDue: IsoDate | null;
  /** The reply due date, extension and Art 35 deferral included; null while `awaiting`. */
  replyDue: IsoDate | null;
  replyDueWithoutExtension: IsoDate | null;
  /** Extension applied (0 if none). */
  extensionDays: number;
  /** 20 (2019) or 15 (2008). */
  baseDays: number;
  /** The day after which counting starts: receipt, or receipt of the corrected request; null while awaiting correction. */
  clockStart: IsoDate | null;
  awaiting: Awaiting | null;
  /** The date the correction notice gives, if any (after it: may close as other.no_correction). */
  correctionDeadline?: IsoDate;
  /** 20 working days after the last fee notice (after it unpaid: may close as other.fee_unpaid). */
  feePaymentDue?: IsoDate;
  /** The Art 35 date, when a deferral applies. */
  deferredUntil?: IsoDate;
  paused: PausedInterval[];
  receipt: ReceiptDay[];
  problems: string[];
}

export interface RuleSet {
  baseDays: number;
  maxExtension: number;
  /** Working days to send the correction notice, or null. */
  correctionNoticeDays: number | null;
  correctionOnce: boolean;
  /** Working days after the letter after which a consultation stops pausing, or null (uncapped). */
  consultationCap: number | null;
  organConsultationPauses: boolean;
  feePause: boolean;
  deferral: boolean;
}

export const RULES: Readonly<Record<Rules, Readonly<RuleSet>>> = {
  '2008': {
    baseDays: 15,
    maxExtension: 15,
    correctionNoticeDays: null,
    correctionOnce: false,
    consultationCap: null,
    organConsultationPauses: false,
    feePause: false,
    deferral: false,
  },
  '2019': {
    baseDays: 20,
    maxExtension: 20,
    correctionNoticeDays: 7,
    correctionOnce: true,
    consultationCap: 15,
    organConsultationPauses: true,
    feePause: true,
    deferral: true,
  },
};

/** The 2019 Regulation's first day in force. */
export const REGULATION_2019_FROM: IsoDate = '2019-05-15';
/** 国办函〔2020〕109号's first day in force. */
export const FEE_MEASURES_FROM: IsoDate = '2021-01-01';
/** Working days to pay after a fee notice. */
export const FEE_PAYMENT_DAYS = 20;

const WEEKDAY = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const PARTY: Record<ConsultationParty, string> = { third_party: '第三方', organ: '其他机关' };
const KNOWN_TYPES: ReadonlySet<string> = new Set<ClockEventType>([
  'correction_requested',
  'correction_received',
  'consultation_started',
  'consultation_ended',
  'extended',
  'fee_notice_sent',
  'fee_paid',
  'deferred',
]);

interface Pause {
  kind: 'consultation' | 'fee';
  /** The letter or notice day (exclusive). */
  after: IsoDate;
  /** Inclusive end, or null while open. */
  to: IsoDate | null;
  label: string;
  eventIndex: number;
}

interface CorrectionRound {
  requested: IsoDate;
  received: IsoDate | null;
}

interface Note {
  after: IsoDate;
  to: IsoDate | null;
  text: string;
}

const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
const inside = (d: IsoDate, after: IsoDate, to: IsoDate | null): boolean => d > after && (to === null || d <= to);

/** Why `d` is not a working day, in the receipt's words. */
function restDay(cal: WorkingDayCalendar, d: IsoDate): string {
  const r = cal.reason(d);
  if (r.source === 'weekend') return `休息日（${WEEKDAY[weekday(d)]}）`;
  if (r.note) return `休息日（${r.note}）`;
  return r.source === 'override' ? '休息日（日历调整）' : '休息日（法定节假日）';
}

/** The qualifier of a working day that is not an ordinary Monday–Friday. */
function workingDayKind(cal: WorkingDayCalendar, d: IsoDate): string {
  const r = cal.reason(d);
  const w = weekday(d);
  const weekend = w === 0 || w === 6;
  if (r.source === 'official' && weekend) return `（调休上班${r.note ? `，${r.note}` : ''}）`;
  if (r.source === 'override') return `（日历调整为工作日${r.note ? `：${r.note}` : ''}）`;
  return '';
}

/**
 * Computes every due date of a request from its rule set, date of receipt and events.
 * `options.receipt: false` skips building the day-by-day receipt (bulk recomputation).
 */
export function computeClock(input: ClockInput, cal: WorkingDayCalendar, options: { receipt?: boolean } = {}): ClockResult {
  const rules: Rules = input.rules === '2008' ? '2008' : '2019';
  const empty = (problems: string[]): ClockResult => ({
    correctionNoticeDue: null,
    replyDue: null,
    replyDueWithoutExtension: null,
    extensionDays: 0,
    baseDays: RULES[rules].baseDays,
    clockStart: null,
    awaiting: null,
    paused: [],
    receipt: [],
    problems,
  });
  const problems: string[] = [];
  if (input.rules !== '2008' && input.rules !== '2019') problems.push(`规则应为 2008 或 2019，按 2019 年条例计算。`);
  if (!isIsoDate(input.received)) return empty([...problems, `收到申请日期无效：${String(input.received)}`]);
  try {
    return compute(rules, input, cal, options.receipt !== false, problems);
  } catch (err) {
    // Only dates near 9999-12-31 can make the calendar throw.
    return empty([...problems, `日期超出可计算范围：${err instanceof Error ? err.message : String(err)}`]);
  }
}

interface Valid {
  e: ClockEvent;
  i: number;
}

function validEvents(input: ClockInput, problems: string[]): Valid[] {
  const events: unknown[] = Array.isArray(input.events) ? input.events : [];
  const list: Valid[] = [];
  events.forEach((raw, i) => {
    const e = raw as Partial<ClockEvent> | null;
    const where = `第 ${i + 1} 个事件`;
    if (typeof e !== 'object' || e === null || typeof e.type !== 'string' || !KNOWN_TYPES.has(e.type)) {
      problems.push(`${where}：未知的事件类型 ${JSON.stringify((e as { type?: unknown } | null)?.type ?? null)}，已忽略。`);
      return;
    }
    if (!isIsoDate(e.on)) {
      problems.push(`${where}（${e.type}）：日期无效 ${JSON.stringify(e.on ?? null)}，已忽略。`);
      return;
    }
    if (e.on < input.received) {
      problems.push(`${where}（${e.type}，${e.on}）：早于收到申请日期 ${input.received}，已忽略。`);
      return;
    }
    list.push({ e: e as ClockEvent, i });
  });
  for (let k = 1; k < list.length; k++) {
    const prev = list[k - 1];
    const cur = list[k];
    if (prev && cur && cur.e.on < prev.e.on) {
      problems.push(`事件未按日期先后排列（第 ${cur.i + 1} 个早于第 ${prev.i + 1} 个），已按日期排序后计算。`);
      break;
    }
  }
  // Array.prototype.sort is stable: same-day events keep their order.
  return list.sort((a, b) => (a.e.on < b.e.on ? -1 : a.e.on > b.e.on ? 1 : 0));
}

function compute(
  rules: Rules,
  input: ClockInput,
  cal: WorkingDayCalendar,
  wantReceipt: boolean,
  problems: string[],
): ClockResult {
  const R = RULES[rules];
  const received = input.received;
  if (rules === '2008' && received >= REGULATION_2019_FROM)
    problems.push(`收到日期 ${received} 已在 2019 年条例施行之后，却按 2008 年条例计算。`);
  if (rules === '2019' && received < REGULATION_2019_FROM)
    problems.push(`收到日期 ${received} 早于 2019 年条例施行日（2019-05-15），却按 2019 年条例计算。`);

  const correctionNoticeDue = R.correctionNoticeDays === null ? null : cal.addWorkingDays(received, R.correctionNoticeDays);
  const events = validEvents(input, problems);

  // State while replaying the events in date order.
  let clockStart: IsoDate | null = received;
  let correctionRequestedOn: IsoDate | null = null; // the pending notice, if any
  const rounds: CorrectionRound[] = [];
  let ignoreNextCorrectionReceived = false;
  let correctionDeadline: IsoDate | undefined;
  const pauses: Pause[] = [];
  const notes: Note[] = [];
  const openConsultations: Array<{ pause: Pause | null; note: Note | null; ref?: string; party: ConsultationParty }> = [];
  let openFee: Pause | null = null;
  let feePaymentDue: IsoDate | undefined;
  let extension: { on: IsoDate; days: number; i: number } | null = null;
  let deferral: { on: IsoDate; until: IsoDate; reason: string; i: number } | null = null;

  for (const { e, i } of events) {
    const where = `第 ${i + 1} 个事件（${e.type}，${e.on}）`;
    switch (e.type) {
      case 'correction_requested': {
        if (correctionRequestedOn !== null) {
          problems.push(`${where}：上一次补正尚未收到，又发出补正告知，已忽略。`);
          break;
        }
        if (R.correctionOnce && rounds.length > 0) {
          problems.push(`${where}：补正应一次性告知（第三十条），第二次补正告知及其补正不重新起算。`);
          ignoreNextCorrectionReceived = true;
          break;
        }
        if (correctionNoticeDue !== null && e.on > correctionNoticeDue)
          problems.push(`${where}：补正告知晚于法定期限 ${correctionNoticeDue}（收到申请后 7 个工作日，第三十条）。`);
        correctionRequestedOn = e.on;
        rounds.push({ requested: e.on, received: null });
        clockStart = null;
        correctionDeadline = undefined;
        if (e.deadline !== undefined) {
          if (!isIsoDate(e.deadline) || e.deadline < e.on)
            problems.push(`${where}：补正期限 ${JSON.stringify(e.deadline)} 无效或早于告知日，未采用。`);
          else correctionDeadline = e.deadline;
        }
        break;
      }
      case 'correction_received': {
        if (correctionRequestedOn === null) {
          if (ignoreNextCorrectionReceived) ignoreNextCorrectionReceived = false;
          else problems.push(`${where}：没有待补正的告知，却收到补正，已忽略。`);
          break;
        }
        if (correctionDeadline !== undefined && e.on > correctionDeadline)
          problems.push(`${where}：晚于补正期限 ${correctionDeadline}，可视为放弃申请（第三十条）；仍自收到补正之日重新起算。`);
        correctionRequestedOn = null;
        clockStart = e.on;
        const round = rounds[rounds.length - 1];
        if (round) round.received = e.on;
        break;
      }
      case 'consultation_started': {
        const party: ConsultationParty = e.party === 'organ' ? 'organ' : 'third_party';
        if (e.party !== undefined && e.party !== 'organ' && e.party !== 'third_party')
          problems.push(`${where}：征求对象 ${JSON.stringify(e.party)} 无效，按第三方处理。`);
        const ref = typeof e.ref === 'string' ? e.ref : undefined;
        if (party === 'organ' && !R.organConsultationPauses) {
          const note: Note = { after: e.on, to: null, text: '2008 年条例：征求其他机关意见期间照常计算' };
          notes.push(note);
          openConsultations.push({ pause: null, note, party, ...(ref !== undefined ? { ref } : {}) });
          break;
        }
        const cap = R.consultationCap === null ? null : cal.addWorkingDays(e.on, R.consultationCap);
        const pause: Pause = {
          kind: 'consultation',
          after: e.on,
          to: cap, // until the answer arrives (set below), at most the cap
          label: `征求${PARTY[party]}意见期间，不计入`,
          eventIndex: i,
        };
        pauses.push(pause);
        openConsultations.push({ pause, note: null, party, ...(ref !== undefined ? { ref } : {}) });
        break;
      }
      case 'consultation_ended': {
        const ref = typeof e.ref === 'string' ? e.ref : undefined;
        const k = ref === undefined ? 0 : openConsultations.findIndex((c) => c.ref === ref);
        const open = openConsultations[k];
        if (open === undefined) {
          problems.push(
            ref === undefined
              ? `${where}：没有进行中的征求意见，已忽略。`
              : `${where}：没有编号为 ${JSON.stringify(ref)} 的进行中的征求意见，已忽略。`,
          );
          break;
        }
        openConsultations.splice(k, 1);
        if (open.note) open.note.to = e.on;
        if (open.pause) {
          const cap = open.pause.to;
          if (cap !== null && e.on > cap) {
            open.pause.label = `征求${PARTY[open.party]}意见期间（至发函后第 ${R.consultationCap} 个工作日为止），不计入`;
          } else open.pause.to = e.on;
        }
        break;
      }
      case 'extended': {
        if (!Number.isSafeInteger(e.workingDays) || e.workingDays < 1) {
          problems.push(`${where}：延长的工作日数应为正整数，已忽略。`);
          break;
        }
        if (extension !== null) {
          problems.push(`${where}：答复期限只能延长一次（第 ${extension.i + 1} 个事件已延长），未计入。`);
          break;
        }
        let days = e.workingDays;
        if (days > R.maxExtension) {
          problems.push(`${where}：延长 ${days} 个工作日超过上限 ${R.maxExtension} 个工作日，按 ${R.maxExtension} 个计算。`);
          days = R.maxExtension;
        }
        extension = { on: e.on, days, i };
        break;
      }
      case 'fee_notice_sent': {
        if (!R.feePause) {
          problems.push(`${where}：2008 年条例下收费不中止答复期限，未计入。`);
          break;
        }
        if (e.on < FEE_MEASURES_FROM) {
          problems.push(
            `${where}：《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）自 2021-01-01 施行，此前的收费通知不中止答复期限，未计入。`,
          );
          break;
        }
        if (openFee !== null) {
          problems.push(`${where}：上一份收费通知尚未缴费，已忽略。`);
          break;
        }
        openFee = { kind: 'fee', after: e.on, to: null, label: '收费通知至缴费期间，不计入', eventIndex: i };
        pauses.push(openFee);
        feePaymentDue = cal.addWorkingDays(e.on, FEE_PAYMENT_DAYS);
        break;
      }
      case 'fee_paid': {
        if (openFee === null) {
          problems.push(`${where}：没有待缴费的收费通知，已忽略。`);
          break;
        }
        if (feePaymentDue !== undefined && e.on > feePaymentDue)
          problems.push(`${where}：晚于缴费期限 ${feePaymentDue}，可视为放弃申请（other.fee_unpaid）；中止期间计至缴费之日。`);
        openFee.to = e.on;
        openFee = null;
        break;
      }
      case 'deferred': {
        if (!R.deferral) {
          problems.push(`${where}：2008 年条例没有第三十五条延长答复期限的规定，未计入。`);
          break;
        }
        if (!isIsoDate(e.until) || e.until < e.on) {
          problems.push(`${where}：确定的答复期限 ${JSON.stringify(e.until ?? null)} 无效或早于决定日，已忽略。`);
          break;
        }
        if (typeof e.reason !== 'string' || e.reason.trim() === '')
          problems.push(`${where}：依第三十五条确定答复期限应说明理由。`);
        deferral = { on: e.on, until: e.until, reason: typeof e.reason === 'string' ? e.reason.trim() : '', i };
        break;
      }
    }
  }

  // What is still awaited decides whether a reply is due at all.
  let awaiting: Awaiting | null = null;
  if (correctionRequestedOn !== null) awaiting = 'correction';
  else if (openFee !== null) awaiting = 'fee_payment';
  else if (openConsultations.some((c) => c.pause !== null && c.pause.to === null)) awaiting = 'consultation';
  for (const c of openConsultations) {
    if (c.pause?.to)
      c.pause.label = `征求${PARTY[c.party]}意见期间（未收到意见，至发函后第 ${R.consultationCap} 个工作日为止），不计入`;
    if (c.pause && c.pause.to === null) c.pause.label = `征求${PARTY[c.party]}意见期间（尚未收到意见），不计入`;
  }
  if (openFee !== null) openFee.label = '收费通知后尚未缴费，不计入';

  const paused: PausedInterval[] = [];
  if (rounds.length > 0) {
    paused.push({
      kind: 'correction',
      from: addDays(received, 1),
      to: clockStart,
      reason:
        rules === '2019' ? '补正：答复期限自收到补正的申请之日起计算（第三十条）' : '补正：答复期限自收到补正的申请之日起计算',
    });
  }
  for (const p of pauses) {
    paused.push({ kind: p.kind, from: addDays(p.after, 1), to: p.to, reason: p.label.replace(/，不计入$/, '') });
  }

  const isPaused = (d: IsoDate): Pause[] => pauses.filter((p) => inside(d, p.after, p.to));

  // The walk: count the working days after clockStart that no pause covers.
  let replyDue: IsoDate | null = null;
  let replyDueWithoutExtension: IsoDate | null = null;
  let extensionDays = 0;
  let deferredUntil: IsoDate | undefined;
  if (awaiting === null && clockStart !== null) {
    extensionDays = extension?.days ?? 0;
    let n = 0;
    let d = clockStart;
    while (n < R.baseDays + extensionDays) {
      d = addDays(d, 1);
      if (!cal.isWorkingDay(d) || isPaused(d).length > 0) continue;
      n += 1;
      if (n === R.baseDays) {
        replyDueWithoutExtension = d;
        if (extension !== null && extension.on > d) {
          problems.push(
            `第 ${extension.i + 1} 个事件（extended，${extension.on}）：延长决定晚于原答复期限 ${d}，此时已逾期，未计入。`,
          );
          extensionDays = 0;
        }
      }
    }
    replyDue = d;
    for (const p of pauses) {
      if (p.after >= replyDue) {
        const what = p.kind === 'fee' ? '收费通知' : '征求意见函';
        problems.push(
          `第 ${p.eventIndex + 1} 个事件（${p.after}）：${what}发出时答复期限（${replyDue}）已届满或当日届满，不影响答复期限。`,
        );
      }
    }
    if (deferral !== null) {
      if (deferral.on > replyDue)
        problems.push(
          `第 ${deferral.i + 1} 个事件（deferred，${deferral.on}）：第三十五条的决定晚于答复期限 ${replyDue}，此时已逾期，未计入。`,
        );
      else {
        if (!cal.isWorkingDay(deferral.until))
          problems.push(`第 ${deferral.i + 1} 个事件（deferred）：确定的答复期限 ${deferral.until} 不是工作日。`);
        deferredUntil = deferral.until;
      }
    }
  } else if (deferral !== null) {
    deferredUntil = deferral.until;
  }
  const statutoryDue = replyDue;
  if (deferredUntil !== undefined && replyDue !== null) replyDue = deferredUntil;

  // The receipt runs to the reply due date or, while awaiting, to the last date known.
  let receipt: ReceiptDay[] = [];
  if (wantReceipt) {
    let end: IsoDate;
    if (replyDue !== null) end = replyDue;
    else {
      end = received;
      for (const { e } of events) end = maxDate(end, e.on);
      if (correctionDeadline) end = maxDate(end, correctionDeadline);
      if (feePaymentDue) end = maxDate(end, feePaymentDue);
      for (const p of pauses) if (p.to) end = maxDate(end, p.to);
    }
    receipt = buildReceipt({
      cal,
      received,
      end,
      clockStart,
      rounds,
      isPaused,
      notes,
      baseDays: R.baseDays,
      statutoryDue,
      deferral: deferredUntil !== undefined && deferral ? deferral.reason : null,
    });
  }

  const result: ClockResult = {
    correctionNoticeDue,
    replyDue,
    replyDueWithoutExtension,
    extensionDays,
    baseDays: R.baseDays,
    clockStart,
    awaiting,
    paused,
    receipt,
    problems,
  };
  if (correctionDeadline !== undefined) result.correctionDeadline = correctionDeadline;
  if (feePaymentDue !== undefined) result.feePaymentDue = feePaymentDue;
  if (deferredUntil !== undefined) result.deferredUntil = deferredUntil;
  return result;
}

interface ReceiptArgs {
  cal: WorkingDayCalendar;
  received: IsoDate;
  end: IsoDate;
  clockStart: IsoDate | null;
  rounds: readonly CorrectionRound[];
  isPaused: (d: IsoDate) => Pause[];
  notes: Note[];
  baseDays: number;
  statutoryDue: IsoDate | null;
  deferral: string | null;
}

function buildReceipt(a: ReceiptArgs): ReceiptDay[] {
  const out: ReceiptDay[] = [];
  let n = 0;
  for (let d = addDays(a.received, 1); d <= a.end; d = addDays(d, 1)) {
    const working = a.cal.isWorkingDay(d);
    if (a.rounds.some((r) => r.received === d)) {
      out.push({ date: d, counted: false, reason: working ? '收到补正，重新起算' : `收到补正，重新起算；${restDay(a.cal, d)}` });
      continue;
    }
    if (!working) {
      out.push({ date: d, counted: false, reason: restDay(a.cal, d) });
      continue;
    }
    const kind = workingDayKind(a.cal, d);
    if (a.clockStart === null || d <= a.clockStart) {
      // Before the (re)start of the clock: a correction round.
      const waiting = a.rounds.some((r) => inside(d, r.requested, r.received));
      out.push({
        date: d,
        counted: false,
        reason: (waiting ? '等待补正期间，不计入' : '补正前的工作日，因补正重新起算，不计入') + kind,
      });
      continue;
    }
    if (a.statutoryDue !== null && d > a.statutoryDue) {
      out.push({
        date: d,
        counted: false,
        reason: `依第三十五条确定的答复期限内${a.deferral ? `（${a.deferral}）` : ''}${kind}`,
      });
      continue;
    }
    const ps = a.isPaused(d);
    if (ps.length > 0) {
      out.push({ date: d, counted: false, reason: [...new Set(ps.map((p) => p.label))].join('；') + kind });
      continue;
    }
    n += 1;
    const ext = n > a.baseDays ? `（延长期限第${n - a.baseDays}日）` : '';
    const note = a.notes.filter((x) => inside(d, x.after, x.to)).map((x) => `（${x.text}）`)[0] ?? '';
    out.push({ date: d, counted: true, n, reason: `工作日${kind}，计第${n}日${ext}${note}` });
  }
  return out;
}
