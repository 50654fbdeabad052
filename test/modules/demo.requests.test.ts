import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fakeCreditCode, fakeResidentId, prng, seedDemoRequests } from '../../src/modules/demo/demo.requests.js';
import { DEMO_ORGAN_CODE, seedDemo } from '../../src/modules/demo/demo.seed.js';
import { HISTORICAL_NOTE } from '../../src/modules/requests/casework.letters.js';
import { computeClock } from '../../src/modules/requests/requests.clock.js';
import { actorCtx, type Ctx } from '../../src/platform/context.js';
import { decryptPii } from '../../src/platform/crypto.js';
import { buildTestApp, type TestApp } from '../support/app.js';

const NOW = '2026-11-25T02:00:00.000Z';

/** GB 11643 check of an 18-digit resident identity number. */
function residentIdValid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...id.slice(0, 17)].reduce((s, c, i) => s + Number(c) * (w[i] as number), 0);
  return '10X98765432'[sum % 11] === id[17];
}

describe('demo requests: 2017 as the seed reports it, and a realistic current year', () => {
  let t: TestApp;
  let organId: number;
  let head: Ctx;
  let ms = 0;

  before(async () => {
    t = await buildTestApp({ now: NOW });
    const start = performance.now();
    assert.equal(await seedDemo(t.services), true);
    ms = performance.now() - start;
    const organ = await t.services.organs.byCode(DEMO_ORGAN_CODE);
    assert.ok(organ);
    organId = organ.id;
    const user = await t.db.db.selectFrom('users').select('id').where('username', '=', 'head').executeTakeFirstOrThrow();
    const actor = await t.services.auth.actorFor(Number(user.id));
    assert.ok(actor);
    head = actorCtx(actor, null, null);
  });
  after(() => t.close());

  const rowsOf = (from: string, to: string) =>
    t.db.db
      .selectFrom('requests')
      .selectAll()
      .where('organ_id', '=', organId)
      .where('received_on', '>=', from)
      .where('received_on', '<=', to)
      .orderBy('reference')
      .execute();

  it('2017: exactly 31 requests, all closed and answered on time under the 2008 rules, no refusals, free', async () => {
    const rows = await rowsOf('2017-01-01', '2017-12-31');
    assert.equal(rows.length, 31);
    const cal = await t.services.calendar.calendar();
    for (const r of rows) {
      assert.equal(r.state, 'closed', r.reference);
      assert.equal(r.rules, '2008');
      assert.ok(r.outcome && !r.outcome.startsWith('withheld.') && r.outcome !== 'partial', `${r.reference} ${r.outcome}`);
      const due = computeClock({ rules: '2008', received: r.received_on, events: [] }, cal).replyDue;
      assert.equal(r.reply_due, due);
      assert.ok(r.replied_on && due && r.replied_on <= due, `${r.reference} replied ${r.replied_on}, due ${due}`);
      assert.ok(cal.countWorkingDays(r.received_on, r.replied_on as string) <= 15);
    }
    // a full history per case: received → assigned → replied → closed
    const events = await t.db.db
      .selectFrom('request_events')
      .select(['request_id', 'action'])
      .where(
        'request_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const actions = events.filter((e) => Number(e.request_id) === Number(r.id)).map((e) => e.action);
      assert.deepEqual(actions, ['register', 'assign', 'draft', 'decide', 'approve', 'reply', 'close'], r.reference);
    }
    // the decision is stored; the letter is marked as not generated (2008, before the 2019 templates)
    const letters = await t.db.db
      .selectFrom('request_letters')
      .selectAll()
      .where(
        'request_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    assert.equal(letters.length, 31);
    for (const l of letters) {
      assert.equal(l.letter, null);
      assert.equal(l.note, HISTORICAL_NOTE);
    }
    // 不予公开备案: none in 2017; 收费: none
    assert.equal((await t.services.caseLetters.register(head, organId, 2017)).rows.length, 0);
    assert.equal(await t.services.requests.feesCollected(organId, 2017), 0);
    assert.equal(
      (await t.db.db.selectFrom('request_fees').select('id').where('organ_id', '=', organId).execute()).length,
      0,
      'no fee was assessed',
    );
    // the channels the seed implies: mostly the service-centre window
    const inPerson = rows.filter((r) => r.channel === 'in_person').length;
    assert.ok(inPerson >= 10);
  });

  it('the current year: a mix of outcomes and applicant types, open and overdue cases, correction and consultation', async () => {
    const rows = await rowsOf('2026-01-01', '2026-12-31');
    assert.ok(rows.length >= 40, `${rows.length} cases`);
    assert.ok(rows.every((r) => r.received_on < '2026-11-25'));
    const outcomes = new Set(rows.filter((r) => r.state === 'closed').map((r) => r.outcome));
    assert.ok(outcomes.size >= 6, [...outcomes].join());
    assert.ok(new Set(rows.map((r) => r.applicant_type)).size >= 3);
    const queue = await t.services.requests.queue(head);
    assert.ok(queue.length >= 8, 'open cases');
    assert.ok(queue.filter((q) => q.overdue).length >= 2, 'overdue cases');
    assert.ok(queue.some((q) => q.row.state === 'awaiting_correction' && q.row.awaiting === 'correction'));
    assert.ok(queue.some((q) => q.row.state === 'in_consultation'));
    // the stored due dates are those the service derives (recomputeOpen changes nothing)
    assert.equal((await t.services.requests.recomputeOpen()).changed, 0);
    // replied cases carry their letter, generated from the facts and stored as issued
    const replied = rows.filter((r) => r.replied_on !== null);
    const letters = await t.db.db
      .selectFrom('request_letters')
      .selectAll()
      .where(
        'request_id',
        'in',
        replied.map((r) => r.id),
      )
      .execute();
    assert.equal(letters.length, replied.length);
    assert.ok(
      letters.every((l) => l.letter !== null),
      letters
        .filter((l) => !l.letter)
        .map((l) => l.note)
        .join(),
    );
    // refusals are in the register of the year
    const refusals = rows.filter(
      (r) => r.replied_on && r.outcome && (r.outcome.startsWith('withheld.') || r.outcome === 'partial'),
    );
    assert.ok(refusals.length >= 1);
    const reg = await t.services.caseLetters.register(head, organId, 2026);
    assert.equal(reg.rows.length, refusals.length);
    // the case page and the letters open for the office head
    const view = await t.services.requests.view(head, Number(replied[0]?.id));
    assert.ok(view.events.length >= 6);
  });

  it('identity numbers are fake but valid-looking, encrypted and masked like real ones', async () => {
    const rows = await rowsOf('2017-01-01', '2026-12-31');
    for (const r of rows.slice(0, 40)) {
      const plain = decryptPii(t.config.secret, r.id_number_enc);
      if (r.id_type === 'resident_id') assert.ok(residentIdValid(plain), plain);
      else assert.match(plain, /^[0-9A-HJ-NPQRTUWXY]{18}$/);
      assert.ok(!r.id_number_enc.includes(plain));
      assert.equal(r.id_masked, `${plain.slice(0, 3)}${'*'.repeat(plain.length - 5)}${plain.slice(-2)}`);
    }
    const r = prng(7);
    for (let i = 0; i < 50; i++) assert.ok(residentIdValid(fakeResidentId(r, 1980)));
    assert.equal(fakeCreditCode(prng(1)), fakeCreditCode(prng(1)));
  });

  it('is idempotent, deterministic and fast', async () => {
    const clerk = await t.db.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('username', '=', 'clerk')
      .executeTakeFirstOrThrow();
    const staff = {
      clerk: { id: Number(clerk.id), name: clerk.display_name },
      head: { id: 0, name: '' },
    };
    const before = (await rowsOf('2000-01-01', '2100-01-01')).length;
    assert.equal(await seedDemoRequests(t.services, organId, staff), 0);
    assert.equal((await rowsOf('2000-01-01', '2100-01-01')).length, before);
    assert.ok(ms < 30_000, `seedDemo took ${Math.round(ms)} ms`);

    // a second installation with the same clock gets the same cases
    const u = await buildTestApp({ now: NOW });
    try {
      await seedDemo(u.services);
      const digest = async (a: TestApp) =>
        (
          await a.db.db
            .selectFrom('requests')
            .select(['reference', 'received_on', 'state', 'outcome', 'applicant_name', 'channel', 'reply_due'])
            .orderBy('reference')
            .execute()
        )
          .map((x) => Object.values(x).join('|'))
          .join('\n');
      assert.equal(await digest(u), await digest(t));
    } finally {
      await u.close();
    }
  });
});
