import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  REPORT_ACTIONS,
  REPORT_STATES,
  type ReportFacts,
  ReportTransitionRefused,
  reportPreflight,
  reportTransition,
} from '../../src/modules/reports/reports.workflow.js';

const clerk = { userId: 1, roles: ['office_staff'] };
const head = { userId: 2, roles: ['office_head'] };
const leader = { userId: 3, roles: ['leader'] };
const facts = (over: Partial<ReportFacts> = {}): ReportFacts => ({ actor: clerk, submittedBy: null, checks: [], ...over });

test('every state × action: only the table’s steps are allowed', () => {
  const allowed: Record<string, string> = {
    'draft/edit': 'draft',
    'draft/submit': 'submitted',
    'submitted/return': 'draft',
    'submitted/approve': 'published',
  };
  for (const s of REPORT_STATES) {
    for (const a of REPORT_ACTIONS) {
      const actor = a === 'return' || a === 'approve' ? head : clerk;
      const f = facts({ actor, submittedBy: 1, reason: '数字有误' });
      const key = `${s}/${a}`;
      if (allowed[key]) assert.equal(reportTransition(s, a, f), allowed[key], key);
      else assert.throws(() => reportTransition(s, a, f), ReportTransitionRefused, key);
    }
  }
});

test('four eyes: the one who submitted cannot approve, even as office head', () => {
  assert.deepEqual(reportPreflight('submitted', 'approve', facts({ actor: head, submittedBy: 2 })), [
    '提交人不能审核自己提交的年报。',
  ]);
  assert.deepEqual(reportPreflight('submitted', 'approve', facts({ actor: leader, submittedBy: 2 })), []);
  assert.deepEqual(reportPreflight('submitted', 'approve', facts({ actor: clerk, submittedBy: 2 })), [
    '只有公开办负责人或分管领导可以审核年报。',
  ]);
});

test('a report whose tables do not balance cannot be submitted; a late one can', () => {
  const checks = [
    { code: 'table3.balance', ok: false, state: 'fail' as const, message: '表三“自然人”列不平衡' },
    { code: 'deadline', ok: false, state: 'fail' as const, message: '已逾期3天' },
    { code: 'table3.carried_in', ok: true, state: 'not_assessable' as const, message: '无法核对' },
  ];
  assert.deepEqual(reportPreflight('draft', 'submit', facts({ checks })), ['核对未通过：表三“自然人”列不平衡']);
  assert.deepEqual(reportPreflight('draft', 'submit', facts({ checks: checks.slice(1) })), []);
});

test('a return needs its reason; leaders do not draft', () => {
  assert.deepEqual(reportPreflight('submitted', 'return', facts({ actor: head })), ['请填写退回理由。']);
  assert.deepEqual(reportPreflight('draft', 'edit', facts({ actor: leader })), ['只有公开办工作人员可以起草和提交年报。']);
  assert.deepEqual(reportPreflight('draft', 'edit', facts({ actor: 'system' })), []);
});
