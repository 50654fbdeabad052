// Search wired to the catalogue: what is published is found at once on /search and
// /api/v1/search; withdrawn and superseded editions disappear at once; drafts never show;
// traditional input, short queries and place names inside longer words; relevance puts title
// matches first; filters; escaping; reconcile after a crash between commit and indexing; reindex.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditHead } from '../../src/modules/portal/portal.cache.js';
import type { PublicationRow } from '../../src/modules/publications/publications.service.js';
import { CHECKLIST_KEYS } from '../../src/modules/publications/publications.workflow.js';
import { PUBLICATION_KIND } from '../../src/modules/search/search.publications.js';
import { systemCtx } from '../../src/platform/context.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Publishing, publishingOrgan } from '../support/publishing.js';

interface ApiResult {
  total: number;
  capped: boolean;
  page: number;
  items: Array<{ title: string; url: string; snippet: string; organ: string; publishedOn: string }>;
  ignored: string[];
}

describe('search: the catalogue on /search and /api/v1/search', () => {
  let t: TestApp;
  let f: Publishing;
  const col = (code: string) => f.col(code);
  const input = (over: Record<string, unknown> = {}) => f.input(over);
  const draft = (over: Record<string, unknown> = {}) => f.draft(over);
  const published = (over: Record<string, unknown> = {}) => f.published(over);
  const author = () => f.author;
  const head = () => f.head;
  const api = async (query: string): Promise<ApiResult> => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/search?${query}` });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /application\/json/);
    return res.json() as ApiResult;
  };
  const titles = async (q: string, extra = '') => (await api(`q=${encodeURIComponent(q)}${extra}`)).items.map((i) => i.title);
  const page = (query: string) => t.app.inject({ method: 'GET', url: `/search?${query}` });

  let notice: PublicationRow;
  let nanning: PublicationRow;
  let bodyOnly: PublicationRow;
  let titleMatch: PublicationRow;

  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
    f = await publishingOrgan(t);
    notice = await published({ bodyHtml: '<p>各市住房公积金管理中心：</p><p>现将结息有关事项通知如下。</p>' });
    nanning = await published({
      columnId: col('news'),
      genre: 'other',
      title: '南宁市推进保障性安居工程建设',
      bodyHtml: '<p>南宁市今年新开工保障性住房三千套。</p>',
    });
    bodyOnly = await published({
      title: '年度工作安排',
      bodyHtml: '<p>本年度将继续推进政务公开标准化规范化建设。</p>',
    });
    t.clock.advanceMinutes(5);
    titleMatch = await published({ createdOn: '2025-12-01', title: '政务公开标准化工作要点', bodyHtml: '<p>要点如下。</p>' });
  });
  after(() => t.close());

  it('finds a published item by a word of its title, at once, with the API shape', async () => {
    const r = await api(`q=${encodeURIComponent('结息')}`);
    assert.equal(r.total, 1);
    assert.equal(r.capped, false);
    const hit = r.items[0];
    assert.ok(hit);
    assert.equal(hit.title, notice.title);
    assert.equal(hit.url, `/items/${notice.id}`);
    assert.equal(hit.organ, '广西测试厅');
    assert.equal(hit.publishedOn, '2026-03-02');
    assert.match(hit.snippet, /<mark>结息<\/mark>/);
  });

  it('names the organ as it is when the search runs: the stamp is read with the search itself', async () => {
    const sys = systemCtx('test');
    const organ = await t.services.organs.get(sys, f.organId);
    // the memo of organs is filled under the current stamp
    assert.equal((await api(`q=${encodeURIComponent('结息')}`)).items[0]?.organ, '广西测试厅');
    const renamed = await t.services.organs.update(sys, f.organId, {
      name: '广西测试厅（更名）',
      kind: organ.kind,
      version: organ.version,
    });
    // the rename appended to the audit log: the search reads the new head with its own statement
    const r = await t.services.searchIndex.search({ q: '结息', limit: 5 });
    assert.equal(r.stamp, await auditHead(t.db.db));
    assert.equal((await api(`q=${encodeURIComponent('结息')}`)).items[0]?.organ, '广西测试厅（更名）');
    assert.match((await page(`q=${encodeURIComponent('结息')}`)).body, /广西测试厅（更名）/);
    // naming an organ or a column: the choices first, as fresh
    assert.equal((await api(`q=${encodeURIComponent('结息')}&organ=gxt`)).items[0]?.organ, '广西测试厅（更名）');
    await t.services.organs.update(sys, f.organId, { name: '广西测试厅', kind: organ.kind, version: renamed.version });
    assert.equal((await api(`q=${encodeURIComponent('结息')}`)).items[0]?.organ, '广西测试厅');
  });

  it('finds two-character words, place names inside longer words, and traditional input', async () => {
    assert.deepEqual(await titles('南宁'), [nanning.title]);
    assert.deepEqual(await titles('安居'), [nanning.title]);
    assert.deepEqual(await titles('保障性安居工程'), [nanning.title]);
    // 住房公積金 (traditional) finds 住房公积金
    assert.deepEqual(await titles('住房公積金'), [notice.title]);
    assert.deepEqual(await titles('不存在的词语'), []);
  });

  it('orders newest first by default, title matches first by relevance', async () => {
    assert.deepEqual(await titles('标准化'), [titleMatch.title, bodyOnly.title]);
    const older = await published({ title: '标准化示范点名单', bodyHtml: '<p>名单附后。</p>' });
    assert.deepEqual(await titles('标准化'), [older.title, titleMatch.title, bodyOnly.title]);
    assert.deepEqual(await titles('规范化', '&order=relevance'), [bodyOnly.title]);
    const byRelevance = await titles('标准化', '&order=relevance');
    assert.deepEqual(byRelevance.slice(-1), [bodyOnly.title], 'the body-only match comes last');
  });

  it('filters by column, year and genre', async () => {
    assert.deepEqual(await titles('南宁', '&column=news'), [nanning.title]);
    assert.deepEqual(await titles('南宁', '&column=notices'), []);
    assert.deepEqual(await titles('南宁', '&year=2026'), [nanning.title]);
    assert.deepEqual(await titles('南宁', '&year=2017'), []);
    assert.deepEqual(await titles('结息', '&genre=notice'), [notice.title]);
    assert.deepEqual(await titles('结息', '&genre=opinion'), []);
  });

  it('ignores bad parameters with a reason instead of failing', async () => {
    const r = await api(`q=${encodeURIComponent('结息')}&year=abc&genre=zzz&page=0&limit=500&order=x&organ=nope`);
    assert.equal(r.total, 1);
    assert.equal(r.ignored.length, 6, r.ignored.join(' '));
    const res = await page(`q=${encodeURIComponent('结息')}&year=abc`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /年份应为四位数字/);
  });

  it('never shows drafts', async () => {
    await draft({ title: '草稿：结息补充通知' });
    assert.deepEqual(await titles('补充通知'), []);
  });

  it('withdrawn items disappear at once; a new edition replaces the old one', async () => {
    const p = await published({ title: '临时停水公告', bodyHtml: '<p>因管网维修停水。</p>' });
    assert.deepEqual(await titles('停水'), [p.title]);
    await t.services.publications.withdraw(head(), p.id, { version: p.version, reason: '信息有误' });
    assert.deepEqual(await titles('停水'), []);

    const first = await published({ title: '供暖收费标准公示', bodyHtml: '<p>第一版。</p>' });
    const rev = await t.services.publications.revise(author(), first.id, { version: first.version });
    const upd = await t.services.publications.updateDraft(author(), rev.id, {
      ...input({ title: '供暖收费标准公示（修订）', bodyHtml: '<p>第二版。</p>' }),
      version: rev.version,
    });
    const s = await t.services.publications.submit(author(), upd.id, { version: upd.version, checklist: [...CHECKLIST_KEYS] });
    const a = await t.services.publications.approve(head(), s.id, { version: s.version });
    await t.services.publications.publish(head(), a.id, { version: a.version });
    const r = await api(`q=${encodeURIComponent('供暖')}`);
    assert.deepEqual(
      r.items.map((i) => i.url),
      [`/items/${a.id}`],
    );
  });

  it('escapes titles and bodies on the page', async () => {
    await published({ title: '<script>alert(1)</script>防汛通知', bodyHtml: '<p>防汛 &lt;img src=x onerror=alert(2)&gt;</p>' });
    const res = await page(`q=${encodeURIComponent('防汛')}`);
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /<script>alert/);
    assert.doesNotMatch(res.body, /<img src=x/);
    assert.match(res.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;<mark>防汛<\/mark>通知/);
  });

  it('the page works without a query, shows counts, paginates, and sets no cookie', async () => {
    const empty = await page('');
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /请输入要搜索的内容/);
    assert.equal(empty.headers['set-cookie'], undefined);
    for (let i = 0; i < 11; i++) await published({ title: `燃气安全检查通报第${i + 1}期` });
    const first = await page(`q=${encodeURIComponent('燃气')}`);
    assert.match(first.body, /共找到 11 条结果/);
    assert.match(first.body, /rel="next"/);
    const second = await page(`q=${encodeURIComponent('燃气')}&page=2`);
    assert.match(second.body, /安全检查通报第1期</);
    assert.match(second.body, /rel="prev"/);
    assert.equal(second.headers['set-cookie'], undefined);
  });

  it('reconcile repairs what a crash between commit and indexing left', async () => {
    const index = t.services.searchIndex;
    // lost after the commit: the document never reached the index
    await index.remove(PUBLICATION_KIND, String(notice.id));
    assert.deepEqual(await titles('结息'), []);
    // withdrawn by a server that died before its hook ran: still indexed
    const p = await published({ title: '道路施工封闭公告' });
    await t.db.db
      .updateTable('publications')
      .set({ state: 'withdrawn', version: p.version + 1 })
      .where('id', '=', p.id)
      .execute();
    assert.deepEqual(await titles('施工封闭'), [p.title]);
    assert.equal(await t.services.publicationSearch.reconcile(), 2);
    assert.deepEqual(await titles('结息'), [notice.title]);
    assert.deepEqual(await titles('施工封闭'), []);
    assert.equal(await t.services.publicationSearch.reconcile(), 0, 'nothing left to repair');
  });

  it('reindex rebuilds the index from the catalogue, reporting progress', async () => {
    await t.services.searchIndex.clear();
    assert.deepEqual(await titles('南宁'), []);
    const seen: Array<[number, number]> = [];
    const { documents } = await t.services.publicationSearch.reindex((d, n) => seen.push([d, n]));
    const published = await t.db.db
      .selectFrom('publications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('state', '=', 'published')
      .executeTakeFirstOrThrow();
    assert.equal(documents, Number(published.n));
    assert.deepEqual(seen.at(-1), [documents, documents]);
    assert.deepEqual(await titles('南宁'), [nanning.title]);
    assert.equal(await t.services.publicationSearch.reconcile(), 0);
  });

  it('keywords come from the author and jieba (domain words whole); related items share them', async () => {
    const s = t.services.publicationSearch;
    const words = s.suggestKeywords(
      '关于推进农村危房改造的通知',
      '<p>各市要加快农村危房改造进度，确保建档立卡贫困户住房安全。</p>',
    );
    assert.ok(words.includes('农村危房改造'), words.join(' '));
    assert.ok(!words.includes('通知'), 'stop words are left out');

    const plan = await published({
      title: '2017年农村危房改造实施方案',
      bodyHtml: '<p>农村危房改造补助标准和建档立卡贫困户。</p>',
    });
    const progress = await published({ title: '农村危房改造进度通报', bodyHtml: '<p>各地农村危房改造开工率。</p>' });
    const fund = await published({
      title: '农村危房改造补助资金分配公示',
      keywords: '危改资金',
      bodyHtml: '<p>下达农村危房改造补助资金。</p>',
    });
    const other = await published({ title: '城市燃气管道巡检通报', bodyHtml: '<p>燃气管道巡检。</p>' });
    const related = await s.related(plan.id);
    assert.deepEqual(new Set(related.slice(0, 2)), new Set([progress.id, fund.id]));
    assert.ok(!related.includes(plan.id) && !related.includes(other.id), related.join(','));
    // the item page lists them under 相关推荐
    const itemPage = await t.app.inject({ method: 'GET', url: `/items/${plan.id}` });
    assert.equal(itemPage.statusCode, 200);
    const section = /<section aria-labelledby="related">([\s\S]*?)<\/section>/.exec(itemPage.body)?.[1] ?? '';
    assert.match(section, /相关推荐/);
    assert.ok(section.includes(fund.title) && section.includes(progress.title), section);
    assert.ok(!section.includes(other.title));
    // the author's 主题词 are kept with the top weight
    const kw = await t.db.db
      .selectFrom('publication_keywords')
      .select(['keyword', 'weight'])
      .where('publication_id', '=', fund.id)
      .execute();
    assert.deepEqual(
      kw.find((k) => k.keyword === '危改资金'),
      { keyword: '危改资金', weight: 1 },
    );
    // withdrawn: no longer related to anything
    await t.services.publications.withdraw(head(), progress.id, { version: progress.version, reason: '数据有误' });
    assert.ok(!(await s.related(plan.id)).includes(progress.id));
    // …and the lists stored for the item pages that named it no longer do (ADR 0014)
    const after = await t.app.inject({ method: 'GET', url: `/items/${plan.id}` });
    const left = /<section aria-labelledby="related">([\s\S]*?)<\/section>/.exec(after.body)?.[1] ?? '';
    assert.ok(left.includes(fund.title) && !left.includes(progress.title), left);
    // a reindex stores the same lists again
    await s.reindex();
    const again = await t.app.inject({ method: 'GET', url: `/items/${plan.id}` });
    assert.equal(/<section aria-labelledby="related">([\s\S]*?)<\/section>/.exec(again.body)?.[1], left);
  });
});
