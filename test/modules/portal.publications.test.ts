// The public catalogue pages: the home page and the standard sections with published items,
// column pages with pagination, item pages with the gov.cn metadata table, validity, editions,
// withdrawal, relations, permanent URLs by index number, escaping, and no cookies.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { publicationsRepo } from '../../src/modules/publications/publications.repository.js';
import type { PublicationRow } from '../../src/modules/publications/publications.service.js';
import { CHECKLIST_KEYS } from '../../src/modules/publications/publications.workflow.js';
import { actorCtx, type Ctx, systemCtx } from '../../src/platform/context.js';
import { sanitiseStoredBodies } from '../../src/platform/db/migrations/0018_item_page.js';
import { buildTestApp, type TestApp, userWithRoles } from '../support/app.js';

const CREDIT = '11450000MB1234567X';

/** The text of the `<main>` element, without tags (to look for words, not markup). */
const mainText = (html: string) =>
  (/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const itemLinks = (html: string) => [...html.matchAll(/href="\/items\/(\d+)"/g)].map((m) => Number(m[1]));

function assertNoCookie(res: LightMyRequestResponse, what: string) {
  assert.equal(res.headers['set-cookie'], undefined, `${what} sets no cookie`);
  assert.doesNotMatch(String(res.headers['cache-control'] ?? ''), /no-store|private/, `${what} may be cached`);
}

describe('portal: published catalogue', () => {
  let t: TestApp;
  let author: Ctx;
  let head: Ctx;
  const sys = systemCtx('test');
  let cols: Map<string, number>;
  const col = (code: string) => cols.get(code) as number;

  const input = (over: Record<string, unknown> = {}) => ({
    columnId: col('policy-docs'),
    title: '关于开展2026年政务公开工作的通知',
    summary: '部署年度政务公开工作。',
    createdOn: '2026-02-20',
    docNumber: '桂测办〔2026〕1号',
    theme: '综合政务\\政务公开',
    genre: 'notice',
    keywords: '政务公开，通知',
    bodyHtml: '<p>各处室：</p><p>现将有关事项通知如下。</p>',
    ...over,
  });
  const draft = (over: Record<string, unknown> = {}) => t.services.publications.createDraft(author, input(over));
  const approved = async (over: Record<string, unknown> = {}) => {
    const d = await draft(over);
    const s = await t.services.publications.submit(author, d.id, { version: d.version, checklist: [...CHECKLIST_KEYS] });
    return t.services.publications.approve(head, s.id, { version: s.version });
  };
  const published = async (over: Record<string, unknown> = {}) => {
    const a = await approved(over);
    t.clock.advanceMinutes(1);
    return t.services.publications.publish(head, a.id, { version: a.version });
  };
  /** A new edition of a published item, through the workflow (revise, edit, submit, approve, publish). */
  const nextEdition = async (first: { id: number; version: number }, fields: Parameters<typeof input>[0]) => {
    const rev = await t.services.publications.revise(author, first.id, { version: first.version });
    const edited = await t.services.publications.updateDraft(author, rev.id, { ...input(fields), version: rev.version });
    const s = await t.services.publications.submit(author, edited.id, {
      version: edited.version,
      checklist: [...CHECKLIST_KEYS],
    });
    const a = await t.services.publications.approve(head, s.id, { version: s.version });
    return t.services.publications.publish(head, a.id, { version: a.version });
  };
  const reload = (id: number) => t.services.publications.get(sys, id).then((v) => v.publication);
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
    const organ = await t.services.organs.create(sys, {
      code: 'gxt',
      name: '广西测试厅',
      kind: 'department',
      creditCode: CREDIT,
    });
    const ctxOf = async (id: number) => {
      const a = await t.services.auth.actorFor(id);
      assert.ok(a);
      return actorCtx(a, null, null);
    };
    author = await ctxOf((await userWithRoles(t.services, organ.id, 'author', ['office_staff'])).id);
    head = await ctxOf((await userWithRoles(t.services, organ.id, 'head', ['office_head'])).id);
    await t.services.publications.ensureStandardColumns(sys, organ.id);
    cols = new Map((await t.services.publications.columns(sys, organ.id)).map((c) => [c.code, c.id]));
  });
  after(() => t.close());

  describe('home and sections', () => {
    let guide: PublicationRow;
    let rules: PublicationRow;
    let statutory: PublicationRow;
    let draftItem: PublicationRow;
    let approvedItem: PublicationRow;
    before(async () => {
      guide = await published({ columnId: col('guide'), title: '广西测试厅政府信息公开指南' });
      rules = await published({ columnId: col('system'), title: '广西测试厅政府信息公开保密审查制度' });
      statutory = await published({ columnId: col('art20-02'), title: '广西测试厅机构职能' });
      draftItem = await draft({ columnId: col('guide'), title: '尚未发布的草稿指南' });
      approvedItem = await approved({ columnId: col('art20-02'), title: '已批准未发布的机构职能' });
    });

    it('the home page lists the latest published items per standard column, never drafts', async () => {
      const res = await get('/');
      assert.equal(res.statusCode, 200);
      const ids = itemLinks(res.body);
      for (const p of [guide, rules, statutory]) assert.ok(ids.includes(p.id), `home links to ${p.title}`);
      assert.ok(!ids.includes(draftItem.id) && !ids.includes(approvedItem.id));
      assert.ok(!res.body.includes('尚未发布的草稿指南') && !res.body.includes('已批准未发布'));
      // 政府信息公开年报 has nothing yet, and says so plainly
      assert.match(res.body, /<a href="\/reports">政府信息公开年报<\/a>[\s\S]*?本栏目暂无内容。/);
      assertNoCookie(res, '/');
    });

    it('the guide lists its items; the statutory section lists the Art 20 categories with counts', async () => {
      const g = await get('/guide');
      assert.equal(g.statusCode, 200);
      assert.deepEqual(itemLinks(g.body), [guide.id]);
      assert.ok(g.body.includes(guide.index_no as string), 'index number shown');
      assert.ok(g.body.includes('<time dateTime="2026-03-02">2026-03-02</time>') || g.body.includes('datetime="2026-03-02"'));
      assert.match(g.body, /<nav aria-label="当前位置"[^>]*>[\s\S]*?<a href="\/">首页<\/a>/);
      assertNoCookie(g, '/guide');

      const s = await get('/statutory');
      assert.equal(s.statusCode, 200);
      const text = mainText(s.body);
      for (const name of ['行政法规、规章和规范性文件', '机构职能', '公务员招考', '其他法定主动公开信息']) {
        assert.ok(text.includes(name), `category ${name}`);
      }
      assert.match(s.body, new RegExp(`<li><a href="/columns/${col('art20-02')}">机构职能</a>（1 条）</li>`));
      assert.match(s.body, new RegExp(`<li><a href="/columns/${col('art20-01')}">[^<]+</a>：本栏目暂无内容。</li>`));
      assert.deepEqual(itemLinks(s.body), [statutory.id], 'items of the sub-columns, not the approved one');

      const r = await get('/reports');
      assert.match(mainText(r.body), /本栏目暂无内容/);
    });

    it('a column page shows its items with title, date and index number, and its breadcrumbs', async () => {
      const res = await get(`/columns/${col('art20-02')}`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(itemLinks(res.body), [statutory.id]);
      assert.ok(res.body.includes(statutory.index_no as string));
      assert.match(res.body, /<nav aria-label="当前位置"[\s\S]*?<a href="\/statutory">法定主动公开内容<\/a>[\s\S]*?机构职能/);
      assert.match(res.body, /aria-current="page" href="\/statutory"|href="\/statutory" aria-current="page"/);
      assert.ok(res.body.includes('第二十条第（二）项'), 'the legal wording of the category');
      assertNoCookie(res, '/columns/:id');
    });

    it('drafts and items on their way are not found', async () => {
      assert.equal((await get(`/items/${draftItem.id}`)).statusCode, 404);
      assert.equal((await get(`/items/${approvedItem.id}`)).statusCode, 404);
    });
  });

  describe('item pages', () => {
    it('shows the metadata table like gov.cn policy pages, and the body', async () => {
      const p = await published({ title: '关于印发住房公积金管理办法的通知', docNumber: '桂测发〔2026〕3号' });
      const res = await get(`/items/${p.id}`);
      assert.equal(res.statusCode, 200);
      const rows = [...res.body.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>([\s\S]*?)<\/td><\/tr>/g)].map(
        (m) => [m[1], (m[2] as string).replace(/<[^>]+>/g, '')] as const,
      );
      const meta = new Map(rows);
      assert.deepEqual(
        rows.slice(0, 9).map(([k]) => k),
        ['索引号', '主题分类', '发文机关', '成文日期', '标题', '发文字号', '发布日期', '体裁', '效力'],
      );
      assert.match(p.index_no as string, /^11450000MB1234567X\/2026-\d{5}$/);
      assert.equal(meta.get('索引号'), p.index_no);
      assert.equal(meta.get('主题分类'), '综合政务\\政务公开');
      assert.equal(meta.get('发文机关'), '广西测试厅');
      assert.equal(meta.get('成文日期'), '2026-02-20');
      assert.equal(meta.get('标题'), '关于印发住房公积金管理办法的通知');
      assert.equal(meta.get('发文字号'), '桂测发〔2026〕3号');
      assert.equal(meta.get('发布日期'), '2026-03-02');
      assert.equal(meta.get('体裁'), '通知');
      assert.equal(meta.get('效力'), '有效');
      assert.ok(res.body.includes('<p>现将有关事项通知如下。</p>'), 'the body');
      assert.match(res.body, /<h1>关于印发住房公积金管理办法的通知<\/h1>/);
      assert.match(res.body, /<nav aria-label="当前位置"[\s\S]*?政策文件[\s\S]*?正文/);
      assertNoCookie(res, '/items/:id');
    });

    it('dates are those of China (Asia/Shanghai), not UTC', async () => {
      // 2026-03-02T17:30Z is already 3 March in Beijing
      t.clock.set('2026-03-02T17:29:00.000Z');
      const p = await published({ title: '跨越午夜发布的通知' });
      const res = await get(`/items/${p.id}`);
      assert.match(res.body, /<th scope="row">发布日期<\/th><td><time dateTime="2026-03-03"/i);
      t.clock.set('2026-03-02T03:00:00.000Z');
    });

    it('a repealed document shows the validity banner with its date and what repealed it', async () => {
      const old = await published({ title: '旧的管理办法', docKind: 'normative', genre: 'measures' });
      const repealer = await published({
        title: '关于废止旧的管理办法的决定',
        genre: 'decision',
        repeals: [String(old.id)],
      });
      const oldPage = await get(`/items/${old.id}`);
      assert.equal(oldPage.statusCode, 200);
      const today = (await reload(old.id)).validity_date as string;
      assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
      assert.match(
        oldPage.body,
        new RegExp(`<div class="warning" role="note" id="validity"><p><strong>本文件已于 ${today} 废止。</strong>`),
      );
      assert.match(oldPage.body, new RegExp(`废止依据：<a href="/items/${repealer.id}">《关于废止旧的管理办法的决定》</a>`));
      assert.match(oldPage.body, new RegExp(`<th scope="row">效力</th><td><strong>废止</strong>（${today} 起）</td>`));
      // the banner comes before the title
      assert.ok(oldPage.body.indexOf('本文件已于') < oldPage.body.indexOf('<h1>'));
      const page = await get(`/items/${repealer.id}`);
      assert.match(page.body, /替代\/废止/);
      assert.match(page.body, new RegExp(`本文件废止：<a href="/items/${old.id}">《旧的管理办法》</a>`));
    });

    it('links a policy and its interpretations both ways, and a clarification to what it corrects', async () => {
      const policy = await published({ title: '关于加强保障性安居工程管理的意见', genre: 'opinion' });
      const interpretation = await published({
        columnId: col('interpretations'),
        title: '《关于加强保障性安居工程管理的意见》政策解读',
        interprets: String(policy.id),
      });
      const pending = await draft({ columnId: col('interpretations'), title: '未发布的解读草稿', interprets: String(policy.id) });
      const clarification = await published({
        columnId: col('rumours'),
        title: '关于网传保障房政策的澄清说明',
        genre: 'other',
        corrects: String(policy.id),
      });
      const p = await get(`/items/${policy.id}`);
      assert.match(
        p.body,
        new RegExp(`<h3 id="rel-interpretations">相关解读</h3><ul><li><a href="/items/${interpretation.id}">`),
      );
      assert.match(p.body, new RegExp(`<h3 id="rel-corrections">更正说明</h3><ul><li><a href="/items/${clarification.id}">`));
      assert.ok(!itemLinks(p.body).includes(pending.id), 'a draft interpretation is not linked');
      const i = await get(`/items/${interpretation.id}`);
      assert.match(i.body, new RegExp(`<h3 id="rel-interprets">本文件解读的政策</h3><ul><li><a href="/items/${policy.id}">`));
      const c = await get(`/items/${clarification.id}`);
      assert.match(c.body, new RegExp(`本说明更正的信息</h3><ul><li><a href="/items/${policy.id}">`));
    });

    it('pages asked for at once (read by one statement on PostgreSQL) are each those asked for alone', async () => {
      const policy = await published({ title: '关于同时打开的多个页面的通知', genre: 'notice' });
      const reading = await published({
        columnId: col('interpretations'),
        title: '《关于同时打开的多个页面的通知》解读',
        interprets: String(policy.id),
      });
      const other = await published({ title: '另一份同时打开的文件', docNumber: '桂测办〔2026〕9号' });
      const urls = [
        `/items/${policy.id}`,
        `/gxt/xxgk/${reading.index_no}`,
        `/items/${other.id}`,
        `/items/${policy.id}`,
        `/gxt/xxgk/${policy.index_no}`,
        '/items/999999',
        `/gxt/xxgk/${other.index_no}`,
      ];
      // first together (nothing of these pages is cached yet), then one by one
      const together = await Promise.all(urls.map(get));
      const alone = [];
      for (const u of urls) alone.push(await get(u));
      assert.deepEqual(
        together.map((r) => r.statusCode),
        [200, 200, 200, 200, 200, 404, 200],
      );
      for (let i = 0; i < urls.length; i++) assert.equal(together[i]!.body, alone[i]!.body, urls[i]);
      assert.match(together[0]!.body, new RegExp(`相关解读</h3><ul><li><a href="/items/${reading.id}">`));
      assert.ok(together[1]!.body.includes('《关于同时打开的多个页面的通知》解读'));
      assert.ok(together[6]!.body.includes('桂测办〔2026〕9号'));
    });

    it('a superseded edition points to the current one; its index number redirects there', async () => {
      const first = await published({ title: '住房公积金缴存比例的通知（第一版）' });
      const second = await nextEdition(first, { title: '住房公积金缴存比例的通知（第二版）' });
      assert.equal((await reload(first.id)).state, 'superseded');

      const old = await get(`/items/${first.id}`);
      assert.equal(old.statusCode, 200);
      assert.match(old.body, /<div class="warning" role="note" id="superseded"><p><strong>本信息已有新版本/);
      assert.match(
        old.body,
        new RegExp(`查看现行版本：<a href="/items/${second.id}">《住房公积金缴存比例的通知（第二版）》</a>`),
      );
      const current = await get(`/items/${second.id}`);
      assert.match(current.body, new RegExp(`本信息为第 2 版，上一版本：<a href="/items/${first.id}">`));
      assert.doesNotMatch(current.body, /本信息已有新版本/);

      const [code, serial] = (first.index_no as string).split('/');
      for (const url of [`/index/${code}/${serial}`, `/index/${code}%2F${serial}`]) {
        const r = await get(url);
        assert.equal(r.statusCode, 301, url);
        assert.equal(r.headers.location, `/gxt/xxgk/${second.index_no}`, `${url}: to the permanent URL of the current edition`);
        assertNoCookie(r, url);
      }
      const own = await get(`/index/${(second.index_no as string).replace('/', '%2F')}`);
      assert.equal(own.headers.location, `/gxt/xxgk/${second.index_no}`);
      assert.ok(current.body.includes(`href="/gxt/xxgk/${second.index_no}"`), 'the permanent link is shown');
      // lists show the current edition only
      const list = await get(`/columns/${col('policy-docs')}`);
      assert.ok(itemLinks(list.body).includes(second.id));
      assert.ok(!itemLinks(list.body).includes(first.id));
    });

    it('the current edition lists what was linked to its earlier editions, never its own editions', async () => {
      const first = await published({ title: '城市更新行动实施意见（第一版）', genre: 'opinion' });
      const interpretation = await published({
        columnId: col('interpretations'),
        title: '《城市更新行动实施意见》解读',
        interprets: String(first.id),
      });
      const second = await nextEdition(first, { title: '城市更新行动实施意见（第二版）', genre: 'opinion' });
      for (const id of [second.id, first.id]) {
        const page = await get(`/items/${id}`);
        assert.equal(page.statusCode, 200);
        assert.match(
          page.body,
          new RegExp(`<h3 id="rel-interpretations">相关解读</h3><ul><li><a href="/items/${interpretation.id}">`),
          `edition ${id}`,
        );
      }
      const current = await get(`/items/${second.id}`);
      const related = /<h2 id="relations">[\s\S]*?<\/section><\/section>/.exec(current.body)?.[0] ?? '';
      assert.ok(!related.includes(`/items/${first.id}"`), 'its own earlier edition is not a relation');
      assert.match(current.body, new RegExp(`上一版本：<a href="/items/${first.id}">`));
    });

    it('a withdrawn item says so and no longer shows its body', async () => {
      const p = await published({ title: '将被撤回的通知', bodyHtml: '<p>撤回前的正文内容</p>' });
      assert.ok((await get(`/items/${p.id}`)).body.includes('撤回前的正文内容'));
      await t.services.publications.withdraw(head, p.id, { version: p.version, reason: '内容有误' });
      const res = await get(`/items/${p.id}`);
      assert.equal(res.statusCode, 200);
      assert.match(mainText(res.body), /本信息已于 \d{4}-\d{2}-\d{2} 撤回。/);
      assert.ok(!res.body.includes('撤回前的正文内容'));
      assert.ok(!res.body.includes('内容有误'), 'the internal reason is not published');
      assert.ok(!itemLinks((await get(`/columns/${col('policy-docs')}`)).body).includes(p.id));
      const r = await get(`/index/${p.index_no}`);
      assert.equal(r.headers.location, `/gxt/xxgk/${p.index_no}`);
    });

    it('escapes a script in a title and serves only the sanitised body', async () => {
      const p = await published({
        columnId: col('guide'),
        title: '<script>alert("title")</script>公开指南',
        bodyHtml:
          '<p onclick="alert(1)">正文</p><script>alert("body")</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">链接</a>',
      });
      for (const url of ['/', '/guide', `/items/${p.id}`]) {
        const res = await get(url);
        assert.equal(res.statusCode, 200, url);
        assert.ok(res.body.includes('&lt;script>alert'), `${url}: the title is escaped`);
        assert.doesNotMatch(res.body, /<script|onerror|onclick|javascript:/i, url);
      }
      // a body written by another path (an import) goes through the repository, which stores it
      // sanitised: the page serves bodies as stored (ADR 0014)
      const row = await publicationsRepo.byId(t.db.db, p.id);
      assert.ok(row);
      const dirty = '<p>导入的正文</p><script>alert("import")</script><iframe src="https://evil.example/"></iframe>';
      assert.ok(await publicationsRepo.update(t.db.db, p.id, row.version, { body_html: dirty }, row.updated_at));
      const stored = await publicationsRepo.byId(t.db.db, p.id);
      assert.equal(stored?.body_html, '<p>导入的正文</p>');
      const res = await get(`/items/${p.id}`);
      assert.ok(res.body.includes('<p>导入的正文</p>'));
      assert.doesNotMatch(res.body, /<script|<iframe/i);
    });

    it('sends the stored body as it is, and converted to 繁體 for a reader who chose it', async () => {
      const body = '<p>关于进一步加强住房公积金归集管理的通知，现将有关事项通知如下。</p><p>“双随机、一公开”监管。</p>';
      const p = await published({ title: '正文按字节发送', bodyHtml: body });
      const stored = (await publicationsRepo.byId(t.db.db, p.id))?.body_html as string;
      const res = await get(`/items/${p.id}`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
      assert.equal(Number(res.headers['content-length']), res.rawPayload.length);
      assert.ok(res.rawPayload.includes(Buffer.from(stored)), 'the stored body, byte for byte');
      assert.ok(!res.body.includes('gongkai-body-'), 'no placeholder left');
      assert.ok(res.body.startsWith('<!doctype html>') && res.body.endsWith('</html>'));
      const hant = await t.app.inject({ method: 'GET', url: `/items/${p.id}`, cookies: { gk_script: 'hant' } });
      assert.equal(hant.statusCode, 200);
      assert.ok(hant.body.includes('關於進一步加強住房公積金歸集管理的通知'), 'the body converted');
      assert.ok(!hant.body.includes('gongkai-body-'));
    });

    it('shows a change of the organ or its columns on the very next page (the memo follows the stamp)', async () => {
      const p = await published({ title: '机关改名前后的通知' });
      const before = await get(`/items/${p.id}`);
      assert.ok(before.body.includes('广西测试厅'));
      const organ = await t.services.organs.byCode('gxt');
      assert.ok(organ);
      await t.services.organs.update(sys, organ.id, {
        name: '广西测试厅（新名）',
        kind: organ.kind,
        creditCode: organ.credit_code ?? CREDIT,
        version: organ.version,
      });
      const afterRename = await get(`/items/${p.id}`);
      assert.ok(afterRename.body.includes('广西测试厅（新名）'), 'no stale organ name');
      await t.services.organs.update(sys, organ.id, {
        name: '广西测试厅',
        kind: organ.kind,
        creditCode: organ.credit_code ?? CREDIT,
        version: organ.version + 1,
      });
      assert.ok(!(await get(`/items/${p.id}`)).body.includes('（新名）'));
    });

    it('sanitises bodies written before bodies were stored sanitised (migration 0018)', async () => {
      const p = await published({ columnId: col('guide'), title: '迁移前写入的正文', bodyHtml: '<p>正文</p>' });
      // as an earlier version or a direct SQL write could have left it
      await t.db.db
        .updateTable('publications')
        .set({ body_html: '<p onclick="alert(1)">旧正文</p><script>alert("old")</script>' })
        .where('id', '=', p.id)
        .execute();
      await sanitiseStoredBodies(t.db.db as never);
      assert.equal((await publicationsRepo.byId(t.db.db, p.id))?.body_html, '<p>旧正文</p>');
      const res = await get(`/items/${p.id}`);
      assert.ok(res.body.includes('<p>旧正文</p>'));
      assert.doesNotMatch(res.body, /<script|onclick/i);
    });

    it('answers 404 for unknown ids, columns, pages and index numbers', async () => {
      for (const url of [
        '/items/999999',
        '/items/abc',
        '/items/0',
        '/columns/999999',
        '/columns/x',
        '/index/000000000/2026-99999',
        '/index/nothing',
        '/reports?page=2',
        '/rules?page=x',
        '/catalogue?page=99',
        '/catalogue?page=x',
        '/organs/nope/guide',
        '/organs/nope/catalogue',
        `/columns/${col('guide')}?page=0`,
      ]) {
        const res = await get(url);
        assert.equal(res.statusCode, 404, url);
      }
    });
  });

  describe('pagination', () => {
    const ids: number[] = [];
    before(async () => {
      for (let i = 1; i <= 23; i++) {
        const p = await published({ columnId: col('notices'), title: `第${i}号通知公告`, genre: 'announcement' });
        ids.push(p.id);
      }
    });

    it('shows 20 items a page, newest first, with links to the other pages that work without JavaScript', async () => {
      const url = `/columns/${col('notices')}`;
      const one = await get(url);
      assert.equal(one.statusCode, 200);
      const first = itemLinks(one.body);
      assert.equal(first.length, 20);
      assert.deepEqual(first, [...ids].reverse().slice(0, 20), 'newest first');
      assert.match(one.body, /第 1 页，共 2 页，23 条/);
      assert.ok(one.body.includes(`href="${url}?page=2" rel="next"`));
      assert.ok(!one.body.includes('rel="prev"'));

      const two = await get(`${url}?page=2`);
      assert.equal(two.statusCode, 200);
      assert.deepEqual(itemLinks(two.body), [...ids].reverse().slice(20));
      assert.ok(two.body.includes(`href="${url}" rel="prev"`));
      assert.ok(!two.body.includes('rel="next"'));
      assert.equal((await get(`${url}?page=3`)).statusCode, 404);
    });

    it('the home page shows 5 of them and a link to the rest', async () => {
      const res = await get('/');
      const shown = itemLinks(res.body).filter((id) => ids.includes(id));
      assert.deepEqual(shown, [...ids].reverse().slice(0, 5));
      assert.match(res.body, new RegExp(`<a href="/columns/${col('notices')}" aria-label="更多：通知公告">更多</a>`));
    });

    it('a card of a column with sub-columns shows the newest 5 of all of them, in order', async () => {
      // alternately in three sub-columns of the statutory section (法定主动公开内容)
      const subs = ['art20-02', 'art20-05', 'art20-09'];
      const made: number[] = [];
      for (let i = 0; i < 8; i++) {
        const p = await published({ columnId: col(subs[i % 3]!), title: `第${i + 1}条法定公开内容`, genre: 'other' });
        made.push(p.id);
      }
      const res = await get('/');
      const shown = itemLinks(res.body).filter((id) => made.includes(id));
      assert.deepEqual(shown, [...made].reverse().slice(0, 5));
    });
  });
});
