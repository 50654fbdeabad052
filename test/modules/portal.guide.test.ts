// The 公开指南 settings of an organ (who may change them, validation, conflicts, audit), the guide
// page generated from them and from the catalogue, and the 信息公开目录 listing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PublicationRow } from '../../src/modules/publications/publications.service.js';
import { CHECKLIST_KEYS } from '../../src/modules/publications/publications.workflow.js';
import { actorCtx, type Ctx, systemCtx } from '../../src/platform/context.js';
import { Agent, buildTestApp, type TestApp, userWithRoles } from '../support/app.js';

const mainText = (html: string) =>
  (/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const versionFrom = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

const SETTINGS = {
  officeName: '广西测试厅办公室（政务公开办）',
  address: '南宁市青秀区民族大道 1 号',
  postcode: '530028',
  hours: '工作日上午 8:00–12:00，下午 15:00–18:00',
  phone: '0771-1234567',
  fax: '0771-7654321',
  email: 'gkb@example.gov.cn',
  website: 'https://gxt.example.gov.cn',
};

describe('portal: disclosure guide and catalogue', () => {
  let t: TestApp;
  let organId: number;
  let subId: number;
  let author: Ctx;
  let head: Ctx;
  let cols: Map<string, number>;
  const sys = systemCtx('test');
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const signedIn = async (username: string) => {
    const a = new Agent(t.app);
    await a.login(username);
    return a;
  };
  const published = async (over: Record<string, unknown>) => {
    const d = await t.services.publications.createDraft(author, {
      columnId: cols.get('policy-docs'),
      title: '关于开展政务公开工作的通知',
      createdOn: '2026-02-20',
      theme: '综合政务',
      genre: 'notice',
      keywords: '',
      bodyHtml: '<p>正文</p>',
      ...over,
    });
    const s = await t.services.publications.submit(author, d.id, { version: d.version, checklist: [...CHECKLIST_KEYS] });
    const a = await t.services.publications.approve(head, s.id, { version: s.version });
    t.clock.advanceMinutes(1);
    return t.services.publications.publish(head, a.id, { version: a.version });
  };

  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
    const organ = await t.services.organs.create(sys, {
      code: 'gxt',
      name: '广西测试厅',
      kind: 'department',
      creditCode: '11450000MB1234567X',
    });
    organId = organ.id;
    const sub = await t.services.organs.create(sys, { code: 'sub', name: '测试直属单位', kind: 'affiliated', parentCode: 'gxt' });
    subId = sub.id;
    await userWithRoles(t.services, organ.id, 'admin1', ['admin']);
    await userWithRoles(t.services, organ.id, 'staff1', ['office_staff']);
    await userWithRoles(t.services, sub.id, 'subhead', ['office_head']);
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

  describe('settings', () => {
    it('before any setting the guide still explains everything and says what is not published', async () => {
      const res = await get('/guide');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['set-cookie'], undefined);
      const text = mainText(res.body);
      assert.match(text, /广西测试厅政府信息公开指南/);
      assert.match(text, /受理机构 未公布/);
      assert.match(text, /广西测试厅政府信息公开工作机构负责受理/);
    });

    it('the administrator saves them through the organ page; the change is audited', async () => {
      const admin = await signedIn('admin1');
      const page = await admin.get(`/staff/organs/${organId}`);
      assert.ok(page.body.includes(`href="/staff/organs/${organId}/settings"`), 'linked from the organ page');
      const form = await admin.get(`/staff/organs/${organId}/settings`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<input type="hidden" name="_csrf"/);
      const res = await admin.submit(`/staff/organs/${organId}/settings`, `/staff/organs/${organId}/settings`, {
        ...SETTINGS,
        version: versionFrom(form.body),
      });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/staff/organs/${organId}/settings?ok=saved`);
      const saved = await admin.get(`/staff/organs/${organId}/settings?ok=saved`);
      assert.match(saved.body, /已保存/);
      assert.ok(saved.body.includes(`value="${SETTINGS.email}"`));
      const audit = await t.db.db
        .selectFrom('audit_log')
        .select(['action', 'after_json', 'actor_name'])
        .where('action', '=', 'organ.settings.update')
        .execute();
      assert.equal(audit.length, 1);
      assert.match(String(audit[0]?.after_json), /530028/);
    });

    it('the guide shows the office, the catalogue structure and how to request', async () => {
      await published({ columnId: cols.get('art20-02'), title: '机构职能' });
      const res = await get('/guide');
      const text = mainText(res.body);
      for (const v of Object.values(SETTINGS)) assert.ok(text.includes(v), v);
      assert.ok(res.body.includes(`<a href="mailto:${SETTINGS.email}">`));
      assert.match(text, new RegExp(`${SETTINGS.officeName.replace(/[()（）]/g, '.')}负责受理`));
      // the catalogue structure: columns with their legal wording, counts and update expectations
      assert.ok(res.body.includes(`<a href="/columns/${cols.get('art20-02')}">机构职能</a>`));
      assert.match(text, /机构职能 （现有 1 条；/);
      assert.match(text, /第二十条第（二）项：机关职能、机构设置、办公地址/);
      assert.match(text, /本厅动态 （暂无信息；动态类，每 14 日内更新）/);
      assert.match(text, /政策文件 （暂无信息；文件类，每 183 日内更新）/);
      // how to request, per the 2019 Regulation
      for (const words of [
        '申请人的姓名或者名称、身份证明、联系方式',
        '7 个工作日内一次性告知',
        '自收到申请之日起 20 个工作日内予以答复',
        '延长的期限最长不超过 20 个工作日',
        '信息处理费',
        '申请行政复议或者提起行政诉讼',
      ]) {
        assert.ok(text.includes(words), words);
      }
      assert.ok(res.body.includes('<a href="/apply">依申请公开</a>'));
      assert.ok(res.body.includes('<a href="/catalogue">政府信息公开目录</a>'));
      assert.match(res.body, /<a href="\/guide" aria-current="page">/);
    });

    it('refuses bad values with Chinese messages, keeps what was typed, saves nothing', async () => {
      const admin = await signedIn('admin1');
      const form = await admin.get(`/staff/organs/${organId}/settings`);
      const res = await admin.submit(`/staff/organs/${organId}/settings`, `/staff/organs/${organId}/settings`, {
        ...SETTINGS,
        postcode: '5300',
        email: 'not-an-email',
        website: 'javascript:alert(1)',
        phone: '电话号码',
        address: '新地址不会保存',
        version: versionFrom(form.body),
      });
      assert.equal(res.statusCode, 422);
      const text = mainText(res.body);
      assert.match(text, /邮政编码为 6 位数字/);
      assert.match(text, /电子邮箱格式不正确/);
      assert.match(text, /网址须以 http:\/\/ 或 https:\/\/ 开头/);
      assert.match(text, /联系电话只能包含数字/);
      assert.ok(res.body.includes('value="新地址不会保存"'), 'typed values kept');
      assert.equal((await t.services.organs.settings.get(organId)).address, SETTINGS.address);
    });

    it('a stale form is refused with the latest values and what was typed', async () => {
      const admin = await signedIn('admin1');
      const res = await admin.submit(`/staff/organs/${organId}/settings`, `/staff/organs/${organId}/settings`, {
        ...SETTINGS,
        hours: '周一至周五',
        version: '0',
      });
      assert.equal(res.statusCode, 409);
      assert.match(mainText(res.body), /已被他人修改/);
      assert.match(mainText(res.body), /周一至周五/);
      assert.equal((await t.services.organs.settings.get(organId)).hours, SETTINGS.hours);
    });

    it('only the organ’s administrator or office head may change them; CSRF is required', async () => {
      const staff = await signedIn('staff1');
      assert.equal((await staff.get(`/staff/organs/${organId}/settings`)).statusCode, 403);
      const page = await staff.get(`/staff/organs/${organId}`);
      assert.ok(!page.body.includes('/settings"'), 'no link for who may not');
      const post = await staff.submit(`/staff/organs/${organId}`, `/staff/organs/${organId}/settings`, {
        ...SETTINGS,
        version: '1',
      });
      assert.equal(post.statusCode, 403);
      // the office head of the subordinate organ: their own organ only
      const subhead = await signedIn('subhead');
      assert.equal((await subhead.get(`/staff/organs/${organId}/settings`)).statusCode, 403);
      const own = await subhead.get(`/staff/organs/${subId}/settings`);
      assert.equal(own.statusCode, 200);
      const ok = await subhead.submit(`/staff/organs/${subId}/settings`, `/staff/organs/${subId}/settings`, {
        officeName: '测试直属单位办公室',
        version: versionFrom(own.body),
      });
      assert.equal(ok.statusCode, 303);
      assert.match(mainText((await get('/organs/sub/guide')).body), /测试直属单位办公室负责受理/);
      // no CSRF token
      const noCsrf = await subhead.post(`/staff/organs/${subId}/settings`, { officeName: 'x', version: '1' });
      assert.equal(noCsrf.statusCode, 403);
      assert.equal((await t.services.organs.settings.get(subId)).officeName, '测试直属单位办公室');
    });
  });

  describe('catalogue listing', () => {
    let items: PublicationRow[];
    before(async () => {
      items = [];
      for (let i = 0; i < 21; i++)
        items.push(await published({ title: `目录测试信息${i}`, genre: i % 2 ? 'notice' : 'opinion' }));
      await t.services.publications.createDraft(author, {
        columnId: cols.get('policy-docs'),
        title: '目录中不应出现的草稿',
        createdOn: '2026-02-20',
        theme: '综合政务',
        genre: 'notice',
        keywords: '',
        bodyHtml: '<p>x</p>',
      });
    });

    it('lists every published item with index number, title, issuing organ and date, by permanent URL', async () => {
      const res = await get('/catalogue');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['set-cookie'], undefined);
      assert.match(
        res.body,
        /<th scope="col">索引号<\/th><th scope="col">标题<\/th><th scope="col">发布机关<\/th><th scope="col">发布日期<\/th>/,
      );
      const last = items[20] as PublicationRow;
      assert.ok(
        res.body.includes(
          `<tr><td data-label="索引号">${last.index_no}</td><th scope="row"><a href="/gxt/xxgk/${last.index_no}">目录测试信息20</a></th><td data-label="发布机关">广西测试厅</td><td data-label="发布日期"><time datetime="2026-03-02">`,
        ),
      );
      assert.equal([...res.body.matchAll(/<tr><td /g)].length, 20);
      assert.ok(!res.body.includes('目录中不应出现的草稿'));
      assert.match(res.body, /<a href="\/catalogue\?page=2" rel="next">/);
      const p2 = await get('/catalogue?page=2');
      assert.equal([...p2.body.matchAll(/<tr><td /g)].length, 2, '21 + 机构职能 = 22 items');
    });

    it('filters like a column, keeping the filter across pages', async () => {
      const res = await get('/catalogue?genre=notice');
      assert.equal([...res.body.matchAll(/<tr><td /g)].length, 11, '10 + 机构职能');
      assert.match(mainText(res.body), /体裁：通知。共 11 条符合条件的信息。/);
      assert.equal((await get('/catalogue?genre=poem')).statusCode, 400);
      const none = await get('/catalogue?year=2020');
      assert.match(mainText(none.body), /没有符合筛选条件的信息/);
    });

    it('a subordinate organ has its own catalogue', async () => {
      const res = await get('/organs/sub/catalogue');
      assert.equal(res.statusCode, 200);
      assert.match(mainText(res.body), /本机关尚未公开信息/);
      assert.ok((await get('/')).body.includes('href="/catalogue"'), 'the home page links to the catalogue');
      const home = await get('/organs/sub');
      assert.ok(home.body.includes('href="/organs/sub/catalogue"'), 'an organ’s home links to its own catalogue');
      assert.ok(home.body.includes('<a href="/organs/sub/guide">政府信息公开指南</a>'), '…and to its own guide');
      assert.match(
        home.body,
        /<a href="\/organs\/sub\/guide">政府信息公开指南<\/a><\/h3><p class="hint">[^<]+<\/p><p>公开范围、公开方式/,
        'the generated guide is never called empty',
      );
    });
  });
});
