// Tests for the search index on the database under test (SQLite, or PostgreSQL when
// TEST_DATABASE_URL is set): the same assertions, so both return identical results.
// Run: node --import tsx --test src/modules/search/search.index.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { type TestDb, testDb, usingPostgres } from '../../../test/support/db.js';
import * as tuning from '../../platform/db/migrations/0008_search_tuning.js';
import * as ngrams from '../../platform/db/migrations/0015_search_pg_ngrams.js';
import * as terms from '../../platform/db/migrations/0020_search_pg_terms.js';
import * as charYears from '../../platform/db/migrations/0022_search_pg_char_years.js';
import * as plainBodies from '../../platform/db/migrations/0023_search_plain_bodies.js';
import * as bigramYears from '../../platform/db/migrations/0024_search_pg_bigram_years.js';
import {
  COUNT_CAP,
  createSearchIndex,
  highlight,
  type SearchDocument,
  type SearchIndex,
  type SearchQuery,
} from './search.index.js';
import { plainForWindows, queryPhrases } from './search.normalise.js';

const doc = (id: string, o: Partial<SearchDocument>): SearchDocument => ({
  kind: 'publication',
  id,
  organId: 1,
  title: '',
  body: '',
  url: `/demo/xxgk/${id}`,
  column: 'tzgg',
  publishedOn: '2017-01-01',
  genre: '通知',
  ...o,
});

const DOCS: SearchDocument[] = [
  doc('gjj', {
    title: '南宁市住房公积金管理中心关于调整2017年度住房公积金缴存基数的通知',
    body: '各有关单位：根据《住房公积金管理条例》，现将有关事项通知如下。本通知自发布之日起执行，防城港市参照执行。',
    publishedOn: '2017-06-01',
    column: 'tzgg',
  }),
  doc('fcg', {
    title: '防城港市保障性安居工程建设情况',
    body: '今年以来，全市新开工棚户区改造住房1200套，基本建成900套。',
    organId: 2,
    publishedOn: '2018-03-10',
    column: 'btdt',
    genre: '动态',
  }),
  doc('gjb', {
    title: '关于印发桂建办〔2017〕12号文件的通知',
    body: '执行GB50016标准。各市住房城乡建设局：现将文件印发给你们。',
    publishedOn: '2017-02-01',
    column: 'zcwj',
  }),
  doc('xss', {
    title: '<b>标题</b>里的尖括号',
    body: '<script>alert("x")</script> 邕宁区 & 良庆区的<img src=x onerror=alert(1)>公告',
    publishedOn: '2016-05-05',
  }),
  doc('wy-title', { title: '物业管理条例解读', body: '条例自公布之日起施行。', publishedOn: '2015-01-01' }),
  doc('wy-body', { title: '住建动态', body: '本月召开物业管理工作会议。', publishedOn: '2019-01-01' }),
  doc('punct', { title: '标点', body: '南宁，市区', publishedOn: '2014-01-01' }),
];

describe(`search index (${usingPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestDb;
  let index: SearchIndex;
  const find = async (q: string, o: Partial<SearchQuery> = {}) => {
    const r = await index.search({ q, limit: 20, ...o });
    return r.items.map((x) => x.id);
  };

  before(async () => {
    t = await testDb();
    index = createSearchIndex(t.db, t.dialect);
    for (const d of DOCS) await index.upsert(d);
  });
  after(async () => {
    await t.destroy();
  });

  it('finds 2-, 3- and 4-character queries, place names inside longer words', async () => {
    assert.deepEqual(await find('南宁'), ['gjj', 'punct']);
    assert.deepEqual(await find('防城港'), ['fcg', 'gjj']);
    assert.deepEqual(await find('住房公积'), ['gjj']);
    assert.deepEqual(await find('防城港市'), ['fcg', 'gjj']);
    assert.deepEqual(await find('棚户区改造'), ['fcg']);
    assert.deepEqual(await find('南宁港'), []);
  });

  it('does not match across punctuation', async () => {
    assert.deepEqual(await find('南宁市'), ['gjj']);
    assert.deepEqual(await find('市区'), ['punct']);
  });

  it('finds simplified text from traditional and full-width queries', async () => {
    assert.deepEqual(await find('住房公積金'), ['gjj']);
    assert.deepEqual(await find('南寧市'), ['gjj']);
    assert.deepEqual(await find('ＧＢ５００１６'), ['gjb']);
    assert.deepEqual(await find('桂建辦〔２０１７〕１２號'), ['gjb']);
    await index.upsert(doc('smz', { title: '这是什么文件', publishedOn: '2011-01-01' }));
    assert.deepEqual(await find('是什麼'), ['smz']);
    assert.deepEqual(await find('什么'), ['smz']);
    await index.remove('publication', 'smz');
  });

  it('refuses what a column cannot hold, on both databases alike', async () => {
    await assert.rejects(index.upsert(doc('x'.repeat(65), { title: '长编号' })), /id/);
    await assert.rejects(index.upsert(doc('bad-date', { publishedOn: '2017-02-30' })), /YYYY-MM-DD/);
    await assert.rejects(index.search({ q: '南宁', year: 2017.5, limit: 5 }), RangeError);
    assert.deepEqual(await find('长编号'), []);
  });

  it('finds Latin and digit words and document numbers', async () => {
    assert.deepEqual(await find('2017'), ['gjj', 'gjb']);
    assert.deepEqual(await find('桂建办〔2017〕12号'), ['gjb']);
    assert.deepEqual(await find('12号'), ['gjb']);
    assert.deepEqual(await find('gb50016'), ['gjb']);
    assert.deepEqual(await find('201'), []);
    assert.deepEqual(await find('1200套'), ['fcg']);
  });

  it('finds a one-character query wherever the character is', async () => {
    assert.deepEqual(await find('港'), ['fcg', 'gjj']);
    assert.deepEqual(await find('套'), ['fcg']); // last character of a run
    assert.deepEqual(await find('邕'), ['xss']); // first character
  });

  it('requires every space-separated term', async () => {
    assert.deepEqual(await find('南宁 防城港'), ['gjj']);
    assert.deepEqual(await find('防城港 安居'), ['fcg']);
    assert.deepEqual(await find('南宁 安居'), []);
  });

  it('returns nothing for an empty query', async () => {
    assert.deepEqual(await index.search({ q: ' ，。 ', limit: 20 }), { total: 0, capped: false, items: [] });
  });

  it('orders newest first by default, title matches first in relevance order', async () => {
    assert.deepEqual(await find('物业管理'), ['wy-body', 'wy-title']);
    assert.deepEqual(await find('物业管理', { order: 'relevance' }), ['wy-title', 'wy-body']);
    // body match (gjj, 2017) and title match (fcg, 2018): the title first even when older would differ
    assert.deepEqual(await find('防城港', { order: 'relevance' }), ['fcg', 'gjj']);
    assert.deepEqual(await find('通知', { order: 'relevance' }), ['gjj', 'gjb']);
  });

  it('filters by organ, year, column and genre', async () => {
    assert.deepEqual(await find('防城港', { organId: 2 }), ['fcg']);
    assert.deepEqual(await find('防城港', { year: 2017 }), ['gjj']);
    assert.deepEqual(await find('防城港', { year: 2018 }), ['fcg']);
    assert.deepEqual(await find('防城港', { year: 2019 }), []);
    assert.deepEqual(await find('住房', { column: 'btdt' }), ['fcg']);
    assert.deepEqual(await find('住房', { genre: '通知', order: 'relevance' }), ['gjj', 'gjb']);
    assert.deepEqual(await find('住房', { organId: 1, year: 2017, column: 'zcwj', genre: '通知' }), ['gjb']);
  });

  it('returns the fields, a highlighted title and an escaped snippet around the match', async () => {
    const r = await index.search({ q: '邕宁', limit: 5 });
    assert.equal(r.total, 1);
    const hit = r.items[0]!;
    assert.equal(hit.kind, 'publication');
    assert.equal(hit.url, '/demo/xxgk/xss');
    assert.equal(hit.organId, 1);
    assert.equal(hit.publishedOn, '2016-05-05');
    assert.equal(hit.title, '<b>标题</b>里的尖括号');
    assert.equal(hit.titleHtml, '&lt;b&gt;标题&lt;/b&gt;里的尖括号');
    assert.ok(!/<(script|img|b)\b/.test(hit.snippet), hit.snippet);
    assert.ok(hit.snippet.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'), hit.snippet);
    assert.ok(hit.snippet.includes('<mark>邕宁</mark>区 &amp; 良庆区'), hit.snippet);
    const [t1] = (await index.search({ q: '住房公積金', limit: 1 })).items;
    assert.equal(t1!.titleHtml, '南宁市<mark>住房公积金</mark>管理中心关于调整2017年度<mark>住房公积金</mark>缴存基数的通知');
    assert.ok(t1!.snippet.includes('《<mark>住房公积金</mark>管理条例》'), t1!.snippet);
    const [one] = (await index.search({ q: '港', limit: 1 })).items;
    assert.equal(one!.titleHtml, '防城<mark>港</mark>市保障性安居工程建设情况');
  });

  it('cuts a long body into a window around the first match', async () => {
    const body = `${'开头文字。'.repeat(100)}中间的关键短语在这里。${'结尾文字。'.repeat(100)}`;
    await index.upsert(doc('long', { title: '长文', body, publishedOn: '2013-01-01' }));
    const [hit] = (await index.search({ q: '关键短语', limit: 1 })).items;
    assert.ok(hit!.snippet.startsWith('…') && hit!.snippet.endsWith('…'), hit!.snippet);
    assert.ok(hit!.snippet.includes('中间的<mark>关键短语</mark>在这里'), hit!.snippet);
    assert.ok(hit!.snippet.length < 200);
    await index.remove('publication', 'long');
  });

  it('makes the same snippet from a long body whether its first match is early or late', async () => {
    const phrases = queryPhrases('关键短语');
    for (const [id, at] of [
      ['early', 800],
      ['late', 4000],
    ] as const) {
      const body = `${'开头文字。'.repeat(at / 5)}中间的关键短语在这里。${'结尾文字，'.repeat(1200)}`;
      await index.upsert(doc(id, { title: '长文', body, publishedOn: '2013-01-02' }));
      const [hit] = (await index.search({ q: '关键短语', limit: 1 })).items;
      assert.equal(hit!.id, id);
      assert.equal(hit!.snippet, highlight(body, phrases, true));
      assert.ok(hit!.snippet.includes('中间的<mark>关键短语</mark>在这里'), hit!.snippet);
      await index.remove('publication', id);
    }
    // a title match whose body does not hold the phrase: the body's start
    const body = '正文'.repeat(3000);
    await index.upsert(doc('title-only', { title: '关键短语在标题里', body, publishedOn: '2013-01-03' }));
    const [hit] = (await index.search({ q: '关键短语', limit: 1 })).items;
    assert.equal(hit!.snippet, highlight(body, phrases, true));
    assert.ok(hit!.snippet.startsWith('正文正文') && hit!.snippet.endsWith('…'), hit!.snippet);
    await index.remove('publication', 'title-only');
  });

  it('makes the snippet of one character from the body whole, also where PostgreSQL sends a part of it', async () => {
    // PostgreSQL sends a plain body's part around the first occurrence (strpos); a body holding a
    // traditional form of the character, or a surrogate pair, whole
    const bodies: [string, string][] = [
      ['w-early', `${'开头文字。'.repeat(10)}灾后重建，灾情统计。${'结尾文字，'.repeat(2000)}`],
      ['w-late', `${'开头文字。'.repeat(3000)}灾后重建。${'结尾文字，'.repeat(10)}灾`],
      ['w-end', `${'开头文字。'.repeat(400)}灾`],
      ['w-trad', `${'开头文字。'.repeat(100)}颱風災後，${'开头文字。'.repeat(100)}灾后重建`],
      ['w-astral', `𠀀${'开头文字。'.repeat(100)}灾后重建<b>&${'结尾'.repeat(100)}`],
      ['w-title', '正文'.repeat(3000)],
    ];
    for (const [id, body] of bodies) {
      await index.upsert(
        doc(id, { kind: 'window', title: id === 'w-title' ? '灾情通报' : '窗口', body, publishedOn: '2013-02-01' }),
      );
    }
    const flags = async () =>
      (
        await t.db
          .selectFrom('search_documents')
          .select(['doc_id', 'plain_length'])
          .where('kind', '=', 'window')
          .orderBy('doc_id')
          .execute()
      ).map((x) => `${x.doc_id} ${x.plain_length}`);
    const want = bodies.map(([id, body]) => `${id} ${id === 'w-astral' || id === 'w-trad' ? null : body.length}`).sort();
    assert.deepEqual(await flags(), want);
    // indexed before migration 0023: it computes them from the stored bodies
    await plainBodies.down(t.db as Kysely<unknown>, t.dialect);
    await plainBodies.up(t.db as Kysely<unknown>, t.dialect);
    assert.deepEqual(await flags(), want);
    // (SQLite, and PostgreSQL with a filter, get the whole body and cut the same part from it)
    for (const order of ['newest', 'relevance'] as const) {
      for (const organId of [undefined, 1]) {
        const r = await index.search({ q: '灾', order, limit: 20, ...(organId ? { organId } : {}) });
        const mine = r.items.filter((x) => x.id.startsWith('w-'));
        assert.equal(mine.length, bodies.length);
        for (const hit of mine) {
          const body = bodies.find(([id]) => id === hit.id)![1];
          assert.equal(hit.snippet, highlight(body, queryPhrases('灾'), true), `${hit.id} ${order} ${organId}`);
        }
      }
    }
    // traditional input finds both forms
    const trad = await index.search({ q: '災', limit: 20 });
    assert.ok(trad.items.find((x) => x.id === 'w-trad')!.snippet.includes('<mark>災</mark>'));
    for (const [id] of bodies) await index.remove('window', id);
  });

  it('finds a phrase deep inside a very long body (beyond a tsvector position limit)', async () => {
    const body = `${'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'.repeat(1500)}独一无二的短语${'子丑寅卯'.repeat(10)}`;
    await index.upsert(doc('huge', { title: '长附件', body, publishedOn: '2012-01-01' }));
    assert.deepEqual(await find('独一无二的短语'), ['huge']);
    assert.deepEqual(await find('癸子丑寅卯辰巳'), ['huge']);
    assert.deepEqual(await find('酉独'), ['huge']);
    const [hit] = (await index.search({ q: '独一无二', limit: 1 })).items;
    assert.ok(hit!.snippet.includes('<mark>独一无二</mark>'), hit!.snippet);
    await index.remove('publication', 'huge');
    assert.deepEqual(await find('独一无二'), []);
  });

  it('removes at once, and replaces on upsert', async () => {
    await index.upsert(doc('tmp', { title: '临时公告', body: '双随机一公开抽查结果', publishedOn: '2020-02-02' }));
    assert.deepEqual(await find('双随机'), ['tmp']);
    await index.remove('publication', 'tmp');
    assert.deepEqual(await find('双随机'), []);
    await index.remove('publication', 'tmp'); // unknown: ignored
    await index.upsert(doc('tmp', { title: '临时公告', body: '依申请公开工作', publishedOn: '2020-02-02' }));
    await index.upsert(doc('tmp', { title: '临时公告', body: '依申请公开工作年度报告', publishedOn: '2020-02-02' }));
    assert.deepEqual(await find('年度报告'), ['tmp']);
    assert.deepEqual(await find('双随机'), []);
    // a new date moves it in the order
    assert.deepEqual(await find('公告'), ['tmp', 'xss']);
    await index.upsert(doc('tmp', { title: '临时公告', body: '依申请公开', publishedOn: '2010-02-02' }));
    assert.deepEqual(await find('公告'), ['xss', 'tmp']);
    await index.upsert(doc('tmp', { kind: 'other', title: '临时公告', body: '', publishedOn: '2011-02-02' }));
    assert.equal((await index.search({ q: '临时公告', limit: 5 })).items.length, 2);
    await index.remove('publication', 'tmp');
    await index.remove('other', 'tmp');
    assert.deepEqual(await find('临时公告'), []);
  });

  it('works inside the caller’s transaction, and its rollback undoes the indexing', async () => {
    await t.db
      .transaction()
      .execute(async (tx) => {
        const inTx = createSearchIndex(tx, t.dialect);
        const settings = async () =>
          (
            await sql<{
              s: string;
              j: string;
            }>`SELECT current_setting('enable_seqscan') AS s, current_setting('jit') AS j`.execute(tx)
          ).rows[0];
        const before = usingPostgres() ? await settings() : undefined;
        await inTx.upsert(doc('tx', { title: '事务中的公告', publishedOn: '2021-01-01' }));
        assert.deepEqual(
          (await inTx.search({ q: '事务', limit: 5 })).items.map((x) => x.id),
          ['tx'],
        );
        if (usingPostgres()) {
          // the planner settings of a search do not leak
          assert.deepEqual(await settings(), before);
          assert.equal(before?.s, 'on');
        }
        throw new Error('rollback');
      })
      .catch((err: Error) => assert.equal(err.message, 'rollback'));
    assert.deepEqual(await find('事务'), []);
    if (usingPostgres()) {
      // nor outside one: the search's own transaction ends, the pooled connections keep their settings
      await Promise.all([find('公告'), find('通知'), find('南宁')]);
      for (let i = 0; i < 3; i++) {
        const r = await sql<{ s: string; x: string }>`SELECT current_setting('enable_seqscan') AS s,
          current_setting('transaction_read_only') AS x`.execute(t.db);
        assert.deepEqual(r.rows[0], { s: 'on', x: 'off' });
      }
    }
  });

  it('counts every match across years, with gaps, before 1970 and at year ends, and after a date changes', async () => {
    // PostgreSQL counts year by year (the year lexeme of each tsvector): no year may be missed
    const dates = ['1965-12-31', '1969-12-31', '1970-01-01', '1999-12-31', '2000-01-01', '2010-06-15', '2024-12-31'];
    await index.upsertMany(dates.map((d, i) => doc(`yr${i}`, { kind: 'years', title: `年界测试${i}`, publishedOn: d })));
    const all = await index.search({ q: '年界测试', limit: 20 });
    assert.deepEqual([all.total, all.capped], [dates.length, false]);
    assert.deepEqual(
      all.items.map((x) => x.publishedOn),
      [...dates].reverse(),
    );
    for (const year of [1965, 1969, 1970, 1999, 2000, 2010, 2024, 2023]) {
      const r = await index.search({ q: '年界测试', year, limit: 20, order: 'relevance' });
      assert.deepEqual(
        r.items.map((x) => x.publishedOn),
        dates.filter((d) => d.startsWith(String(year))),
        String(year),
      );
      assert.equal(r.total, r.items.length);
    }
    // moved to another year: found in the new one only
    await index.upsert(doc('yr3', { kind: 'years', title: '年界测试3', publishedOn: '2011-03-01' }));
    assert.deepEqual(await find('年界测试', { year: 1999 }), []);
    assert.deepEqual(await find('年界测试', { year: 2011 }), ['yr3']);
    assert.equal((await index.search({ q: '年界测试', limit: 1 })).total, dates.length);
    for (let i = 0; i < dates.length; i++) await index.remove('years', `yr${i}`);
    assert.equal((await index.search({ q: '年界测试', limit: 1 })).total, 0);
  });

  it('counts one-character and two-character queries from their documents per year, exact through upserts, moves, removals and a clear', async () => {
    // PostgreSQL: from search_char_years (migrations 0022, 0024), kept by triggers; here checked
    // against what the token tables hold after every change, and against the matches themselves
    const counts = async () => {
      if (t.dialect !== 'postgres') return;
      const kept = await sql<{ r: string }>`SELECT lexeme || ' ' || CAST(tier AS text) || ' ' || year || ' ' || docs AS r
        FROM search_char_years WHERE docs <> 0 ORDER BY 1`.execute(t.db);
      const year = sql`CAST(extract(year FROM DATE '1970-01-01' + CAST(floor(CAST(r.doc_id AS numeric) / 2097152) AS integer)) AS integer)`;
      const actual = await sql<{ r: string }>`SELECT lexeme || ' ' || tier || ' ' || y || ' ' || n AS r FROM (
          SELECT u.lexeme, 'a' AS tier, ${year} AS y, count(*) AS n FROM search_chars r, unnest(r.tsv) u
            WHERE u.lexeme LIKE '~%' OR u.lexeme LIKE '#%' GROUP BY 1, 3
          UNION ALL SELECT u.lexeme, 't', ${year}, count(*) FROM search_titles r, unnest(r.tsv) u
            WHERE u.lexeme LIKE '~%' OR u.lexeme LIKE '#%' GROUP BY 1, 3
          UNION ALL SELECT u.lexeme, 'a', ${year}, count(*) FROM search_terms r, unnest(CAST(r.terms AS tsvector)) u
            WHERE char_length(u.lexeme) = 2 AND u.lexeme NOT LIKE '#%' GROUP BY 1, 3) x ORDER BY 1`.execute(t.db);
      assert.deepEqual(
        kept.rows.map((x) => x.r),
        actual.rows.map((x) => x.r),
      );
    };
    const dates = ['1965-12-31', '1969-12-31', '1970-01-01', '2010-06-15', '2024-12-31'];
    await index.upsertMany(
      dates.map((d, i) =>
        doc(`ch${i}`, { kind: 'chars', title: i % 2 ? `檩条${i}` : `构件${i}`, body: `第${i}条：檩条`, publishedOn: d }),
      ),
    );
    await counts();
    // a character and a two-character term (檩条), each in every body and the odd titles
    for (const q of ['檩', '檩条']) {
      const all = await index.search({ q, limit: 20 });
      assert.deepEqual([all.total, all.capped], [5, false]);
      assert.deepEqual(await find(q), ['ch4', 'ch3', 'ch2', 'ch1', 'ch0']);
      assert.deepEqual(await find(q, { order: 'relevance' }), ['ch3', 'ch1', 'ch4', 'ch2', 'ch0']);
      // pages of one and two, in both orders: the newest matches only, read as the page needs them
      for (const order of ['newest', 'relevance'] as const) {
        const whole = await find(q, { order });
        for (const limit of [1, 2]) {
          for (let offset = 0; offset < 6; offset += limit) {
            const r = await index.search({ q, order, limit, offset });
            assert.deepEqual(
              r.items.map((x) => x.id),
              whole.slice(offset, offset + limit),
              `${q} ${order} ${limit} ${offset}`,
            );
            assert.equal(r.total, 5);
          }
        }
      }
      for (const [year, ids] of [
        [1965, ['ch0']],
        [1969, ['ch1']],
        [1970, ['ch2']],
        [2011, []],
      ] as const) {
        const r = await index.search({ q, year, limit: 20, order: 'relevance' });
        assert.deepEqual(
          r.items.map((x) => x.id),
          ids,
          `${q} ${year}`,
        );
        assert.equal(r.total, ids.length);
      }
    }
    // moved to another year, its title changed: counted there alone
    await index.upsert(doc('ch3', { kind: 'chars', title: '构件', body: '檩', publishedOn: '1999-03-01' }));
    await counts();
    assert.deepEqual(await find('檩条', { order: 'relevance' }), ['ch1', 'ch4', 'ch2', 'ch0']);
    assert.equal((await index.search({ q: '檩条', year: 1999, limit: 1 })).total, 0);
    assert.deepEqual(await find('檩', { year: 2010 }), []);
    assert.deepEqual(await find('檩', { year: 1999 }), ['ch3']);
    assert.deepEqual(await find('檩', { order: 'relevance' }), ['ch1', 'ch4', 'ch3', 'ch2', 'ch0']);
    await index.remove('chars', 'ch1');
    await counts();
    assert.deepEqual(
      [(await index.search({ q: '檩', limit: 1 })).total, (await index.search({ q: '檩', year: 1969, limit: 1 })).total],
      [4, 0],
    );
    assert.deepEqual(await find('檩条', { order: 'relevance' }), ['ch4', 'ch2', 'ch0']);
    for (const id of ['ch0', 'ch2', 'ch3', 'ch4']) await index.remove('chars', id);
    await counts();
    assert.equal((await index.search({ q: '檩', limit: 1 })).total, 0);
    assert.equal((await index.search({ q: '檩条', limit: 1 })).total, 0);
  });

  it('migration 0008 gives rows indexed before it their year lexeme (PostgreSQL; nothing to do on SQLite)', async () => {
    await index.upsertMany([
      doc('mig1', { kind: 'mig', title: '迁移前的公告 gbt2016', publishedOn: '2016-02-02' }),
      doc('mig2', { kind: 'mig', title: '迁移前的通报 gbt2016', publishedOn: '1968-07-07' }),
    ]);
    // a word, asked of search_segments (trigrams are in search_grams, migration 0015, and runs of 2
    // to 5 characters in search_terms, migration 0020, both with the year lexeme from the start)
    const count = async () => (await index.search({ q: 'gbt2016', limit: 5 })).total;
    assert.equal(await count(), 2);
    // as indexed before the migration: without the lexemes, the year-by-year count finds nothing
    await tuning.down(t.db as Kysely<unknown>, t.dialect);
    assert.equal(await count(), usingPostgres() ? 0 : 2);
    await tuning.up(t.db as Kysely<unknown>, t.dialect);
    assert.equal(await count(), 2);
    assert.deepEqual(await find('迁移前', { year: 1968, order: 'relevance' }), ['mig2']);
    await index.remove('mig', 'mig1');
    await index.remove('mig', 'mig2');
  });

  it('matches runs of 2 to 5 characters exactly, in a long document once, also after migration 0020 rebuilds them', async () => {
    // a text of 7,000 characters none of whose runs of 4 repeats: over TERM_PART terms (rows 1 and 2)
    const han = (i: number) => String.fromCodePoint(0x3400 + ((i * 7919) % 6000));
    let long = '';
    for (let i = 0; i < 7000; i++) long += han(i);
    const late = long.slice(6990, 6995);
    await index.upsertMany([
      doc('tm1', { kind: 'tm', title: '琥珀琉璃', body: '珀琉璃瑰。琥珀琉璃管理', publishedOn: '2019-06-01' }),
      doc('tm2', { kind: 'tm', title: '无关', body: `说明：琥珀琉璃瑰${late}`, publishedOn: '2018-06-01' }),
      doc('tm3', { kind: 'tm', title: '长文', body: long, publishedOn: '2017-06-01' }),
    ]);
    const check = async () => {
      // tm1 holds 琥珀琉璃 and 珀琉璃瑰 but not 琥珀琉璃瑰
      assert.deepEqual(await find('琥珀琉璃瑰'), ['tm2']);
      assert.deepEqual(await find('琥珀琉璃'), ['tm1', 'tm2']);
      assert.deepEqual(await find('琥珀琉璃', { order: 'relevance' }), ['tm1', 'tm2']);
      assert.deepEqual(await find('琉璃'), ['tm1', 'tm2']);
      assert.deepEqual(await find('管理 琥珀'), ['tm1']);
      assert.deepEqual(await find('琉璃瑰 说明'), ['tm2']);
      // in the long document's second row of terms, and counted once
      assert.deepEqual(await find(late), ['tm2', 'tm3']);
      assert.deepEqual(await find(late.slice(0, 4)), ['tm2', 'tm3']);
      assert.equal((await index.search({ q: long.slice(10, 12), limit: 5 })).total, 1);
    };
    await check();
    if (usingPostgres()) {
      const rows = await sql<{ n: string }>`SELECT count(*) AS n FROM search_terms t JOIN search_documents d ON d.id = t.doc_id
        WHERE d.doc_id = 'tm3'`.execute(t.db);
      assert.equal(Number(rows.rows[0]!.n), 2);
    }
    // indexed before the migration: it tokenises the stored documents again (and 0024, which comes
    // after it, counts their bigrams again)
    await bigramYears.down(t.db as Kysely<unknown>, t.dialect);
    await terms.down(t.db as Kysely<unknown>, t.dialect);
    await terms.up(t.db as Kysely<unknown>, t.dialect);
    await bigramYears.up(t.db as Kysely<unknown>, t.dialect);
    await check();
    for (const id of ['tm1', 'tm2', 'tm3']) await index.remove('tm', id);
    assert.deepEqual(await find('琥珀琉璃'), []);
    // (the counts follow the removals: the triggers are back)
    assert.deepEqual([(await index.search({ q: '琉璃', limit: 5 })).total, (await find('琉璃')).length], [0, 0]);
  });

  it('matches trigram and one-character queries exactly as phrases, also after migration 0015 rebuilds them', async () => {
    await index.upsertMany([
      doc('tg1', { kind: 'tg', title: '三字测', body: '甲乙丙，乙丙丁。庚辛壬，壬癸', publishedOn: '2019-05-01' }),
      doc('tg2', { kind: 'tg', title: '𠀀字', body: '甲乙丙丁戊', publishedOn: '2018-05-01' }),
      doc('tg3', { kind: 'tg', title: '无关', body: 'abc 𠀀', publishedOn: '2017-05-01' }),
    ]);
    const check = async () => {
      assert.deepEqual(await find('甲乙丙'), ['tg1', 'tg2']);
      assert.deepEqual(await find('乙丙丁'), ['tg1', 'tg2']);
      // the two runs of tg1 hold both trigrams of 甲乙丙丁, but not the phrase
      assert.deepEqual(await find('甲乙丙丁'), ['tg2']);
      assert.deepEqual(await find('庚辛壬癸'), []);
      assert.deepEqual(await find('丙丁戊'), ['tg2']);
      assert.deepEqual(await find('𠀀'), ['tg2', 'tg3']);
      assert.deepEqual(await find('𠀀', { order: 'relevance' }), ['tg2', 'tg3']);
      assert.deepEqual(await find('测', { order: 'relevance' }), ['tg1']);
      assert.deepEqual(await find('癸 甲乙丙'), ['tg1']);
      assert.deepEqual(await find('甲乙丙 三字测', { order: 'relevance' }), ['tg1']);
    };
    await check();
    // indexed before the migration: it tokenises the stored documents again (and 0022, which comes
    // after it, counts them again)
    await charYears.down(t.db as Kysely<unknown>, t.dialect);
    await ngrams.down(t.db as Kysely<unknown>, t.dialect);
    await ngrams.up(t.db as Kysely<unknown>, t.dialect);
    await charYears.up(t.db as Kysely<unknown>, t.dialect);
    await check();
    for (const id of ['tg1', 'tg2', 'tg3']) await index.remove('tg', id);
    assert.deepEqual(await find('甲乙丙'), []);
  });

  it('counts up to 1000 ("1000+") and pages in both orders', async () => {
    const many: SearchDocument[] = [];
    for (let i = 0; i < 1005; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      const month = String((i % 12) + 1).padStart(2, '0');
      many.push(
        doc(`m${i}`, {
          kind: 'bulk',
          title: i % 10 === 0 ? `批量样本${i}号` : `第${i}号`,
          body: `这是批量样本，编号${i}。`,
          publishedOn: `${2000 + (i % 5)}-${month}-${day}`,
          organId: 9,
        }),
      );
    }
    await index.upsertMany(many);
    await index.optimize();
    const all = await index.search({ q: '批量样本', limit: 20 });
    assert.equal(all.total, COUNT_CAP);
    assert.equal(all.capped, true);
    assert.equal(all.items.length, 20);
    const y = await index.search({ q: '批量样本', year: 2001, limit: 20 });
    assert.deepEqual([y.total, y.capped], [201, false]);
    // pages join up, newest first, in both orders, across the title/body boundary, with few matches
    // (201 in 2001) and with many (all 1005: the first pages found another way on PostgreSQL)
    const rows = (
      await t.db
        .selectFrom('search_documents')
        .select(['doc_id', 'title', 'id', 'published_on'])
        .where('kind', '=', 'bulk')
        .execute()
    ).sort((a, b) => Number(b.id) - Number(a.id));
    for (const year of [2001, undefined]) {
      const mine = rows.filter((r) => year === undefined || r.published_on.startsWith(String(year)));
      const upTo = year === undefined ? 300 : mine.length;
      for (const order of ['newest', 'relevance'] as const) {
        const pages: string[] = [];
        for (let offset = 0; offset < upTo; offset += 17) {
          pages.push(...(await find('批量样本', { year, order, limit: Math.min(17, upTo - offset), offset })));
        }
        const expected = (
          order === 'newest'
            ? mine
            : [...mine.filter((r) => r.title.includes('批量样本')), ...mine.filter((r) => !r.title.includes('批量样本'))]
        )
          .slice(0, upTo)
          .map((r) => r.doc_id);
        assert.deepEqual(pages, expected, `${order} ${year}`);
        const dates = (await index.search({ q: '批量样本', year, order, limit: 20 })).items.map((x) => x.publishedOn);
        if (order === 'newest') assert.deepEqual(dates, [...dates].sort().reverse());
      }
    }
    // every title matches (号): relevance is then newest first, however the titles are found
    const newest = await find('号', { limit: 40 });
    assert.deepEqual(await find('号', { order: 'relevance', limit: 40 }), newest);
    assert.deepEqual(await find('号', { order: 'relevance', limit: 20, offset: 20 }), newest.slice(20));
    // filters apply on every path
    const organ = await index.search({ q: '批量样本', organId: 9, limit: 5 });
    assert.deepEqual([organ.total, organ.capped, organ.items.length], [1000, true, 5]);
    assert.equal((await index.search({ q: '批量样本', organId: 1, limit: 5 })).total, 0);
    assert.equal((await index.search({ q: '批量样本 编号', column: 'none', limit: 5 })).total, 0);
    const two = await index.search({ q: '批量样本 编号100', limit: 5, order: 'relevance' });
    assert.deepEqual(
      two.items.map((x) => x.id),
      ['m100'],
    );
    await index.clear();
    if (t.dialect === 'postgres') {
      const left = await sql<{ n: string }>`SELECT count(*) AS n FROM search_char_years`.execute(t.db);
      assert.equal(Number(left.rows[0]?.n), 0);
    }
    assert.equal((await index.search({ q: '号', limit: 20 })).total, 0);
    assert.equal((await index.search({ q: '批量样本', limit: 20 })).total, 0);
    assert.equal((await index.search({ q: '南宁', limit: 20 })).total, 0);
  });
});
