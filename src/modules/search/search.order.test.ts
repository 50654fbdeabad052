// The order and the pages of search results on a corpus where every path of the PostgreSQL statement
// is taken (docs/adr/0015), checked against the definition itself, computed here from the texts:
// newest first (day, then order of indexing within the day); in relevance order the documents whose
// title holds every term first, then the others, newest first in each; the count capped at 1000.
// Runs on the database under test (SQLite, or PostgreSQL when TEST_DATABASE_URL is set), so both
// answer exactly alike.
// Run: node --import tsx --test src/modules/search/search.order.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestDb, testDb, usingPostgres } from '../../../test/support/db.js';
import { COUNT_CAP, createSearchIndex, type SearchDocument, type SearchIndex, type SearchQuery } from './search.index.js';

// 2019: 500 documents, 2020: 600, 2021: 1,300 (so that one year holds over 1,000 matches of 住房),
// 2022: 200, 8 of them with 住房 (so that the year with over 1,000 matches is not the newest one with a
// match, and PostgreSQL's walk for the page starts above it, among documents that mostly do not match)
const YEARS: [number, number][] = [
  [2019, 500],
  [2020, 600],
  [2021, 1300],
  [2022, 200],
];

interface Made {
  doc: SearchDocument;
  /** the order of indexing */
  seq: number;
}

function corpus(): Made[] {
  const out: Made[] = [];
  let i = 0;
  for (const [year, n] of YEARS) {
    for (let j = 0; j < n; j++, i++) {
      const body: string[] = ['本单位开展日常工作'];
      if ((year === 2021 && j % 13 !== 0) || (year < 2021 && j % 3 === 0) || (year === 2022 && j % 25 === 0)) {
        body.push('推进住房保障');
      }
      if (i % 2 === 0) body.push('规范公积金缴存');
      if (i % 50 === 0) body.push('做好台风预警');
      if ((year === 2020 && j % 2 === 1) || (year === 2019 && j % 5 === 0)) body.push('实施城市更新');
      let title = '工作动态';
      // the day of the year, several documents a day, out of order, so that the order within a day is
      // the order of indexing
      const day = (j * 7) % 300;
      if (year === 2021 && j % 400 === 7) title = '关于住房保障的通知';
      // one character in titles (PostgreSQL walks the newest titles when their years make it dense
      // enough, docs/adr/0021): 汛 in one title in 25, evenly; 灾 in one in 8 of 2021's titles, all early
      // in the year, so that a walk from the newest meets none and the years are read instead
      else if (i % 25 === 3) title = '防汛工作部署';
      else if (year === 2021 && day < 40) title = '灾后重建进展';
      else if (i % 8 === 0) title = '公积金管理办法';
      else if (i % 100 === 1) title = '台风防御情况';
      const date = new Date(Date.UTC(year, 0, 1 + day)).toISOString().slice(0, 10);
      out.push({
        seq: i,
        doc: {
          kind: 'order',
          id: `o${i}`,
          organId: 1 + (i % 3),
          title,
          body: body.join('。'),
          url: `/x/${i}`,
          column: 'tzgg',
          publishedOn: date,
          genre: '通知',
        },
      });
    }
  }
  return out;
}

const DOCS = corpus();

/** The expected page and count, from the texts (the terms are CJK phrases without punctuation). */
function expected(q: string, order: 'newest' | 'relevance', limit: number, offset: number, organId?: number) {
  const terms = q.split(' ');
  const has = (text: string) => terms.every((t) => text.includes(t));
  const matching = DOCS.filter(
    ({ doc }) =>
      (organId === undefined || doc.organId === organId) && terms.every((t) => doc.title.includes(t) || doc.body.includes(t)),
  ).sort((a, b) => (a.doc.publishedOn === b.doc.publishedOn ? b.seq - a.seq : a.doc.publishedOn < b.doc.publishedOn ? 1 : -1));
  const ranked =
    order === 'newest' ? matching : [...matching.filter((m) => has(m.doc.title)), ...matching.filter((m) => !has(m.doc.title))];
  return {
    total: Math.min(matching.length, COUNT_CAP),
    capped: matching.length > COUNT_CAP,
    ids: ranked.slice(offset, offset + limit).map((m) => m.doc.id),
  };
}

describe(`search order and pages on every path (${usingPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
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

  const check = async (q: string, order: 'newest' | 'relevance', limit: number, offset: number, organId?: number) => {
    const r = await index.search({ q, order, limit, offset, ...(organId === undefined ? {} : { organId }) });
    const want = expected(q, order, limit, offset, organId);
    assert.deepEqual(
      { total: r.total, capped: r.capped, ids: r.items.map((x) => x.id) },
      want,
      `${q} ${order} limit ${limit} offset ${offset}${organId === undefined ? '' : ` organ ${organId}`}`,
    );
  };

  it('the corpus holds what the paths need', () => {
    const dense2021 = DOCS.filter((m) => m.doc.publishedOn.startsWith('2021') && m.doc.body.includes('住房'));
    assert.ok(dense2021.length > COUNT_CAP, 'one year with over 1000 matches');
    const later = DOCS.filter((m) => m.doc.publishedOn.startsWith('2022') && m.doc.body.includes('住房'));
    assert.ok(later.length > 0 && later.length < 20, 'a later year with fewer matches than a page');
    assert.ok(DOCS.filter((m) => m.doc.title.includes('住房')).length < 20, 'few title matches of a dense phrase');
    const gjj = DOCS.filter((m) => m.doc.title.includes('公积金') || m.doc.body.includes('公积金'));
    assert.ok(gjj.length > COUNT_CAP, 'over 1000 matches, no year with over 1000');
    const titled = (c: string, year: string) => DOCS.filter((m) => m.doc.publishedOn.startsWith(year) && m.doc.title.includes(c));
    assert.ok(titled('汛', '2022').length * 25 >= 200 - 8, '汛 in about one title in 25');
    assert.ok(titled('灾', '2022').length === 0 && titled('灾', '2021').length * 8 >= 1300, '灾 in one 2021 title in 8');
    const newest2021 = DOCS.filter((m) => m.doc.publishedOn.startsWith('2021'))
      .sort((a, b) => (a.doc.publishedOn < b.doc.publishedOn ? 1 : -1))
      .slice(0, 1024);
    assert.ok(
      newest2021.every((m) => !m.doc.title.includes('灾')),
      'no 灾 in the newest 1024 titles',
    );
  });

  it('answers the first pages like the definition, in both orders', async () => {
    for (const q of [
      '住房',
      '住房保障',
      '公积金',
      '公积金缴存',
      '台风',
      '城市更新',
      '住',
      '台',
      '积',
      '汛',
      '灾',
      // two characters (PostgreSQL: counted per year, docs/adr/0022): dense in bodies and titles,
      // only in titles, only in early titles
      '公积',
      '防汛',
      '灾后',
      '住房 公积金',
      '台风 公积金',
    ]) {
      for (const order of ['newest', 'relevance'] as const) {
        await check(q, order, 20, 0);
        await check(q, order, 10, 15);
      }
    }
  });

  it('answers deep pages, pages past the title matches, the last page and beyond it', async () => {
    // (one character and two on PostgreSQL: pages ending by rank 200 from search_char_years, dense
    // (住 积 住房 公积) and sparse (台 台风); deeper ones as any other query)
    for (const q of ['住房', '公积金', '城市更新', '台风', '住', '台', '积', '汛', '灾', '公积', '防汛', '灾后']) {
      for (const order of ['newest', 'relevance'] as const) {
        for (const offset of [3, 5, 170, 180, 190, 250, 640, 985, 995, 1200]) await check(q, order, 20, offset);
      }
    }
  });

  it('answers a search alike whether its statement was built for it or for an earlier search of its shape', async () => {
    // (PostgreSQL builds one statement text per shape, its words, filters and page as parameters)
    const pairs: [string, string][] = [
      ['住', '灾'],
      ['住房', '台风'],
      ['公积金', '城市更'],
      ['住房 公积金', '台风 公积金'],
      ['住房保障', '城市更新'],
    ];
    const asks: Omit<SearchQuery, 'q'>[] = [
      { limit: 20 },
      { limit: 10, offset: 15, order: 'relevance' },
      { limit: 20, offset: 185, order: 'relevance' },
      { limit: 20, offset: 250 },
      { limit: 20, year: 2021, order: 'relevance' },
      { limit: 5, year: 2020 },
      { limit: 20, organId: 2, order: 'relevance' },
    ];
    let found = 0;
    for (const ask of asks) {
      for (const [a, b] of pairs) {
        const shared = createSearchIndex(t.db, t.dialect);
        await shared.search({ ...ask, q: a });
        const after = await shared.search({ ...ask, q: b });
        const alone = await createSearchIndex(t.db, t.dialect).search({ ...ask, q: b });
        assert.deepEqual(after, alone, `${b} after ${a}, ${JSON.stringify(ask)}`);
        if (alone.items.length > 0) found++;
      }
    }
    // (most of them have a page to compare)
    assert.ok(found >= 25, `${found} of 35 with a page`);
  });

  it('answers with a filter and with no page at all', async () => {
    for (const order of ['newest', 'relevance'] as const) {
      await check('住房', order, 20, 0, 2);
      await check('公积金', order, 20, 300, 1);
      await check('住房', order, 0, 0);
    }
  });
});
