// Table 3 of the annual report: the counting rules of report-format.md, first as pure episodes,
// then from real records (imported, registered and withdrawn, reopened) on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { checkTable3Balance, checkTable3ResultsTotal, checkTable3RowTotals } from '../../src/modules/reports/reports.checks.js';
import { OUTCOME_ROWS } from '../../src/modules/reports/reports.codes.js';
import {
  bucketOf,
  type CountedRequest,
  countFromGroups,
  countTable3,
  episodesOf,
  type Reopening,
  reopeningOf,
} from '../../src/modules/reports/reports.table3.js';
import type { AnnualReport, Table3 } from '../../src/modules/reports/reports.types.js';
import type { RequestRow } from '../../src/modules/requests/requests.repository.js';
import { actorCtx, type Ctx } from '../../src/platform/context.js';
import { buildTestApp, organWithUnits, type TestApp, userWithRoles } from '../support/app.js';
import { application } from './requests.fixtures.js';

const six = (t: Table3, row: keyof Table3['rows']) => t.rows[row];
const req = (over: Partial<CountedRequest>): CountedRequest => ({
  applicant_type: 'natural_person',
  received_on: '2024-03-01',
  closed_on: null,
  outcome: null,
  ...over,
});

describe('table 3: episodes and years (pure)', () => {
  it('received 2023-12-30, closed 2024-01-05: carried over in 2023, carried in and an outcome in 2024', () => {
    const e = { start: '2023-12-30', end: '2024-01-05', outcome: 'granted' };
    assert.deepEqual(bucketOf(e, 2023), { start: 'received', end: 'carried_over' });
    assert.deepEqual(bucketOf(e, 2024), { start: 'carried_in', end: 'granted' });
    assert.equal(bucketOf(e, 2022), null);
    assert.equal(bucketOf(e, 2025), null);
    // the boundaries: received on 31 December, closed on 1 January
    assert.deepEqual(bucketOf({ start: '2024-12-31', end: null, outcome: null }, 2024), {
      start: 'received',
      end: 'carried_over',
    });
    assert.deepEqual(bucketOf({ start: '2024-01-01', end: '2024-12-31', outcome: 'partial' }, 2024), {
      start: 'received',
      end: 'partial',
    });
  });

  it('a closed episode without a known outcome counts under other.other', () => {
    assert.deepEqual(bucketOf({ start: '2024-01-02', end: '2024-01-03', outcome: null }, 2024)?.end, 'other.other');
    assert.deepEqual(bucketOf({ start: '2024-01-02', end: '2024-01-03', outcome: 'nonsense' }, 2024)?.end, 'other.other');
  });

  it('a reopened request is two episodes: the second starts on the reopening date', () => {
    const r = req({ received_on: '2023-10-01', closed_on: '2024-09-30', outcome: 'unable.not_held' });
    const reopen: Reopening = { on: '2024-09-01', closedOn: '2023-11-01', outcome: 'granted' };
    assert.deepEqual(episodesOf(r, [reopen]), [
      { applicantType: 'natural_person', start: '2023-10-01', end: '2023-11-01', outcome: 'granted' },
      { applicantType: 'natural_person', start: '2024-09-01', end: '2024-09-30', outcome: 'unable.not_held' },
    ]);
    const t23 = countTable3([r], 2023, new Map([[0, [reopen]]]));
    assert.deepEqual(six(t23, 'received'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(six(t23, 'granted'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(six(t23, 'carried_over'), [0, 0, 0, 0, 0, 0, 0]);
    const t24 = countTable3([r], 2024, new Map([[0, [reopen]]]));
    assert.deepEqual(six(t24, 'carried_in'), [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(six(t24, 'received'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(six(t24, 'unable.not_held'), [1, 0, 0, 0, 0, 0, 1]);
    assert.equal(reopeningOf('2024-09-01', '{"closedOn":"2023-11-01","outcome":"granted"}')?.closedOn, '2023-11-01');
    assert.equal(reopeningOf('2024-09-01', 'not json'), null);
    assert.equal(reopeningOf('2024-09-01', { outcome: 'granted' }), null);
  });

  const dateArb = fc
    .integer({ min: 0, max: 4 * 365 })
    .map((d) => new Date(Date.UTC(2022, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
  const requestArb = fc
    .record({
      applicant_type: fc.constantFrom(
        'natural_person',
        'commercial',
        'research',
        'public_interest',
        'legal_services',
        'other_org',
      ),
      received_on: dateArb,
      closes: fc.boolean(),
      length: fc.integer({ min: 0, max: 500 }),
      outcome: fc.constantFrom(...OUTCOME_ROWS, null),
      reopens: fc.array(fc.record({ after: fc.integer({ min: 0, max: 200 }), length: fc.integer({ min: 0, max: 200 }) }), {
        maxLength: 2,
      }),
    })
    .map((x) => {
      const add = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
      // the episodes in order: each reopening comes on or after the previous closing
      let cursor = x.received_on;
      const reopenings: Reopening[] = [];
      for (const r of x.reopens) {
        const closedOn = add(cursor, r.length);
        const on = add(closedOn, r.after);
        reopenings.push({ on, closedOn, outcome: 'granted' });
        cursor = on;
      }
      const request: CountedRequest = {
        applicant_type: x.applicant_type,
        received_on: x.received_on,
        closed_on: x.closes ? add(cursor, x.length) : null,
        outcome: x.closes ? x.outcome : null,
      };
      return { request, reopenings };
    });

  it('every year balances, and grouped counts with reopened requests recounted give the same table', () => {
    fc.assert(
      fc.property(fc.array(requestArb, { maxLength: 40 }), fc.integer({ min: 2022, max: 2026 }), (cases, year) => {
        const direct = countTable3(
          cases.map((c) => c.request),
          year,
          new Map(cases.map((c, i) => [i, c.reopenings])),
        );
        // what the SQL GROUP BY yields: every request as a single episode
        const groups = cases.flatMap(({ request: r }) => {
          const b = bucketOf({ start: r.received_on, end: r.closed_on, outcome: r.outcome }, year);
          return b ? [{ applicantType: r.applicant_type, start: b.start, end: b.end, n: 1 }] : [];
        });
        const grouped = countFromGroups(
          groups,
          cases.filter((c) => c.reopenings.length),
          year,
        );
        assert.deepEqual(grouped, direct);
        for (const check of [checkTable3Balance, checkTable3RowTotals, checkTable3ResultsTotal]) assert.ok(check(direct).ok);
      }),
      { numRuns: 300 },
    );
  });
});

describe('table 3 from the records', () => {
  let t: TestApp;
  let organId: number;
  const ctx: Record<string, Ctx> = {};

  before(async () => {
    t = await buildTestApp({ now: '2024-08-01T02:00:00.000Z' });
    organId = (await organWithUnits(t.services, 'gx')).organ.id;
    for (const [name, roles] of [
      ['clerk', ['office_staff']],
      ['head', ['office_head']],
    ] as const) {
      const u = await userWithRoles(t.services, organId, name, [...roles]);
      const a = await t.services.auth.actorFor(u.id);
      assert.ok(a);
      ctx[name] = actorCtx(a, null, null);
    }
    const csv = [
      'reference,received_on,applicant_type,channel,closed_on,outcome',
      'A,2023-12-30,natural_person,online,2024-01-05,granted',
      'B,2024-03-01,commercial,post,2024-03-20,partial',
      'D,2024-05-05,legal_services,in_person,,',
      'E,2024-06-01,public_interest,online,2024-06-02,declined.duplicate',
      'F,2024-07-01,other_org,fax,2024-07-09,other.no_correction',
      'G,2023-10-01,commercial,online,2023-11-01,granted',
    ].join('\n');
    const r = await t.services.imports.importRequests(ctx.clerk as Ctx, {
      organId,
      fileName: 'requests.csv',
      content: Buffer.from(csv),
    });
    assert.equal(r.created, 6, JSON.stringify(r.bad));
    // a request registered by the office and withdrawn four days later
    t.clock.set('2024-08-01T02:00:00.000Z');
    let w: RequestRow = (
      await t.services.requests.registerByStaff(ctx.clerk as Ctx, organId, {
        ...application(),
        channel: 'in_person',
        receivedDate: '2024-08-01',
      })
    ).row;
    t.clock.set('2024-08-05T02:00:00.000Z');
    w = await t.services.requests.withdraw(ctx.clerk as Ctx, w.id, { version: w.version, reason: '申请人书面撤回' });
    assert.equal(w.state, 'withdrawn');
    // G (closed 2023-11-01) reopened on 2024-09-02 by a reconsideration decision, answered again
    t.clock.set('2024-09-02T02:00:00.000Z');
    const rows = await t.db.db.selectFrom('requests').selectAll().where('reference', '=', 'G').execute();
    let g = { ...(rows[0] as RequestRow), id: Number(rows[0]?.id) };
    await assert.rejects(t.services.requests.reopen(ctx.clerk as Ctx, g.id, { version: g.version, reason: '复议决定' }));
    g = await t.services.requests.reopen(ctx.head as Ctx, g.id, { version: g.version, reason: '桂复决〔2024〕12号' });
    assert.deepEqual([g.state, g.closed_on, g.outcome], ['assigned', null, null]);
    g = await t.services.requests.startDrafting(ctx.clerk as Ctx, g.id, { version: g.version });
    g = await t.services.requests.decide(ctx.clerk as Ctx, g.id, { version: g.version, outcome: 'unable.not_held' });
    g = await t.services.requests.approve(ctx.head as Ctx, g.id, { version: g.version });
    t.clock.set('2024-09-20T02:00:00.000Z');
    g = await t.services.requests.reply(ctx.clerk as Ctx, g.id, { version: g.version, repliedOn: '2024-09-20', method: '邮寄' });
    g = await t.services.requests.close(ctx.clerk as Ctx, g.id, { version: g.version });
    assert.deepEqual([g.state, g.closed_on, g.outcome], ['closed', '2024-09-20', 'unable.not_held']);
    t.clock.set('2025-01-15T02:00:00.000Z');
    const c = await t.services.imports.importRequests(ctx.clerk as Ctx, {
      organId,
      fileName: 'c.csv',
      content: Buffer.from(
        'reference,received_on,applicant_type,channel,closed_on,outcome\nC,2024-11-20,research,email,2025-01-10,unable.not_held\n',
      ),
    });
    assert.equal(c.created, 1, JSON.stringify(c.bad));
  });
  after(() => t.close());

  const report = (year: number): Promise<AnnualReport> => t.services.reports.generate(ctx.head as Ctx, organId, year);
  /** The report passes its own table checks (the deadline depends on today, tested apart). */
  const noFailures = (r: AnnualReport) =>
    assert.deepEqual(
      r.checks.filter((c) => c.state === 'fail' && c.code !== 'deadline'),
      [],
    );

  it('2023: A received and carried over; G received and granted (its later reopening changes nothing)', async () => {
    const r = await report(2023);
    const t3 = r.table3;
    assert.deepEqual(six(t3, 'received'), [1, 1, 0, 0, 0, 0, 2]);
    assert.deepEqual(six(t3, 'carried_in'), [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(six(t3, 'granted'), [0, 1, 0, 0, 0, 0, 1]);
    assert.deepEqual(six(t3, 'results_total'), [0, 1, 0, 0, 0, 0, 1]);
    assert.deepEqual(six(t3, 'carried_over'), [1, 0, 0, 0, 0, 0, 1]);
    noFailures(r);
    // today is 2025-01-15: the 2023 report of a department was due by 2024-01-31 and is not published
    assert.deepEqual(
      r.checks.find((c) => c.code === 'deadline'),
      { code: 'deadline', ok: false, state: 'fail', message: '部门年报应于2024-01-31前发布，已逾期350天' },
    );
    assert.equal(r.deadline, '2024-01-31');
  });

  it('2024: carried in, partial once, withdrawn as other.other, the reopening as a new request, columns and totals', async () => {
    const r = await report(2024);
    const t3 = r.table3;
    // received: B, C, D, E, F, the withdrawn one (natural person) and G's reopening (commercial)
    assert.deepEqual(six(t3, 'received'), [1, 2, 1, 1, 1, 1, 7]);
    assert.deepEqual(six(t3, 'carried_in'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(six(t3, 'granted'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(six(t3, 'partial'), [0, 1, 0, 0, 0, 0, 1]);
    assert.deepEqual(six(t3, 'unable.not_held'), [0, 1, 0, 0, 0, 0, 1]);
    assert.deepEqual(six(t3, 'declined.duplicate'), [0, 0, 0, 1, 0, 0, 1]);
    assert.deepEqual(six(t3, 'other.no_correction'), [0, 0, 0, 0, 0, 1, 1]);
    assert.deepEqual(six(t3, 'other.other'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(six(t3, 'withheld.third_party'), [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(six(t3, 'results_total'), [2, 2, 0, 1, 0, 1, 6]);
    // C (closed next year) and D (open)
    assert.deepEqual(six(t3, 'carried_over'), [0, 0, 1, 0, 1, 0, 2]);
    assert.equal(r.figures?.['table3.partial.commercial'], 1);
    assert.equal(r.figures?.['table3.received.total'], 7);
    noFailures(r);
    const carried = r.checks.find((c) => c.code === 'table3.carried_in');
    assert.equal(carried?.state, 'pass');
    assert.match(carried?.message ?? '', /上一年度的办理记录/);
  });

  it('2025: C carried in and closed next year; D still carried over', async () => {
    const r = await report(2025);
    assert.deepEqual(six(r.table3, 'carried_in'), [0, 0, 1, 0, 1, 0, 2]);
    assert.deepEqual(six(r.table3, 'unable.not_held'), [0, 0, 1, 0, 0, 0, 1]);
    assert.deepEqual(six(r.table3, 'carried_over'), [0, 0, 0, 0, 1, 0, 1]);
    assert.deepEqual(six(r.table3, 'received'), [0, 0, 0, 0, 0, 0, 0]);
    noFailures(r);
  });

  it('re-importing the same file changes no figure; imported and registered requests count alike', async () => {
    const before2024 = (await report(2024)).table3;
    const csv =
      'reference,received_on,applicant_type,channel,closed_on,outcome\nB,2024-03-01,commercial,post,2024-03-20,partial\n';
    const r = await t.services.imports.importRequests(ctx.clerk as Ctx, {
      organId,
      fileName: 'b.csv',
      content: Buffer.from(csv),
    });
    assert.equal(r.unchanged, 1);
    assert.deepEqual((await report(2024)).table3, before2024);
  });
});
