import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemCtx } from '../../src/platform/context.js';
import { Agent, buildTestApp, organWithUnits, type TestApp, userWithRoles } from '../support/app.js';

async function signedIn(t: TestApp, username: string): Promise<Agent> {
  const a = new Agent(t.app);
  await a.login(username);
  return a;
}

/** The id at the end of a `/staff/organs/ID?…` redirect. */
function organIdFrom(location: unknown): number {
  const m = /^\/staff\/organs\/(\d+)\?ok=created$/.exec(String(location));
  assert.ok(m?.[1], `unexpected redirect: ${String(location)}`);
  return Number(m[1]);
}

/** The hidden optimistic-lock version of the (only) edit form on a page. */
function versionFrom(html: string): string {
  const m = /name="version" value="(\d+)"/.exec(html);
  assert.ok(m?.[1], 'no version field in page');
  return m[1];
}

const newOrgan = {
  parentCode: 'gx',
  code: 'nanning',
  name: '南宁市人民政府',
  shortName: '南宁市政府',
  kind: 'government',
  creditCode: '',
  address: '南宁市青秀区民族大道1号',
  phone: '0771-1234567',
};

describe('organs: the administrator manages organs and units', () => {
  let t: TestApp;
  let admin: Agent;
  let rootId: number;
  let adminId: number;
  let liaisonId: number;
  let strangerId: number;
  before(async () => {
    t = await buildTestApp();
    const { organ } = await organWithUnits(t.services, 'gx');
    rootId = organ.id;
    adminId = (await userWithRoles(t.services, organ.id, 'admin1', ['admin'])).id;
    liaisonId = (await userWithRoles(t.services, organ.id, 'liaison1', ['liaison'])).id;
    const other = await organWithUnits(t.services, 'elsewhere');
    strangerId = (await userWithRoles(t.services, other.organ.id, 'stranger', ['liaison'])).id;
    admin = await signedIn(t, 'admin1');
  });
  after(() => t.close());

  it('creates a child organ through the form; it is listed under its parent and audited', async () => {
    const form = await admin.get('/staff/organs/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<title>新增下级机关 - /);
    assert.match(form.body, /<option value="gx" selected>测试机关gx<\/option>/, 'the admin’s own organ is the default parent');
    assert.doesNotMatch(form.body, /value="elsewhere"/, 'organs outside the admin’s tree are not offered');

    const res = await admin.submit('/staff/organs/new', '/staff/organs', newOrgan);
    assert.equal(res.statusCode, 303);
    const id = organIdFrom(res.headers.location);

    const page = await admin.get(String(res.headers.location));
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('已创建。'));
    assert.ok(page.body.includes('<h1>南宁市人民政府</h1>'));
    assert.ok(page.body.includes(`<a href="/staff/organs/${rootId}">测试机关gx</a>`), 'the parent is linked');
    assert.ok(page.body.includes('南宁市青秀区民族大道1号'));

    const list = await admin.get('/staff/organs');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes('aria-current="page"'), 'the nav marks the current section');
    const rootAt = list.body.indexOf(`href="/staff/organs/${rootId}"`);
    const childAt = list.body.indexOf(`href="/staff/organs/${id}"`);
    assert.ok(rootAt > 0 && childAt > rootAt, 'the child is listed after its parent');
    assert.match(list.body, /<span aria-hidden="true">└ <\/span><a href="\/staff\/organs\/\d+">南宁市人民政府<\/a>/);
    assert.ok(list.body.includes('<code>nanning</code>'));
    assert.ok(list.body.includes('<span class="tag">人民政府</span>'), 'the kind label');
    assert.ok(!list.body.includes('测试机关elsewhere'), 'organs outside the admin’s tree are not listed');
    assert.ok(list.body.includes('href="/staff/organs/new"'), 'admins get the 新增下级机关 link');

    const row = await t.db.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'subject_type', 'subject_id', 'after_json'])
      .where('action', '=', 'organ.create')
      .where('subject_id', '=', String(id))
      .executeTakeFirst();
    assert.ok(row, 'an organ.create audit row');
    assert.equal(Number(row.actor_user_id), adminId);
    assert.equal(row.subject_type, 'organ');
    assert.ok(row.after_json?.includes('南宁市人民政府'));
    const stored = await t.services.organs.byCode('nanning');
    assert.equal(stored?.parent_id, rootId);
  });

  it('shows the form again with 422, the typed values and the field errors', async () => {
    const typed = {
      ...newOrgan,
      code: 'bad code!',
      name: '',
      shortName: '留下的简称',
      kind: 'department',
      phone: '0771-7654321',
    };
    const res = await admin.submit('/staff/organs/new', '/staff/organs', typed);
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes('class="error-summary"'));
    assert.ok(res.body.includes('<a href="#f-code">机关代码只能由'), 'the summary links to the field');
    assert.match(res.body, /<p class="error-message" id="f-name-error">此项为必填项。<\/p>/);
    assert.ok(res.body.includes('value="bad code!"'));
    assert.ok(res.body.includes('value="留下的简称"'));
    assert.ok(res.body.includes('value="南宁市青秀区民族大道1号"'));
    assert.ok(res.body.includes('value="0771-7654321"'));
    assert.match(res.body, /<option value="department" selected>/);
    assert.match(res.body, /<option value="gx" selected>/);
    assert.equal(await t.services.organs.byCode('bad code!'), undefined);
  });

  it('adds a unit with a liaison, shows the liaison, and refuses a liaison from another organ', async () => {
    const formUrl = `/staff/organs/${rootId}/units/new`;
    const form = await admin.get(formUrl);
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes(`<option value="${liaisonId}">用户liaison1（liaison1）</option>`));
    assert.ok(!form.body.includes(`value="${strangerId}"`), 'only the organ’s own staff are offered');

    const foreign = await admin.submit(formUrl, `/staff/organs/${rootId}/units`, {
      name: '法规处',
      kind: 'business',
      sortOrder: '3',
      liaisonUserId: String(strangerId),
    });
    assert.equal(foreign.statusCode, 422);
    assert.ok(foreign.body.includes('请选择本机关的人员。'));
    assert.ok(foreign.body.includes('value="法规处"'), 'the typed name is kept');

    const res = await admin.submit(formUrl, `/staff/organs/${rootId}/units`, {
      name: '法规处',
      kind: 'business',
      sortOrder: '3',
      liaisonUserId: String(liaisonId),
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/staff/organs/${rootId}?ok=created`);
    const unit = (await t.services.organs.units(rootId)).find((u) => u.name === '法规处');
    assert.ok(unit);
    assert.equal(unit.liaison_user_id, liaisonId);
    assert.equal(unit.sort_order, 3);

    const page = await admin.get(`/staff/organs/${rootId}`);
    assert.ok(
      page.body.includes(
        `<th scope="row"><a href="/staff/units/${unit.id}">法规处</a></th><td>业务处室</td><td>用户liaison1</td>`,
      ),
      'the unit, its kind and its liaison, linked to its edit page',
    );

    // change the liaison back to none through the unit's own page
    const edit = await admin.get(`/staff/units/${unit.id}`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, new RegExp(`<option value="${liaisonId}" selected>`));
    const saved = await admin.submit(`/staff/units/${unit.id}`, `/staff/units/${unit.id}`, {
      name: '法规处',
      kind: 'business',
      sortOrder: '3',
      liaisonUserId: '',
      version: versionFrom(edit.body),
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/staff/organs/${rootId}?ok=saved`);
    assert.equal((await t.services.organs.unitById(unit.id))?.liaison_user_id, null);
  });

  it('answers 409 with a clear message when the organ was changed by someone else meanwhile', async () => {
    const url = `/staff/organs/${rootId}`;
    const page = await admin.get(url);
    const version = versionFrom(page.body);
    const current = await t.services.organs.byId(rootId);
    assert.ok(current);
    await t.services.organs.update(systemCtx('test'), rootId, {
      name: '他人改过的名称',
      kind: current.kind,
      version: String(current.version),
    });
    const res = await admin.post(url, {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '',
      name: '我要改的名称',
      kind: 'government',
      version,
    });
    assert.equal(res.statusCode, 409);
    assert.ok(res.body.includes('该机关的信息在您编辑期间已被他人修改'));
    assert.ok(res.body.includes('value="他人改过的名称"'), 'the form shows the latest saved values');
    assert.ok(res.body.includes('我要改的名称'), 'what was typed is not lost');
    assert.equal(versionFrom(res.body), String(current.version + 1), 'the form carries the latest version');
    assert.equal((await t.services.organs.byId(rootId))?.name, '他人改过的名称');

    const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? '';
    const latest = versionFrom(res.body);
    const bad = await admin.post(url, {
      _csrf: csrf,
      name: '我要改的名称',
      kind: 'government',
      creditCode: 'abc',
      version: latest,
    });
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes('<a href="#f-creditCode">组织机构代码为 9 位'), 'the summary names the field');
    assert.ok(bad.body.includes('value="我要改的名称"') && bad.body.includes('value="abc"'), 'the typed values are kept');
    assert.equal(versionFrom(bad.body), latest);
    const ok = await admin.post(url, { _csrf: csrf, name: '我要改的名称', kind: 'government', version: latest });
    assert.equal(ok.statusCode, 303);
    assert.equal((await t.services.organs.byId(rootId))?.name, '我要改的名称');
  });

  it('answers 409 when a unit was changed by someone else meanwhile', async () => {
    const unit = (await t.services.organs.units(rootId)).find((u) => u.name === '办公室');
    assert.ok(unit);
    const url = `/staff/units/${unit.id}`;
    const page = await admin.get(url);
    await t.services.organs.updateUnit(systemCtx('test'), unit.id, {
      name: '办公厅',
      kind: unit.kind,
      sortOrder: '0',
      version: String(unit.version),
    });
    const res = await admin.post(url, {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '',
      name: '综合处',
      kind: 'office',
      sortOrder: '0',
      liaisonUserId: '',
      version: versionFrom(page.body),
    });
    assert.equal(res.statusCode, 409);
    assert.ok(res.body.includes('该处室的信息在您编辑期间已被他人修改'));
    assert.ok(res.body.includes('value="办公厅"'));
    assert.ok(res.body.includes('综合处'));
  });
});

describe('organs: reading is limited to one’s own organ and, for supervisors, those below', () => {
  let t: TestApp;
  let provinceId: number;
  let cityId: number;
  let otherId: number;
  before(async () => {
    t = await buildTestApp();
    const province = await organWithUnits(t.services, 'prov');
    const city = await organWithUnits(t.services, 'city', 'prov');
    const other = await organWithUnits(t.services, 'other');
    provinceId = province.organ.id;
    cityId = city.organ.id;
    otherId = other.organ.id;
    await userWithRoles(t.services, provinceId, 'sup1', ['supervisor']);
    await userWithRoles(t.services, otherId, 'clerk1', ['office_staff']);
  });
  after(() => t.close());

  it('lets a supervisor read a subordinate organ without edit forms, and refuses the update with 403', async () => {
    const sup = await signedIn(t, 'sup1');
    const list = await sup.get('/staff/organs');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(`href="/staff/organs/${cityId}"`));
    assert.ok(!list.body.includes(`href="/staff/organs/${otherId}"`));
    assert.ok(!list.body.includes('href="/staff/organs/new"'), 'no 新增下级机关 link for supervisors');

    const url = `/staff/organs/${cityId}`;
    const page = await sup.get(url);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('<h1>测试机关city</h1>'));
    assert.match(page.body, /<th scope="row"><a href="\/staff\/units\/\d+">办公室<\/a><\/th>/, 'the units are listed');
    assert.ok(!page.body.includes(`action="${url}"`), 'no edit form');
    assert.ok(!page.body.includes('name="version"'));
    assert.ok(!page.body.includes('新增处室'));

    const res = await sup.submit(url, url, { name: '改名', kind: 'affiliated', version: '1' });
    assert.equal(res.statusCode, 403);
    assert.ok(res.body.includes('无权访问'));
    assert.equal((await t.services.organs.byId(cityId))?.name, '测试机关city');
    assert.equal((await sup.get('/staff/organs/new')).statusCode, 403);

    const unit = (await t.services.organs.units(cityId))[0];
    assert.ok(unit);
    const unitPage = await sup.get(`/staff/units/${unit.id}`);
    assert.equal(unitPage.statusCode, 200, 'a unit of a subordinate organ is readable');
    assert.ok(!unitPage.body.includes(`action="/staff/units/${unit.id}"`), 'without an edit form');
    const unitPost = await sup.submit(`/staff/units/${unit.id}`, `/staff/units/${unit.id}`, {
      name: '改名',
      kind: unit.kind,
      version: String(unit.version),
    });
    assert.equal(unitPost.statusCode, 403);
    assert.equal((await sup.get(`/staff/organs/${cityId}/units/new`)).statusCode, 403);
  });

  it('gives an office_staff user of one organ 403 on another organ’s page', async () => {
    const clerk = await signedIn(t, 'clerk1');
    const own = await clerk.get(`/staff/organs/${otherId}`);
    assert.equal(own.statusCode, 200, 'their own organ is readable');
    const res = await clerk.get(`/staff/organs/${provinceId}`);
    assert.equal(res.statusCode, 403);
    assert.ok(res.body.includes('无权访问'));
    const unit = (await t.services.organs.units(provinceId))[0];
    assert.ok(unit);
    assert.equal((await clerk.get(`/staff/units/${unit.id}`)).statusCode, 403);
  });

  it('answers 404 for an organ that does not exist', async () => {
    const sup = await signedIn(t, 'sup1');
    assert.equal((await sup.get('/staff/organs/999999')).statusCode, 404);
    assert.equal((await sup.get('/staff/organs/abc')).statusCode, 404);
  });

  it('sends an anonymous visitor to the sign-in page', async () => {
    for (const url of ['/staff/organs', `/staff/organs/${cityId}`, '/staff/organs/new']) {
      const res = await t.app.inject(url);
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/staff/login?next=${encodeURIComponent(url)}`);
    }
  });
});
