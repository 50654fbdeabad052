// Requests benchmark: N open cases (default 100,000) with a realistic history, loaded in bulk into
// one organ, then
//   (a) the back-office queue page (GET /staff/requests through app.inject, signed in: the first
//       page and a filtered page) and the JSON API list (a page of 20, and filtered), p50/p95 over
//       repeated runs, each against the bare SQL of the same rows in the same run, interleaved (for
//       the API list: the page and the COUNT it answers with);
//   (b) adding a holiday in the working-day calendar, which recomputes the due dates of every
//       open case (requests.recomputeOpen), against a pure computeClock loop over the same cases
//       in memory; the stored results are then checked against that loop, case by case.
// SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (a scratch database is created
// there and dropped). Prints markdown tables.
//
// Run: npm run bench:requests -- [--cases 100000] [--runs 30]
import { createHash } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import type { WorkingDayCalendar } from '../src/modules/calendar/calendar.days.js';
import { type ClockEvent, computeClock } from '../src/modules/requests/requests.clock.js';
import { OPEN, type State } from '../src/modules/requests/requests.workflow.js';
import { ManualClock } from '../src/platform/clock.js';
import { systemCtx } from '../src/platform/context.js';
import { encryptPii, maskId } from '../src/platform/crypto.js';
import { Agent, organWithUnits, testConfig, userWithRoles } from '../test/support/app.js';
import { type TestDb, testDb } from '../test/support/db.js';

const { values: args } = parseArgs({
  options: { cases: { type: 'string', default: '100000' }, runs: { type: 'string', default: '30' } },
});
const N = Number(args.cases);
const RUNS = Number(args.runs);
const NOW = '2026-03-20T02:00:00.000Z';
const TODAY = '2026-03-20';
/** The holiday added: the next Monday, a working day in the official calendar. */
const HOLIDAY = '2026-03-23';

const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

// --- statistics ---------------------------------------------------------------------------------
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
/** Times `a` and `b` alternately (after 3 warm-up rounds), so that both see the same machine load. */
async function paired(a: () => Promise<unknown>, b: () => Promise<unknown>, runs = RUNS): Promise<[number[], number[]]> {
  for (let i = 0; i < 3; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    await a();
    ta.push(performance.now() - t0);
    t0 = performance.now();
    await b();
    tb.push(performance.now() - t0);
  }
  return [ta, tb];
}

// --- a deterministic, realistic set of open cases -------------------------------------------------
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Share of each open state among the cases. */
const MIX: Array<[State, number]> = [
  ['registered', 0.1],
  ['assigned', 0.25],
  ['awaiting_correction', 0.08],
  ['in_consultation', 0.07],
  ['awaiting_fee', 0.03],
  ['drafting', 0.3],
  ['under_review', 0.1],
  ['approved', 0.07],
];

interface Gen {
  state: State;
  received: string;
  unit: 'office' | 'business';
  /** Events after `register`: action, business date, clock event. */
  events: Array<{ action: string; on: string; from: State | null; to: State; clock: ClockEvent | null }>;
}

function generate(n: number, cal: WorkingDayCalendar): Gen[] {
  const rnd = mulberry32(20260320);
  // received on a working day in the 55 working days before today
  const days: string[] = [];
  for (let d = cal.addWorkingDays('2026-01-05', 0); d < TODAY; d = cal.nextWorkingDay(d)) days.push(d);
  const out: Gen[] = [];
  const clamp = (d: string, lo: string) => (d >= TODAY ? (lo >= TODAY ? lo : cal.addWorkingDays(lo, 0)) : d);
  for (let i = 0; i < n; i++) {
    let r = rnd();
    let state: State = 'drafting';
    for (const [s, share] of MIX) {
      if (r < share) {
        state = s;
        break;
      }
      r -= share;
    }
    const received = days[Math.floor(rnd() * days.length)] as string;
    const after = (k: number, from = received) => {
      const d = cal.addWorkingDays(from, k);
      return d >= TODAY ? clamp(from, from) : d;
    };
    const ev: Gen['events'] = [];
    const push = (action: string, on: string, from: State | null, to: State, clock: ClockEvent | null = null) =>
      ev.push({ action, on, from, to, clock });
    if (state !== 'registered') push('assign', after(1), 'registered', 'assigned');
    if (state === 'awaiting_correction') {
      const on = after(2);
      push('request_correction', on, 'assigned', 'awaiting_correction', {
        type: 'correction_requested',
        on,
        deadline: cal.addWorkingDays(on, 10),
      });
    } else if (state === 'in_consultation') {
      const on = after(3);
      push('start_consultation', on, 'assigned', 'in_consultation', { type: 'consultation_started', on, party: 'third_party' });
    } else if (state === 'awaiting_fee') {
      const on = after(4);
      push('send_fee_notice', on, 'assigned', 'awaiting_fee', { type: 'fee_notice_sent', on });
    } else if (state === 'drafting' || state === 'under_review' || state === 'approved') {
      let last = after(1);
      if (rnd() < 0.2) {
        const asked = after(2);
        const got = after(4);
        if (got > asked) {
          push('request_correction', asked, 'assigned', 'awaiting_correction', { type: 'correction_requested', on: asked });
          push('receive_correction', got, 'awaiting_correction', 'assigned', { type: 'correction_received', on: got });
          last = got;
        }
      }
      if (rnd() < 0.15) {
        const on = after(2, last);
        const end = after(5, last);
        if (end > on) {
          push('start_consultation', on, 'assigned', 'in_consultation', { type: 'consultation_started', on, party: 'organ' });
          push('end_consultation', end, 'in_consultation', 'drafting', { type: 'consultation_ended', on: end });
          last = end;
        }
      }
      if (!ev.some((e) => e.action === 'end_consultation')) push('draft', after(1, last), 'assigned', 'drafting');
      if (rnd() < 0.1) {
        const on = after(3, last);
        push('extend', on, 'drafting', 'drafting', { type: 'extended', on, workingDays: 1 + Math.floor(rnd() * 20) });
      }
      if (state !== 'drafting') push('decide', after(1, last), 'drafting', 'under_review');
      if (state === 'approved') push('approve', after(2, last), 'under_review', 'approved');
    }
    out.push({ state, received, unit: rnd() < 0.5 ? 'office' : 'business', events: ev });
  }
  return out;
}

// --- one database ----------------------------------------------------------------------------------
async function run(label: string, db: TestDb) {
  const clock = new ManualClock(NOW);
  const config = testConfig();
  const { app, services } = await buildApp({ db: db.db, dialect: db.dialect, clock, config });
  await app.ready();
  const { organ, office, business } = await organWithUnits(services, 'jt');
  const clerk = await userWithRoles(services, organ.id, 'clerk', ['office_staff']);
  const agent = new Agent(app);
  await agent.login('clerk');
  const tokenPage = await agent.get('/staff/tokens');
  const created = await agent.post('/staff/tokens', {
    _csrf: /name="_csrf" value="([^"]+)"/.exec(tokenPage.body)?.[1] ?? '',
    name: 'bench',
    days: '30',
  });
  const token = /(gk_[A-Za-z0-9_-]{43})/.exec(created.body)?.[1] ?? '';

  const cal0 = await services.calendar.calendar();
  const cases = generate(N, cal0);
  const enc = encryptPii(config.secret, '450103199001011234');
  const masked = maskId('450103199001011234');
  const at = NOW;

  // bulk load
  const t0 = performance.now();
  const ROWS = 500;
  let eventCount = 0;
  for (let i = 0; i < cases.length; i += ROWS) {
    const slice = cases.slice(i, i + ROWS);
    await db.db.transaction().execute(async (tx) => {
      const ids = await tx
        .insertInto('requests')
        .values(
          slice.map((c, k) => {
            const n = i + k + 1;
            return {
              organ_id: organ.id,
              reference: `jt-2026-${String(n).padStart(6, '0')}`,
              tracking_hash: createHash('sha256').update(`t${n}`).digest('hex'),
              channel: n % 3 === 0 ? 'online' : 'registered_post',
              received_on: c.received,
              received_rule: '挂号信、特快专递，本机关签收之日为收到申请之日（条例第三十一条第二项）。',
              rules: '2019',
              state: c.state,
              applicant_type: n % 7 === 0 ? 'commercial' : 'natural_person',
              applicant_name: `申请人${n}`,
              contact_person: null,
              id_type: 'resident_id',
              id_number_enc: enc,
              id_hash: createHash('sha256')
                .update(`id${n % 40_000}`)
                .digest('hex'),
              id_masked: masked,
              phone: '13800000000',
              email: null,
              address: '南宁市青秀区民族大道1号',
              info_title: `第${n}号申请所需信息`,
              info_doc_number: null,
              info_description: '请公开2025年城区道路改造项目的资金预算和实际支出明细。',
              form_wanted: 'electronic',
              delivery: 'mail',
              unit_id: c.state === 'registered' ? null : c.unit === 'office' ? office.id : business.id,
              handler_user_id: null,
              repeat_of_id: null,
              reply_due: null,
              correction_due: null,
              awaiting: null,
              outcome: c.state === 'under_review' || c.state === 'approved' ? 'granted' : null,
              legal_ground: null,
              released_parts: null,
              withheld_parts: null,
              decision_note: null,
              decided_by: null,
              decided_at: null,
              approved_by: null,
              approved_at: null,
              replied_on: null,
              reply_method: null,
              closed_on: null,
              created_at: at,
              updated_at: at,
              version: 1 + c.events.length,
            };
          }),
        )
        .returning('id')
        .execute();
      const events = slice.flatMap((c, k) => {
        const requestId = Number(ids[k]?.id);
        return [{ action: 'register', on: c.received, from: null, to: 'registered' as State, clock: null }, ...c.events].map(
          (e) => ({
            request_id: requestId,
            at,
            on_date: e.on,
            actor_user_id: clerk.id,
            actor_name: 'clerk',
            action: e.action,
            from_state: e.from,
            to_state: e.to,
            clock: e.clock ? JSON.stringify(e.clock) : null,
            note: null,
            data: null,
          }),
        );
      });
      eventCount += events.length;
      for (let j = 0; j < events.length; j += 1000)
        await tx
          .insertInto('request_events')
          .values(events.slice(j, j + 1000))
          .execute();
    });
  }
  const loadMs = performance.now() - t0;
  log(`${label}: loaded ${cases.length} cases and ${eventCount} events in ${(loadMs / 1000).toFixed(1)} s`);
  if (db.dialect === 'postgres') await sql`ANALYZE`.execute(db.db);
  else await sql`ANALYZE`.execute(db.db);

  // first computation of every due date (the load wrote none)
  const t1 = performance.now();
  const first = await services.requests.recomputeOpen();
  const firstMs = performance.now() - t1;
  log(`${label}: first computation ${(firstMs / 1000).toFixed(1)} s`);

  // (a) the queue ------------------------------------------------------------------------------
  const queueRows = (filter: { state?: State; unitId?: number }) => {
    let q = db.db
      .selectFrom('requests')
      .selectAll()
      .where('organ_id', '=', organ.id)
      .where('state', 'in', filter.state ? [filter.state] : [...OPEN]);
    if (filter.unitId) q = q.where('unit_id', '=', filter.unitId);
    return q.orderBy(sql`CASE WHEN reply_due IS NULL THEN 1 ELSE 0 END`).orderBy('reply_due').orderBy('id').limit(500).execute();
  };
  /** What the API list runs: a page of 20 and the exact count of the same filter. */
  const apiRows = (filter: { state?: State; unitId?: number; overdue?: boolean }) => {
    let q = db.db
      .selectFrom('requests')
      .where('organ_id', '=', organ.id)
      .where('state', 'in', filter.state ? [filter.state] : [...OPEN]);
    if (filter.unitId) q = q.where('unit_id', '=', filter.unitId);
    if (filter.overdue) q = q.where('reply_due', '<', TODAY);
    return Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      q
        .selectAll()
        .orderBy(sql`CASE WHEN reply_due IS NULL THEN 1 ELSE 0 END`)
        .orderBy('reply_due')
        .orderBy('id')
        .limit(20)
        .execute(),
    ]);
  };
  const page = async (url: string, headers: Record<string, string>) => {
    const r = await app.inject({ method: 'GET', url, headers });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    return r;
  };
  const cookie = Object.entries(agent.jar)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
  const bearer = { authorization: `Bearer ${token}` };
  const firstPage = await page('/staff/requests', { cookie });
  const pageKb = Buffer.byteLength(firstPage.body) / 1024;
  const queue: Array<[string, number[], number[]]> = [
    [
      'queue page, open cases (500 rows)',
      ...(await paired(
        () => page('/staff/requests', { cookie }),
        () => queueRows({}),
      )),
    ],
    [
      'queue page, state=drafting & unit',
      ...(await paired(
        () => page(`/staff/requests?state=drafting&unit=${business.id}`, { cookie }),
        () => queueRows({ state: 'drafting', unitId: business.id }),
      )),
    ],
    [
      'API list, first 20 open',
      ...(await paired(
        () => page('/api/v1/requests', bearer),
        () => apiRows({}),
      )),
    ],
    [
      'API list, drafting & unit & overdue',
      ...(await paired(
        () => page(`/api/v1/requests?state=drafting&unit=${business.id}&overdue=true`, bearer),
        () => apiRows({ state: 'drafting', unitId: business.id, overdue: true }),
      )),
    ],
  ];
  log(`${label}: queue measured`);
  // (b) a holiday added: recompute every open case ---------------------------------------------------
  const load = async () => {
    const rows = await db.db
      .selectFrom('requests')
      .select(['id', 'rules', 'received_on', 'reply_due', 'correction_due', 'awaiting'])
      .where('state', 'in', [...OPEN])
      .orderBy('id')
      .execute();
    const evs = await db.db
      .selectFrom('request_events')
      .select(['request_id', 'clock'])
      .where('clock', 'is not', null)
      .orderBy('id')
      .execute();
    const byId = new Map<number, ClockEvent[]>();
    for (const e of evs) {
      const id = Number(e.request_id);
      const l = byId.get(id) ?? [];
      l.push(JSON.parse(e.clock as string) as ClockEvent);
      byId.set(id, l);
    }
    return rows.map((r) => ({ ...r, id: Number(r.id), events: byId.get(Number(r.id)) ?? [] }));
  };
  const before = await load();
  const tChange = performance.now();
  await services.calendar.setOverride(systemCtx('bench'), {
    date: HOLIDAY,
    working: '0',
    notice: '基准测试：临时增加的休息日',
    note: '',
  });
  const changeMs = performance.now() - tChange;
  const calAfter = await services.calendar.calendar();
  const afterRows = await load();

  // the baseline: the same computation in memory (what recomputeOpen must store)
  const dueOf = (c: ReturnType<typeof computeClock>, events: readonly ClockEvent[]) => ({
    reply_due: c.replyDue,
    correction_due:
      c.awaiting === 'correction'
        ? (c.correctionDeadline ?? null)
        : events.some((e) => e.type === 'correction_requested')
          ? null
          : c.correctionNoticeDue,
    awaiting: c.awaiting,
  });
  const tPure = performance.now();
  const expected = before.map((b) =>
    dueOf(
      computeClock({ rules: b.rules === '2008' ? '2008' : '2019', received: b.received_on, events: b.events }, calAfter, {
        receipt: false,
      }),
      b.events,
    ),
  );
  const pureMs = performance.now() - tPure;
  let mismatches = 0;
  let changed = 0;
  for (let i = 0; i < afterRows.length; i++) {
    const a = afterRows[i];
    const e = expected[i];
    const b = before[i];
    if (!a || !e || !b) {
      mismatches++;
      continue;
    }
    if (a.reply_due !== e.reply_due || a.correction_due !== e.correction_due || a.awaiting !== e.awaiting) mismatches++;
    if (a.reply_due !== b.reply_due || a.correction_due !== b.correction_due || a.awaiting !== b.awaiting) changed++;
  }
  // once more, nothing to change: the cost of checking alone
  const tCheck = performance.now();
  const again = await services.requests.recomputeOpen();
  const checkMs = performance.now() - tCheck;

  await app.close();
  return {
    label,
    loadMs,
    events: eventCount,
    first,
    firstMs,
    queue,
    pageKb,
    changeMs,
    pureMs,
    changed,
    mismatches,
    open: afterRows.length,
    again,
    checkMs,
  };
}

// --- main -------------------------------------------------------------------------------------------
const results = [];
{
  const saved = process.env.TEST_DATABASE_URL;
  delete process.env.TEST_DATABASE_URL;
  const db = await testDb();
  try {
    results.push(await run('SQLite', db));
  } finally {
    await db.destroy();
  }
  if (saved) {
    process.env.TEST_DATABASE_URL = saved;
    const pgdb = await testDb();
    try {
      results.push(await run('PostgreSQL', pgdb));
    } finally {
      await pgdb.destroy();
    }
  }
}

console.log(
  `\n${N.toLocaleString('en')} open cases, ${RUNS} timed runs (after 3 warm-up) — ${new Date().toISOString().slice(0, 10)}, ` +
    `${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
);
console.log('| database | bulk load | events | first computation of every due date |');
console.log('|---|---|---|---|');
for (const r of results)
  console.log(
    `| ${r.label} | ${(r.loadMs / 1000).toFixed(1)} s | ${r.events.toLocaleString('en')} | ${(r.firstMs / 1000).toFixed(1)} s (${r.first.changed.toLocaleString('en')} of ${r.first.checked.toLocaleString('en')}) |`,
  );
console.log(
  '\n(a) p50 / p95 in ms, against the bare SQL of the same rows (ratio of medians); for the API list, the page and its COUNT\n',
);
console.log('| database | what | HTTP p50 / p95 | bare SQL p50 / p95 | × |');
console.log('|---|---|---|---|---|');
for (const r of results)
  for (const [what, http, bare] of r.queue)
    console.log(
      `| ${r.label} | ${what} | ${ms(pct(http, 50))} / ${ms(pct(http, 95))} | ${ms(pct(bare, 50))} / ${ms(pct(bare, 95))} | ${(pct(http, 50) / pct(bare, 50)).toFixed(1)} |`,
    );
console.log(`\nqueue page size: ${results.map((r) => `${r.label} ${r.pageKb.toFixed(0)} KiB`).join(', ')}`);
console.log(`\n(b) holiday added on ${HOLIDAY}: the calendar change (recomputeOpen included) against computeClock in memory\n`);
console.log(
  '| database | open cases | changed | calendar change | cases/s | pure computeClock | cases/s | × | check again (no change) | stored = computed |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of results)
  console.log(
    `| ${r.label} | ${r.open.toLocaleString('en')} | ${r.changed.toLocaleString('en')} | ${(r.changeMs / 1000).toFixed(2)} s | ${Math.round(r.open / (r.changeMs / 1000)).toLocaleString('en')} | ${(r.pureMs / 1000).toFixed(2)} s | ${Math.round(r.open / (r.pureMs / 1000)).toLocaleString('en')} | ${(r.changeMs / r.pureMs).toFixed(1)} | ${(r.checkMs / 1000).toFixed(2)} s (${r.again.changed} changed) | ${r.mismatches === 0 ? 'yes' : `NO: ${r.mismatches} differ`} |`,
  );
