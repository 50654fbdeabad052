// Sessions and sign-in under attack: fixation, replay after sign-out, lockout after failed
// sign-ins, the password policy, the idle timeout (injected clock), cookie flags, open redirects.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from '../../src/modules/auth/auth.service.js';
import { Agent, buildTestApp, csrfFrom, organWithUnits, TEST_PASSWORD, type TestApp, userWithRoles } from '../support/app.js';

describe('security: sessions and sign-in', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ config: { sessionIdleMinutes: 30 } });
    const { organ } = await organWithUnits(t.services, 'sec');
    for (const name of ['fixer', 'locked', 'idler', 'pwuser', 'redir', 'replay'])
      await userWithRoles(t.services, organ.id, name, ['office_staff']);
  });
  after(() => t.close());

  const sid = (a: Agent) => a.jar.gk_sid;
  const signedIn = async (a: Agent) => (await a.get('/staff')).statusCode === 200;

  it('fixation: a session id planted before sign-in is never the one signed in, and gives no access', async () => {
    const a = new Agent(t.app);
    a.jar.gk_sid = 'attacker-chosen-session-id-0123456789abcdef';
    await a.login('fixer');
    assert.notEqual(sid(a), 'attacker-chosen-session-id-0123456789abcdef');
    const attacker = new Agent(t.app);
    attacker.jar.gk_sid = 'attacker-chosen-session-id-0123456789abcdef';
    assert.equal(await signedIn(attacker), false);
    // signing in again in the same browser rotates the id and ends the old session
    const first = sid(a) as string;
    const home = await a.get('/staff');
    const again = await a.post('/staff/login', { _csrf: csrfFrom(home.body), username: 'fixer', password: TEST_PASSWORD });
    assert.equal(again.statusCode, 303);
    assert.notEqual(sid(a), first);
    const old = new Agent(t.app);
    old.jar.gk_sid = first;
    assert.equal(await signedIn(old), false, 'the session before the second sign-in is over');
    assert.equal(await signedIn(a), true);
  });

  it('sign-out ends the session on the server: the old cookie replayed gets the sign-in page', async () => {
    const a = new Agent(t.app);
    await a.login('replay');
    const stolen = sid(a) as string;
    const page = await a.get('/staff');
    const out = await a.post('/staff/logout', { _csrf: csrfFrom(page.body) });
    assert.equal(out.statusCode, 303);
    const thief = new Agent(t.app);
    thief.jar.gk_sid = stolen;
    const res = await thief.get('/staff/requests');
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/staff\/login\?next=/);
  });

  it(`locks an account after ${MAX_FAILED_LOGINS} failed sign-ins for ${LOCKOUT_MINUTES} minutes, even with the right password`, async () => {
    const a = new Agent(t.app);
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) {
      const res = await a.submit('/staff/login', '/staff/login', { username: 'locked', password: `wrong-${i}` });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /用户名或密码不正确/);
    }
    const last = await a.submit('/staff/login', '/staff/login', { username: 'locked', password: 'wrong-last' });
    assert.equal(last.statusCode, 429);
    const right = await a.submit('/staff/login', '/staff/login', { username: 'locked', password: TEST_PASSWORD });
    assert.equal(right.statusCode, 429, 'the right password does not open a locked account');
    assert.match(right.body, /账号已锁定/);
    assert.equal(a.jar.gk_sid, undefined);
    t.clock.advanceMinutes(LOCKOUT_MINUTES + 1);
    const later = await a.submit('/staff/login', '/staff/login', { username: 'locked', password: TEST_PASSWORD });
    assert.equal(later.statusCode, 303, 'the lock ends by itself');
  });

  it('the password policy: short, few kinds of characters, containing the user name: refused with the reason', async () => {
    const a = new Agent(t.app);
    await a.login('pwuser');
    const cases: Array<[string, RegExp]> = [
      ['Ab1!', /至少需要 10 个字符/],
      ['abcdefghijkl', /至少三类/],
      ['Pwuser#12345', /不能包含用户名/],
      [`Aa1!${'x'.repeat(130)}`, /不能超过 128 个字符/],
    ];
    for (const [password, reason] of cases) {
      const res = await a.submit('/staff/account/password', '/staff/account/password', {
        current: TEST_PASSWORD,
        password,
        confirm: password,
      });
      assert.equal(res.statusCode, 422, password);
      assert.match(res.body, reason);
    }
    const ok = await a.submit('/staff/account/password', '/staff/account/password', {
      current: TEST_PASSWORD,
      password: 'Strong#Passw0rd-2026',
      confirm: 'Strong#Passw0rd-2026',
    });
    assert.equal(ok.statusCode, 303);
  });

  it('the idle timeout follows the injected clock: activity keeps a session, 30 quiet minutes end it', async () => {
    const a = new Agent(t.app);
    await a.login('idler');
    t.clock.advanceMinutes(29);
    assert.equal(await signedIn(a), true);
    t.clock.advanceMinutes(29);
    assert.equal(await signedIn(a), true, 'each request restarts the idle time');
    t.clock.advanceMinutes(31);
    const res = await a.get('/staff/requests');
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/staff\/login\?next=%2Fstaff%2Frequests&expired=1$/);
    const login = await a.get(String(res.headers.location));
    assert.match(login.body, /登录已超时，请重新登录/);
  });

  it('the session cookie is HttpOnly, SameSite and scoped to the back office', async () => {
    const a = new Agent(t.app);
    const page = await a.get('/staff/login');
    const res = await a.post('/staff/login', { _csrf: csrfFrom(page.body), username: 'redir', password: TEST_PASSWORD });
    const c = res.cookies.find((x) => x.name === 'gk_sid');
    assert.ok(c);
    assert.equal(c.httpOnly, true);
    assert.equal(String(c.sameSite).toLowerCase(), 'lax');
    assert.equal(c.path, '/staff');
  });

  it('sign-in never sends anyone off the site (open redirect)', async () => {
    for (const next of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      '/%2F%2Fevil.example',
    ]) {
      const a = new Agent(t.app);
      const page = await a.get(`/staff/login?next=${encodeURIComponent(next)}`);
      assert.equal(page.statusCode, 200);
      const res = await a.post('/staff/login', { _csrf: csrfFrom(page.body), username: 'redir', password: TEST_PASSWORD, next });
      assert.equal(res.statusCode, 303);
      const to = String(res.headers.location);
      assert.ok(to.startsWith('/') && !to.startsWith('//') && !to.startsWith('/\\'), `${next} → ${to}`);
    }
  });
});
