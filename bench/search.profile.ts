// Where the time of one PostgreSQL search goes (issue 3, docs/performance.md run F): the bench corpus
// (bench/search.bench.ts) indexed once in a database kept between runs, then each bench query in
// both orders through the real SearchIndex, with every statement `pg` sends timed from its call to
// its answer. Prints, per query length and order, the round trips per search, the median time of
// each kind of statement and of the whole search.
//
// Run: TEST_DATABASE_URL=postgres://… node --import tsx bench/search.profile.ts [--docs 20000] [--reps 5] [--drop]
// The database is gk_profile_<docs>; --drop removes it at the end.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createSearchIndex } from '../src/modules/search/search.index.js';
import { connect } from '../src/platform/db/connect.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { corpus, QUERIES } from './search.bench.js';

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '20000' },
    reps: { type: 'string', default: '5' },
    drop: { type: 'boolean', default: false },
  },
});
const N = Number(args.docs);
const REPS = Number(args.reps);
const base = process.env.TEST_DATABASE_URL;
if (!base) throw new Error('TEST_DATABASE_URL is needed');
const name = `gk_profile_${N}`;

// every statement pg sends, with its time from the call to the answer
interface Sent {
  kind: string;
  ms: number;
}
let log: Sent[] | undefined;
const kindOf = (text: string) => {
  const t = text.replace(/\s+/g, ' ').trim();
  if (/^(BEGIN|COMMIT|ROLLBACK)/i.test(t)) return t.split(/[ ;]/)[0]!.toUpperCase();
  if (/set_config|current_setting/.test(t)) return 'settings';
  if (/^select "id", "kind"/i.test(t) || /from "search_documents" where "id" in/i.test(t)) return 'rows';
  if (/ AS ok\)/.test(t)) return 'answer';
  if (/ORDER BY d\.id DESC/.test(t)) return 'walk';
  if (/WITH a AS MATERIALIZED/.test(t)) return 'count+titles';
  if (/generate_series/.test(t)) return 'count';
  return t.slice(0, 40);
};
const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
const original = proto.query;
proto.query = function (this: unknown, ...a: unknown[]) {
  const q = a[0] as string | { text: string; name?: string };
  const text = typeof q === 'string' ? q : q?.text;
  if (!log || typeof text !== 'string') return original.apply(this, a);
  const entry = { kind: kindOf(text) + (typeof q === 'object' && q.name ? ' (named)' : ''), ms: 0 };
  const t0 = process.hrtime.bigint();
  const done = () => {
    entry.ms = Number(process.hrtime.bigint() - t0) / 1e6;
  };
  log.push(entry);
  // a pool calls with a callback, Kysely awaits a promise
  const last = a[a.length - 1];
  if (typeof last === 'function') {
    a[a.length - 1] = (...r: unknown[]) => {
      done();
      return (last as (...x: unknown[]) => unknown)(...r);
    };
    return original.apply(this, a);
  }
  const out = original.apply(this, a);
  if (out && typeof (out as Promise<unknown>).then === 'function') (out as Promise<unknown>).then(done, () => undefined);
  return out;
};

const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(0.95 * s.length))] ?? 0;
};

async function main() {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  if (!exists) {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  }
  await admin.end();
  const url = new URL(base!);
  url.pathname = `/${name}`;
  const h = connect(url.toString());
  await migrateToLatest(h.db, h.dialect);
  const index = createSearchIndex(h.db, h.dialect);
  const have = await h.db
    .selectFrom('search_documents')
    .select((e) => e.fn.countAll().as('n'))
    .executeTakeFirst();
  if (Number(have?.n ?? 0) !== N) {
    const t0 = Date.now();
    await index.clear();
    const docs = corpus(N).sort((a, b) => (a.publishedOn < b.publishedOn ? -1 : a.publishedOn > b.publishedOn ? 1 : 0));
    for (let i = 0; i < docs.length; i += 1000) await index.upsertMany(docs.slice(i, i + 1000));
    await index.optimize();
    console.log(`indexed ${N} documents in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  console.log('| chars | order | round trips | statements: median ms each | search p50 / p95 ms |');
  console.log('|---|---|---|---|---|');
  for (const len of [1, 2, 3, 4, 5, 6]) {
    for (const order of ['newest', 'relevance'] as const) {
      for (const q of QUERIES[len]!) await index.search({ q, order, limit: 20 }); // warm-up
      const totals: number[] = [];
      const trips: number[] = [];
      const byKind = new Map<string, number[]>();
      for (let rep = 0; rep < REPS; rep++) {
        for (const q of QUERIES[len]!) {
          log = [];
          const t0 = process.hrtime.bigint();
          await index.search({ q, order, limit: 20 });
          totals.push(Number(process.hrtime.bigint() - t0) / 1e6);
          const sent = log;
          log = undefined;
          await new Promise((ok) => setImmediate(ok));
          trips.push(sent.length);
          for (const s of sent) {
            const xs = byKind.get(s.kind) ?? [];
            xs.push(s.ms);
            byKind.set(s.kind, xs);
          }
        }
      }
      const kinds = [...byKind.entries()]
        .map(
          ([k, xs]) =>
            `${k} ${median(xs).toFixed(2)}${xs.length < totals.length ? ` (×${(xs.length / totals.length).toFixed(1)})` : ''}`,
        )
        .join('; ');
      console.log(
        `| ${len} | ${order} | ${(trips.reduce((x, y) => x + y, 0) / trips.length).toFixed(1)} | ${kinds} | ${median(totals).toFixed(2)} / ${p95(totals).toFixed(2)} |`,
      );
    }
  }
  await h.close();
  if (args.drop) {
    const a = new pg.Client({ connectionString: base });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  }
}

await main();
