// Load: the portal's home, a column page, an item page (its permanent URL) and the search API
// under 50 and 200 connections (autocannon), each against a bare Fastify route returning the
// same bytes in the same run (our overhead). The real server runs as a child process with the
// demo loaded (`npm start`'s src/main.ts), twice on the same database: with the page cache
// (ADR 0013, the default) and without it (GONGKAI_PAGE_CACHE=off: every page rendered from the
// database). The bare server is a child process too. Bare, cached and uncached are measured in
// turn, run after run, so that all three see the same machine load; the table gives medians.
// SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (a scratch database, dropped after).
//
// Run: npm run bench:load -- [--duration 5] [--runs 3] [--connections 50,200] [--db sqlite,postgres]
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import { freePort, ROOT, type ScratchDb, scratchDb, serverEnv, startServerProcess } from '../test/support/server.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    runs: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50,200' },
    db: { type: 'string', default: 'sqlite,postgres' },
  },
});
const DURATION = Number(args.duration);
const RUNS = Number(args.runs);
const CONNECTIONS = args.connections.split(',').map(Number);
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? Number.NaN : n % 2 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
};
const fmt = (x: number) => (Number.isNaN(x) ? '–' : x >= 100 ? Math.round(x).toLocaleString('en') : x.toFixed(1));

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** What autocannon's result holds of what we report. */
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

function cannon(url: string, connections: number, duration: number): Promise<Sample> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, timeout: 20 }, (err: Error | null, r: AutocannonResult) => {
      if (err) return reject(err);
      resolve({
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
      });
    });
  });
}

/** A bare Fastify server answering each path with the given bytes. */
const BARE = `import Fastify from 'fastify';
import { readFileSync } from 'node:fs';
const pages = JSON.parse(readFileSync(process.env.BARE_PAGES, 'utf8'));
const app = Fastify();
for (const p of pages) {
  const body = Buffer.from(p.body, 'base64');
  app.get(p.path, async (_req, reply) => reply.type(p.type).send(body));
}
app.get('/healthz', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });`;

async function startBare(pages: Array<{ path: string; type: string; body: Buffer }>, dir: string) {
  const file = join(dir, 'bare-pages.json');
  writeFileSync(file, JSON.stringify(pages.map((p) => ({ path: p.path, type: p.type, body: p.body.toString('base64') }))));
  const port = await freePort();
  const child = spawn(process.execPath, ['--input-type=module', '-e', BARE], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), BARE_PAGES: file },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {}
    if (i > 300) throw new Error('bare server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  const exited = new Promise((r) => child.once('exit', r));
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

interface Target {
  name: string;
  path: string;
  body: Buffer;
  type: string;
  /** Pages the cache keeps (the search API is never cached). */
  cached: boolean;
}

async function fetchBytes(url: string) {
  const r = await fetch(url);
  if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
  return { body: Buffer.from(await r.arrayBuffer()), type: r.headers.get('content-type') ?? 'text/html' };
}

/** Home, the first column page the home links to, the item page nearest 20 KB, a search. */
async function discover(base: string): Promise<Target[]> {
  const home = await fetchBytes(`${base}/`);
  const html = home.body.toString();
  const column = /href="(\/columns\/\d+)"/.exec(html)?.[1];
  if (!column) throw new Error('no column on the home page');
  const items = [...new Set([...html.matchAll(/href="(\/items\/\d+)"/g)].map((m) => m[1] as string))];
  let best: { path: string; size: number } | undefined;
  for (const i of items.slice(0, 40)) {
    const page = (await fetchBytes(`${base}${i}`)).body.toString();
    // the permanent URL /{organ}/xxgk/{index number}, the one the site links to
    const permanent = /href="(\/[^/"]+\/xxgk\/[^"]+)"/.exec(page)?.[1];
    if (!permanent) continue;
    const size = (await fetchBytes(`${base}${permanent}`)).body.length;
    if (!best || Math.abs(size - 20_480) < Math.abs(best.size - 20_480)) best = { path: permanent, size };
  }
  if (!best) throw new Error('no item with a permanent URL');
  const search = `/api/v1/search?q=${encodeURIComponent('公开')}`;
  const out: Target[] = [];
  for (const [name, path, cached] of [
    ['home', '/', true],
    ['column', column, true],
    ['item', best.path, true],
    ['search API', search, false],
  ] as const) {
    const b = await fetchBytes(`${base}${path}`);
    out.push({ name, path, body: b.body, type: b.type, cached });
  }
  return out;
}

interface Row {
  target: Target;
  connections: number;
  bare: Sample[];
  cached: Sample[];
  uncached: Sample[];
}

async function benchDatabase(db: ScratchDb): Promise<Row[]> {
  log(`${db.dialect}: starting the server (migrations, demo data)…`);
  // a configured public address, as in production: absolute links do not depend on the port
  const site = { GONGKAI_PUBLIC_URL: 'https://gk.example.gov.cn' };
  const cachedSrv = await startServerProcess(serverEnv(db, site));
  const uncachedSrv = await startServerProcess(serverEnv(db, { ...site, GONGKAI_PAGE_CACHE: 'off' })).catch(async (err) => {
    await cachedSrv.stop();
    throw err;
  });
  try {
    return await measureAll(db, cachedSrv.url, uncachedSrv.url);
  } finally {
    await cachedSrv.stop();
    await uncachedSrv.stop();
  }
}

async function measureAll(db: ScratchDb, cachedUrl: string, uncachedUrl: string): Promise<Row[]> {
  const cachedSrv = { url: cachedUrl };
  const uncachedSrv = { url: uncachedUrl };
  const targets = await discover(uncachedSrv.url);
  for (const t of targets) {
    const again = await fetchBytes(`${cachedSrv.url}${t.path}`);
    await fetchBytes(`${cachedSrv.url}${t.path}`);
    if (!again.body.equals(t.body)) throw new Error(`${t.path}: the cached server answered other bytes`);
    log(`  ${t.name}: ${t.path} (${t.body.length} bytes)`);
  }
  // the bare route is registered on the path; its query string (search) is ignored
  const bare = await startBare(
    targets.map((t) => ({ path: t.path.split('?')[0] as string, type: t.type, body: t.body })),
    db.dir,
  );
  const rows: Row[] = [];
  try {
    for (const t of targets) {
      for (const c of CONNECTIONS) {
        const row: Row = { target: t, connections: c, bare: [], cached: [], uncached: [] };
        const servers: Array<[keyof Omit<Row, 'target' | 'connections'>, string]> = [
          ['bare', bare.url],
          ['cached', cachedSrv.url],
          ...(t.cached ? [['uncached', uncachedSrv.url] as ['uncached', string]] : []),
        ];
        for (const [, url] of servers) await cannon(`${url}${t.path}`, c, 1); // warm-up
        for (let r = 0; r < RUNS; r++) {
          for (const [k, url] of servers) {
            const s = await cannon(`${url}${t.path}`, c, DURATION);
            if (s.errors || s.non2xx) log(`  ! ${k} ${t.name} c=${c}: ${s.errors} errors, ${s.non2xx} non-2xx`);
            row[k].push(s);
          }
        }
        const m = (k: 'bare' | 'cached' | 'uncached') => fmt(median(row[k].map((s) => s.rps)));
        log(`  ${t.name} c=${c}: bare ${m('bare')}, cached ${m('cached')}, uncached ${m('uncached')} req/s`);
        rows.push(row);
      }
    }
  } finally {
    await bare.stop();
  }
  return rows;
}

function table(dialect: string, rows: Row[]): string {
  const lines = [
    `### ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
    '',
    '| page | bytes | conns | bare req/s | cached req/s | × bare | cached p50 / p99 ms | uncached req/s | × bare | uncached p50 / p99 ms | bare p50 / p99 ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const med = (xs: Sample[], k: keyof Sample) => median(xs.map((s) => s[k]));
  /** The median of the per-run ratios (each run's pair measured one after the other). */
  const ratio = (a: Sample[], b: Sample[]) =>
    a.length ? median(a.map((s, i) => s.rps / ((b[i] as Sample).rps || Number.NaN))).toFixed(2) : '–';
  for (const r of rows) {
    const label = r.target.cached ? r.target.name : `${r.target.name} (not cached)`;
    lines.push(
      `| ${label} | ${r.target.body.length.toLocaleString('en')} | ${r.connections} | ${fmt(med(r.bare, 'rps'))} | ${fmt(med(r.cached, 'rps'))} | ${ratio(r.cached, r.bare)} | ${fmt(med(r.cached, 'p50'))} / ${fmt(med(r.cached, 'p99'))} | ${fmt(med(r.uncached, 'rps'))} | ${ratio(r.uncached, r.bare)} | ${fmt(med(r.uncached, 'p50'))} / ${fmt(med(r.uncached, 'p99'))} | ${fmt(med(r.bare, 'p50'))} / ${fmt(med(r.bare, 'p99'))} |`,
    );
  }
  return lines.join('\n');
}

const wanted = args.db.split(',');
const pgBase = process.env.TEST_DATABASE_URL;
const started = new Date();
const out: string[] = [
  `Load: ${started.toISOString().slice(0, 16)} UTC, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; ${RUNS} runs × ${DURATION} s per cell, load average at start ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ')}.`,
];
for (const dialect of ['sqlite', 'postgres'] as const) {
  if (!wanted.includes(dialect)) continue;
  if (dialect === 'postgres' && !pgBase) {
    out.push('', 'PostgreSQL skipped: TEST_DATABASE_URL is not set.');
    continue;
  }
  const db = await scratchDb(dialect === 'postgres' ? pgBase : undefined);
  try {
    out.push('', table(dialect, await benchDatabase(db)));
  } finally {
    await db.destroy();
  }
}
out.push(
  '',
  `Load average at the end: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ')}.`,
);
process.stdout.write(`${out.join('\n')}\n`);
