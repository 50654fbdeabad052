// Search through the HTTP API against Xapian (issue 6, "Load"): the corpus and queries of
// bench/search.bench.ts, loaded as real publications (published, in the demo organ's columns) into
// a scratch database that the real server (src/main.ts, a child process) then serves; the same
// queries sent one at a time to `GET /api/v1/search?q=…&order=newest|relevance&limit=20` over one
// keep-alive connection (concurrency 1: latency), and to Xapian's CJK n-gram index of the same
// documents (bench/xapian_bench.py) in the same run.
//
// Loading. The server is started once on the empty database (migrations, the demo organ with its
// own items, indexed by the demo's reindex) and stopped; then the corpus goes in as `publications`
// rows, oldest first, each batch in one transaction with its documents indexed by the real
// SearchIndex (`upsertMany`, the document `gongkai search reindex` would build: body =
// `htmlToText(body_html)`, url `/items/{id}`), and `optimize()` at the end. The rows' `updated_at`
// precedes the indexing, so the server's reconcile job finds nothing to redo (checked: the number of
// indexed documents is the same after the measurements). Xapian gets the same documents, the demo's
// included, so both engines search one corpus.
//
// Measuring. Each run measures, one after the other so that all see the same machine load: every
// server's search API (per query length and order: a warm-up pass, then 3 timed passes over the 10
// queries, as the in-process bench does; the time is from sending the request to the last byte of
// the answer), the same servers' `/healthz` (the bare HTTP round trip through the same stack), and
// Xapian. The table gives the median over the runs of each run's p50 and p95.
// Before timing, every HTTP answer is checked against the in-process SearchIndex on the same
// database (same count, same page) and against a substring scan of the documents (a query with
// matches must not come back empty).
//
// Run: TEST_DATABASE_URL=postgres://… npm run bench:search-http -- [--docs 100000] [--runs 5] [--db sqlite,postgres]
//   [--lengths 1,2,3,4,5,6] [--keep] [--reuse URL,URL]
// --keep leaves the loaded databases in place and prints their URLs; --reuse measures databases a
// run with --keep left (same --docs) instead of loading new ones for their kind (the others in --db
// are loaded), skipping the migrations and the loading (7–11 minutes for PostgreSQL here), for
// trying a change to the search on the same data again and again.

import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_ORGAN_CODE } from '../src/modules/demo/demo.seed.js';
import { GENRE_LABELS, GENRES, type Genre } from '../src/modules/publications/publications.schemas.js';
import { COUNT_CAP, createSearchIndex, type SearchDocument } from '../src/modules/search/search.index.js';
import { htmlToText, itemUrl, PUBLICATION_KIND } from '../src/modules/search/search.publications.js';
import { connect, type DbHandle } from '../src/platform/db/connect.js';
import { type ScratchDb, type ServerProcess, scratchDb, serverEnv, startServerProcess } from '../test/support/server.js';
import { corpus, type Engine, type Order, QUERIES, type RunTimes, xapianEngine } from './search.bench.js';

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    db: { type: 'string', default: 'sqlite,postgres' },
    lengths: { type: 'string', default: '1,2,3,4,5,6' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string', default: '' },
  },
});
const N = Number(args.docs);
const RUNS = Number(args.runs);
/** Timed passes per run: xapianEngine's measure makes 3 (search.bench.ts's default), so ours too. */
const REPS = 3;
const HEALTHZ = 60;
const LIMIT = 20;
const LENGTHS = args.lengths.split(',').map(Number);
if (LENGTHS.some((n) => !QUERIES[n])) throw new Error(`--lengths: query lengths are 1 to 6, not ${args.lengths}`);
const ORDERS: readonly Order[] = ['newest', 'relevance'];
/** Publications per transaction, and rows per INSERT statement. */
const BATCH = 2000;
const INSERT_ROWS = 200;

const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const ms = (x: number) => (Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));

// --- loading ---------------------------------------------------------------------------------------

const GENRE_OF = new Map<string, Genre>(GENRES.map((g) => [GENRE_LABELS[g], g]));
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** The body as an editor would have entered it: a paragraph per line. */
const bodyHtml = (text: string) =>
  text
    .split('\n')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');

interface Loaded {
  db: ScratchDb;
  label: string;
  /** The demo's own indexed documents (the same on every database). */
  demo: SearchDocument[];
  /** Indexed documents after loading. */
  indexed: number;
  loadMs: number;
}

async function countIndexed(h: DbHandle): Promise<number> {
  const r = await h.db
    .selectFrom('search_documents')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * A database a run with --keep left: its URL, a directory for uploads (PostgreSQL: a new one, removed
 * at the end; SQLite: the database's own); the database is never dropped here.
 */
function kept(url: string): ScratchDb {
  const postgres = /^postgres(ql)?:/.test(url);
  if (!postgres && !url.startsWith('sqlite:')) throw new Error(`--reuse: not a database URL: ${url}`);
  const dir = postgres ? mkdtempSync(join(tmpdir(), 'gk_search_http-')) : dirname(url.slice('sqlite:'.length));
  return {
    url,
    dialect: postgres ? 'postgres' : 'sqlite',
    dir,
    destroy: async () => {
      if (postgres) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The demo's documents in a kept database: all but those of the corpus, the last N publications
 * (the index's ids follow publication dates, not the order of loading).
 */
async function keptDemo(db: ScratchDb): Promise<{ demo: SearchDocument[]; indexed: number }> {
  const h = connect(db.url);
  try {
    const indexed = await countIndexed(h);
    const first = await h.db
      .selectFrom('publications')
      .select('id')
      .orderBy('id', 'desc')
      .offset(N - 1)
      .limit(1)
      .executeTakeFirst();
    if (indexed < N || !first) throw new Error(`--reuse: ${db.url} holds ${indexed} documents, fewer than --docs ${N}`);
    const all = await h.db.selectFrom('search_documents').select(['id', 'kind', 'doc_id']).execute();
    const ids = all
      .filter((d) => !(d.kind === PUBLICATION_KIND && Number(d.doc_id) >= Number(first.id)))
      .map((d) => Number(d.id));
    return { demo: await indexedDocs(h, ids), indexed };
  } finally {
    await h.close();
  }
}

async function indexedDocs(h: DbHandle, ids?: number[]): Promise<SearchDocument[]> {
  let q = h.db
    .selectFrom('search_documents')
    .select(['doc_id', 'organ_id', 'title', 'body', 'url', 'column_code', 'genre', 'published_on'])
    .orderBy('id');
  if (ids !== undefined) q = q.where('id', 'in', ids.length ? ids : [-1]);
  return (await q.execute()).map((r) => ({
    kind: PUBLICATION_KIND,
    id: `demo-${r.doc_id}`,
    organId: Number(r.organ_id),
    title: r.title,
    body: r.body,
    url: r.url,
    column: r.column_code,
    genre: r.genre,
    publishedOn: r.published_on,
  }));
}

/** Migrations and the demo, by the real server; returns the demo's indexed documents. */
async function prepare(db: ScratchDb): Promise<SearchDocument[]> {
  // the demo is loaded part by part, each part skipped when there: a server that died on the way
  // (on this shared machine, it happened) is started again on the same database
  for (let attempt = 1; ; attempt++) {
    try {
      const first = await startServerProcess(serverEnv(db, { GONGKAI_PAGE_CACHE: 'off', LOG_LEVEL: 'info' }), {
        timeoutMs: 600_000,
      });
      await first.stop();
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
      log(`  the server did not start (attempt ${attempt}): ${String(err).slice(0, 2000)}`);
    }
  }
  const h = connect(db.url);
  try {
    return await indexedDocs(h);
  } finally {
    await h.close();
  }
}

/** The corpus as published items of the demo organ, indexed batch by batch in the same transaction. */
async function loadCorpus(db: ScratchDb, docs: readonly SearchDocument[]): Promise<{ ms: number; indexed: number }> {
  const t0 = performance.now();
  const h = connect(db.url);
  try {
    const organ = await h.db
      .selectFrom('organs')
      .select(['id', 'code', 'credit_code'])
      .where('code', '=', DEMO_ORGAN_CODE)
      .executeTakeFirstOrThrow();
    const organId = Number(organ.id);
    const prefix = organ.credit_code?.trim() || organ.code;
    // the columns the demo publishes in (leaf columns the search form offers)
    const columns = (
      await h.db
        .selectFrom('publications as p')
        .innerJoin('catalogue_columns as c', 'c.id', 'p.column_id')
        .select(['c.id', 'c.code'])
        .distinct()
        .where('p.state', '=', 'published')
        .where('p.organ_id', '=', organId)
        .orderBy('c.id')
        .execute()
    ).map((c) => ({ id: Number(c.id), code: c.code }));
    if (columns.length === 0) throw new Error('the demo has no published items');
    const counters = new Map(
      (await h.db.selectFrom('index_counters').select(['year', 'last_serial']).where('organ_id', '=', organId).execute()).map(
        (c) => [Number(c.year), Number(c.last_serial)],
      ),
    );
    const sorted = docs
      .map((d, i) => ({ d, i }))
      .sort((a, b) => (a.d.publishedOn < b.d.publishedOn ? -1 : a.d.publishedOn > b.d.publishedOn ? 1 : a.i - b.i));
    for (let b = 0; b < sorted.length; b += BATCH) {
      const batch = sorted.slice(b, b + BATCH);
      await h.db.transaction().execute(async (tx) => {
        const indexed: SearchDocument[] = [];
        for (let r = 0; r < batch.length; r += INSERT_ROWS) {
          const chunk = batch.slice(r, r + INSERT_ROWS);
          const rows = chunk.map(({ d, i }) => {
            const year = Number(d.publishedOn.slice(0, 4));
            const serial = (counters.get(year) ?? 0) + 1;
            counters.set(year, serial);
            const at = `${d.publishedOn}T02:00:00.000Z`;
            const column = columns[i % columns.length] as { id: number; code: string };
            return {
              organ_id: organId,
              unit_id: null,
              column_id: column.id,
              state: 'published' as const,
              edition: 1,
              previous_id: null,
              superseded_by_id: null,
              index_no: `${prefix}/${year}-${String(serial).padStart(5, '0')}`,
              title: d.title,
              summary: null,
              issuing_organ: '广西壮族自治区住房和城乡建设厅',
              created_on: d.publishedOn,
              doc_number: null,
              theme: '城乡建设、环境保护\\城乡建设（含住房）',
              genre: GENRE_OF.get(d.genre ?? '') ?? 'other',
              keywords: '[]',
              disclosure: 'proactive' as const,
              withheld_reason: null,
              validity: 'valid' as const,
              validity_date: null,
              doc_kind: 'other' as const,
              body_html: bodyHtml(d.body),
              checklist: '[]',
              checklist_by: null,
              checklist_at: null,
              author_id: null,
              approver_id: null,
              approved_at: at,
              submitted_at: at,
              return_reason: null,
              publish_at: null,
              published_at: at,
              published_on: d.publishedOn,
              withdrawn_at: null,
              withdraw_reason: null,
              created_at: at,
              updated_at: at,
              version: 4,
            };
          });
          const back = await tx.insertInto('publications').values(rows).returning('id').execute();
          for (const [k, row] of rows.entries()) {
            const id = Number((back[k] as { id: number }).id);
            indexed.push({
              kind: PUBLICATION_KIND,
              id: String(id),
              organId,
              title: row.title,
              body: htmlToText(row.body_html),
              url: itemUrl(id),
              column: (columns[(chunk[k] as { i: number }).i % columns.length] as { code: string }).code,
              genre: row.genre,
              publishedOn: row.published_on,
            });
          }
        }
        await createSearchIndex(tx, h.dialect).upsertMany(indexed);
      });
      if ((b / BATCH) % 10 === 9) log(`  ${b + batch.length} / ${sorted.length} loaded`);
    }
    await h.db.transaction().execute(async (tx) => {
      for (const [year, last] of counters) {
        await tx
          .insertInto('index_counters')
          .values({ organ_id: organId, year, last_serial: last })
          .onConflict((oc) => oc.columns(['organ_id', 'year']).doUpdateSet({ last_serial: last }))
          .execute();
      }
    });
    await createSearchIndex(h.db, h.dialect).optimize();
    // (the reconcile job's query once joined on CAST(p.id AS TEXT) and blocked a SQLite server for
    // minutes at this size; it joins on the integer key since, so no index is added here)
    return { ms: performance.now() - t0, indexed: await countIndexed(h) };
  } finally {
    await h.close();
  }
}

// --- HTTP --------------------------------------------------------------------------------------------

interface ApiAnswer {
  total: number;
  capped: boolean;
  items: Array<{ url: string }>;
}

/** One keep-alive connection: requests go one at a time. */
function client(base: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const u = new URL(base);
  const get = (path: string) =>
    new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      const req = http.get({ host: u.hostname, port: u.port, path, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: Number(process.hrtime.bigint() - t0) / 1e6,
          }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
    });
  return { get, close: () => agent.destroy() };
}

const searchPath = (q: string, order: Order) => `/api/v1/search?q=${encodeURIComponent(q)}&order=${order}&limit=${LIMIT}`;

interface Served {
  label: string;
  loaded: Loaded;
  server: ServerProcess;
  http: ReturnType<typeof client>;
  /** The bench's own connection to the same database, for the in-process figures. */
  own: DbHandle;
  /** Mean matches per length and order (count + 1 when capped, as search.bench.ts reports). */
  matches: Record<number, Record<Order, number>>;
}

async function searchOnce(s: Served, q: string, order: Order): Promise<{ ms: number; answer: ApiAnswer }> {
  const r = await s.http.get(searchPath(q, order));
  if (r.status !== 200) throw new Error(`${s.label} ${q} ${order}: HTTP ${r.status}\n${r.body.slice(0, 500)}`);
  return { ms: r.ms, answer: JSON.parse(r.body) as ApiAnswer };
}

async function measureHttp(s: Served): Promise<RunTimes> {
  const out = {} as RunTimes;
  for (const len of LENGTHS) {
    out[len] = { newest: [], relevance: [] };
    for (const order of ORDERS) {
      for (const q of QUERIES[len] as string[]) await searchOnce(s, q, order); // warm-up
      for (let rep = 0; rep < REPS; rep++) {
        for (const q of QUERIES[len] as string[]) out[len][order].push((await searchOnce(s, q, order)).ms);
      }
    }
  }
  return out;
}

/** The same searches in the bench's process (SearchIndex on its own connection): what HTTP adds. */
async function measureInProcess(s: Served): Promise<RunTimes> {
  const index = createSearchIndex(s.own.db, s.own.dialect);
  const out = {} as RunTimes;
  for (const len of LENGTHS) {
    out[len] = { newest: [], relevance: [] };
    for (const order of ORDERS) {
      for (const q of QUERIES[len] as string[]) await index.search({ q, order, limit: LIMIT }); // warm-up
      for (let rep = 0; rep < REPS; rep++) {
        for (const q of QUERIES[len] as string[]) {
          const t0 = process.hrtime.bigint();
          await index.search({ q, order, limit: LIMIT });
          out[len][order].push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
      }
    }
  }
  return out;
}

async function measureHealthz(s: Served): Promise<number[]> {
  for (let i = 0; i < 10; i++) await s.http.get('/healthz');
  const out: number[] = [];
  for (let i = 0; i < HEALTHZ; i++) {
    const r = await s.http.get('/healthz');
    if (r.status !== 200) throw new Error(`${s.label} /healthz: HTTP ${r.status}`);
    out.push(r.ms);
  }
  return out;
}

/** Matches of a plain substring scan, capped as the API counts (COUNT_CAP + 1 means "more"). */
function scanCount(docs: readonly SearchDocument[], q: string): number {
  let n = 0;
  for (const d of docs) {
    if (d.title.includes(q) || d.body.includes(q)) {
      if (++n > COUNT_CAP) break;
    }
  }
  return n;
}

/**
 * Every query × order through the API against the in-process index on the same database (same count,
 * same page: must agree) and a substring scan (must not be empty when the scan finds matches).
 */
async function check(s: Served, all: readonly SearchDocument[], scans: Map<string, number>): Promise<string> {
  const h = connect(s.loaded.db.url);
  const index = createSearchIndex(h.db, h.dialect);
  let same = 0;
  let scanSame = 0;
  let total = 0;
  try {
    for (const len of LENGTHS) {
      s.matches[len] = { newest: 0, relevance: 0 };
      for (const order of ORDERS) {
        let sum = 0;
        for (const q of QUERIES[len] as string[]) {
          const { answer } = await searchOnce(s, q, order);
          const own = await index.search({ q, order, limit: LIMIT });
          const got = answer.total + (answer.capped ? 1 : 0);
          const want = own.total + (own.capped ? 1 : 0);
          const samePage = answer.items.map((i) => i.url).join() === own.items.map((i) => i.url).join();
          if (got !== want || !samePage) {
            throw new Error(
              `${s.label} ${q} ${order}: the API found ${got} (page ${samePage ? 'same' : 'different'}), the index ${want}`,
            );
          }
          same++;
          total++;
          const scan = scans.get(q) ?? scanCount(all, q);
          scans.set(q, scan);
          if (scan > 0 && got === 0) throw new Error(`${s.label} ${q} ${order}: the API found nothing, a scan ${scan}`);
          if (scan === got) scanSame++;
          sum += got;
        }
        s.matches[len][order] = sum / (QUERIES[len] as string[]).length;
      }
    }
  } finally {
    await h.close();
  }
  return `${same}/${total} answers equal to the in-process index's (count and page), ${scanSame}/${total} counts equal to a substring scan's`;
}

// --- the run -----------------------------------------------------------------------------------------

async function main() {
  const started = new Date();
  const commit = (() => {
    try {
      return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    } catch {
      return '?';
    }
  })();
  const out: string[] = [];
  const say = (s = '') => {
    out.push(s);
    log(s);
  };
  const loads: string[] = [`start ${load()}`];
  const docs = corpus(N);
  const chars = docs.reduce((a, d) => a + d.title.length + d.body.length, 0);
  say(
    `## Search through the HTTP API against Xapian: ${N.toLocaleString('en')} documents (${(chars / 1e6).toFixed(1)}M characters), ${RUNS} runs × ${REPS} timed passes`,
  );
  say(
    `Command: node --import tsx bench/search-http.bench.ts ${process.argv.slice(2).join(' ')}${process.env.TEST_DATABASE_URL ? ' (TEST_DATABASE_URL set)' : ''}; commit ${commit}`,
  );
  say(
    `Date: ${started.toISOString().slice(0, 16)} UTC; machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`,
  );
  const wanted = args.db.split(',');
  const pgBase = process.env.TEST_DATABASE_URL;
  const dbs: ScratchDb[] = [];
  const served: Served[] = [];
  let xapian: Promise<Engine | string> | undefined;
  try {
    let demo: SearchDocument[] | undefined;
    const loaded: Loaded[] = [];
    const reuse = args.reuse ? args.reuse.split(',').map(kept) : [];
    for (const db of reuse) {
      const label = db.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
      const k = await keptDemo(db);
      if (!demo) demo = k.demo;
      else if (k.demo.length !== demo.length)
        throw new Error(`${label}: the demo has ${k.demo.length} indexed items, ${demo.length} elsewhere`);
      say(`- ${label}: kept from an earlier run (${db.url}), ${k.indexed} documents indexed`);
      dbs.push(db);
      loaded.push({ db, label, demo: k.demo, indexed: k.indexed, loadMs: 0 });
    }
    if (demo) {
      xapian = xapianEngine([...docs, ...demo]);
      xapian.catch(() => undefined);
    }
    for (const dialect of ['sqlite', 'postgres'] as const) {
      if (!wanted.includes(dialect) || reuse.some((r) => r.dialect === dialect)) continue;
      if (dialect === 'postgres' && !pgBase) {
        say('PostgreSQL skipped: TEST_DATABASE_URL is not set.');
        continue;
      }
      const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
      const db = await scratchDb(dialect === 'postgres' ? pgBase : undefined, 'gk_search_http');
      dbs.push(db);
      log(`${label}: the server migrates and loads the demo…`);
      const own = await prepare(db);
      if (!demo) {
        demo = own;
        // Xapian indexes the same documents in its own process meanwhile
        xapian = xapianEngine([...docs, ...demo]);
        xapian.catch(() => undefined);
      } else if (own.length !== demo.length) {
        throw new Error(`${label}: the demo has ${own.length} indexed items, ${demo.length} on the other database`);
      }
      log(`${label}: loading ${N} publications…`);
      const r = await loadCorpus(db, docs);
      say(
        `- ${label}: ${own.length} demo items, then ${N.toLocaleString('en')} publications inserted and indexed in ${(r.ms / 1000).toFixed(1)} s (${Math.round(N / (r.ms / 1000))} docs/s, while Xapian indexed); ${r.indexed} documents indexed`,
      );
      loaded.push({ db, label, demo: own, indexed: r.indexed, loadMs: r.ms });
    }
    loads.push(`after loading ${load()}`);
    const x = xapian ? await xapian : 'no database was loaded';
    const engines: Engine[] = [];
    if (typeof x === 'string') say(`Xapian skipped: ${x}`);
    else {
      engines.push(x);
      say(`- ${x.label}: index ${(x.built.ms / 1000).toFixed(1)} s, ${x.built.size}`);
    }
    for (const l of loaded) {
      const server = await startServerProcess(serverEnv(l.db, { GONGKAI_PAGE_CACHE: 'off' }));
      served.push({ label: l.label, loaded: l, server, http: client(server.url), own: connect(l.db.url), matches: {} });
    }
    const all = [...docs, ...(demo ?? [])];
    const scans = new Map<string, number>();
    for (const s of served) say(`- ${s.label} through HTTP: ${await check(s, all, scans)}`);

    // runs interleave servers and Xapian, so that a noisy spell of the machine falls on all alike
    const p50 = served.map(() => LENGTHS.map(() => ORDERS.map(() => [] as number[])));
    const p95 = served.map(() => LENGTHS.map(() => ORDERS.map(() => [] as number[])));
    const x50 = LENGTHS.map(() => ORDERS.map(() => [] as number[]));
    const x95 = LENGTHS.map(() => ORDERS.map(() => [] as number[]));
    const i50 = served.map(() => LENGTHS.map(() => ORDERS.map(() => [] as number[])));
    const i95 = served.map(() => LENGTHS.map(() => ORDERS.map(() => [] as number[])));
    const h50 = served.map(() => [] as number[]);
    const h95 = served.map(() => [] as number[]);
    for (let run = 0; run < RUNS; run++) {
      for (const [si, s] of served.entries()) {
        const t = await measureHttp(s);
        for (const [l, len] of LENGTHS.entries()) {
          for (const [o, order] of ORDERS.entries()) {
            p50[si]![l]![o]!.push(pct(t[len]![order], 50));
            p95[si]![l]![o]!.push(pct(t[len]![order], 95));
          }
        }
        const ti = await measureInProcess(s);
        for (const [l, len] of LENGTHS.entries()) {
          for (const [o, order] of ORDERS.entries()) {
            i50[si]![l]![o]!.push(pct(ti[len]![order], 50));
            i95[si]![l]![o]!.push(pct(ti[len]![order], 95));
          }
        }
        const hz = await measureHealthz(s);
        h50[si]!.push(pct(hz, 50));
        h95[si]!.push(pct(hz, 95));
      }
      for (const e of engines) {
        const t = await e.measure();
        for (const [l, len] of LENGTHS.entries()) {
          for (const [o, order] of ORDERS.entries()) {
            x50[l]![o]!.push(pct(t[len]![order], 50));
            x95[l]![o]!.push(pct(t[len]![order], 95));
          }
        }
      }
      log(`run ${run + 1}/${RUNS} done, load average ${load()}`);
      loads.push(`run ${run + 1} ${load()}`);
    }
    for (const s of served) {
      const h = connect(s.loaded.db.url);
      const now = await countIndexed(h).finally(() => h.close());
      if (now !== s.loaded.indexed) say(`! ${s.label}: ${now} documents indexed at the end, ${s.loaded.indexed} after loading`);
    }

    say();
    say('HTTP baseline, `GET /healthz` on the same servers and connection (median over the runs of p50 / p95, ms): ');
    say(served.map((s, si) => `${s.label} ${ms(median(h50[si]!))} / ${ms(median(h95[si]!))}`).join('; '));
    say();
    say(`Median over ${RUNS} runs of each run's p50 / p95 (ms), \`GET /api/v1/search?q=…&order=…&limit=${LIMIT}\`:`);
    say();
    const head = ['chars', 'order', ...served.map((s) => `${s.label} HTTP p50 / p95`)];
    if (engines.length) head.push('Xapian p50 / p95', ...served.map((s) => `${s.label} p95 ÷ Xapian`));
    head.push(...served.map((s) => `${s.label} in-process p50 / p95`));
    head.push(
      `matches (mean, capped at ${COUNT_CAP + 1}): ${[...served.map((s) => s.label), ...engines.map(() => 'Xapian')].join(' / ')}`,
    );
    say(`| ${head.join(' | ')} |`);
    say(`|${head.map(() => '---').join('|')}|`);
    for (const [l, len] of LENGTHS.entries()) {
      for (const [o, order] of ORDERS.entries()) {
        const cells = [String(len), order];
        for (const si of served.keys()) cells.push(`${ms(median(p50[si]![l]![o]!))} / ${ms(median(p95[si]![l]![o]!))}`);
        if (engines.length) {
          const xp95 = median(x95[l]![o]!);
          cells.push(`${ms(median(x50[l]![o]!))} / ${ms(xp95)}`);
          for (const si of served.keys()) cells.push((median(p95[si]![l]![o]!) / xp95).toFixed(2));
        }
        for (const si of served.keys()) cells.push(`${ms(median(i50[si]![l]![o]!))} / ${ms(median(i95[si]![l]![o]!))}`);
        cells.push(
          [...served.map((s) => s.matches[len]?.[order] ?? 0), ...engines.map((e) => e.matches[len]?.[order] ?? 0)]
            .map((m) => String(Math.round(m)))
            .join(' / '),
        );
        say(`| ${cells.join(' | ')} |`);
      }
    }
    say();
    say('Per-run p95 (ms), newest | relevance, to show the spread:');
    for (const [si, s] of served.entries()) {
      say(
        `- ${s.label}: ${LENGTHS.map((len, l) => `${len}: ${ORDERS.map((_, o) => p95[si]![l]![o]!.map(ms).join(' ')).join(' | ')}`).join('; ')}`,
      );
    }
    if (engines.length) {
      say(
        `- Xapian: ${LENGTHS.map((len, l) => `${len}: ${ORDERS.map((_, o) => x95[l]![o]!.map(ms).join(' ')).join(' | ')}`).join('; ')}`,
      );
    }
    say();
    say(`Load average (1 / 5 / 15 min): ${loads.join('; ')}; end ${load()}.`);
  } finally {
    for (const s of served) {
      s.http.close();
      await s.own.close();
      await s.server.stop();
    }
    const x = xapian ? await xapian.catch(() => undefined) : undefined;
    if (x && typeof x !== 'string') await x.drop();
    for (const db of dbs) {
      if (args.keep) log(`kept for --reuse: ${db.url}`);
      else await db.destroy();
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
