// The annual report's way to publication (PURE). Regulation Art 49–50 (2019): the report is the
// organ's; the disclosure office drafts it and the leader in charge answers for it (国办公开办函
// 〔2021〕30号 "明确责任"), so publishing is approved by the office head or a leader, never by the
// member of staff who submitted it (four eyes, ADR 0004). The report is published as a catalogue
// item of the 政府信息公开年报 column: submitting creates that item and submits it; approving
// approves and publishes it, freezing the report's figures as published (the snapshot).
//
//   draft ──submit──▶ submitted ──approve──▶ published
//     ▲                   │
//     └──────return───────┘
import { AppError } from '../../platform/http/errors.js';
import type { ReportCheck } from './reports.types.js';

export const REPORT_STATES = ['draft', 'submitted', 'published'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const REPORT_ACTIONS = ['edit', 'submit', 'return', 'approve'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  draft: '起草中',
  submitted: '待审核',
  published: '已发布',
};
export const REPORT_ACTION_LABELS: Record<ReportAction, string> = {
  edit: '修改文字',
  submit: '提交审核',
  return: '退回修改',
  approve: '审核通过并发布',
};

const TABLE: Record<ReportAction, { from: readonly ReportState[]; to: ReportState }> = {
  edit: { from: ['draft'], to: 'draft' },
  submit: { from: ['draft'], to: 'submitted' },
  return: { from: ['submitted'], to: 'draft' },
  approve: { from: ['submitted'], to: 'published' },
};

export const REVIEWER_ROLES = ['office_head', 'leader'] as const;
export const AUTHOR_ROLES = ['office_head', 'office_staff'] as const;

export interface ReportFacts {
  actor: { userId: number; roles: readonly string[] } | 'system';
  /** Who submitted the report (null before it is submitted). */
  submittedBy: number | null;
  /** The checks of the report as it would be published. */
  checks: readonly ReportCheck[];
  /** The return reason, for `return`. */
  reason?: string;
}

/** Checks that do not block publication: a late report must still be published. */
const NON_BLOCKING = new Set(['deadline']);

/** The reasons an action cannot happen now (empty = it may). */
export function reportPreflight(state: ReportState, action: ReportAction, f: ReportFacts): string[] {
  const reasons: string[] = [];
  const t = TABLE[action];
  if (!t.from.includes(state)) {
    reasons.push(`年报${REPORT_STATE_LABELS[state]}，不能${REPORT_ACTION_LABELS[action]}。`);
    return reasons;
  }
  const who = f.actor === 'system' ? null : f.actor;
  if (action === 'edit' || action === 'submit') {
    if (who && !AUTHOR_ROLES.some((r) => who.roles.includes(r))) reasons.push('只有公开办工作人员可以起草和提交年报。');
  }
  if (action === 'submit') {
    for (const c of f.checks) {
      if (c.state === 'fail' && !NON_BLOCKING.has(c.code)) reasons.push(`核对未通过：${c.message}`);
    }
  }
  if (action === 'return' || action === 'approve') {
    if (who && !REVIEWER_ROLES.some((r) => who.roles.includes(r))) reasons.push('只有公开办负责人或分管领导可以审核年报。');
  }
  if (action === 'return' && !f.reason?.trim()) reasons.push('请填写退回理由。');
  if (action === 'approve') {
    if (who && f.submittedBy !== null && who.userId === f.submittedBy) reasons.push('提交人不能审核自己提交的年报。');
  }
  return reasons;
}

export function reportTransition(state: ReportState, action: ReportAction, f: ReportFacts): ReportState {
  const reasons = reportPreflight(state, action, f);
  if (reasons.length) throw new ReportTransitionRefused(reasons);
  return TABLE[action].to;
}

/** A step the workflow refuses, with every reason (shown on the confirm page; HTTP 409). */
export class ReportTransitionRefused extends AppError {
  constructor(readonly reasons: string[]) {
    super('conflict', reasons.join(' '));
  }
}
