import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../../platform/policy.js';
import { columnFreshness, STANDARD_COLUMNS } from './catalogue.columns.js';
import { art26Deadline, interpretationStatus, type WorkingDays } from './publications.deadlines.js';
import { publicationsPolicy } from './publications.policy.js';
import {
  ACTIONS,
  type Action,
  CHECKLIST_KEYS,
  STATES,
  type State,
  TRANSITIONS,
  type TransitionFacts,
  transition,
} from './publications.workflow.js';

const NOW = '2026-03-02T02:00:00.000Z';
const AUTHOR = 10;
const HEAD = 20;

/** Facts under which every guard passes: a reviewer who is not the author, a complete checklist. */
const good = (action: Action): TransitionFacts => ({
  actor: { userId: HEAD, roles: ['office_head'] },
  authorId: AUTHOR,
  checklist: CHECKLIST_KEYS,
  disclosure: 'proactive',
  now: NOW,
  reason: action === 'return' || action === 'withdraw' ? '理由' : null,
  publishAt: '2026-03-03T00:00:00.000Z',
  hasOpenRevision: false,
  successorPublishing: true,
});

/** The expected table, written out independently of TRANSITIONS. */
const EXPECTED: Record<string, State> = {
  'draft/submit': 'submitted',
  'returned/submit': 'submitted',
  'submitted/return': 'returned',
  'submitted/approve': 'approved',
  'approved/return': 'returned',
  'approved/schedule': 'scheduled',
  'approved/publish': 'published',
  'scheduled/return': 'returned',
  'scheduled/schedule': 'scheduled',
  'scheduled/publish': 'published',
  'published/withdraw': 'withdrawn',
  'published/revise': 'published',
  'published/supersede': 'superseded',
};

describe('publications workflow: every state × action', () => {
  for (const state of STATES) {
    for (const action of ACTIONS) {
      const key = `${state}/${action}`;
      const expected = EXPECTED[key];
      it(`${key} → ${expected ?? 'refused'}`, () => {
        const r = transition(state, action, good(action));
        if (expected) {
          assert.deepEqual(r, { ok: true, to: expected });
          assert.equal(TRANSITIONS[state][action], expected);
        } else {
          assert.equal(r.ok, false);
          assert.ok(
            !r.ok && r.reasons.length === 1 && /^当前状态为“.+”，不能“.+”。$/.test(r.reasons[0] ?? ''),
            JSON.stringify(r),
          );
        }
      });
    }
  }
  it('the table has no entries beyond the expected ones', () => {
    const entries = STATES.flatMap((s) => Object.keys(TRANSITIONS[s]).map((a) => `${s}/${a}`));
    assert.deepEqual(entries.sort(), Object.keys(EXPECTED).sort());
  });
});

describe('publications workflow: guards give their reasons', () => {
  it('submitting needs the whole confidentiality checklist (保密审查)', () => {
    const r = transition('draft', 'submit', { ...good('submit'), checklist: CHECKLIST_KEYS.slice(1) });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reasons.join() : '', /保密审查清单尚未完成：不涉及国家秘密。/);
    const none = transition('draft', 'submit', { ...good('submit'), checklist: [] });
    assert.ok(!none.ok && none.reasons[0]?.split('；').length === CHECKLIST_KEYS.length);
  });
  it('only proactive items are submitted or published', () => {
    for (const [s, a] of [
      ['draft', 'submit'],
      ['approved', 'publish'],
    ] as const) {
      const r = transition(s, a, { ...good(a), disclosure: 'withheld' });
      assert.ok(!r.ok && r.reasons.some((x) => x.includes('主动公开')));
    }
  });
  it('four eyes: the author cannot approve, nor can office staff', () => {
    const own = transition('submitted', 'approve', { ...good('approve'), actor: { userId: AUTHOR, roles: ['office_head'] } });
    assert.deepEqual(own, { ok: false, reasons: ['不能审核批准自己起草的信息（双人审核）。'] });
    const staff = transition('submitted', 'approve', { ...good('approve'), actor: { userId: 30, roles: ['office_staff'] } });
    assert.deepEqual(staff, { ok: false, reasons: ['只有公开办负责人或分管领导可以审核批准。'] });
    const leader = transition('submitted', 'approve', { ...good('approve'), actor: { userId: 31, roles: ['leader'] } });
    assert.deepEqual(leader, { ok: true, to: 'approved' });
  });
  it('returning and withdrawing need a reason', () => {
    assert.deepEqual(transition('submitted', 'return', { ...good('return'), reason: '  ' }), {
      ok: false,
      reasons: ['请填写退回理由。'],
    });
    assert.deepEqual(transition('published', 'withdraw', { ...good('withdraw'), reason: null }), {
      ok: false,
      reasons: ['请填写撤回理由。'],
    });
  });
  it('scheduling needs a time in the future', () => {
    assert.deepEqual(transition('approved', 'schedule', { ...good('schedule'), publishAt: NOW }), {
      ok: false,
      reasons: ['定时发布的时间须晚于当前时间。'],
    });
    assert.deepEqual(transition('approved', 'schedule', { ...good('schedule'), publishAt: null }), {
      ok: false,
      reasons: ['请填写定时发布的时间。'],
    });
  });
  it('one open revision at a time; superseding only when the successor is published', () => {
    assert.equal(transition('published', 'revise', { ...good('revise'), hasOpenRevision: true }).ok, false);
    assert.equal(transition('published', 'supersede', { ...good('supersede'), successorPublishing: false }).ok, false);
  });
  it('the system (operator, scheduler) is not subject to the role checks', () => {
    assert.deepEqual(transition('submitted', 'approve', { ...good('approve'), actor: 'system' }), { ok: true, to: 'approved' });
  });
});

const actor = (roles: string[], userId = 10, organId = 1, descendants: number[] = []): Actor => ({
  userId,
  username: `u${userId}`,
  displayName: '某人',
  organId,
  roles,
  descendantOrganIds: descendants,
  rootOrgan: organId === 1,
});
const item = (authorId: number | null = 10, unitLiaisonId: number | null = null, organId = 1) => ({
  organId,
  unitId: 5,
  unitLiaisonId,
  authorId,
});

describe('publications policy', () => {
  it('fails closed', () => {
    // biome-ignore lint/suspicious/noExplicitAny: an action the policy does not know
    assert.equal(publicationsPolicy.can(actor(['office_head']), 'publication.delete' as any, item() as never), false);
    assert.equal(publicationsPolicy.can(null, 'publication.read', { organId: 1 }), false);
  });
  it('authors: office staff and head of the organ, a liaison only for the unit they serve', () => {
    assert.equal(publicationsPolicy.can(actor(['office_staff']), 'publication.author', item()), true);
    assert.equal(publicationsPolicy.can(actor(['office_head']), 'publication.author', item()), true);
    assert.equal(publicationsPolicy.can(actor(['liaison'], 7), 'publication.author', item(null, 7)), true);
    assert.equal(publicationsPolicy.can(actor(['liaison'], 7), 'publication.author', item(null, 8)), false);
    assert.equal(publicationsPolicy.can(actor(['leader']), 'publication.author', item()), false);
    assert.equal(publicationsPolicy.can(actor(['office_staff'], 10, 2), 'publication.author', item()), false);
  });
  it('approvers: office head or leader of the organ, never the author', () => {
    assert.equal(publicationsPolicy.can(actor(['office_head'], 20), 'publication.approve', item(10)), true);
    assert.equal(publicationsPolicy.can(actor(['leader'], 21), 'publication.approve', item(10)), true);
    assert.equal(publicationsPolicy.can(actor(['office_head'], 10), 'publication.approve', item(10)), false);
    assert.equal(publicationsPolicy.can(actor(['office_staff'], 22), 'publication.approve', item(10)), false);
    assert.equal(publicationsPolicy.can(actor(['office_head'], 20, 2), 'publication.approve', item(10)), false);
  });
  it('readers: staff of the organ; supervisors also below; nobody else', () => {
    assert.equal(publicationsPolicy.can(actor(['liaison']), 'publication.read', { organId: 1 }), true);
    assert.equal(publicationsPolicy.can(actor(['office_staff']), 'publication.read', { organId: 2 }), false);
    assert.equal(publicationsPolicy.can(actor(['supervisor'], 10, 1, [2]), 'publication.read', { organId: 2 }), true);
    assert.equal(publicationsPolicy.can(actor(['leader'], 10, 1, [2]), 'publication.read', { organId: 2 }), false);
    assert.equal(publicationsPolicy.can(actor(['audit_officer']), 'publication.read', { organId: 1 }), false);
  });
});

/** Monday–Friday only, for the pure deadline rules. */
const weekdays: WorkingDays = {
  addWorkingDays(start, n) {
    const d = new Date(`${start}T00:00:00Z`);
    while (n > 0) {
      d.setUTCDate(d.getUTCDate() + 1);
      if (d.getUTCDay() % 6 !== 0) n--;
    }
    return d.toISOString().slice(0, 10);
  },
  countWorkingDays(from, to) {
    let n = 0;
    const d = new Date(`${from}T00:00:00Z`);
    while (d.toISOString().slice(0, 10) < to) {
      d.setUTCDate(d.getUTCDate() + 1);
      if (d.getUTCDay() % 6 !== 0) n++;
    }
    return n;
  },
};

describe('deadlines and the catalogue (pure)', () => {
  it('Art 26: 20 working days from the creation date; at risk, overdue, met, late', () => {
    const p = { created_on: '2026-03-02', disclosure: 'proactive', published_on: null };
    assert.deepEqual(art26Deadline(weekdays, p, '2026-03-02'), {
      createdOn: '2026-03-02',
      dueOn: '2026-03-30',
      remaining: 20,
      status: 'open',
    });
    assert.equal(art26Deadline(weekdays, p, '2026-03-23').status, 'at_risk');
    assert.deepEqual(art26Deadline(weekdays, p, '2026-03-31').remaining, -1);
    assert.equal(art26Deadline(weekdays, p, '2026-03-31').status, 'overdue');
    assert.equal(art26Deadline(weekdays, { ...p, published_on: '2026-03-30' }, '2026-05-01').status, 'met');
    assert.equal(art26Deadline(weekdays, { ...p, published_on: '2026-03-31' }, '2026-05-01').status, 'late');
  });
  it('三同步: interpretation within 3 working days of the policy', () => {
    assert.deepEqual(interpretationStatus(weekdays, '2026-03-06', null, '2026-03-11'), {
      dueOn: '2026-03-11',
      status: 'pending',
      flagged: false,
    });
    assert.equal(interpretationStatus(weekdays, '2026-03-06', null, '2026-03-12').status, 'missing');
    assert.equal(interpretationStatus(weekdays, '2026-03-06', '2026-03-11', '2026-04-01').status, 'on_time');
    assert.equal(interpretationStatus(weekdays, '2026-03-06', '2026-03-12', '2026-04-01').flagged, true);
  });
  it('the standard columns: four national ones, the 15 categories of Art 20 under 法定主动公开内容, the organ’s own', () => {
    const top = STANDARD_COLUMNS.filter((c) => c.parentCode === null).map((c) => c.name);
    for (const n of [
      '政府信息公开指南',
      '政府信息公开制度',
      '法定主动公开内容',
      '政府信息公开年报',
      '政策文件',
      '政策解读',
      '通知公告',
      '本厅动态',
      '视频',
      '财政资金',
      '建议提案',
      '辟谣澄清',
    ]) {
      assert.ok(top.includes(n), n);
    }
    const art20 = STANDARD_COLUMNS.filter((c) => c.parentCode === 'statutory');
    assert.equal(art20.length, 15);
    assert.match(art20[14]?.description ?? '', /^第二十条第（十五）项：/);
    assert.equal(new Set(STANDARD_COLUMNS.map((c) => c.code)).size, STANDARD_COLUMNS.length, 'codes are unique');
    assert.deepEqual(
      [STANDARD_COLUMNS.find((c) => c.code === 'news')?.updateDays, STANDARD_COLUMNS.find((c) => c.code === 'guide')?.updateDays],
      [14, 183],
    );
    assert.equal(columnFreshness({ updateDays: 14, emptyReason: null }, '2026-03-01', '2026-03-15'), 'fresh');
    assert.equal(columnFreshness({ updateDays: 14, emptyReason: null }, '2026-03-01', '2026-03-16'), 'stale');
    assert.equal(columnFreshness({ updateDays: 14, emptyReason: null }, null, '2026-03-16'), 'empty');
    assert.equal(columnFreshness({ updateDays: 14, emptyReason: '本机关无此类信息' }, null, '2026-03-16'), 'empty_on_purpose');
  });
});
