// Search benchmark (issue 3): N generated Chinese government documents (deterministic), indexed by
// SQLite (FTS5), PostgreSQL (tsvector + GIN, when TEST_DATABASE_URL is set: a scratch database is
// created there and dropped) and Xapian with CJK n-grams (bench/xapian_bench.py under Debian's
// /usr/bin/python3 with python3-xapian, or $XAPIAN_PYTHON; skipped with a note when missing), then
// 1- to 6-character queries in both orders. Each run measures every engine in turn (warm-up, then
// --reps passes over the queries); the table gives the median over --runs runs of each run's p50
// and p95, and our p95 ÷ Xapian's. Our answers are checked against a LIKE '%q%' scan (--no-check
// skips that, the slow part at 100,000 documents).
//
// Run: TEST_DATABASE_URL=postgres://… node --import tsx bench/search.bench.ts [--docs 100000] [--reps 3] [--runs 5]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { createSearchIndex, type SearchDocument } from '../src/modules/search/search.index.js';
import { connect, type DbHandle } from '../src/platform/db/connect.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

let REPS = 3;

// --- corpus --------------------------------------------------------------------------------------

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
const rnd = mulberry32(20171231);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

const PLACES = [
  '南宁市',
  '柳州市',
  '桂林市',
  '梧州市',
  '北海市',
  '防城港市',
  '钦州市',
  '贵港市',
  '玉林市',
  '百色市',
  '贺州市',
  '河池市',
  '来宾市',
  '崇左市',
  '邕宁区',
  '良庆区',
  '青秀区',
  '兴宁区',
  '西乡塘区',
  '江南区',
  '各设区市',
];
const TOPICS = [
  '住房公积金',
  '保障性安居工程',
  '城镇老旧小区改造',
  '双随机一公开',
  '依申请公开',
  '政府信息公开',
  '建筑施工安全',
  '工程质量监督',
  '房地产市场',
  '物业管理',
  '建筑节能',
  '绿色建筑',
  '装配式建筑',
  '招标投标',
  '行政许可',
  '安全生产',
  '棚户区改造',
  '公共租赁住房',
  '住房租赁市场',
  '城市体检',
  '海绵城市',
  '农村危房改造',
  '建筑市场监管',
  '消防设计审查验收',
  '工程建设项目审批制度改革',
  '城镇燃气安全',
  '城市供水',
  '污水处理',
  '生活垃圾分类',
  '历史文化街区',
];
const ACTIONS = ['加强', '推进', '做好', '开展', '规范', '落实', '深化', '组织', '调整', '启动', '部署'];
const TYPES = ['通知', '意见', '办法', '决定', '方案', '公告', '通报', '批复', '报告', '规定'];
const LAWS = [
  '中华人民共和国政府信息公开条例',
  '住房公积金管理条例',
  '建设工程质量管理条例',
  '物业管理条例',
  '中华人民共和国城乡规划法',
  '中华人民共和国安全生产法',
  '中华人民共和国招标投标法',
  '中华人民共和国建筑法',
];
const NAMES = ['张伟', '李娜', '王芳', '刘洋', '陈静', '黄磊', '韦凤', '覃海', '蒙丽', '莫小军'];
const COLUMNS = ['tzgg', 'zcwj', 'zcjd', 'btdt', 'rsxx', 'czzj', 'jyta'];

function title(year: number, type: string): string {
  switch (int(0, 5)) {
    case 0:
      return `关于${pick(ACTIONS)}${pick(TOPICS)}工作的${type}`;
    case 1:
      return `${pick(PLACES)}${pick(TOPICS)}${type}`;
    case 2:
      return `${pick(PLACES)}住房和城乡建设局关于${pick(ACTIONS)}${pick(TOPICS)}的${type}`;
    case 3:
      return `自治区住房城乡建设厅关于印发《${pick(TOPICS)}管理办法》的通知`;
    case 4:
      return `${year}年${pick(PLACES)}${pick(TOPICS)}情况`;
    default:
      return `桂建${pick(['办', '管', '质', '房'])}〔${year}〕${int(1, 120)}号 ${pick(TOPICS)}${type}`;
  }
}

function sentence(year: number, type: string): string {
  switch (int(0, 9)) {
    case 0:
      return `为${pick(ACTIONS)}${pick(TOPICS)}，根据《${pick(LAWS)}》等有关规定，结合我区实际，制定本${type}。`;
    case 1:
      return `${pick(PLACES)}住房城乡建设局要高度重视${pick(TOPICS)}工作，切实${pick(ACTIONS)}组织领导。`;
    case 2:
      return `${year}年，${pick(PLACES)}共完成${pick(TOPICS)}项目${int(3, 900)}个，完成投资${int(1, 90)}.${int(0, 9)}亿元。`;
    case 3:
      return `请于${year}年${int(1, 12)}月${int(1, 28)}日前将${pick(TOPICS)}情况报送自治区住房城乡建设厅。`;
    case 4:
      return `${pick(PLACES)}在${pick(TOPICS)}方面取得明显成效，群众满意度不断提高。`;
    case 5:
      return `联系人：${pick(NAMES)}，联系电话：0771-${int(2000000, 6999999)}。`;
    case 6:
      return `本${type}自印发之日起施行，有效期${int(2, 5)}年。`;
    case 7:
      return `对检查中发现的问题，要建立台账，限期整改，确保${pick(TOPICS)}各项任务落到实处。`;
    case 8:
      return rnd() < 0.01 ? '台风灾后恢复重建工作要统筹推进。' : '各单位要加强信息报送，及时总结经验做法。';
    default:
      return `附件：${pick(TOPICS)}工作情况统计表（${year}年第${int(1, 4)}季度）。`;
  }
}

export function corpus(n: number): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (let i = 0; i < n; i++) {
    const year = int(2008, 2025);
    const type = pick(TYPES);
    // most documents are short; one in a hundred carries a long attachment text
    const sentences = rnd() < 0.01 ? int(200, 600) : 3 + Math.floor(rnd() ** 2 * 60);
    const body: string[] = [];
    for (let s = 0; s < sentences; s++) body.push(sentence(year, type));
    const m = String(int(1, 12)).padStart(2, '0');
    const d = String(int(1, 28)).padStart(2, '0');
    docs.push({
      kind: 'publication',
      id: String(i + 1),
      organId: int(1, 30),
      title: title(year, type),
      body: body.join(rnd() < 0.3 ? '\n' : ''),
      url: `/gxzjt/xxgk/${i + 1}`,
      column: pick(COLUMNS),
      genre: type,
      publishedOn: `${year}-${m}-${d}`,
    });
  }
  return docs;
}

export const QUERIES: Record<number, string[]> = {
  1: ['港', '南', '市', '灾', '雪', '的', '区', '桂', '邕', '疫'],
  2: ['南宁', '住房', '通知', '物业', '桂林', '公开', '燃气', '台风', '雪灾', '邕宁'],
  3: ['南宁市', '公积金', '防城港', '房地产', '建筑业', '安居工', '北海市', '垃圾分', '地震局', '联系人'],
  4: ['住房公积', '老旧小区', '建筑施工', '工程质量', '防城港市', '招标投标', '安全生产', '信息公开', '灾后恢复', '量子计算'],
  5: [
    '住房公积金',
    '依申请公开',
    '棚户区改造',
    '公共租赁住',
    '历史文化街',
    '城市供水管',
    '海绵城市建',
    '物业管理条',
    '航空航天局',
    '区块链平台',
  ],
  6: [
    '双随机一公开',
    '城镇老旧小区',
    '保障性安居工',
    '政府信息公开',
    '建设工程质量',
    '住房城乡建设',
    '台风灾后恢复',
    '消防设计审查',
    '工作情况统计',
    '人工智能产业',
  ],
};

// --- measuring -----------------------------------------------------------------------------------

const LENGTHS = [1, 2, 3, 4, 5, 6];
const ORDERS = ['newest', 'relevance'] as const;
export type Order = (typeof ORDERS)[number];
/** Per query length and order: the times of one run (every query, REPS passes). */
export type RunTimes = Record<number, Record<Order, number[]>>;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const r = await fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, r];
}

/** One engine under test: built once, then measured in each run. */
export interface Engine {
  label: string;
  /** Index time (ms) and size. */
  built: { ms: number; size: string };
  /** Mean matches per query length and order (capped at 1,001). */
  matches: Record<number, Record<Order, number>>;
  /** Agreement with the LIKE scan, when checked. */
  agreement?: string;
  measure(): Promise<RunTimes>;
  drop(): Promise<void>;
}

interface Scratch {
  h: DbHandle;
  label: string;
  size(): Promise<string>;
  drop(): Promise<void>;
}

async function sqliteScratch(): Promise<Scratch> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
  const file = join(dir, 'bench.db');
  const h = connect(`sqlite:${file}`);
  await migrateToLatest(h.db, h.dialect);
  return {
    h,
    label: 'SQLite',
    size: async () => {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(h.db);
      return `${(statSync(file).size / 2 ** 20).toFixed(0)} MB database file`;
    },
    drop: async () => {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresScratch(base: string): Promise<Scratch> {
  const name = `gk_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const h = connect(url.toString());
  await migrateToLatest(h.db, h.dialect);
  return {
    h,
    label: 'PostgreSQL',
    size: async () => {
      const tables = ['search_documents', 'search_titles', 'search_segments', 'search_grams', 'search_chars', 'search_terms'];
      const r = await sql<{ t: string; size: string }>`SELECT t, pg_size_pretty(pg_total_relation_size(t::regclass)) AS size
        FROM unnest(${tables}::text[]) AS t`.execute(h.db);
      return r.rows.map((x) => `${x.t} ${x.size}`).join(', ');
    },
    drop: async () => {
      await h.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** The reference answer: LIKE '%q%' over title and body, same page and capped count. */
async function like(h: DbHandle, q: string, order: Order) {
  const p = `%${q}%`;
  const orderBy = order === 'newest' ? sql`id DESC` : sql`CASE WHEN title LIKE ${p} THEN 0 ELSE 1 END, id DESC`;
  const page = await sql<{ doc_id: string }>`SELECT doc_id FROM search_documents WHERE title LIKE ${p} OR body LIKE ${p}
    ORDER BY ${orderBy} LIMIT 20`.execute(h.db);
  const n = await sql<{ n: string | number }>`SELECT count(*) AS n FROM (SELECT 1 FROM search_documents
    WHERE title LIKE ${p} OR body LIKE ${p} LIMIT 1001) m`.execute(h.db);
  return { ids: page.rows.map((r) => r.doc_id), count: Number(n.rows[0]?.n ?? 0) };
}

async function databaseEngine(s: Scratch, docs: SearchDocument[], check: boolean): Promise<Engine> {
  const index = createSearchIndex(s.h.db, s.h.dialect);
  const [reindex] = await time(async () => {
    await index.clear();
    // as `gongkai search reindex` should: oldest first, in batches
    const sorted = [...docs].sort((a, b) => (a.publishedOn < b.publishedOn ? -1 : a.publishedOn > b.publishedOn ? 1 : 0));
    for (let i = 0; i < sorted.length; i += 1000) await index.upsertMany(sorted.slice(i, i + 1000));
    await index.optimize();
  });
  const matches = {} as Engine['matches'];
  let agree = 0;
  let total = 0;
  for (const len of LENGTHS) {
    matches[len] = { newest: 0, relevance: 0 };
    for (const order of ORDERS) {
      let sum = 0;
      for (const q of QUERIES[len]!) {
        const r = await index.search({ q, order, limit: 20 });
        sum += r.total + (r.capped ? 1 : 0);
        if (!check) continue;
        const b = await like(s.h, q, order);
        // the LIKE page is a valid answer when ours has the same documents in the same order
        if (r.total + (r.capped ? 1 : 0) === b.count && r.items.map((x) => x.id).join() === b.ids.join()) agree++;
        total++;
      }
      matches[len]![order] = sum / QUERIES[len]!.length;
    }
  }
  return {
    label: s.label,
    built: { ms: reindex, size: await s.size() },
    matches,
    ...(check ? { agreement: `${agree}/${total}` } : {}),
    measure: async () => {
      const out = {} as RunTimes;
      for (const len of LENGTHS) {
        out[len] = { newest: [], relevance: [] };
        for (const order of ORDERS) {
          for (const q of QUERIES[len]!) await index.search({ q, order, limit: 20 }); // warm-up
          for (let rep = 0; rep < REPS; rep++) {
            for (const q of QUERIES[len]!) {
              const [t] = await time(() => index.search({ q, order, limit: 20 }));
              out[len]![order].push(t);
            }
          }
        }
      }
      return out;
    },
    drop: () => s.drop(),
  };
}

/** Xapian (CJK n-grams) in a child process running bench/xapian_bench.py; undefined and a reason when unavailable. */
export async function xapianEngine(docs: SearchDocument[]): Promise<Engine | string> {
  const python = process.env.XAPIAN_PYTHON ?? '/usr/bin/python3';
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-xapian-corpus-'));
  const file = join(dir, 'corpus.jsonl');
  const out = createWriteStream(file);
  const write = (line: string) =>
    out.write(`${line}\n`) ? Promise.resolve() : new Promise<void>((ok) => out.once('drain', () => ok()));
  await write(JSON.stringify({ queries: QUERIES }));
  for (const d of docs) await write(JSON.stringify({ id: d.id, title: d.title, body: d.body, publishedOn: d.publishedOn }));
  await new Promise<void>((ok, ko) => out.end((err?: Error | null) => (err ? ko(err) : ok())));
  const script = fileURLToPath(new URL('./xapian_bench.py', import.meta.url));
  const child = spawn(python, [script, file], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const pending: ((line: string | undefined) => void)[] = [];
  const queued: string[] = [];
  let ended = false;
  lines.on('line', (l) => (pending.length ? pending.shift()!(l) : queued.push(l)));
  const finish = () => {
    ended = true;
    for (const p of pending.splice(0)) p(undefined);
  };
  lines.on('close', finish);
  const failed = new Promise<string>((ok) => child.on('error', (e) => ok(e.message)));
  child.on('error', finish);
  const next = () =>
    queued.length
      ? Promise.resolve(queued.shift())
      : ended
        ? Promise.resolve(undefined)
        : new Promise<string | undefined>((ok) => pending.push(ok));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const first = await Promise.race([next(), failed.then((e) => `{"error": ${JSON.stringify(`${python}: ${e}`)}}`)]);
  const ready = first
    ? (JSON.parse(first) as { ready?: boolean; error?: string; index_ms: number; bytes: number; version: string })
    : undefined;
  if (!ready?.ready) {
    child.kill();
    cleanup();
    return ready?.error ?? `${python} ${script} ended without answering`;
  }
  const matches = {} as Engine['matches'];
  const measure = async () => {
    child.stdin.write(`measure ${REPS}\n`);
    const line = await next();
    if (!line) throw new Error('the Xapian process ended');
    const r = JSON.parse(line) as {
      times: Record<string, Record<Order, number[]>>;
      matches: Record<string, Record<Order, number[]>>;
    };
    const times = {} as RunTimes;
    for (const len of LENGTHS) {
      times[len] = r.times[len]!;
      const m = r.matches[len]!;
      matches[len] = {
        newest: m.newest.reduce((a, b) => a + b, 0) / m.newest.length,
        relevance: m.relevance.reduce((a, b) => a + b, 0) / m.relevance.length,
      };
    }
    return times;
  };
  return {
    label: `Xapian ${ready.version}`,
    built: { ms: ready.index_ms, size: `${(ready.bytes / 2 ** 20).toFixed(0)} MB glass database` },
    matches,
    measure,
    drop: async () => {
      child.stdin.end('quit\n');
      await new Promise((ok) => (child.exitCode != null ? ok(null) : child.once('exit', ok)));
      cleanup();
    },
  };
}

async function main() {
  const { values: args } = parseArgs({
    options: {
      docs: { type: 'string', default: '20000' },
      reps: { type: 'string', default: '3' },
      runs: { type: 'string', default: '3' },
      'no-check': { type: 'boolean', default: false },
      'no-sqlite': { type: 'boolean', default: false },
    },
  });
  const N = Number(args.docs);
  REPS = Number(args.reps);
  const RUNS = Number(args.runs);
  const check = !args['no-check'];
  const [gen, docs] = await time(async () => corpus(N));
  const chars = docs.reduce((a, d) => a + d.title.length + d.body.length, 0);
  console.log(
    `## Search benchmark: ${N.toLocaleString('en')} documents (${(chars / 1e6).toFixed(1)}M characters, generated in ${(gen / 1000).toFixed(1)} s), ${RUNS} runs × ${REPS} timed passes`,
  );
  console.log(
    `Command: node --import tsx bench/search.bench.ts ${process.argv.slice(2).join(' ')}${process.env.TEST_DATABASE_URL ? ' (TEST_DATABASE_URL set)' : ''}`,
  );
  console.log(
    `Date: ${new Date().toISOString()}; machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`,
  );
  console.log('Each search: capped count (1000+) + one page of 20 + highlighted title and body snippet.\n');
  const engines: Engine[] = [];
  // Xapian indexes in its own process meanwhile (index times are then each under the other's load)
  const xapian = xapianEngine(docs);
  try {
    const makers: (() => Promise<Scratch>)[] = [];
    if (!args['no-sqlite']) makers.push(sqliteScratch);
    const pgUrl = process.env.TEST_DATABASE_URL;
    if (pgUrl) makers.push(() => postgresScratch(pgUrl));
    for (const make of makers) {
      const s = await make();
      try {
        engines.push(await databaseEngine(s, docs, check));
      } catch (err) {
        await s.drop();
        throw err;
      }
    }
    const x = await xapian;
    if (typeof x === 'string') console.log(`Xapian skipped: ${x}\n`);
    else engines.push(x);
    for (const e of engines) {
      console.log(
        `- ${e.label}: index ${(e.built.ms / 1000).toFixed(1)} s (${Math.round(docs.length / (e.built.ms / 1000))} docs/s), ${e.built.size}${e.agreement ? `; same page and count as a LIKE scan: ${e.agreement} query × order pairs` : ''}`,
      );
    }
    // runs interleave the engines, so that a noisy spell of the machine falls on all of them alike
    const p50: number[][][][] = engines.map(() => LENGTHS.map(() => ORDERS.map(() => [])));
    const p95: number[][][][] = engines.map(() => LENGTHS.map(() => ORDERS.map(() => [])));
    for (let run = 0; run < RUNS; run++) {
      for (const [e, engine] of engines.entries()) {
        const t = await engine.measure();
        for (const [l, len] of LENGTHS.entries()) {
          for (const [o, order] of ORDERS.entries()) {
            p50[e]![l]![o]!.push(pct(t[len]![order], 50));
            p95[e]![l]![o]!.push(pct(t[len]![order], 95));
          }
        }
      }
    }
    const xi = engines.findIndex((e) => e.label.startsWith('Xapian'));
    const ours = engines.map((e, i) => ({ e, i })).filter((x) => x.i !== xi);
    const head = ['chars', 'order', ...engines.map((e) => `${e.label.split(' ')[0]} p50 / p95`)];
    if (xi >= 0) head.push(...ours.map(({ e }) => `${e.label} p95 ÷ Xapian`));
    head.push('matches (mean, capped at 1001)');
    console.log(`\nMedian over ${RUNS} runs of each run's p50 / p95 (ms):\n`);
    console.log(`| ${head.join(' | ')} |`);
    console.log(`|${head.map(() => '---').join('|')}|`);
    for (const [l, len] of LENGTHS.entries()) {
      for (const [o, order] of ORDERS.entries()) {
        const cells = [String(len), order];
        for (const [e] of engines.entries()) cells.push(`${ms(median(p50[e]![l]![o]!))} / ${ms(median(p95[e]![l]![o]!))}`);
        if (xi >= 0) {
          const x = median(p95[xi]![l]![o]!);
          for (const { i } of ours) cells.push(`${(median(p95[i]![l]![o]!) / x).toFixed(2)}`);
        }
        cells.push(engines.map((e) => String(Math.round(e.matches[len]?.[order] ?? 0))).join(' / '));
        console.log(`| ${cells.join(' | ')} |`);
      }
    }
    console.log(`\nPer-run p95 (ms), to show the spread:`);
    for (const [e, engine] of engines.entries()) {
      const rows = LENGTHS.map((len, l) => `${len}: ${ORDERS.map((_, o) => p95[e]![l]![o]!.map(ms).join(' ')).join(' | ')}`);
      console.log(`- ${engine.label} (newest | relevance): ${rows.join('; ')}`);
    }
  } finally {
    const x = await xapian.catch(() => undefined);
    if (x && typeof x !== 'string' && !engines.includes(x)) engines.push(x);
    for (const e of engines) await e.drop();
  }
}

// run when executed, not when imported (profiling scripts reuse the corpus)
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
