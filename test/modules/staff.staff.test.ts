import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemCtx } from '../../src/platform/context.js';
import { Agent, buildTestApp, csrfFrom, organWithUnits, TEST_PASSWORD, type TestApp, userWithRoles } from '../support/app.js';

const NEW_PASSWORD = 'Fresh#Secret2026';

/** Fails to sign in `times` times with a wrong password; returns the last status. */
async function failLogins(t: TestApp, username: string, times: number): Promise<number> {
  const a = new Agent(t.app);
  let status = 0;
  for (let i = 0; i < times; i++) {
    status = (await a.submit('/staff/login', '/staff/login', { username, password: 'wrong-password' })).statusCode;
  }
  return status;
}

/** The status of one sign-in attempt. */
async function tryLogin(t: TestApp, username: string, password: string): Promise<number> {
  return (await new Agent(t.app).submit('/staff/login', '/staff/login', { username, password })).statusCode;
}

async function signedIn(t: TestApp, username: string): Promise<Agent> {
  const a = new Agent(t.app);
  await a.login(username);
  return a;
}

describe('staff: the administrator manages users and roles', () => {
  let t: TestApp;
  let admin: Agent;
  let organId: number;
  let childId: number;
  let officeId: number;
  let clerkId: number;
  before(async () => {
    t = await buildTestApp();
    const { organ, office } = await organWithUnits(t.services, 'org1');
    const child = await organWithUnits(t.services, 'org2', 'org1');
    await organWithUnits(t.services, 'other');
    organId = organ.id;
    childId = child.organ.id;
    officeId = office.id;
    await userWithRoles(t.services, organ.id, 'admin1', ['admin']);
    await userWithRoles(t.services, organ.id, 'sec1', ['security_officer']);
    await userWithRoles(t.services, organ.id, 'aud1', ['audit_officer']);
    clerkId = (await userWithRoles(t.services, organ.id, 'clerk1', ['office_staff'])).id;
    await userWithRoles(t.services, child.organ.id, 'childclerk', ['liaison']);
    admin = await signedIn(t, 'admin1');
  });
  after(() => t.close());

  it('lists the users of the organ with unit, role labels and status; 已锁定 follows the clock', async () => {
    await t.services.staff.update(systemCtx('test'), clerkId, {
      displayName: '刘洋',
      unitId: String(officeId),
      active: '1',
      version: '1',
    });
    assert.equal(await failLogins(t, 'clerk1', 5), 429);
    const page = await admin.get('/staff/users');
    assert.equal(page.statusCode, 200);
    const row = /<tr><th scope="row"><a href="\/staff\/users\/\d+">clerk1<\/a><\/th>(.*?)<\/tr>/.exec(page.body)?.[1] ?? '';
    assert.ok(row.includes('刘洋') && row.includes('办公室') && row.includes('公开办工作人员'), row);
    assert.ok(row.includes('启用') && row.includes('已锁定'), row);
    assert.ok(page.body.includes('<div class="table-wrap">'));
    assert.ok(page.body.includes('<th scope="col">用户名</th>'));
    assert.ok(page.body.includes('安全保密管理员') && page.body.includes('安全审计员'));
    assert.ok(!page.body.includes('childclerk'), 'only the organ asked for');
    // the nav is the administrator's
    assert.ok(page.body.includes('aria-current="page">用户与角色'));
    assert.ok(!page.body.includes('href="/staff/security"'));

    t.clock.advanceMinutes(16);
    const later = await admin.get('/staff/users');
    const rowLater = /clerk1<\/a><\/th>(.*?)<\/tr>/.exec(later.body)?.[1] ?? '';
    assert.ok(!rowLater.includes('已锁定'), 'the lock has run out by the injected clock');
  });

  it('shows an organ below with ?organ=, and refuses one outside the subtree', async () => {
    const page = await admin.get(`/staff/users?organ=${childId}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('childclerk'));
    assert.ok(page.body.includes('<select id="f-organ" name="organ">'), 'an organ picker');
    const others = await t.services.organs.byCode('other');
    assert.equal((await admin.get(`/staff/users?organ=${others?.id}`)).statusCode, 403);
    assert.equal((await admin.get('/staff/users?organ=abc')).statusCode, 404);
  });

  it('offers only the roles an administrator may grant, and says who grants the officer roles', async () => {
    const page = await admin.get('/staff/users/new');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('<legend>角色</legend>'));
    assert.ok(page.body.includes('value="office_staff"') && page.body.includes('value="admin"'));
    assert.ok(!page.body.includes('value="audit_officer"') && !page.body.includes('value="security_officer"'));
    assert.ok(page.body.includes('gongkai user add'));
    assert.ok(page.body.includes('name="_csrf"'));
    assert.ok(page.body.includes('密码至少 10 个字符'), 'the password rules are stated');
  });

  it('creates a user through the form; the new user signs in; the audit row keeps no password hash', async () => {
    const res = await admin.submit('/staff/users/new', '/staff/users', {
      organId: String(organId),
      unitId: String(officeId),
      username: 'newbie',
      displayName: '陈晨',
      password: NEW_PASSWORD,
      roles: ['office_staff', 'liaison'],
    });
    assert.equal(res.statusCode, 303, res.body);
    assert.match(res.headers.location as string, /^\/staff\/users\/\d+\?ok=created$/);
    const page = await admin.get(res.headers.location as string);
    assert.ok(page.body.includes('已创建。'));
    assert.ok(page.body.includes('陈晨（newbie）'));

    const newbie = new Agent(t.app);
    await newbie.login('newbie', NEW_PASSWORD);
    const home = await newbie.get('/staff');
    assert.ok(home.body.includes('处室信息联络员'));

    const rows = await t.db.db
      .selectFrom('audit_log')
      .select(['actor_name', 'before_json', 'after_json'])
      .where('action', '=', 'user.create')
      .where('subject_id', '=', page.body.match(/action="\/staff\/users\/(\d+)"/)?.[1] ?? '')
      .execute();
    assert.equal(rows.length, 1);
    const row = rows[0]!;
    assert.equal(row.actor_name, 'admin1');
    const stored = JSON.stringify([row.before_json, row.after_json]);
    assert.ok(stored.includes('newbie'));
    assert.ok(!/password|hash|argon/i.test(stored), stored);
    assert.ok(!stored.includes(NEW_PASSWORD));
  });

  it('a weak password: 422 with the policy message, username and name kept, password not sent back', async () => {
    const res = await admin.submit('/staff/users/new', '/staff/users', {
      organId: String(organId),
      unitId: String(officeId),
      username: 'weakling',
      displayName: '王弱',
      password: 'abcdefghij',
      roles: 'office_staff',
    });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes('密码需包含大写字母、小写字母、数字、符号中的至少三类。'));
    assert.ok(res.body.includes('value="weakling"'));
    assert.ok(res.body.includes('value="王弱"'));
    assert.ok(!res.body.includes('abcdefghij'));
    assert.match(res.body, /<option value="\d+" selected>办公室<\/option>/);
    assert.match(res.body, /value="office_staff" checked/);
    assert.ok(res.body.includes('role="alert"'));
  });

  it('refuses to grant the audit officer role (403), at creation and on the roles form', async () => {
    const created = await admin.submit('/staff/users/new', '/staff/users', {
      organId: String(organId),
      username: 'sneaky',
      displayName: '某人',
      password: NEW_PASSWORD,
      roles: 'audit_officer',
    });
    assert.equal(created.statusCode, 403);
    const edit = await admin.get(`/staff/users/${clerkId}`);
    const version = /name="version" value="(\d+)"/.exec(edit.body)?.[1] ?? '';
    const granted = await admin.post(`/staff/users/${clerkId}/roles`, {
      _csrf: csrfFrom(edit.body),
      version,
      roles: ['office_staff', 'audit_officer'],
    });
    assert.equal(granted.statusCode, 403);
    assert.deepEqual((await t.services.staff.get(clerkId)).roles, ['office_staff']);
  });

  it('refuses admin and audit officer together (三员分立, 422)', async () => {
    const created = await admin.submit('/staff/users/new', '/staff/users', {
      organId: String(organId),
      username: 'twohats',
      displayName: '两顶帽子',
      password: NEW_PASSWORD,
      roles: ['admin', 'audit_officer'],
    });
    assert.equal(created.statusCode, 422);
    assert.ok(created.body.includes('三员分立：系统管理员、安全审计员不能由同一人担任。'));
    assert.ok(created.body.includes('value="twohats"'));
    const edit = await admin.get(`/staff/users/${clerkId}`);
    const res = await admin.post(`/staff/users/${clerkId}/roles`, {
      _csrf: csrfFrom(edit.body),
      version: /name="version" value="(\d+)"/.exec(edit.body)?.[1] ?? '',
      roles: ['admin', 'audit_officer'],
    });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes('三员分立'));
  });

  it('the roles form shows the officer roles disabled, and changes roles', async () => {
    const edit = await admin.get(`/staff/users/${clerkId}`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /<input type="checkbox" id="f-roles-audit_officer" value="audit_officer" disabled\/>/);
    assert.match(edit.body, /<input type="checkbox" id="f-roles-security_officer" value="security_officer" disabled\/>/);
    const res = await admin.post(`/staff/users/${clerkId}/roles`, {
      _csrf: csrfFrom(edit.body),
      version: /name="version" value="(\d+)"/.exec(edit.body)?.[1] ?? '',
      roles: ['office_head', 'leader'],
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/staff/users/${clerkId}?ok=saved`);
    assert.deepEqual((await t.services.staff.get(clerkId)).roles, ['leader', 'office_head']);
    const audit = await t.db.db.selectFrom('audit_log').select('after_json').where('action', '=', 'user.roles').execute();
    assert.equal(audit.length, 1);
  });

  it('edits name, unit and status; a stale version answers 409 in Chinese and saves nothing', async () => {
    const edit = await admin.get(`/staff/users/${clerkId}`);
    const csrf = csrfFrom(edit.body);
    const version = /name="version" value="(\d+)"/.exec(edit.body)?.[1] ?? '';
    const first = await admin.post(`/staff/users/${clerkId}`, {
      _csrf: csrf,
      version,
      displayName: '刘洋（已调岗）',
      unitId: '',
      active: '1',
    });
    assert.equal(first.statusCode, 303);
    const stale = await admin.post(`/staff/users/${clerkId}`, {
      _csrf: csrf,
      version,
      displayName: '覆盖他人的修改',
      unitId: '',
      active: '1',
    });
    assert.equal(stale.statusCode, 409);
    assert.ok(stale.body.includes('该用户已被他人修改'));
    assert.ok(stale.body.includes('刘洋（已调岗）'), 'the latest saved values are shown');
    assert.equal((await t.services.staff.get(clerkId)).display_name, '刘洋（已调岗）');

    const staleRoles = await admin.post(`/staff/users/${clerkId}/roles`, { _csrf: csrf, version, roles: 'office_staff' });
    assert.equal(staleRoles.statusCode, 409, 'the roles form is versioned too');

    const empty = await admin.submit(`/staff/users/${clerkId}`, `/staff/users/${clerkId}`, {
      version: String((await t.services.staff.get(clerkId)).version),
      displayName: '',
      unitId: '',
    });
    assert.equal(empty.statusCode, 422);
    assert.ok(empty.body.includes('此项为必填项。'));
  });

  it('disabling an account ends its sessions', async () => {
    const clerk = await signedIn(t, 'childclerk');
    const child = (await t.services.staff.directory(systemCtx('test'), childId)).users;
    const id = child.find((u) => u.username === 'childclerk')?.id;
    const page = await admin.get(`/staff/users/${id}`);
    const res = await admin.post(`/staff/users/${id}`, {
      _csrf: csrfFrom(page.body),
      version: /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '',
      displayName: '下级联络员',
      unitId: '',
    });
    assert.equal(res.statusCode, 303);
    assert.equal((await clerk.get('/staff')).statusCode, 303, 'signed out');
    const list = await admin.get(`/staff/users?organ=${childId}`);
    assert.match(list.body, /childclerk<\/a><\/th>.*?停用/);
  });

  it('on their own account the administrator cannot drop the admin role or disable themselves', async () => {
    const me = (await t.services.staff.directory(systemCtx('test'), organId)).users.find((u) => u.username === 'admin1');
    const page = await admin.get(`/staff/users/${me?.id}`);
    assert.match(page.body, /id="f-roles-admin" value="admin" checked disabled\/>/);
    assert.ok(page.body.includes('<input type="hidden" name="roles" value="admin"/>'), 'the role is kept when the form is sent');
    assert.match(page.body, /id="f-active" value="1" checked disabled/);
    const res = await admin.post(`/staff/users/${me?.id}/roles`, {
      _csrf: csrfFrom(page.body),
      version: /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '',
      roles: ['admin', 'leader'],
    });
    assert.equal(res.statusCode, 303);
    assert.deepEqual((await t.services.staff.get(me?.id ?? 0)).roles, ['admin', 'leader']);
  });

  it('shows an officer account read-only to the administrator', async () => {
    const sec = (await t.services.staff.directory(systemCtx('test'), organId)).users.find((u) => u.username === 'sec1');
    const page = await admin.get(`/staff/users/${sec?.id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('三员分立'));
    assert.ok(!page.body.includes('保存角色') && !page.body.includes('保存基本信息'));
  });

  it('denies the other officers the administrator pages, and the administrator the security page', async () => {
    assert.equal((await admin.get('/staff/security')).statusCode, 403);
    const auditor = await signedIn(t, 'aud1');
    assert.equal((await auditor.get('/staff/users')).statusCode, 403);
    assert.equal((await auditor.get('/staff/security')).statusCode, 403);
    const security = await signedIn(t, 'sec1');
    const form = await security.get('/staff/users/new');
    assert.equal(form.statusCode, 403);
    assert.ok(form.body.includes('无权访问'));
    assert.equal((await security.get(`/staff/users/${clerkId}`)).statusCode, 403);
    const clerk = new Agent(t.app);
    await clerk.login('newbie', NEW_PASSWORD);
    assert.equal((await clerk.get('/staff/users')).statusCode, 403);
  });

  it('sends anonymous visitors to the sign-in page', async () => {
    const res = await t.app.inject('/staff/users');
    assert.equal(res.statusCode, 303);
    assert.match(res.headers.location as string, /^\/staff\/login\?next=%2Fstaff%2Fusers/);
  });

  it('refuses a POST without the CSRF token (403)', async () => {
    const res = await admin.post('/staff/users', {
      organId: String(organId),
      username: 'nocsrf',
      displayName: '无令牌',
      password: NEW_PASSWORD,
      roles: 'office_staff',
    });
    assert.equal(res.statusCode, 403);
    assert.ok(res.body.includes('页面已过期'));
    assert.equal(await t.db.db.selectFrom('users').select('id').where('username', '=', 'nocsrf').executeTakeFirst(), undefined);
  });
});

describe('staff: the security officer unlocks accounts and resets passwords', () => {
  let t: TestApp;
  let security: Agent;
  let clerkId: number;
  before(async () => {
    t = await buildTestApp();
    const { organ } = await organWithUnits(t.services, 'org1');
    await userWithRoles(t.services, organ.id, 'sec1', ['security_officer']);
    await userWithRoles(t.services, organ.id, 'admin1', ['admin']);
    clerkId = (await userWithRoles(t.services, organ.id, 'clerk1', ['office_staff'])).id;
    security = await signedIn(t, 'sec1');
  });
  after(() => t.close());

  it('sees the security page with the right nav and no locked accounts yet', async () => {
    const page = await security.get('/staff/security');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('目前没有被锁定的账号。'));
    assert.ok(page.body.includes('aria-current="page">账号安全'));
    assert.ok(page.body.includes('for="f-pw-'), 'a labelled reset field per user');
    assert.ok(page.body.includes('gongkai user password'), "officers' passwords go to the operator");
  });

  it('unlocks an account locked by five failed sign-ins', async () => {
    assert.equal(await failLogins(t, 'clerk1', 5), 429);
    assert.equal(await tryLogin(t, 'clerk1', TEST_PASSWORD), 429, 'locked');
    const page = await security.get('/staff/security');
    assert.ok(page.body.includes(`action="/staff/users/${clerkId}/unlock"`));
    assert.ok(page.body.includes('已锁定'));
    const res = await security.post(`/staff/users/${clerkId}/unlock`, { _csrf: csrfFrom(page.body) });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/staff/security?ok=unlocked');
    const after = await security.get(res.headers.location as string);
    assert.ok(after.body.includes('已解锁。'));
    assert.ok(!after.body.includes(`/staff/users/${clerkId}/unlock`));
    assert.equal(await tryLogin(t, 'clerk1', TEST_PASSWORD), 303);
    const audit = await t.db.db.selectFrom('audit_log').select('actor_name').where('action', '=', 'user.unlock').execute();
    assert.deepEqual(
      audit.map((r) => r.actor_name),
      ['sec1'],
    );
  });

  it('resets a password: the old one fails, the new one works, the user’s sessions end', async () => {
    const clerk = await signedIn(t, 'clerk1');
    const page = await security.get('/staff/security');
    const weak = await security.post(`/staff/users/${clerkId}/password`, { _csrf: csrfFrom(page.body), password: 'short' });
    assert.equal(weak.statusCode, 422);
    assert.ok(weak.body.includes('密码至少需要 10 个字符。'));
    assert.ok(weak.body.includes(`href="#f-pw-${clerkId}"`));
    const res = await security.post(`/staff/users/${clerkId}/password`, { _csrf: csrfFrom(page.body), password: NEW_PASSWORD });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/staff/security?ok=saved');
    assert.equal(await tryLogin(t, 'clerk1', TEST_PASSWORD), 422, 'the old password fails');
    assert.equal(await tryLogin(t, 'clerk1', NEW_PASSWORD), 303, 'the new one works');
    assert.equal((await clerk.get('/staff')).statusCode, 303, 'the earlier session has ended');
  });

  it('cannot reset an officer’s password or create users', async () => {
    const admin = await t.services.staff.get(
      Number((await t.db.db.selectFrom('users').select('id').where('username', '=', 'admin1').executeTakeFirstOrThrow()).id),
    );
    const page = await security.get('/staff/security');
    assert.ok(!page.body.includes(`action="/staff/users/${admin.id}/password"`));
    const res = await security.post(`/staff/users/${admin.id}/password`, { _csrf: csrfFrom(page.body), password: NEW_PASSWORD });
    assert.equal(res.statusCode, 403);
    assert.equal((await security.get('/staff/users/new')).statusCode, 403);
  });
});

describe('staff: everyone changes their own password', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    const { organ } = await organWithUnits(t.services, 'org1');
    await userWithRoles(t.services, organ.id, 'clerk1', ['office_staff']);
  });
  after(() => t.close());

  it('checks the current password and the confirmation (422)', async () => {
    const a = await signedIn(t, 'clerk1');
    const wrong = await a.submit('/staff/account/password', '/staff/account/password', {
      current: 'not-it',
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    assert.equal(wrong.statusCode, 422);
    assert.ok(wrong.body.includes('当前密码不正确。'));
    const mismatch = await a.submit('/staff/account/password', '/staff/account/password', {
      current: TEST_PASSWORD,
      password: NEW_PASSWORD,
      confirm: `${NEW_PASSWORD}x`,
    });
    assert.equal(mismatch.statusCode, 422);
    assert.ok(mismatch.body.includes('两次输入的新密码不一致。'));
    assert.ok(!mismatch.body.includes(NEW_PASSWORD), 'passwords are not sent back');
  });

  it('keeps this session, ends the others, and the new password works', async () => {
    const here = await signedIn(t, 'clerk1');
    const elsewhere = await signedIn(t, 'clerk1');
    const form = await here.get('/staff/account/password');
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes('autocomplete="current-password"'));
    const res = await here.post('/staff/account/password', {
      _csrf: csrfFrom(form.body),
      current: TEST_PASSWORD,
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/staff/account/password?ok=password');
    assert.ok((await here.get(res.headers.location as string)).body.includes('密码已修改。'));
    assert.equal((await here.get('/staff')).statusCode, 200, 'this session goes on');
    const other = await elsewhere.get('/staff');
    assert.equal(other.statusCode, 303, 'the other session has ended');
    assert.match(other.headers.location as string, /^\/staff\/login/);
    assert.equal(await tryLogin(t, 'clerk1', TEST_PASSWORD), 422);
    assert.equal(await tryLogin(t, 'clerk1', NEW_PASSWORD), 303);
    const audit = await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'user.password_change').execute();
    assert.equal(audit.length, 1);
  });

  it('refuses the change without the CSRF token (403)', async () => {
    const a = new Agent(t.app);
    await a.login('clerk1', NEW_PASSWORD);
    const res = await a.post('/staff/account/password', {
      current: NEW_PASSWORD,
      password: TEST_PASSWORD,
      confirm: TEST_PASSWORD,
    });
    assert.equal(res.statusCode, 403);
  });
});
