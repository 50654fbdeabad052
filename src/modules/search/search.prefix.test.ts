// Migration 0019 (SQLite): the FTS5 table made again with an index of first characters, its tokens
// written anew from `search_documents`. A database indexed before the migration answers every query
// exactly as it did, one-character queries included; on PostgreSQL the migration does nothing.
// Run: node --import tsx --test src/modules/search/search.prefix.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestDb, testDb, usingPostgres } from '../../../test/support/db.js';
import { up } from '../../platform/db/migrations/0019_search_sqlite_prefix.js';
import { createSearchIndex, rewriteFtsTokens, type SearchDocument, type SearchIndex } from './search.index.js';

const TEXTS = [
  ['台风灾后恢复重建工作通知', '各地要做好灾后恢复重建，确保群众安全。'],
  ['城市排水防涝工作方案', '加强排水设施建设，防范城市内涝灾害。'],
  ['住房公积金缴存基数调整', '住房公积金管理中心：缴存基数按上年度平均工资确定。'],
  ['老旧小区改造进展', '全市老旧小区改造完成投资1.2亿元，惠及居民3000户。'],
  ['防汛抗旱工作会议召开', '会议要求落实防汛责任，做好抗灾物资储备。'],
];
const DOCS: SearchDocument[] = Array.from({ length: 60 }, (_, i) => {
  const [title, body] = TEXTS[i % TEXTS.length] as [string, string];
  return {
    kind: 'prefix',
    id: `p${i}`,
    organId: 1,
    title: `${title}（${i}）`,
    body: `${body}${i % 7 === 0 ? '水资源管理。' : ''}`,
    url: `/p/${i}`,
    column: 'tzgg',
    publishedOn: new Date(Date.UTC(2020 + (i % 5), i % 12, 1 + (i % 27))).toISOString().slice(0, 10),
    genre: '通知',
  };
});
const QUERIES = ['灾', '水', '城', '住', '灾后', '排水防涝', '老旧小区改造', '防'];

describe(`search: the first-character index of migration 0019 (${usingPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestDb;
  let index: SearchIndex;
  before(async () => {
    t = await testDb();
    index = createSearchIndex(t.db, t.dialect);
    await index.upsertMany(DOCS);
  });
  after(async () => t.destroy());

  const answers = async () => {
    const out: unknown[] = [];
    for (const q of QUERIES) {
      for (const order of ['newest', 'relevance'] as const) {
        const r = await index.search({ q, order, limit: 10, offset: 0 });
        out.push([q, order, r.total, r.items.map((h) => h.url)]);
      }
    }
    return out;
  };

  it('answers as before once an index made without it is migrated', async () => {
    const before = await answers();
    assert.ok(
      before.some((a) => (a as [string, string, number])[2] > 0),
      'the queries find something',
    );
    if (t.dialect === 'sqlite') {
      // the table as earlier versions made it
      await sql`DROP TABLE search_fts`.execute(t.db);
      await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', contentless_delete=1,
        tokenize='ascii', detail=full)`.execute(t.db);
      assert.equal(await rewriteFtsTokens(t.db as never), DOCS.length);
      assert.deepEqual(await answers(), before, 'the old table answers alike');
    }
    await up(t.db as never, t.dialect);
    assert.deepEqual(await answers(), before, 'and so does the migrated one');
    if (t.dialect === 'sqlite') {
      const made = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'search_fts'`.execute(t.db);
      assert.match(made.rows[0]?.sql ?? '', /prefix='1'/);
      // run again: nothing to do, nothing changes
      await up(t.db as never, t.dialect);
      assert.deepEqual(await answers(), before);
    }
  });
});
