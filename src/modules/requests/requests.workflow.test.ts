import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACTIONS,
  actionsFrom,
  needsHeadApproval,
  OPEN,
  STATES,
  type State,
  TRANSITIONS,
  type TransitionFacts,
  transition,
} from './requests.workflow.js';

const HEAD = { userId: 1, roles: ['office_head'] };
const CLERK = { userId: 2, roles: ['office_staff'] };

/** Facts under which every guard passes (the table alone decides). */
const allowing = (over: Partial<TransitionFacts> = {}): TransitionFacts => ({
  actor: HEAD,
  deciderId: 2,
  outcome: 'granted',
  legalGround: '条例第十四条',
  releasedParts: '第一部分',
  withheldParts: '第二部分',
  reason: '理由',
  workingDays: 20,
  maxExtension: 20,
  extendedBefore: false,
  correctionOnce: true,
  correctionRequestedBefore: false,
  until: '2026-06-30',
  today: '2026-03-02',
  closableAfter: '2026-03-01',
  repliedOn: '2026-03-02',
  ...over,
});

/** What the table must say, written out independently of TRANSITIONS. */
const EXPECTED: Record<State, Partial<Record<(typeof ACTIONS)[number], State>>> = {
  registered: {
    assign: 'assigned',
    request_correction: 'awaiting_correction',
    extend: 'registered',
    defer: 'registered',
    draft: 'drafting',
    withdraw: 'withdrawn',
  },
  assigned: {
    assign: 'assigned',
    request_correction: 'awaiting_correction',
    start_consultation: 'in_consultation',
    send_fee_notice: 'awaiting_fee',
    extend: 'assigned',
    defer: 'assigned',
    draft: 'drafting',
    withdraw: 'withdrawn',
  },
  awaiting_correction: { receive_correction: 'assigned', close: 'closed', withdraw: 'withdrawn' },
  in_consultation: { end_consultation: 'drafting', extend: 'in_consultation', defer: 'in_consultation', withdraw: 'withdrawn' },
  awaiting_fee: { record_payment: 'drafting', close: 'closed', withdraw: 'withdrawn' },
  drafting: {
    assign: 'drafting',
    start_consultation: 'in_consultation',
    send_fee_notice: 'awaiting_fee',
    extend: 'drafting',
    defer: 'drafting',
    decide: 'under_review',
    withdraw: 'withdrawn',
  },
  under_review: { extend: 'under_review', defer: 'under_review', return: 'drafting', approve: 'approved', withdraw: 'withdrawn' },
  approved: { extend: 'approved', defer: 'approved', return: 'drafting', reply: 'replied', withdraw: 'withdrawn' },
  replied: { close: 'closed' },
  closed: { reopen: 'assigned' },
  withdrawn: {},
};

describe('requests workflow: the transition table', () => {
  for (const state of STATES) {
    for (const action of ACTIONS) {
      const want = EXPECTED[state][action];
      it(`${state} × ${action} → ${want ?? 'refused'}`, () => {
        const r = transition(state, action, allowing());
        if (want === undefined) {
          assert.equal(r.ok, false);
          if (!r.ok) assert.match(r.reasons[0] ?? '', /^当前状态为“.+”，不能“.+”。$/);
        } else {
          assert.deepEqual(r, { ok: true, to: want });
        }
      });
    }
  }

  it('offers from each state exactly the actions of the table', () => {
    for (const s of STATES) assert.deepEqual(actionsFrom(s).sort(), Object.keys(EXPECTED[s]).sort());
    assert.equal(Object.keys(TRANSITIONS).length, ACTIONS.length);
  });

  it('allows withdrawal at any point before the reply, never after', () => {
    for (const s of STATES) assert.equal(transition(s, 'withdraw', allowing()).ok, OPEN.includes(s), s);
  });
});

describe('requests workflow: guards', () => {
  const reasons = (state: State, action: (typeof ACTIONS)[number], over: Partial<TransitionFacts>) => {
    const r = transition(state, action, allowing(over));
    return r.ok ? [] : r.reasons;
  };

  it('four eyes: a refusal is approved by the office head, never by who drafted it', () => {
    const refusal = { outcome: 'withheld.state_secret' as const };
    assert.ok(needsHeadApproval('partial') && needsHeadApproval('withheld.third_party') && !needsHeadApproval('granted'));
    assert.deepEqual(reasons('under_review', 'approve', { ...refusal, actor: HEAD, deciderId: 2 }), []);
    assert.match(reasons('under_review', 'approve', { ...refusal, actor: HEAD, deciderId: 1 }).join(), /双人审核/);
    assert.match(reasons('under_review', 'approve', { ...refusal, actor: CLERK, deciderId: 1 }).join(), /公开办负责人审批/);
    assert.match(reasons('under_review', 'approve', { outcome: 'partial', actor: CLERK, deciderId: 2 }).join(), /双人审核/);
    // a grant may be approved by any member of the office
    assert.deepEqual(reasons('under_review', 'approve', { outcome: 'granted', actor: CLERK, deciderId: 2 }), []);
  });

  it('a decision: one outcome; a refusal has its legal ground; a partial one lists both parts', () => {
    assert.match(reasons('drafting', 'decide', { outcome: null }).join(), /请选择处理结果/);
    assert.match(reasons('drafting', 'decide', { outcome: 'withheld.process_info', legalGround: ' ' }).join(), /法律依据/);
    assert.match(reasons('drafting', 'decide', { outcome: 'partial', withheldParts: null }).join(), /分别列明/);
    assert.match(reasons('drafting', 'decide', { outcome: 'other.no_correction' }).join(), /直接办结/);
    assert.deepEqual(reasons('drafting', 'decide', { outcome: 'unable.not_held', legalGround: null }), []);
  });

  it('extension: office head, once, within the rule set maximum, with a reason', () => {
    assert.match(reasons('assigned', 'extend', { actor: CLERK }).join(), /负责人同意/);
    assert.match(reasons('assigned', 'extend', { extendedBefore: true }).join(), /只能延长一次/);
    assert.match(reasons('assigned', 'extend', { workingDays: 16, maxExtension: 15 }).join(), /1 至 15 个工作日/);
    assert.match(reasons('assigned', 'extend', { reason: '' }).join(), /延期理由/);
  });

  it('correction: once under 2019 rules (一次性告知), with its content', () => {
    assert.match(reasons('assigned', 'request_correction', { correctionRequestedBefore: true }).join(), /一次性/);
    assert.deepEqual(reasons('assigned', 'request_correction', { correctionRequestedBefore: true, correctionOnce: false }), []);
    assert.match(reasons('registered', 'request_correction', { reason: null }).join(), /补正的内容/);
  });

  it('closing an abandoned case waits for the deadline; deferral needs a later date; a reply is not dated ahead', () => {
    assert.match(reasons('awaiting_correction', 'close', { closableAfter: '2026-03-02' }).join(), /届满后/);
    assert.match(reasons('awaiting_fee', 'close', { closableAfter: null }).join(), /尚无/);
    assert.deepEqual(reasons('replied', 'close', { closableAfter: null }), []);
    assert.match(reasons('assigned', 'defer', { until: '2026-03-02' }).join(), /晚于今天/);
    assert.match(reasons('approved', 'reply', { repliedOn: '2026-03-03' }).join(), /不能晚于今天/);
    assert.match(reasons('registered', 'withdraw', { reason: '' }).join(), /撤回的方式/);
    assert.match(reasons('under_review', 'return', { reason: '' }).join(), /退回理由/);
  });

  it('reopening a closed case: the office head decides, with the decision that orders it', () => {
    assert.deepEqual(reasons('closed', 'reopen', {}), []);
    assert.match(reasons('closed', 'reopen', { actor: CLERK }).join(), /公开办负责人决定/);
    assert.match(reasons('closed', 'reopen', { reason: ' ' }).join(), /重新办理的依据/);
    assert.deepEqual(reasons('closed', 'reopen', { actor: 'system' }), []);
  });
});
