// Column pages with filters (year, theme, genre, validity, unit) and pagination that keeps them;
// item pages with relation notices, the print view and the canonical permanent URL
// /{organ}/xxgk/{index number}; the RSS feed of a column; sitemap.xml and robots.txt.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config.js';
import type { PublicationRow } from '../../src/modules/publications/publications.service.js';
import { CHECKLIST_KEYS } from '../../src/modules/publications/publications.workflow.js';
import { actorCtx, type Ctx, systemCtx } from '../../src/platform/context.js';
import { buildTestApp, type TestApp, userWithRoles } from '../support/app.js';

const CREDIT = '11450000MB1234567X';
const mainText = (html: string) =>
  (/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const itemLinks = (html: string) => [...html.matchAll(/href="\/items\/(\d+)"/g)].map((m) => Number(m[1]));
const listIds = (html: string) => itemLinks(/<ul class="item-list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '');

function assertNoCookie(res: LightMyRequestResponse, what: string) {
  assert.equal(res.headers['set-cookie'], undefined, `${what} sets no cookie`);
}

describe('portal: lists, permanent URLs, feeds', () => {
  let t: TestApp;
  let author: Ctx;
  let head: Ctx;
  const sys = systemCtx('test');
  let cols: Map<string, number>;
  let units: { office: number; business: number };
  const col = (code: string) => cols.get(code) as number;

  const input = (over: Record<string, unknown> = {}) => ({
    columnId: col('policy-docs'),
    title: '关于开展政务公开工作的通知',
    summary: '部署年度政务公开工作。',
    createdOn: '2026-02-20',
    theme: '综合政务\\政务公开',
    genre: 'notice',
    keywords: '政务公开',
    bodyHtml: '<p>现将有关事项通知如下。</p>',
    ...over,
  });
  const published = async (over: Record<string, unknown> = {}) => {
    const d = await t.services.publications.createDraft(author, input(over));
    const s = await t.services.publications.submit(author, d.id, { version: d.version, checklist: [...CHECKLIST_KEYS] });
    const a = await t.services.publications.approve(head, s.id, { version: s.version });
    t.clock.advanceMinutes(1);
    return t.services.publications.publish(head, a.id, { version: a.version });
  };
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  let y2025: PublicationRow;
  let notice: PublicationRow;
  let measures: PublicationRow;
  let repealed: PublicationRow;
  let repealer: PublicationRow;
  let byBusiness: PublicationRow;

  before(async () => {
    t = await buildTestApp({ now: '2025-06-02T02:00:00.000Z' });
    const organ = await t.services.organs.create(sys, {
      code: 'gxt',
      name: '广西测试厅',
      kind: 'department',
      creditCode: CREDIT,
    });
    const office = await t.services.organs.addUnit(sys, organ.id, { name: '办公室', kind: 'office' });
    const business = await t.services.organs.addUnit(sys, organ.id, { name: '住房保障处', kind: 'business' });
    units = { office: office.id, business: business.id };
    const ctxOf = async (id: number) => {
      const a = await t.services.auth.actorFor(id);
      assert.ok(a);
      return actorCtx(a, null, null);
    };
    author = await ctxOf((await userWithRoles(t.services, organ.id, 'author', ['office_staff'])).id);
    head = await ctxOf((await userWithRoles(t.services, organ.id, 'head', ['office_head'])).id);
    await t.services.publications.ensureStandardColumns(sys, organ.id);
    cols = new Map((await t.services.publications.columns(sys, organ.id)).map((c) => [c.code, c.id]));

    y2025 = await published({
      title: '二〇二五年的通知',
      createdOn: '2025-05-01',
      theme: '城乡建设\\住房',
      unitId: String(office.id),
    });
    t.clock.set('2026-03-02T02:00:00.000Z');
    notice = await published({ title: '二〇二六年的通知', unitId: String(office.id) });
    measures = await published({ title: '住房保障管理办法', genre: 'measures', docKind: 'normative' });
    repealed = await published({ title: '将被废止的旧办法', genre: 'measures', docKind: 'normative' });
    repealer = await published({ title: '关于废止旧办法的决定', genre: 'decision', repeals: [String(repealed.id)] });
    byBusiness = await published({ title: '住房保障处发布的通知', unitId: String(business.id), theme: '城乡建设\\住房' });
  });
  after(() => t.close());

  describe('column filters', () => {
    const base = () => `/columns/${col('policy-docs')}`;

    it('shows a GET form with every filter, working without JavaScript', async () => {
      const res = await get(base());
      assert.equal(res.statusCode, 200);
      assert.match(res.body, new RegExp(`<form method="get" action="${base()}" class="filter-form">`));
      for (const name of ['year', 'theme', 'genre', 'validity', 'unit']) {
        assert.match(
          res.body,
          new RegExp(`<label for="filter-${name}">[^<]+</label><select id="filter-${name}" name="${name}">`),
        );
      }
      // the choices come from what is published: both years, both themes, the organ's units
      assert.match(res.body, /<option value="2026">2026 年<\/option><option value="2025">2025 年<\/option>/);
      assert.ok(res.body.includes('<option value="城乡建设\\住房">'));
      assert.ok(res.body.includes(`<option value="${units.business}">住房保障处</option>`));
      assert.equal(listIds(res.body).length, 6);
      assertNoCookie(res, 'column page');
    });

    it('filters by year, genre, validity, theme and unit, and says what is chosen', async () => {
      const y = await get(`${base()}?year=2025`);
      assert.deepEqual(listIds(y.body), [y2025.id]);
      assert.match(y.body, /<option value="2025" selected>2025 年<\/option>/);
      assert.match(mainText(y.body), /当前筛选： 2025 年。共 1 条符合条件的信息。|当前筛选：2025 年。共 1 条符合条件的信息。/);

      const g = await get(`${base()}?genre=measures&year=2026`);
      assert.deepEqual(new Set(listIds(g.body)), new Set([measures.id, repealed.id]));
      assert.match(g.body, /<option value="measures" selected>办法<\/option>/);

      const v = await get(`${base()}?validity=repealed`);
      assert.deepEqual(listIds(v.body), [repealed.id]);
      assert.match(mainText(v.body), /效力：废止/);

      const th = await get(`${base()}?theme=${encodeURIComponent('城乡建设\\住房')}`);
      assert.deepEqual(new Set(listIds(th.body)), new Set([y2025.id, byBusiness.id]));

      const u = await get(`${base()}?unit=${units.business}`);
      assert.deepEqual(listIds(u.body), [byBusiness.id]);
      assert.match(mainText(u.body), /发布处室：住房保障处/);

      // empty values are "any", as the form sends them
      const all = await get(`${base()}?year=&theme=&genre=&validity=&unit=`);
      assert.equal(all.statusCode, 200);
      assert.equal(listIds(all.body).length, 6);
      assert.doesNotMatch(all.body, /当前筛选/);
    });

    it('an empty result says so and offers to clear the filter', async () => {
      const res = await get(`${base()}?year=2024`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(listIds(res.body), []);
      assert.match(mainText(res.body), /没有符合筛选条件的信息。/);
      assert.match(res.body, new RegExp(`<a href="${base()}">清除筛选</a>`));
      assert.match(res.body, /<option value="2024" selected>2024 年<\/option>/, 'the chosen year is still shown');
    });

    it('invalid values answer 400 with a Chinese message, never 500', async () => {
      for (const [q, words] of [
        ['year=20x6', '年份'],
        ['year=99999', '年份'],
        ['genre=poem', '体裁'],
        ['validity=maybe', '效力'],
        ['unit=abc', '处室'],
        ['unit=999999', '处室'],
        ['year=2025&year=2026', '只能选择一项'],
        [`theme=${'长'.repeat(101)}`, '主题分类'],
      ] as const) {
        const res = await get(`${base()}?${q}`);
        assert.equal(res.statusCode, 400, q);
        assert.match(res.body, /筛选条件有误/, q);
        assert.ok(res.body.includes(words), `${q}: ${words}`);
        assertNoCookie(res, q);
      }
      // an unknown parameter is ignored
      assert.equal((await get(`${base()}?utm_source=x`)).statusCode, 200);
    });

    it('pagination keeps the filter', async () => {
      for (let i = 0; i < 21; i++) await published({ title: `分页筛选测试${i}`, genre: 'opinion' });
      const p1 = await get(`${base()}?genre=opinion`);
      assert.equal(listIds(p1.body).length, 20);
      assert.match(p1.body, new RegExp(`<a href="${base()}\\?genre=opinion&amp;page=2" rel="next">下一页</a>`));
      const p2 = await get(`${base()}?genre=opinion&page=2`);
      assert.equal(listIds(p2.body).length, 1);
      assert.match(p2.body, new RegExp(`<a href="${base()}\\?genre=opinion" rel="prev">上一页</a>`));
      assert.equal((await get(`${base()}?genre=opinion&page=3`)).statusCode, 404);
    });

    it('the year is that of China: just after midnight on 1 January in Beijing counts in the new year', async () => {
      t.clock.set('2026-12-31T16:30:00.000Z');
      const p = await published({ title: '北京时间元旦凌晨发布的通知', createdOn: '2026-12-01' });
      assert.equal(p.published_on, '2027-01-01');
      assert.deepEqual(listIds((await get(`${base()}?year=2027`)).body), [p.id]);
      assert.ok(!listIds((await get(`${base()}?year=2026`)).body).includes(p.id));
      assert.match((await get(base())).body, /<option value="2027">2027 年<\/option><option value="2026">/);
      t.clock.set('2026-03-03T02:00:00.000Z');
    });

    it('section pages filter too', async () => {
      const g = await published({ columnId: col('system'), title: '保密审查制度', genre: 'provisions' });
      const res = await get('/rules?genre=provisions');
      assert.deepEqual(listIds(res.body), [g.id]);
      assert.match(res.body, /<form method="get" action="\/rules" class="filter-form">/);
      assert.deepEqual(listIds((await get('/rules?genre=notice')).body), []);
    });
  });

  describe('item pages', () => {
    const permanent = (p: PublicationRow) => `/gxt/xxgk/${p.index_no}`;

    it('is served at its permanent URL with a canonical link, and /items/:id names it canonical', async () => {
      assert.match(notice.index_no as string, new RegExp(`^${CREDIT}/2026-\\d{5}$`));
      const res = await get(permanent(notice), { host: 'gk.example.gov.cn' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h1>二〇二六年的通知<\/h1>/);
      assert.ok(res.body.includes(`<link rel="canonical" href="http://gk.example.gov.cn${permanent(notice)}"/>`));
      assertNoCookie(res, 'permanent URL');
      const byId = await get(`/items/${notice.id}`, { host: 'gk.example.gov.cn' });
      assert.ok(byId.body.includes(`<link rel="canonical" href="http://gk.example.gov.cn${permanent(notice)}"/>`));
      assert.ok(byId.body.includes(`固定链接：<a href="${permanent(notice)}">`));
      // the slash encoded, and the wrong organ code, still find it
      const [code, serial] = (notice.index_no as string).split('/');
      assert.equal((await get(`/gxt/xxgk/${code}%2F${serial}`)).statusCode, 404, 'the number needs its two parts');
      const wrong = await get(`/other/xxgk/${notice.index_no}`);
      assert.equal(wrong.statusCode, 301);
      assert.equal(wrong.headers.location, permanent(notice));
      // the earlier form keeps working
      const old = await get(`/index/${notice.index_no}`);
      assert.equal(old.statusCode, 301);
      assert.equal(old.headers.location, permanent(notice));
      for (const url of ['/gxt/xxgk/11450000MB1234567X/2026-99999', '/gxt/xxgk/nothing/here', '/gxt/xxgk/x']) {
        assert.equal((await get(url)).statusCode, 404, url);
      }
    });

    it('shows what a document repeals and what repealed it, once', async () => {
      const old = await get(permanent(repealed));
      assert.match(old.body, /<th scope="row">效力<\/th><td><strong>废止<\/strong>（\d{4}-\d{2}-\d{2} 起）<\/td>/);
      // the validity banner names the repealing document; the notices do not repeat it
      assert.match(old.body, new RegExp(`废止依据：<a href="/items/${repealer.id}">`));
      assert.doesNotMatch(old.body, /id="notice-repealed-by"/);
      const r = await get(permanent(repealer));
      assert.match(
        r.body,
        new RegExp(
          `<ul class="doc-notices" aria-label="文件关系提示"><li id="notice-repeals">本文件废止：<a href="/items/${repealed.id}">《将被废止的旧办法》</a></li></ul>`,
        ),
      );
    });

    it('shows interpretation notices both ways', async () => {
      const interp = await published({
        columnId: col('interpretations'),
        title: '《住房保障管理办法》政策解读',
        interprets: String(measures.id),
      });
      const m = await get(permanent(measures));
      assert.match(m.body, new RegExp(`<li id="notice-interpreted-by">本文件的解读：<a href="/items/${interp.id}">`));
      const i = await get(permanent(interp));
      assert.match(i.body, new RegExp(`<li id="notice-interprets">本文是对以下文件的解读：<a href="/items/${measures.id}">`));
    });

    it('has a print link that works without JavaScript, giving the document alone', async () => {
      const page = await get(permanent(notice));
      assert.ok(page.body.includes(`<a href="${permanent(notice)}?print=1" rel="nofollow">打印本页</a>`));
      const res = await get(`${permanent(notice)}?print=1`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<body class="portal print-view">/);
      assert.doesNotMatch(res.body, /class="main-nav"/, 'no navigation');
      assert.match(res.body, /<meta name="robots" content="noindex"\/>/);
      assert.match(res.body, /<h1>二〇二六年的通知<\/h1>/);
      assert.match(res.body, /<th scope="row">索引号<\/th>/);
      assert.ok(res.body.includes('现将有关事项通知如下。'));
      assert.match(res.body, /<a href="\/gxt\/xxgk\/[^"]+">返回正文页面<\/a>/);
      assertNoCookie(res, 'print view');
    });
  });

  describe('feeds, sitemap, robots', () => {
    it('a column has an RSS 2.0 feed of its latest 20 items, linked from its page', async () => {
      const base = `/columns/${col('policy-docs')}`;
      const page = await get(base);
      assert.ok(
        page.body.includes(`<link rel="alternate" type="application/rss+xml" title="政策文件（RSS）" href="${base}/feed.xml"/>`),
      );
      const x = await published({ title: '<b>标题</b> & "引号" 的通知', summary: '摘要 <script>x</script>' });
      const res = await get(`${base}/feed.xml`, { host: 'gk.example.gov.cn' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
      assertNoCookie(res, 'feed');
      assert.match(res.body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0"/);
      assert.equal([...res.body.matchAll(/<item>/g)].length, 20);
      assert.ok(res.body.includes('<title>&lt;b&gt;标题&lt;/b&gt; &amp; &quot;引号&quot; 的通知</title>'));
      assert.ok(res.body.includes('<description>摘要 &lt;script&gt;x&lt;/script&gt;</description>'));
      assert.ok(res.body.includes(`<link>http://gk.example.gov.cn/gxt/xxgk/${x.index_no}</link>`));
      assert.match(res.body, /<pubDate>[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT<\/pubDate>/);
      // newest first
      assert.ok(res.body.indexOf('标题') < res.body.indexOf('分页筛选测试0') || !res.body.includes('分页筛选测试0'));
      assert.equal((await get('/columns/999999/feed.xml')).statusCode, 404);
    });

    it('sitemap.xml lists the home page, columns and the permanent URLs of current published items', async () => {
      const res = await get('/sitemap.xml', { host: 'gk.example.gov.cn' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
      assert.match(res.body, /<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
      const locs = [...res.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
      const o = 'http://gk.example.gov.cn';
      for (const u of [`${o}/`, `${o}/guide`, `${o}/catalogue`, `${o}/statutory`, `${o}/columns/${col('policy-docs')}`]) {
        assert.ok(locs.includes(u), u);
      }
      for (const p of [notice, measures, repealed, y2025]) assert.ok(locs.includes(`${o}/gxt/xxgk/${p.index_no}`), p.title);
      assert.ok(!locs.some((l) => l?.includes('/items/')), 'items by their permanent URLs');
      assert.equal(new Set(locs).size, locs.length, 'no duplicates');
      assertNoCookie(res, 'sitemap');
    });

    it('robots.txt points to the sitemap and keeps crawlers out of the back office', async () => {
      const res = await get('/robots.txt', { host: 'gk.example.gov.cn' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/plain/);
      assert.match(res.body, /^Sitemap: http:\/\/gk.example.gov.cn\/sitemap.xml$/m);
      assert.match(res.body, /^Disallow: \/staff\/$/m);
      // a forged Host cannot inject lines
      const forged = await get('/robots.txt', { host: 'evil.example\r\nDisallow: /' });
      assert.match(forged.body, /^Sitemap: http:\/\/localhost\/sitemap.xml$/m);
    });
  });
});

describe('portal: a configured public URL', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ config: { publicUrl: 'https://gk.example.gov.cn' } });
    const sys = systemCtx('test');
    const organ = await t.services.organs.create(sys, { code: 'gxt', name: '广西测试厅', kind: 'department' });
    await t.services.publications.ensureStandardColumns(sys, organ.id);
  });
  after(() => t.close());

  it('absolute links use it whatever the Host header says', async () => {
    const headers = { host: 'evil.example' };
    const robots = await t.app.inject({ method: 'GET', url: '/robots.txt', headers });
    assert.match(robots.body, /^Sitemap: https:\/\/gk.example.gov.cn\/sitemap.xml$/m);
    const map = await t.app.inject({ method: 'GET', url: '/sitemap.xml', headers });
    assert.ok(map.body.includes('<loc>https://gk.example.gov.cn/</loc>'));
    assert.ok(!map.body.includes('evil.example'));
  });

  it('GONGKAI_PUBLIC_URL is checked: an origin, no path', () => {
    const env = { GONGKAI_SECRET: 'x'.repeat(40) };
    assert.equal(loadConfig({ ...env, GONGKAI_PUBLIC_URL: 'https://gk.example.gov.cn/' }).publicUrl, 'https://gk.example.gov.cn');
    assert.equal(loadConfig(env).publicUrl, undefined);
    for (const bad of ['gk.example.gov.cn', 'https://gk.example.gov.cn/portal', 'javascript:alert(1)']) {
      assert.throws(() => loadConfig({ ...env, GONGKAI_PUBLIC_URL: bad }), /GONGKAI_PUBLIC_URL/);
    }
  });
});
