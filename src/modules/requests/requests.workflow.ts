// The handling workflow of a request for disclosure (依申请公开) (PURE).
// 政府信息公开条例 (2019) Art 45: 申请登记、审核、办理、答复、归档; Art 30 correction, Arts 32/34
// consultation, Art 33 extension (office head's consent), Art 42 fees, Art 35 deferral.
// Four eyes (ADR 0004): a refusal or a partial disclosure is approved by the office head, never by
// the member of staff who drafted the decision.
import { OUTCOMES, type Outcome } from './requests.codes.js';

export const STATES = [
  'registered',
  'assigned',
  'awaiting_correction',
  'in_consultation',
  'awaiting_fee',
  'drafting',
  'under_review',
  'approved',
  'replied',
  'closed',
  'withdrawn',
] as const;
export type State = (typeof STATES)[number];

export const ACTIONS = [
  'assign',
  'request_correction',
  'receive_correction',
  'start_consultation',
  'end_consultation',
  'send_fee_notice',
  'record_payment',
  'extend',
  'defer',
  'draft',
  'decide',
  'return',
  'approve',
  'reply',
  'close',
  'withdraw',
  'reopen',
] as const;
export type Action = (typeof ACTIONS)[number];

export const STATE_LABELS: Record<State, string> = {
  registered: '已登记',
  assigned: '已分办',
  awaiting_correction: '待补正',
  in_consultation: '征求意见中',
  awaiting_fee: '待缴费',
  drafting: '拟办答复',
  under_review: '待审核',
  approved: '已审批',
  replied: '已答复',
  closed: '已办结',
  withdrawn: '申请人已撤回',
};

export const ACTION_LABELS: Record<Action, string> = {
  assign: '分办',
  request_correction: '告知补正',
  receive_correction: '收到补正',
  start_consultation: '征求意见',
  end_consultation: '征求意见结束',
  send_fee_notice: '发送收费通知',
  record_payment: '登记缴费',
  extend: '延期答复',
  defer: '另行确定答复期限',
  draft: '开始拟办答复',
  decide: '提交答复意见',
  return: '退回重拟',
  approve: '审批通过',
  reply: '答复申请人',
  close: '办结',
  withdraw: '登记撤回',
  reopen: '重新办理',
};

/** States before the reply: the clock runs (or is paused) and the applicant may withdraw. */
export const OPEN: readonly State[] = [
  'registered',
  'assigned',
  'awaiting_correction',
  'in_consultation',
  'awaiting_fee',
  'drafting',
  'under_review',
  'approved',
];
/** States in which the reply is still owed (due dates matter). */
const RUNNING: readonly State[] = ['registered', 'assigned', 'in_consultation', 'drafting', 'under_review', 'approved'];

const same = (states: readonly State[]) => Object.fromEntries(states.map((s) => [s, s])) as Partial<Record<State, State>>;
const withdrawable = Object.fromEntries(OPEN.map((s) => [s, 'withdrawn'])) as Partial<Record<State, State>>;

/** The transition table: action → from state → to state. */
export const TRANSITIONS: Readonly<Record<Action, Partial<Record<State, State>>>> = {
  assign: { registered: 'assigned', assigned: 'assigned', drafting: 'drafting' },
  request_correction: { registered: 'awaiting_correction', assigned: 'awaiting_correction' },
  // the corrected request is a request received anew (Art 30): handling starts again from assignment
  receive_correction: { awaiting_correction: 'assigned' },
  start_consultation: { assigned: 'in_consultation', drafting: 'in_consultation' },
  end_consultation: { in_consultation: 'drafting' },
  send_fee_notice: { assigned: 'awaiting_fee', drafting: 'awaiting_fee' },
  record_payment: { awaiting_fee: 'drafting' },
  extend: same(RUNNING),
  defer: same(RUNNING),
  draft: { registered: 'drafting', assigned: 'drafting' },
  decide: { drafting: 'under_review' },
  return: { under_review: 'drafting', approved: 'drafting' },
  approve: { under_review: 'approved' },
  reply: { approved: 'replied' },
  close: { replied: 'closed', awaiting_correction: 'closed', awaiting_fee: 'closed' },
  withdraw: withdrawable,
  // a closed case handled again (e.g. a reconsideration decision ordered a new reply): the annual
  // report counts the reopening as a new request received that day (reports.table3.ts)
  reopen: { closed: 'assigned' },
};

/** Outcomes that are not a plain grant: they need the office head's approval (four eyes). */
export const needsHeadApproval = (o: Outcome | null): boolean => o !== null && o !== 'granted';

export interface TransitionFacts {
  actor: { userId: number; roles: readonly string[] } | 'system';
  /** The member of staff who submitted the decision (for approve). */
  deciderId: number | null;
  /** The decision as drafted (for decide and approve). */
  outcome: Outcome | null;
  legalGround?: string | null;
  releasedParts?: string | null;
  withheldParts?: string | null;
  /** A reason or the content of a notice. */
  reason?: string | null;
  /** For extend: working days asked, the maximum of the rule set, extensions already applied. */
  workingDays?: number;
  maxExtension?: number;
  extendedBefore?: boolean;
  /** For request_correction: 2019 rules allow one notice only (一次性告知); one was sent already. */
  correctionOnce?: boolean;
  correctionRequestedBefore?: boolean;
  /** For defer: the new date and today's date. */
  until?: string | null;
  today: string;
  /** For close from awaiting correction or awaiting fee: the date after which it may be closed. */
  closableAfter?: string | null;
  /** For reply: the date of the reply. */
  repliedOn?: string | null;
}

export type TransitionResult = { ok: true; to: State } | { ok: false; reasons: string[] };

const person = (f: TransitionFacts) => (f.actor === 'system' ? null : f.actor);
const blank = (s: string | null | undefined) => !s?.trim();

function guards(from: State, action: Action, f: TransitionFacts): string[] {
  const r: string[] = [];
  const who = person(f);
  switch (action) {
    case 'request_correction':
      if (blank(f.reason)) r.push('请写明需要补正的内容和补正期限。');
      if (f.correctionOnce && f.correctionRequestedBefore) r.push('补正告知应当一次性作出（条例第三十条），本申请已告知过补正。');
      break;
    case 'start_consultation':
      if (blank(f.reason)) r.push('请写明征求意见的对象和事项。');
      break;
    case 'send_fee_notice':
      if (blank(f.reason)) r.push('请写明收费依据、标准和金额。');
      break;
    case 'extend':
      if (who && !who.roles.includes('office_head')) r.push('延期答复须经政府信息公开工作机构负责人同意（条例第三十三条）。');
      if (f.extendedBefore) r.push('答复期限只能延长一次。');
      if (!f.workingDays || f.workingDays < 1 || f.workingDays > (f.maxExtension ?? 20))
        r.push(`延长的期限应为 1 至 ${f.maxExtension ?? 20} 个工作日。`);
      if (blank(f.reason)) r.push('请写明延期理由（将告知申请人）。');
      break;
    case 'defer':
      if (blank(f.reason)) r.push('请写明另行确定答复期限的理由（条例第三十五条）。');
      if (!f.until) r.push('请填写另行确定的答复期限。');
      else if (f.until <= f.today) r.push('另行确定的答复期限须晚于今天。');
      break;
    case 'decide': {
      const o = f.outcome;
      if (!o || !OUTCOMES.includes(o)) r.push('请选择处理结果。');
      else {
        if ((o.startsWith('withheld.') || o === 'partial') && blank(f.legalGround))
          r.push('不予公开或部分公开的，须写明法律依据和理由。');
        if (o === 'partial' && (blank(f.releasedParts) || blank(f.withheldParts)))
          r.push('部分公开的，须分别列明公开的部分和不予公开的部分（条例第三十七条）。');
        if (o === 'other.no_correction' || o === 'other.fee_unpaid') r.push('逾期不补正或未缴费的申请，请在相应环节直接办结。');
      }
      break;
    }
    case 'approve':
      if (who && needsHeadApproval(f.outcome)) {
        if (!who.roles.includes('office_head')) r.push('不予公开、部分公开等答复须经公开办负责人审批。');
        if (f.deciderId !== null && who.userId === f.deciderId) r.push('不能审批自己拟办的答复意见（双人审核）。');
      }
      break;
    case 'return':
      if (blank(f.reason)) r.push('请填写退回理由。');
      break;
    case 'reply':
      if (!f.repliedOn) r.push('请填写答复日期。');
      else if (f.repliedOn > f.today) r.push('答复日期不能晚于今天。');
      break;
    case 'close':
      if (from === 'awaiting_correction' || from === 'awaiting_fee') {
        if (!f.closableAfter) r.push('尚无可据以办结的期限。');
        else if (f.today <= f.closableAfter)
          r.push(`${from === 'awaiting_correction' ? '补正期限' : '缴费期限'}（${f.closableAfter}）届满后才能办结。`);
      }
      break;
    case 'withdraw':
      if (blank(f.reason)) r.push('请写明撤回的方式（如申请人书面撤回）。');
      break;
    case 'reopen':
      if (who && !who.roles.includes('office_head')) r.push('重新办理已办结的申请须经公开办负责人决定。');
      if (blank(f.reason)) r.push('请写明重新办理的依据（如行政复议决定书文号）。');
      break;
    default:
      break;
  }
  return r;
}

/** The state after `action`, or every reason why it cannot happen now. */
export function transition(state: State, action: Action, facts: TransitionFacts): TransitionResult {
  const to = TRANSITIONS[action]?.[state];
  if (to === undefined) {
    return { ok: false, reasons: [`当前状态为“${STATE_LABELS[state] ?? state}”，不能“${ACTION_LABELS[action] ?? action}”。`] };
  }
  const reasons = guards(state, action, facts);
  return reasons.length ? { ok: false, reasons } : { ok: true, to };
}

/** The actions the table offers from a state (before guards), for the case page's forms. */
export function actionsFrom(state: State): Action[] {
  return ACTIONS.filter((a) => TRANSITIONS[a][state] !== undefined);
}
