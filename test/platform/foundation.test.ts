import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { chainHash, chainKey, GENESIS, verifyAuditChain } from '../../src/platform/audit/audit.js';
import { systemCtx } from '../../src/platform/context.js';
import { Agent, buildTestApp, csrfFrom, organWithUnits, TEST_PASSWORD, type TestApp, userWithRoles } from '../support/app.js';

describe('foundation: sign-in, sessions, audit chain', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    const { organ } = await organWithUnits(t.services, 'org1');
    await userWithRoles(t.services, organ.id, 'clerk1', ['office_staff']);
    await userWithRoles(t.services, organ.id, 'admin1', ['admin']);
  });
  after(() => t.close());

  it('portal home lists the standard disclosure column and says empty sections are empty', async () => {
    const res = await t.app.inject('/');
    assert.equal(res.statusCode, 200);
    for (const label of [
      '政府信息公开指南',
      '政府信息公开制度',
      '法定主动公开内容',
      '政府信息公开年报',
      '依申请公开',
      '互动交流',
      '办事服务',
      '数据开放',
    ]) {
      assert.ok(res.body.includes(label), label);
    }
    assert.ok(res.body.includes('本栏目暂无内容。'));
    assert.match(res.headers['content-security-policy'] as string, /script-src 'self'/);
  });

  it('renders any page in traditional characters after the 繁 switch', async () => {
    const a = new Agent(t.app);
    const sw = await a.get('/prefs?script=hant&return=/guide');
    assert.equal(sw.statusCode, 303);
    assert.equal(sw.headers.location, '/guide');
    const page = await a.get('/guide');
    assert.ok(page.body.includes('政府資訊公開指南') || page.body.includes('政府信息公開指南'), page.body.slice(0, 400));
    assert.ok(page.body.includes('lang="zh-Hant"'));
  });

  it('refuses an open redirect from the display switch', async () => {
    const res = await t.app.inject('/prefs?elder=1&return=//evil.example/');
    assert.equal(res.headers.location, '/');
  });

  it('signs in, rotates the session, and writes the audit record', async () => {
    const a = new Agent(t.app);
    a.jar.gk_sid = 'fixated-by-an-attacker';
    await a.login('clerk1');
    const first = a.jar.gk_sid;
    assert.notEqual(first, 'fixated-by-an-attacker');
    const home = await a.get('/staff');
    assert.equal(home.statusCode, 200);
    assert.ok(home.body.includes('公开办工作人员'));
    const again = await a.post('/staff/login', { _csrf: csrfFrom(home.body), username: 'clerk1', password: TEST_PASSWORD });
    assert.equal(again.statusCode, 303);
    assert.notEqual(a.jar.gk_sid, first, 'a new session id at every sign-in');
    const rows = await t.db.db.selectFrom('sessions').select('id').execute();
    assert.equal(rows.length, 1, 'the old session is gone');
    const log = await t.db.db.selectFrom('audit_log').select('action').where('action', '=', 'auth.login').execute();
    assert.equal(log.length, 2);
  });

  it('refuses a POST without a CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/staff/login',
      payload: 'username=clerk1&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.statusCode, 403);
    assert.ok(res.body.includes('页面已过期'));
  });

  it('ends an idle session', async () => {
    const a = new Agent(t.app);
    await a.login('clerk1');
    t.clock.advanceMinutes(31);
    const res = await a.get('/staff');
    assert.equal(res.statusCode, 303);
    assert.match(res.headers.location as string, /^\/staff\/login\?next=/);
  });

  it('locks the account after five wrong passwords', async () => {
    const a = new Agent(t.app);
    for (let i = 0; i < 4; i++) {
      const r = await a.submit('/staff/login', '/staff/login', { username: 'admin1', password: 'wrong' });
      assert.equal(r.statusCode, 422);
      assert.ok(r.body.includes('用户名或密码不正确'));
      assert.ok(r.body.includes('value="admin1"'), 'the form keeps the username');
    }
    const fifth = await a.submit('/staff/login', '/staff/login', { username: 'admin1', password: 'wrong' });
    assert.equal(fifth.statusCode, 429);
    assert.ok(fifth.body.includes('账号已锁定'));
    const right = await a.submit('/staff/login', '/staff/login', { username: 'admin1', password: 'Test#Password2026' });
    assert.equal(right.statusCode, 429, 'even the right password is refused while locked');
    t.clock.advanceMinutes(16);
    await a.login('admin1');
  });

  it('keeps an unbroken audit chain and finds an altered row', async () => {
    const ok = await verifyAuditChain(t.db.db, t.config);
    assert.equal(ok.ok, true);
    assert.ok(ok.rows > 5);
    // the table refuses updates…
    await assert.rejects(sql`UPDATE audit_log SET actor_name = 'x' WHERE id = 3`.execute(t.db.db));
    // the chain is keyed: the same row under another key has another hash
    const [first] = await t.db.db.selectFrom('audit_log').selectAll().orderBy('id').limit(1).execute();
    assert.ok(first);
    assert.equal(chainHash(chainKey(t.config), GENESIS, first), first.hash);
    assert.notEqual(chainHash(chainKey({ secret: 'another-secret-another-secret-0123' }), GENESIS, first), first.hash);
  });
});

describe('foundation: sign-in rate limit per address', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ config: { loginRatePerMinute: 3 } });
  });
  after(() => t.close());

  it('answers 429 in Chinese after too many attempts from one address', async () => {
    const a = new Agent(t.app);
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push((await a.submit('/staff/login', '/staff/login', { username: 'nobody', password: 'x' })).statusCode);
    }
    assert.deepEqual(codes, [422, 422, 422, 429]);
    const last = await a.submit('/staff/login', '/staff/login', { username: 'nobody', password: 'x' });
    assert.ok(last.body.includes('操作过于频繁'));
  });
});

describe('foundation: errors are mapped in one place', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await organWithUnits(t.services, 'org1');
  });
  after(() => t.close());

  it('answers 404 with a Chinese page and the security headers', async () => {
    const res = await t.app.inject('/no/such/page');
    assert.equal(res.statusCode, 404);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.ok(res.body.includes('页面不存在'));
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(res.headers['content-security-policy'] as string, /frame-ancestors 'none'/);
    assert.equal(res.headers['referrer-policy'], 'same-origin');
  });

  it('answers JSON errors under /api/', async () => {
    const res = await t.app.inject('/api/v1/nothing');
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), { error: { code: 'not_found', message: '您要找的页面不存在或已被移除。' } });
  });

  it('answers 500 with a request id and no internals when the database is gone', async () => {
    const broken = await buildTestApp();
    await broken.db.close();
    const res = await broken.app.inject('/');
    assert.equal(res.statusCode, 500);
    assert.ok(res.body.includes('系统出现错误'));
    assert.match(res.body, /错误编号：[0-9a-f-]{36}/);
    assert.ok(!/at .*\.ts:\d+|Error:|kysely|sqlite/i.test(res.body), res.body);
    await broken.app.close();
    await broken.db.destroy().catch(() => {});
  });
});

describe('foundation: found in review', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ config: { trustProxy: 1 } });
    const { organ } = await organWithUnits(t.services, 'org1');
    await userWithRoles(t.services, organ.id, 'target', ['office_staff']);
  });
  after(() => t.close());

  it('counts parallel wrong passwords: the account still locks', async () => {
    const agents = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const a = new Agent(t.app);
        await a.get('/staff/login');
        return a;
      }),
    );
    await Promise.all(
      agents.map(async (a) => {
        const page = await a.get('/staff/login');
        return a.post('/staff/login', { _csrf: csrfFrom(page.body), username: 'target', password: 'wrong-Password-1' });
      }),
    );
    const row = await t.db.db
      .selectFrom('users')
      .select(['locked_until'])
      .where('username', '=', 'target')
      .executeTakeFirstOrThrow();
    assert.ok(row.locked_until, 'locked after 8 simultaneous failures');
  });

  it('refuses redirects that a browser would read as another site', async () => {
    for (const ret of [
      '%2F%09%2Fevil.example',
      '%2F%5Cevil.example',
      '%2F%0D%0A%2Fevil.example',
      'https:%2F%2Fevil.example',
      '%2F%2Fevil.example',
    ]) {
      const res = await t.app.inject(`/prefs?script=hans&return=${ret}`);
      assert.equal(res.headers.location, '/', ret);
    }
    const ok = await t.app.inject('/prefs?script=hans&return=%2Fguide%3Fa%3D1');
    assert.equal(ok.headers.location, '/guide?a=1');
  });

  it('believes only as many proxies as configured', async () => {
    const page = await t.app.inject({ url: '/staff/login', headers: { 'x-forwarded-for': '6.6.6.6, 10.0.0.1' } });
    const a = new Agent(t.app);
    a.jar = { gk_anon: page.cookies.find((c) => c.name === 'gk_anon')?.value ?? '' };
    const res = await t.app.inject({
      method: 'POST',
      url: '/staff/login',
      headers: {
        cookie: `gk_anon=${a.jar.gk_anon}`,
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': '6.6.6.6, 10.0.0.1',
      },
      payload: new URLSearchParams({ _csrf: csrfFrom(page.body), username: 'nobody-here', password: 'x' }).toString(),
    });
    assert.equal(res.statusCode, 422);
    await t.services.staff.create(systemCtx('test'), {
      organId: String((await t.services.organs.byCode('org1'))?.id),
      username: 'proxied',
      displayName: '代理',
      password: TEST_PASSWORD,
      roles: ['office_staff'],
    });
    const login = await t.app.inject({
      method: 'POST',
      url: '/staff/login',
      headers: {
        cookie: `gk_anon=${a.jar.gk_anon}`,
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': '6.6.6.6, 10.0.0.1',
      },
      payload: new URLSearchParams({ _csrf: csrfFrom(page.body), username: 'proxied', password: TEST_PASSWORD }).toString(),
    });
    assert.equal(login.statusCode, 303);
    const row = await t.db.db
      .selectFrom('audit_log')
      .select('ip')
      .where('action', '=', 'auth.login')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(row.ip, '10.0.0.1', 'the address the trusted proxy saw, not the one the client wrote');
  });

  it('never lets back-office pages be stored, and marks public pages as varying by cookie', async () => {
    const pub = await t.app.inject('/guide');
    assert.equal(pub.headers.vary, 'Cookie');
    const login = await t.app.inject('/staff/login');
    assert.equal(login.headers['cache-control'], 'no-store');
  });
});

describe('configuration', () => {
  it('refuses to trust every proxy and reads hop counts and addresses', async () => {
    const { loadConfig } = await import('../../src/config.js');
    const base = { GONGKAI_SECRET: 'x'.repeat(40) };
    assert.throws(() => loadConfig({ ...base, GONGKAI_TRUST_PROXY: 'true' }), /代理层数/);
    assert.equal(loadConfig({ ...base, GONGKAI_TRUST_PROXY: '2' }).trustProxy, 2);
    assert.deepEqual(loadConfig({ ...base, GONGKAI_TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).trustProxy, [
      '10.0.0.1',
      '10.1.0.0/16',
    ]);
    assert.equal(loadConfig(base).trustProxy, false);
  });
});
