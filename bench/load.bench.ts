// Load: the portal's home, a column page, the item pages of 200 long items (about 22 KB, published
// by the bench through the workflow, cycled at their permanent URLs) and the search API under 50
// and 200 connections (wrk when installed — Debian's package, one thread — else autocannon), each against a bare Fastify route returning the
// same bytes in the same run (our overhead) and, for the HTML pages, against the same page rendered
// naively with preact from memory (the issue's second yardstick). The real server runs as a child process with the
// demo loaded (`npm start`'s src/main.ts, bundled by test/support/bundle.ts as the fault tests run it), twice on the same database: with the page cache
// (ADR 0013, the default) and without it (GONGKAI_PAGE_CACHE=off: every page rendered from the
// database). The bare and naive-render servers are child processes too. All are measured in
// turn, run after run, so that all see the same machine load; the table gives medians.
// SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (a scratch database, dropped after).
//
// Run: npm run bench:load -- [--duration 5] [--runs 3] [--connections 50,200] [--db sqlite,postgres]
//                           [--items 200] [--tool wrk|autocannon] [--pages home,column,item,search]
//                           [--profile DIR]   (the uncached server writes a V8 CPU profile to DIR)
//                           [--ab NAME=VALUE] (a second uncached server with that setting, measured in
//                                              the same turns: an A/B of one setting, ratio per run)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import { buildApp } from '../src/app.js';
import { DEMO_ORGAN_CODE, seedDemo } from '../src/modules/demo/demo.seed.js';
import { CHECKLIST_KEYS } from '../src/modules/publications/publications.workflow.js';
import { systemClock } from '../src/platform/clock.js';
import { actorCtx } from '../src/platform/context.js';
import { connect } from '../src/platform/db/connect.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { testConfig } from '../test/support/app.js';
import { bundled } from '../test/support/bundle.js';
import { freePort, ROOT, type ScratchDb, SECRET, scratchDb, serverEnv, startServerProcess } from '../test/support/server.js';
import { corpus } from './search.bench.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    runs: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50,200' },
    db: { type: 'string', default: 'sqlite,postgres' },
    /** Long items published before the servers start; the item row rotates over them. */
    items: { type: 'string', default: '200' },
    /** wrk (a C load generator, from Debian's packages) when installed, else autocannon. */
    tool: { type: 'string', default: existsSync('/usr/bin/wrk') ? 'wrk' : 'autocannon' },
    /** Which rows to measure. */
    pages: { type: 'string', default: 'home,column,item,search' },
    /** A directory for the uncached server's CPU profile (node --cpu-prof), written when it stops. */
    profile: { type: 'string' },
    /** A setting (NAME=VALUE) for a second uncached server measured beside the first: an A/B. */
    ab: { type: 'string' },
  },
});
const AB = args.ab ? (/^([A-Z_]+)=(.*)$/.exec(args.ab) ?? undefined) : undefined;
if (args.ab && !AB) throw new Error('--ab wants NAME=VALUE, e.g. --ab GONGKAI_DB_BATCH=off');
const DURATION = Number(args.duration);
const RUNS = Number(args.runs);
const CONNECTIONS = args.connections.split(',').map(Number);
const LONG_ITEMS = Number(args.items);
const TOOL = args.tool === 'wrk' ? 'wrk' : 'autocannon';
const PAGES = new Set(args.pages.split(','));
/** The item page the issue names: about 20 KB (its body about 15.5 KB, the rest the page around it). */
const LONG_BODY_BYTES = 15_500;
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

function autocannonRun(base: string, paths: readonly string[], connections: number, duration: number): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const opts = {
      url: `${base}${paths[0]}`,
      connections,
      duration,
      timeout: 20,
      // each connection cycles through the paths
      ...(paths.length > 1 ? { requests: paths.map((path) => ({ method: 'GET', path })) } : {}),
    };
    autocannon(opts, (err: Error | null, r: AutocannonResult) => {
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

/** wrk's latency line ("  99%   12.34ms") in milliseconds. */
function wrkMs(out: string, pct: string): number {
  const m = new RegExp(`^\\s*${pct}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(out);
  if (!m) return Number.NaN;
  const v = Number(m[1]);
  return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
}

let wrkScript: string | undefined;
/** wrk in a child process (one thread; the server has the other core), cycling through the paths. */
function wrkRun(base: string, paths: readonly string[], connections: number, duration: number): Promise<Sample> {
  wrkScript ??= join(mkdtempSync(join(tmpdir(), 'gongkai-wrk-')), 'paths.lua');
  writeFileSync(
    wrkScript,
    `local paths = {${paths.map((p) => JSON.stringify(p)).join(', ')}}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(nil, paths[i])\nend\n`,
  );
  return new Promise((resolve, reject) => {
    const child = spawn(
      'wrk',
      ['-t1', `-c${connections}`, `-d${duration}s`, '--latency', '--timeout', '20s', '-s', wrkScript as string, base],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`wrk exited with ${code}: ${out}`));
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
      const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      resolve({
        rps,
        p50: wrkMs(out, '50'),
        p99: wrkMs(out, '99'),
        errors: socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
        non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
      });
    });
  });
}

const cannon = (base: string, paths: readonly string[], connections: number, duration: number) =>
  TOOL === 'wrk' ? wrkRun(base, paths, connections, duration) : autocannonRun(base, paths, connections, duration);

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

/**
 * The issue's other yardstick, "a naive preact render of such a page": each HTML page, parsed once
 * into a preact element tree, is rendered with renderToString on every request and sent as a
 * string — the same bytes, every element and text through preact, no database, nothing cached.
 */
const RENDER = `import Fastify from 'fastify';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'htmlparser2';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
const pages = JSON.parse(readFileSync(process.env.BARE_PAGES, 'utf8'));
const tree = (n) =>
  n.type === 'text' ? n.data : n.type === 'tag' || n.type === 'script' || n.type === 'style'
    ? h(n.name, { ...n.attribs }, ...n.children.map(tree).filter((c) => c !== null))
    : null;
const app = Fastify();
for (const p of pages) {
  if (!p.type.startsWith('text/html')) continue;
  const doc = parseDocument(Buffer.from(p.body, 'base64').toString('utf8'));
  const root = doc.children.find((c) => c.type === 'tag');
  app.get(p.path, async (_req, reply) => reply.type(p.type).send('<!doctype html>' + renderToString(tree(root))));
}
app.get('/healthz', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });`;

async function startBare(pages: Array<{ path: string; type: string; body: Buffer }>, dir: string, script = BARE) {
  const file = join(dir, 'bare-pages.json');
  writeFileSync(file, JSON.stringify(pages.map((p) => ({ path: p.path, type: p.type, body: p.body.toString('base64') }))));
  const port = await freePort();
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
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
  /** The paths measured, in turn (one for most rows; the long items for the item row). */
  pages: Array<{ path: string; body: Buffer }>;
  type: string;
  /** Pages the cache keeps (the search API is never cached). */
  cached: boolean;
}

async function fetchBytes(url: string) {
  const r = await fetch(url);
  if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
  return { body: Buffer.from(await r.arrayBuffer()), type: r.headers.get('content-type') ?? 'text/html' };
}

/**
 * Long items (pages of about 20 KB, as the issue names) published through the real workflow on the
 * demo organ before the servers start: a clerk drafts, the office head approves and publishes.
 * Their bodies are government text from the search benchmark's generator. Returns their permanent URLs.
 */
async function seedLongItems(db: ScratchDb, count: number): Promise<string[]> {
  const config = testConfig({ databaseUrl: db.url, secret: SECRET, uploadDir: join(db.dir, 'uploads') });
  const h = connect(db.url);
  try {
    await migrateToLatest(h.db, h.dialect);
    const { app, services: s } = await buildApp({ db: h.db, dialect: h.dialect, clock: systemClock, config });
    try {
      await seedDemo(s);
      const organ = await s.organs.byCode(DEMO_ORGAN_CODE);
      if (!organ) throw new Error('no demo organ');
      const ctxOf = async (username: string) => {
        const u = await h.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
        const a = await s.auth.actorFor(Number(u.id));
        if (!a) throw new Error(`no actor ${username}`);
        return actorCtx(a, null, null);
      };
      const clerk = await ctxOf('clerk');
      const head = await ctxOf('head');
      const column = (await s.publications.columns(clerk, organ.id)).find((c) => c.kind === 'document' && c.parent_id === null);
      if (!column) throw new Error('no document column');
      const texts = corpus(count * 24);
      const paths: string[] = [];
      for (let k = 0; k < count; k++) {
        let body = '';
        for (let j = k * 24; j < (k + 1) * 24 && Buffer.byteLength(body) < LONG_BODY_BYTES; j++) {
          for (const para of (texts[j]?.body ?? '').split('\n')) {
            if (Buffer.byteLength(body) >= LONG_BODY_BYTES) break;
            if (para.trim()) body += `<p>${para.trim()}</p>`;
          }
        }
        const d = await s.publications.createDraft(clerk, {
          columnId: String(column.id),
          title: texts[k * 24]?.title ?? `长文件 ${k + 1}`,
          summary: '供负载测试的长篇文件。',
          createdOn: new Date().toISOString().slice(0, 10),
          theme: '城乡建设、环境保护\\城乡建设（含住房）',
          genre: 'notice',
          bodyHtml: body,
        });
        let v = await s.publications.submit(clerk, d.id, { version: String(d.version), checklist: [...CHECKLIST_KEYS] });
        v = await s.publications.approve(head, d.id, { version: String(v.version) });
        v = await s.publications.publish(head, d.id, { version: String(v.version) });
        paths.push(`/${encodeURIComponent(organ.code)}/xxgk/${v.index_no as string}`);
      }
      return paths;
    } finally {
      await app.close();
    }
  } finally {
    await h.close();
  }
}

/** Home, the first column page the home links to, the long items (about 20 KB each), a search. */
async function discover(base: string, longItems: readonly string[]): Promise<Target[]> {
  const home = await fetchBytes(`${base}/`);
  const html = home.body.toString();
  const column = /href="(\/columns\/\d+)"/.exec(html)?.[1];
  if (!column) throw new Error('no column on the home page');
  const search = `/api/v1/search?q=${encodeURIComponent('公开')}`;
  const out: Target[] = [];
  for (const [key, name, paths, cached] of [
    ['home', 'home', ['/'], true],
    ['column', 'column', [column], true],
    ['item', `item (${longItems.length} distinct)`, longItems, true],
    ['search', 'search API', [search], false],
  ] as const) {
    if (!PAGES.has(key)) continue;
    const pages: Target['pages'] = [];
    let type = 'text/html';
    for (const path of paths) {
      const b = await fetchBytes(`${base}${path}`);
      pages.push({ path, body: b.body });
      type = b.type;
    }
    out.push({ name, pages, type, cached });
  }
  return out;
}

/** A row's page size: the mean over its pages. */
const bytesOf = (t: Target) => Math.round(t.pages.reduce((a, p) => a + p.body.length, 0) / t.pages.length);

interface Row {
  target: Target;
  connections: number;
  bare: Sample[];
  /** The page rendered naively with preact from memory (HTML pages only). */
  render: Sample[];
  cached: Sample[];
  uncached: Sample[];
  /** The uncached server with the --ab setting. */
  variant: Sample[];
}

async function benchDatabase(db: ScratchDb): Promise<Row[]> {
  log(`${db.dialect}: demo data and ${LONG_ITEMS} long items…`);
  const longItems = await seedLongItems(db, LONG_ITEMS);
  log(`${db.dialect}: starting the servers…`);
  // a configured public address, as in production: absolute links do not depend on the port
  const site = { GONGKAI_PUBLIC_URL: 'https://gk.example.gov.cn' };
  const cachedSrv = await startServerProcess(serverEnv(db, site));
  const profile = args.profile ? { args: ['--cpu-prof', `--cpu-prof-dir=${args.profile}`, bundled('main')] } : {};
  const uncachedSrv = await startServerProcess(serverEnv(db, { ...site, GONGKAI_PAGE_CACHE: 'off' }), profile).catch(
    async (err) => {
      await cachedSrv.stop();
      throw err;
    },
  );
  const variantSrv = AB
    ? await startServerProcess(serverEnv(db, { ...site, GONGKAI_PAGE_CACHE: 'off', [AB[1]!]: AB[2]! })).catch(async (err) => {
        await cachedSrv.stop();
        await uncachedSrv.stop();
        throw err;
      })
    : undefined;
  try {
    return await measureAll(db, cachedSrv.url, uncachedSrv.url, longItems, variantSrv?.url);
  } finally {
    await cachedSrv.stop();
    await uncachedSrv.stop();
    await variantSrv?.stop();
  }
}

async function measureAll(
  db: ScratchDb,
  cachedUrl: string,
  uncachedUrl: string,
  longItems: string[],
  variantUrl?: string,
): Promise<Row[]> {
  const cachedSrv = { url: cachedUrl };
  const uncachedSrv = { url: uncachedUrl };
  const targets = await discover(uncachedSrv.url, longItems);
  for (const t of targets) {
    for (const p of t.pages) {
      const again = await fetchBytes(`${cachedSrv.url}${p.path}`);
      await fetchBytes(`${cachedSrv.url}${p.path}`);
      if (!again.body.equals(p.body)) throw new Error(`${p.path}: the cached server answered other bytes`);
    }
    log(`  ${t.name}: ${t.pages[0]?.path}${t.pages.length > 1 ? ' …' : ''} (${bytesOf(t).toLocaleString('en')} bytes)`);
  }
  // the bare route is registered on the path; its query string (search) is ignored
  const pages = targets.flatMap((t) =>
    t.pages.map((p) => ({ path: p.path.split('?')[0] as string, type: t.type, body: p.body })),
  );
  const bare = await startBare(pages, db.dir);
  const render = await startBare(pages, db.dir, RENDER);
  const rows: Row[] = [];
  try {
    for (const t of targets) {
      for (const c of CONNECTIONS) {
        const row: Row = { target: t, connections: c, bare: [], render: [], cached: [], uncached: [], variant: [] };
        const servers: Array<[keyof Omit<Row, 'target' | 'connections'>, string]> = [
          ['bare', bare.url],
          ...(t.type.startsWith('text/html') ? [['render', render.url] as ['render', string]] : []),
          ['cached', cachedSrv.url],
          ...(t.cached ? [['uncached', uncachedSrv.url] as ['uncached', string]] : []),
          ...(t.cached && variantUrl ? [['variant', variantUrl] as ['variant', string]] : []),
        ];
        const paths = t.pages.map((p) => p.path);
        for (const [, url] of servers) await cannon(url, paths, c, 1); // warm-up
        for (let r = 0; r < RUNS; r++) {
          for (const [k, url] of servers) {
            const s = await cannon(url, paths, c, DURATION);
            if (s.errors || s.non2xx) log(`  ! ${k} ${t.name} c=${c}: ${s.errors} errors, ${s.non2xx} non-2xx`);
            row[k].push(s);
          }
        }
        const m = (k: 'bare' | 'render' | 'cached' | 'uncached' | 'variant') => fmt(median(row[k].map((s) => s.rps)));
        log(
          `  ${t.name} c=${c}: bare ${m('bare')}, naive render ${m('render')}, cached ${m('cached')}, uncached ${m('uncached')}${AB ? `, uncached with ${args.ab} ${m('variant')}` : ''} req/s`,
        );
        rows.push(row);
      }
    }
  } finally {
    await bare.stop();
    await render.stop();
  }
  return rows;
}

function table(dialect: string, rows: Row[]): string {
  const lines = [
    `### ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
    '',
    '| page | bytes | conns | bare req/s | naive render req/s | cached req/s | × bare | cached p50 / p99 ms | uncached req/s | × bare | × naive render | uncached p50 / p99 ms | bare p50 / p99 ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const med = (xs: Sample[], k: keyof Sample) => median(xs.map((s) => s[k]));
  /** The median of the per-run ratios (each run's pair measured one after the other). */
  const ratio = (a: Sample[], b: Sample[]) =>
    a.length && b.length ? median(a.map((s, i) => s.rps / (b[i]?.rps || Number.NaN))).toFixed(2) : '–';
  for (const r of rows) {
    const label = r.target.cached ? r.target.name : `${r.target.name} (not cached)`;
    lines.push(
      `| ${label} | ${bytesOf(r.target).toLocaleString('en')} | ${r.connections} | ${fmt(med(r.bare, 'rps'))} | ${fmt(med(r.render, 'rps'))} | ${fmt(med(r.cached, 'rps'))} | ${ratio(r.cached, r.bare)} | ${fmt(med(r.cached, 'p50'))} / ${fmt(med(r.cached, 'p99'))} | ${fmt(med(r.uncached, 'rps'))} | ${ratio(r.uncached, r.bare)} | ${ratio(r.uncached, r.render)} | ${fmt(med(r.uncached, 'p50'))} / ${fmt(med(r.uncached, 'p99'))} | ${fmt(med(r.bare, 'p50'))} / ${fmt(med(r.bare, 'p99'))} |`,
    );
  }
  if (AB) {
    lines.push(
      '',
      `Uncached, A/B of one setting (the same turns): B = ${args.ab}.`,
      '',
      '| page | conns | uncached A req/s | uncached B req/s | B × A (median of per-run ratios) | A p50 / p99 ms | B p50 / p99 ms |',
      '|---|---|---|---|---|---|---|',
    );
    for (const r of rows) {
      if (!r.variant.length) continue;
      lines.push(
        `| ${r.target.name} | ${r.connections} | ${fmt(med(r.uncached, 'rps'))} | ${fmt(med(r.variant, 'rps'))} | ${ratio(r.variant, r.uncached)} | ${fmt(med(r.uncached, 'p50'))} / ${fmt(med(r.uncached, 'p99'))} | ${fmt(med(r.variant, 'p50'))} / ${fmt(med(r.variant, 'p99'))} |`,
      );
    }
  }
  return lines.join('\n');
}

const wanted = args.db.split(',');
const pgBase = process.env.TEST_DATABASE_URL;
const started = new Date();
const out: string[] = [
  `Load: ${started.toISOString().slice(0, 16)} UTC, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; ${TOOL}; ${RUNS} runs × ${DURATION} s per cell, load average at start ${loadavg()
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
