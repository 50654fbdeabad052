// A rare phrase whose grams are common: 海绵城市建 in a handful of documents, among many holding 海绵城市
// and 城市建设 apart (so every bigram and trigram of the phrase, but not the phrase). The answers (count,
// order, short and empty pages) are checked against the definition computed from the texts, and the
// search must not read the documents again for a page that its count already holds: with fewer
// matches than a page, an index walk for the page reads every document sharing the phrase's tokens
// (SQLite) or every document (PostgreSQL's walk), which made 海绵城市建 cost time in proportion to the
// corpus (docs/performance.md). Likewise a phrase with over 1,000 matches, all in one old year
// (旧城改造): PostgreSQL walks the documents newest first for its page, and must start at the end of
// that year, not read every later document first. Runs on the database under test (SQLite, or
// PostgreSQL when TEST_DATABASE_URL is set).
// Run: node --import tsx --test src/modules/search/search.rare.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely, KyselyPlugin } from 'kysely';
import type pg from 'pg';
import { type TestDb, testDb, usingPostgres } from '../../../test/support/db.js';
import { sidePool } from '../../platform/db/dialect.js';
import * as titles from '../../platform/db/migrations/0021_search_sqlite_titles.js';
import { SEGMENT_TOKENS } from './search.grams.js';
import { createSearchIndex, type SearchDocument, type SearchIndex } from './search.index.js';

interface Made {
  doc: SearchDocument;
  /** the order of indexing */
  seq: number;
}

const PHRASE = '海绵城市建设';

function corpus(): Made[] {
  const out: Made[] = [];
  let i = 0;
  const add = (title: string, body: string, publishedOn: string) => {
    out.push({
      seq: i,
      doc: {
        kind: 'rare',
        id: `r${i}`,
        organId: 1 + (i % 2),
        title,
        body,
        url: `/r/${i}`,
        column: 'tzgg',
        publishedOn,
        genre: '通知',
      },
    });
    i++;
  };
  // an old year where one phrase is dense (over 1,000 matches), absent from every later year
  for (let j = 0; j < 1050; j++) {
    const date = new Date(Date.UTC(2018, 0, 1 + (j % 360))).toISOString().slice(0, 10);
    add(j % 100 === 0 ? '旧城改造工作通知' : '工作动态', `开展旧城改造工作。第${j}号`, date);
  }
  for (const year of [2019, 2020, 2021]) {
    for (let j = 0; j < 150; j++) {
      const date = new Date(Date.UTC(year, 0, 1 + ((j * 7) % 300))).toISOString().slice(0, 10);
      // the phrase's grams, apart (and across punctuation, which ends a run)
      const parts = ['推进海绵城市试点', j % 3 === 0 ? '加强城市建设管理' : '海绵城市，建设有序'];
      if (j % 2 === 0) parts.reverse();
      // the phrase itself in a few documents
      const rare = (year === 2020 && (j === 10 || j === 53)) || (year === 2021 && j === 100) || (year === 2019 && j === 3);
      if (rare) parts.push(`开展${PHRASE}专项行动`);
      add(year === 2019 && j === 140 ? `${PHRASE}情况通报` : '工作动态', parts.join('。'), date);
    }
  }
  // long bodies, on one day: the phrase only in a later segment, after many of its grams apart; in
  // the first segment; nowhere
  const filler = '推进海绵城市试点。加强城市建设管理。';
  const long = filler.repeat(Math.ceil((SEGMENT_TOKENS * 1.5) / 16));
  add('工作动态', `${long}开展${PHRASE}专项行动。${filler}`, '2020-06-30');
  add('工作动态', `开展${PHRASE}专项行动。${long}`, '2020-06-30');
  add('工作动态', long, '2020-06-30');
  return out;
}

const DOCS = corpus();

/** The expected page and count, from the texts (the terms are CJK phrases without punctuation). */
function expected(q: string, order: 'newest' | 'relevance', limit: number, offset: number) {
  const terms = q.split(' ');
  const has = (text: string) => terms.every((t) => text.includes(t));
  const matching = DOCS.filter(({ doc }) => terms.every((t) => doc.title.includes(t) || doc.body.includes(t))).sort((a, b) =>
    a.doc.publishedOn === b.doc.publishedOn ? b.seq - a.seq : a.doc.publishedOn < b.doc.publishedOn ? 1 : -1,
  );
  const ranked =
    order === 'newest' ? matching : [...matching.filter((m) => has(m.doc.title)), ...matching.filter((m) => !has(m.doc.title))];
  return {
    total: Math.min(matching.length, 1000),
    capped: matching.length > 1000,
    ids: ranked.slice(offset, offset + limit).map((m) => m.doc.id),
  };
}

interface Raw {
  kind: string;
  sqlFragments?: readonly string[];
  parameters?: readonly Raw[];
  value?: unknown;
}

/** The SQL text of a raw statement, nested pieces inline, values as `?` but strings, quoted. */
function rawText(node: Raw): string {
  if (node.kind === 'ValueNode' && typeof node.value === 'string') return `'${node.value}'`;
  if (node.kind !== 'RawNode' || !node.sqlFragments) return '?';
  return node.sqlFragments.map((f, i) => f + (node.parameters?.[i] ? rawText(node.parameters[i]) : '')).join('');
}

/** Raw statements sent through Kysely (SQLite), as their SQL text. */
function recorder(): KyselyPlugin & { texts: string[] } {
  const texts: string[] = [];
  return {
    texts,
    transformQuery({ node }) {
      if (node.kind === 'RawNode') texts.push(rawText(node as unknown as Raw));
      return node;
    },
    async transformResult({ result }) {
      return result;
    },
  };
}

interface PlanNode {
  'Relation Name'?: string;
  'Rows Removed by Filter'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

/** Rows of `relation` read and then dropped by a filter, over the whole plan. */
function removedByFilter(node: PlanNode, relation: string): number {
  let n = node['Relation Name'] === relation ? (node['Rows Removed by Filter'] ?? 0) : 0;
  for (const p of node.Plans ?? []) n += removedByFilter(p, relation);
  return n;
}

describe(`search: a rare phrase of common grams (${usingPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestDb;
  let index: SearchIndex;

  before(async () => {
    t = await testDb();
    index = createSearchIndex(t.db, t.dialect);
    await index.upsertMany(DOCS.map((m) => m.doc));
    await index.optimize();
  });
  after(async () => {
    await t.destroy();
  });

  const check = async (q: string, order: 'newest' | 'relevance', limit: number, offset: number) => {
    const r = await index.search({ q, order, limit, offset });
    const want = expected(q, order, limit, offset);
    assert.deepEqual(
      { total: r.total, capped: r.capped, ids: r.items.map((x) => x.id) },
      want,
      `${q} ${order} limit ${limit} offset ${offset}`,
    );
    return want;
  };

  it('the corpus holds what the test needs', () => {
    const old = DOCS.filter((m) => m.doc.body.includes('旧城改造'));
    assert.ok(old.length > 1000 && old.every((m) => m.doc.publishedOn.startsWith('2018')), 'one dense old year');
    const rare = DOCS.filter((m) => m.doc.title.includes('海绵城市建') || m.doc.body.includes('海绵城市建'));
    const apart = DOCS.filter((m) => m.doc.body.includes('海绵城市') && m.doc.body.includes('城市建设'));
    assert.equal(rare.length, 7);
    assert.ok(apart.length > 100, 'many documents hold every gram of the phrase without the phrase');
  });

  it('answers like the definition: count, order, short, partial and empty pages, both orders', async () => {
    for (const q of [
      '海绵城市建',
      PHRASE,
      '绵城市建',
      '海绵城市建设专项',
      '海绵城市建 试点',
      '城市建',
      '海绵城市',
      '建设',
      '旧城改造',
    ]) {
      for (const order of ['newest', 'relevance'] as const) {
        for (const [limit, offset] of [
          [20, 0],
          [3, 0],
          [3, 2],
          [4, 4],
          [20, 5],
          [20, 6],
          [20, 7],
          [20, 300],
          [20, 190],
          [20, 990],
          [0, 0],
        ] as const) {
          await check(q, order, limit, offset);
        }
      }
    }
    assert.equal((await check('海绵城市建', 'newest', 20, 0)).total, 7);
    const titled = DOCS.find((m) => m.doc.title.includes(PHRASE))?.doc.id;
    assert.equal((await check('海绵城市建', 'relevance', 20, 0)).ids[0], titled);
  });

  it('does not read the documents again for a page its count already holds, nor years without a match', async () => {
    // the count holds every match (fewer than a page)
    const counted = [
      { q: '海绵城市建', order: 'newest', limit: 20, offset: 0 },
      { q: '海绵城市建', order: 'newest', limit: 20, offset: 4 },
      { q: '海绵城市建', order: 'relevance', limit: 20, offset: 0 },
      { q: '海绵城市建设', order: 'newest', limit: 20, offset: 10 },
      { q: '海绵城市建 试点', order: 'newest', limit: 20, offset: 0 },
    ] as const;
    // over 1,000 matches, all in one old year: PostgreSQL walks for the page, from that year's end
    const walked = [
      { q: '旧城改造', order: 'newest', limit: 20, offset: 0 },
      { q: '旧城改造', order: 'newest', limit: 20, offset: 150 },
    ] as const;
    if (!usingPostgres()) {
      // SQLite: the capped count alone, no second FTS5 query for the page
      for (const ask of counted) {
        const rec = recorder();
        const r = await createSearchIndex(t.db.withPlugin(rec), t.dialect).search(ask);
        assert.ok(r.total < 20, ask.q);
        const fts = rec.texts.filter((x) => /search_fts(_titles)? MATCH/.test(x));
        assert.ok(fts.length > 0, 'the statements are seen');
        assert.deepEqual(
          fts.filter((x) => /ORDER BY search_fts(_titles)?\.rowid DESC/.test(x)),
          [],
          `${ask.q} ${ask.order} ${ask.offset}: ${fts.length} FTS5 queries`,
        );
      }
      return;
    }
    // PostgreSQL: the statement the search sends (prepared, generic plan, on the search's own pool),
    // run again under EXPLAIN ANALYZE: no document may be read and dropped by the walk's check
    await index.search({ q: '预热', limit: 1 }); // opens the search's pool
    const pool = sidePool(t.db, 'search', {}) as pg.Pool;
    assert.ok(pool);
    for (const ask of [...counted, ...walked]) {
      let sent: { text: string; values: unknown[] } | undefined;
      const query = pool.query;
      pool.query = ((config: { text: string; values: unknown[] }, ...rest: unknown[]) => {
        sent = { text: config.text, values: config.values };
        return (query as (...a: unknown[]) => unknown).call(pool, config, ...rest);
      }) as typeof pool.query;
      let r: Awaited<ReturnType<SearchIndex['search']>>;
      try {
        r = await index.search(ask);
      } finally {
        pool.query = query;
      }
      assert.ok(sent && (r.total < 20 || r.capped), ask.q);
      const client = await pool.connect();
      try {
        await client.query(`PREPARE gk_rare_test AS ${sent.text}`);
        const args = sent.values.map((v) => (typeof v === 'number' ? String(v) : client.escapeLiteral(String(v)))).join(', ');
        const plan = (await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE gk_rare_test(${args})`)).rows[0]['QUERY PLAN'][0]
          .Plan as PlanNode;
        assert.equal(removedByFilter(plan, 'search_documents'), 0, `${ask.q} ${ask.order} ${ask.offset}: documents walked`);
      } finally {
        await client.query('DEALLOCATE gk_rare_test').catch(() => undefined);
        client.release();
      }
    }
  });

  it('asks for title matches in the titles alone, also after migration 0021 fills their table', async () => {
    const asks = [
      { q: '海绵城市建', order: 'relevance', limit: 20, offset: 0 },
      { q: '旧城改造', order: 'relevance', limit: 20, offset: 0 },
      { q: '旧城改造', order: 'relevance', limit: 20, offset: 40 },
    ] as const;
    if (!usingPostgres()) {
      // SQLite: `title : (…)` in search_fts reads every document holding the phrase when few
      // titles do; the table of titles holds the titles' lists alone
      for (const ask of asks) {
        const rec = recorder();
        await createSearchIndex(t.db.withPlugin(rec), t.dialect).search(ask);
        assert.ok(
          rec.texts.some((x) => x.includes('search_fts_titles MATCH')),
          `${ask.q}: titles asked`,
        );
        assert.deepEqual(
          rec.texts.filter((x) => /search_fts MATCH 'title :/.test(x)),
          [],
          `${ask.q}: title matches asked of titles and bodies`,
        );
        assert.ok(rec.texts.some((x) => /search_fts MATCH '[^']*NOT title :/.test(x)) || ask.q !== '旧城改造', 'values seen');
      }
    }
    await titles.down(t.db as Kysely<unknown>, t.dialect);
    await titles.up(t.db as Kysely<unknown>, t.dialect);
    for (const ask of asks) await check(ask.q, ask.order, ask.limit, ask.offset);
  });
});
