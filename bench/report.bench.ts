// Annual report benchmark (issue 5):
//   (a) `reports.generate` (the JSON report) for one organ with N requests received in the year
//       (default 100,000; 3 history events each, some carried in from the year before, a few
//       reopened), against a bare `SELECT applicant_type, outcome, count(*) … GROUP BY` over the
//       same rows in the same run, interleaved;
//   (a') the whole HTML report the office reads (builder: text, checks, five years of table 3);
//   (b) `reports.aggregate` over a province of 124 organs below a root (14 cities × 7 departments,
//       plus 12 provincial departments) sharing another N requests, against the same bare GROUP BY
//       over all their rows.
// SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (a scratch database, dropped after).
// Prints medians and ratios as markdown.
//
// Run: npm run bench:report -- [--requests 100000] [--runs 9]
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { type Insertable, sql } from 'kysely';
import { createServices } from '../src/app.js';
import { OUTCOMES } from '../src/modules/requests/requests.codes.js';
import type { RequestTable } from '../src/modules/requests/requests.tables.js';
import { ManualClock } from '../src/platform/clock.js';
import { systemCtx } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { testConfig } from '../test/support/app.js';
import { type TestDb, testDb } from '../test/support/db.js';

const { values: args } = parseArgs({
  options: { requests: { type: 'string', default: '100000' }, runs: { type: 'string', default: '9' } },
});
const N = Number(args.requests);
const RUNS = Number(args.runs);
const YEAR = 2024;
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** Times `a` and `b` alternately after one warm-up round of each. */
async function paired(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  await a();
  await b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    await a();
    ta.push(performance.now() - t0);
    t0 = performance.now();
    await b();
    tb.push(performance.now() - t0);
  }
  return [median(ta), median(tb)];
}

// a deterministic pseudo-random sequence
let seed = 42;
const rnd = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const TYPES = [
  'natural_person',
  'natural_person',
  'natural_person',
  'commercial',
  'research',
  'public_interest',
  'legal_services',
  'other_org',
];
const day = (d: number) => new Date(Date.UTC(YEAR, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

/** Inserts `n` requests spread over `organIds` with 3 events each; 1 in 500 reopened. */
async function load(db: Db, organIds: number[], n: number, prefix: string): Promise<void> {
  const at = '2025-01-20T02:00:00.000Z';
  const BATCH = 500;
  for (let start = 0; start < n; start += BATCH) {
    const rows: Insertable<RequestTable>[] = [];
    for (let i = start; i < Math.min(n, start + BATCH); i++) {
      // 4 % received late the year before (carried in), 3 % still open
      const received = rnd() < 0.04 ? day(-1 - Math.floor(rnd() * 20)) : day(Math.floor(rnd() * 366));
      const open = rnd() < 0.03;
      const closed = open
        ? null
        : new Date(Date.parse(`${received}T00:00:00Z`) + Math.floor(rnd() * 30) * 86_400_000).toISOString().slice(0, 10);
      const ref = `${prefix}-${i}`;
      rows.push({
        organ_id: organIds[i % organIds.length] as number,
        reference: ref,
        tracking_hash: createHash('sha256').update(ref).digest('hex'),
        channel: 'online' as const,
        received_on: received,
        received_rule: 'bench',
        rules: '2019',
        state: open ? 'assigned' : 'closed',
        applicant_type: pick(TYPES) as RequestTable['applicant_type'],
        applicant_name: '申请人',
        contact_person: null,
        id_type: 'other' as const,
        id_number_enc: 'x',
        id_hash: ref,
        id_masked: '*',
        phone: null,
        email: null,
        address: null,
        info_title: null,
        info_doc_number: null,
        info_description: '基准测试',
        form_wanted: 'electronic' as const,
        delivery: 'online' as const,
        unit_id: null,
        handler_user_id: null,
        repeat_of_id: null,
        reply_due: null,
        correction_due: null,
        awaiting: null,
        outcome: open ? null : pick(OUTCOMES),
        legal_ground: null,
        released_parts: null,
        withheld_parts: null,
        decision_note: null,
        decided_by: null,
        decided_at: null,
        approved_by: null,
        approved_at: null,
        replied_on: closed,
        reply_method: null,
        closed_on: closed,
        created_at: at,
        updated_at: at,
        version: 1,
      });
    }
    await db.transaction().execute(async (tx) => {
      const ids = await tx.insertInto('requests').values(rows).returning(['id', 'received_on', 'closed_on']).execute();
      const events = ids.flatMap((r, k) => {
        const base = { request_id: Number(r.id), at, actor_user_id: null, actor_name: 'bench', clock: null, note: null };
        const ev: Array<
          typeof base & { on_date: string; action: string; from_state: string | null; to_state: string; data: string | null }
        > = [
          { ...base, on_date: r.received_on, action: 'register', from_state: null, to_state: 'registered', data: null },
          { ...base, on_date: r.received_on, action: 'assign', from_state: 'registered', to_state: 'assigned', data: null },
        ];
        if (r.closed_on)
          ev.push({ ...base, on_date: r.closed_on, action: 'close', from_state: 'replied', to_state: 'closed', data: null });
        // 1 in 500: closed once before and reopened (the earlier episode on the event)
        if ((start + k) % 500 === 0 && r.closed_on)
          ev.push({
            ...base,
            on_date: r.received_on,
            action: 'reopen',
            from_state: 'closed',
            to_state: 'assigned',
            data: JSON.stringify({ closedOn: r.received_on, outcome: 'granted' }),
          });
        return ev;
      });
      for (let i = 0; i < events.length; i += 1000)
        await tx
          .insertInto('request_events')
          .values(events.slice(i, i + 1000))
          .execute();
    });
  }
}

async function bench(name: string, t: TestDb): Promise<string[]> {
  const clock = new ManualClock('2025-01-20T02:00:00.000Z');
  const s = createServices({ db: t.db, dialect: t.dialect, clock, config: testConfig() });
  const ctx = systemCtx('bench');
  const one = await s.organs.create(ctx, { code: 'one', name: '单一机关', kind: 'department' });
  const root = await s.organs.create(ctx, { code: 'prov', name: '某省人民政府', kind: 'government' });
  const province: number[] = [];
  for (let c = 0; c < 14; c++) {
    const city = await s.organs.create(ctx, { code: `c${c}`, name: `第${c}市人民政府`, kind: 'government', parentCode: 'prov' });
    province.push(city.id);
    for (let d = 0; d < 7; d++)
      province.push(
        (await s.organs.create(ctx, { code: `c${c}d${d}`, name: `第${c}市第${d}局`, kind: 'department', parentCode: `c${c}` }))
          .id,
      );
  }
  for (let d = 0; d < 12; d++)
    province.push((await s.organs.create(ctx, { code: `p${d}`, name: `省第${d}厅`, kind: 'department', parentCode: 'prov' })).id);
  log(`${name}: ${province.length} organs in the province; loading ${N} + ${N} requests`);
  let t0 = performance.now();
  await load(t.db, [one.id], N, 'one');
  await load(t.db, province, N, 'prov');
  if (t.dialect === 'postgres') await sql`analyze`.execute(t.db);
  log(`${name}: loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const baseline = (ids: number[]) => () =>
    t.db
      .selectFrom('requests')
      .select(['applicant_type', 'outcome', (eb) => eb.fn.countAll().as('n')])
      .where('organ_id', 'in', ids)
      .where('received_on', '>=', `${YEAR}-01-01`)
      .where('received_on', '<=', `${YEAR}-12-31`)
      .groupBy(['applicant_type', 'outcome'])
      .execute();
  t0 = performance.now();
  const r = await s.reports.generate(ctx, one.id, YEAR);
  log(
    `${name}: first report ${ms(performance.now() - t0)} ms; received ${r.table3.rows.received[6]}, checks failing: ${r.checks.filter((c) => c.state === 'fail').map((c) => c.code)}`,
  );
  const [gen, base] = await paired(() => s.reports.generate(ctx, one.id, YEAR), baseline([one.id]));
  // the report as the office reads it: five years of table 3 for the chart, the text drafted and
  // read back against the tables, and its HTML
  const [page, pageBase] = await paired(
    async () => {
      const r = await s.reportBuilder.build(ctx, one.id, YEAR, null);
      return s.reportBuilder.documentHtml(r);
    },
    baseline([one.id]),
  );
  const a = await s.reports.aggregate(ctx, root.id, YEAR);
  log(`${name}: aggregate of ${a.organs} organs, received ${a.table3.rows.received[6]}`);
  const [agg, aggBase] = await paired(() => s.reports.aggregate(ctx, root.id, YEAR), baseline(province));
  return [
    `| ${name} | report, 1 organ, ${N.toLocaleString('en')} requests | ${ms(gen)} | ${ms(base)} | ${(gen / base).toFixed(1)} |`,
    `| ${name} | the report's HTML (text, checks, 5-year chart), 1 organ | ${ms(page)} | ${ms(pageBase)} | ${(page / pageBase).toFixed(1)} |`,
    `| ${name} | aggregate, ${a.organs} organs, ${N.toLocaleString('en')} requests | ${ms(agg)} | ${ms(aggBase)} | ${(agg / aggBase).toFixed(1)} |`,
  ];
}

const lines: string[] = [];
for (const pg of [false, true]) {
  if (pg && !process.env.TEST_DATABASE_URL) continue;
  const saved = process.env.TEST_DATABASE_URL;
  if (!pg) delete process.env.TEST_DATABASE_URL;
  const t = await testDb();
  if (saved) process.env.TEST_DATABASE_URL = saved;
  try {
    lines.push(...(await bench(pg ? 'PostgreSQL' : 'SQLite', t)));
  } finally {
    await t.destroy();
  }
}
process.stdout.write(
  `${cpus().length} cores, Node ${process.version}, median of ${RUNS} runs each, interleaved\n\n` +
    '| database | what | median (ms) | bare GROUP BY (ms) | × baseline |\n|---|---|---|---|---|\n' +
    `${lines.join('\n')}\n`,
);
