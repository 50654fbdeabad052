// The publishing workflow of a publication (信息) (PURE).
// 政府信息公开条例 Art 17 (保密审查 before disclosure: the confidentiality review), Arts 19–26
// (proactive disclosure), and the segregation of duties of ADR 0004: the approver is never the
// author. A new edition of a published item supersedes the old one when it is published.

export const STATES = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'scheduled',
  'published',
  'withdrawn',
  'superseded',
] as const;
export type State = (typeof STATES)[number];

export const ACTIONS = ['submit', 'return', 'approve', 'schedule', 'publish', 'withdraw', 'revise', 'supersede'] as const;
export type Action = (typeof ACTIONS)[number];

export const STATE_LABELS: Record<State, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  approved: '已批准',
  scheduled: '待定时发布',
  published: '已发布',
  withdrawn: '已撤回',
  superseded: '已被新版本替代',
};

export const ACTION_LABELS: Record<Action, string> = {
  submit: '提交审核',
  return: '退回修改',
  approve: '审核批准',
  schedule: '定时发布',
  publish: '立即发布',
  withdraw: '撤回',
  revise: '修订（新版本）',
  supersede: '由新版本替代',
};

/** The transition table: from each state, the actions allowed and the state they lead to.
 * `revise` leaves the item published (it creates a new draft edition beside it). */
export const TRANSITIONS: Readonly<Record<State, Partial<Record<Action, State>>>> = {
  draft: { submit: 'submitted' },
  returned: { submit: 'submitted' },
  submitted: { return: 'returned', approve: 'approved' },
  approved: { return: 'returned', schedule: 'scheduled', publish: 'published' },
  scheduled: { return: 'returned', schedule: 'scheduled', publish: 'published' },
  published: { withdraw: 'withdrawn', revise: 'published', supersede: 'superseded' },
  withdrawn: {},
  superseded: {},
};

/** States in which the content can still be edited by its author. */
export const EDITABLE: readonly State[] = ['draft', 'returned'];
/** States of an edition on its way to publication. */
export const IN_PROGRESS: readonly State[] = ['draft', 'submitted', 'returned', 'approved', 'scheduled'];

/** 保密审查: what the author confirms before submitting (Arts 14–17). */
export const CONFIDENTIALITY_CHECKLIST = [
  ['no_state_secret', '不涉及国家秘密'],
  ['no_security_risk', '公开后不危及国家安全、公共安全、经济安全和社会稳定（第十四条）'],
  ['no_trade_secret_or_privacy', '不涉及商业秘密、个人隐私，或已取得权利人同意、已作脱敏处理（第十五条）'],
  ['not_internal_or_process', '不属于内部事务信息或过程性信息（第十六条）'],
  ['law_based', '公开内容准确，符合法律法规和保密规定'],
] as const;
export type ChecklistItem = (typeof CONFIDENTIALITY_CHECKLIST)[number][0];
export const CHECKLIST_KEYS: readonly ChecklistItem[] = CONFIDENTIALITY_CHECKLIST.map(([k]) => k);

export const REVIEWER_ROLES = ['office_head', 'leader'] as const;

export interface TransitionFacts {
  /** Who acts: a person with roles, or the system (the CLI operator, the scheduler). */
  actor: { userId: number; roles: readonly string[] } | 'system';
  authorId: number | null;
  /** Checklist items the author has confirmed. */
  checklist: readonly string[];
  /** Only items disclosed proactively (主动公开) are published. */
  disclosure: 'proactive' | 'on_request' | 'withheld';
  /** Reason given with a return or a withdrawal. */
  reason?: string | null;
  /** For schedule: the instant to publish at, and now (ISO-8601 UTC). */
  publishAt?: string | null;
  now: string;
  /** For revise: a new edition is already on its way. */
  hasOpenRevision?: boolean;
  /** For supersede: the new edition is being published. */
  successorPublishing?: boolean;
}

export type TransitionResult = { ok: true; to: State } | { ok: false; reasons: string[] };

export function missingChecklist(confirmed: readonly string[]): string[] {
  return CONFIDENTIALITY_CHECKLIST.filter(([k]) => !confirmed.includes(k)).map(([, label]) => label);
}

const person = (f: TransitionFacts) => (f.actor === 'system' ? null : f.actor);

function guards(action: Action, f: TransitionFacts): string[] {
  const reasons: string[] = [];
  const who = person(f);
  switch (action) {
    case 'submit': {
      const missing = missingChecklist(f.checklist);
      if (missing.length) reasons.push(`保密审查清单尚未完成：${missing.join('；')}。`);
      if (f.disclosure !== 'proactive') reasons.push('只有公开方式为“主动公开”的信息才能提交发布。');
      break;
    }
    case 'approve':
      if (who && !REVIEWER_ROLES.some((r) => who.roles.includes(r))) reasons.push('只有公开办负责人或分管领导可以审核批准。');
      if (who && f.authorId !== null && who.userId === f.authorId) reasons.push('不能审核批准自己起草的信息（双人审核）。');
      if (missingChecklist(f.checklist).length) reasons.push('保密审查清单尚未完成。');
      if (f.disclosure !== 'proactive') reasons.push('只有公开方式为“主动公开”的信息才能批准发布。');
      break;
    case 'return':
      if (who && !REVIEWER_ROLES.some((r) => who.roles.includes(r))) reasons.push('只有公开办负责人或分管领导可以退回。');
      if (!f.reason?.trim()) reasons.push('请填写退回理由。');
      break;
    case 'schedule':
      if (!f.publishAt) reasons.push('请填写定时发布的时间。');
      else if (f.publishAt <= f.now) reasons.push('定时发布的时间须晚于当前时间。');
      break;
    case 'withdraw':
      if (!f.reason?.trim()) reasons.push('请填写撤回理由。');
      break;
    case 'revise':
      if (f.hasOpenRevision) reasons.push('该信息已有一个正在办理的新版本。');
      break;
    case 'supersede':
      if (!f.successorPublishing) reasons.push('只有在新版本发布时，旧版本才被替代。');
      break;
    case 'publish':
      if (f.disclosure !== 'proactive') reasons.push('只有公开方式为“主动公开”的信息才能发布。');
      break;
  }
  return reasons;
}

/** The state after `action`, or every reason why it cannot happen now. */
export function transition(state: State, action: Action, facts: TransitionFacts): TransitionResult {
  const to = TRANSITIONS[state]?.[action];
  if (to === undefined) {
    return { ok: false, reasons: [`当前状态为“${STATE_LABELS[state] ?? state}”，不能“${ACTION_LABELS[action] ?? action}”。`] };
  }
  const reasons = guards(action, facts);
  return reasons.length ? { ok: false, reasons } : { ok: true, to };
}

/** The actions the table offers from a state (before guards), for buttons and confirm pages. */
export function actionsFrom(state: State): Action[] {
  return Object.keys(TRANSITIONS[state] ?? {}) as Action[];
}
