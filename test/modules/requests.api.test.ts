import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Agent, buildTestApp, csrfFrom, organWithUnits, type TestApp, userWithRoles } from '../support/app.js';
import { application } from './requests.fixtures.js';

const API = '/api/v1/requests';
const ID = '450103198805056789';

/** Creates a token on /staff/tokens as the signed-in agent; returns the token shown once. */
async function createToken(a: Agent, name = '档案系统对接', days = '90'): Promise<string> {
  const page = await a.get('/staff/tokens');
  assert.equal(page.statusCode, 200);
  const res = await a.post('/staff/tokens', { _csrf: csrfFrom(page.body), name, days });
  assert.equal(res.statusCode, 201, res.body);
  const m = /(gk_[A-Za-z0-9_-]{43})/.exec(res.body);
  assert.ok(m?.[1], 'the token is shown once');
  return m[1];
}

describe('requests: the JSON API with API tokens', () => {
  let t: TestApp;
  let organId: number;
  let businessUnitId: number;
  const users: Record<string, number> = {};
  const agents: Record<string, Agent> = {};
  const tokens: Record<string, string> = {};

  const call = (
    who: string | null,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  before(async () => {
    t = await buildTestApp({ now: '2026-03-20T02:00:00.000Z' });
    const { organ, business } = await organWithUnits(t.services, 'jt');
    const other = await organWithUnits(t.services, 'cz');
    organId = organ.id;
    businessUnitId = business.id;
    const people = [
      ['clerk', ['office_staff'], organId],
      ['head', ['office_head'], organId],
      ['liaison', ['liaison'], organId],
      ['admin', ['admin'], organId],
      ['clerk2', ['office_staff'], organId],
      ['stranger', ['office_staff'], other.organ.id],
    ] as const;
    for (const [name, roles, org] of people) {
      const u = await userWithRoles(t.services, org, name, [...roles]);
      users[name] = u.id;
      agents[name] = new Agent(t.app);
      await agents[name].login(name);
      if (name !== 'admin') tokens[name] = await createToken(agents[name] as Agent);
    }
  });
  after(() => t.close());

  async function intake(over: Record<string, unknown> = {}) {
    const res = await call('clerk', 'POST', API, {
      ...application({ idNumber: ID, applicantName: '李四', infoTitle: '2025年老旧小区改造资金' }),
      channel: 'registered_post',
      receivedDate: '2026-03-02',
      contactPerson: null,
      ...over,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res;
  }

  it('the token page: shown once, only its hash stored, CSRF required, the creation audited', async () => {
    const clerk = agents.clerk as Agent;
    const page = await clerk.get('/staff/tokens');
    assert.match(page.body, /我的令牌/);
    assert.ok(!page.body.includes(String(tokens.clerk)), 'never shown again');
    assert.match(page.body, /gk_[A-Za-z0-9_-]{4}…/);
    const stored = await t.db.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', users.clerk as number)
      .execute();
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]?.token_hash, tokens.clerk);
    assert.equal(stored[0]?.token_hash.length, 64);
    const noCsrf = await clerk.post('/staff/tokens', { name: 'x', days: '30' });
    assert.equal(noCsrf.statusCode, 403);
    const bad = await clerk.post('/staff/tokens', { _csrf: csrfFrom(page.body), name: '', days: '7' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /此项为必填项/);
    assert.match(bad.body, /请选择有效期/);
    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'token.create').execute();
    assert.ok(audit.some((a) => Number(a.actor_user_id) === users.clerk));
    assert.ok(
      audit.every((a) => !String(a.after_json).includes(String(tokens.clerk))),
      'the token is not in the audit log',
    );
  });

  it('no token, an unknown one, or a session cookie alone: 401 JSON in Chinese', async () => {
    const headerSets: Array<Record<string, string>> = [
      {},
      { authorization: `Bearer gk_${'A'.repeat(43)}` },
      { authorization: 'Bearer nonsense' },
      { authorization: `Basic ${Buffer.from('clerk:x').toString('base64')}` },
    ];
    for (const headers of headerSets) {
      const res = await call(null, 'GET', API, undefined, headers);
      assert.equal(res.statusCode, 401);
      const body = res.json();
      assert.equal(body.error.code, 'unauthorized');
      assert.match(body.error.message, /令牌/);
    }
    // the signed-in browser's cookies give no authority on the API (and a POST is not refused as CSRF but as 401)
    const cookie = Object.entries((agents.clerk as Agent).jar)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    const withCookie = await call(null, 'POST', API, { channel: 'fax' }, { cookie });
    assert.equal(withCookie.statusCode, 401);
    assert.equal(withCookie.json().error.code, 'unauthorized');
  });

  it('intake, read (number masked), list with filters, and every write audited as the token holder', async () => {
    const res = await intake();
    const created = res.json();
    const ref = created.case.reference as string;
    assert.match(ref, /^jt-2026-\d{5}$/);
    assert.equal(res.headers.location, `${API}/${ref}`);
    assert.match(created.trackingUrl, /\/requests\/track\/[A-Za-z0-9_-]{20,}$/);
    assert.equal(created.case.state, 'registered');
    assert.equal(created.case.receivedOn, '2026-03-02');
    assert.match(created.case.receivedRule, /签收之日/);

    const got = await call('clerk', 'GET', `${API}/${ref}`);
    assert.equal(got.statusCode, 200);
    assert.ok(!got.body.includes(ID), 'the identity number is masked even for handling staff');
    const c = got.json();
    assert.notEqual(c.applicant.idNumberMasked, ID);
    assert.ok(c.applicant.idNumberMasked.includes('*'));
    assert.equal(c.due.replyDue, c.clock.replyDue);
    assert.ok(c.clock.receipt.length > 0, 'the why-this-date receipt');
    assert.equal(c.events[0].action, 'register');
    assert.equal(c.events[0].actorName, 'clerk');
    // reading through the API does not record an identity view (the number is never shown)
    const viewed = await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'request.identity_viewed').execute();
    assert.equal(viewed.length, 0);

    const audit = await t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'request.register')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(Number(audit.actor_user_id), users.clerk);
    assert.equal(audit.actor_name, 'clerk');

    // a second, older case: overdue
    const old = (await intake({ receivedDate: '2026-01-05', infoTitle: '2024年公积金缴存情况' })).json().case.reference;
    const list = await call('clerk', 'GET', API);
    assert.equal(list.statusCode, 200);
    const l = list.json();
    assert.ok(l.total >= 2);
    assert.equal(l.items[0].reference, old, 'sorted by reply due date');
    assert.equal(l.items[0].overdue, true);
    const overdue = (await call('clerk', 'GET', `${API}?overdue=true`)).json();
    assert.deepEqual(
      overdue.items.map((i: { reference: string }) => i.reference),
      [old],
    );
    const notOverdue = (await call('clerk', 'GET', `${API}?overdue=false&receivedFrom=2026-03-01`)).json();
    assert.ok(
      notOverdue.items.every((i: { overdue: boolean; receivedOn: string }) => !i.overdue && i.receivedOn >= '2026-03-01'),
    );
    const range = (await call('clerk', 'GET', `${API}?receivedFrom=2026-01-01&receivedTo=2026-01-31`)).json();
    assert.deepEqual(
      range.items.map((i: { reference: string }) => i.reference),
      [old],
    );
    const page2 = (await call('clerk', 'GET', `${API}?limit=1&page=2`)).json();
    assert.equal(page2.items.length, 1);
    assert.equal(page2.limit, 1);
    assert.notEqual(page2.items[0].reference, old);
    const before = (await call('clerk', 'GET', `${API}?dueBefore=${l.items[0].replyDue}`)).json();
    assert.equal(before.total, 0, 'due strictly before the earliest due date: none');

    const bad = await call('clerk', 'GET', `${API}?state=nope&limit=500&dueBefore=2026-02-30&colour=red`);
    assert.equal(bad.statusCode, 422);
    const e = bad.json().error;
    assert.equal(e.code, 'validation');
    assert.match(e.fields.state, /应为 open、all/);
    assert.match(e.fields.limit, /每页条数/);
    assert.match(e.fields.dueBefore, /日期格式/);
    assert.match(e.fields._, /不支持的查询参数/);
  });

  it('actions through POST …/events: versions, 409 on a stale one, 422 with fields, 403 from the policy, four eyes', async () => {
    const ref = (await intake({ infoTitle: '某路段施工许可' })).json().case.reference as string;
    const ev = (who: string, body: Record<string, unknown>) => call(who, 'POST', `${API}/${ref}/events`, body);

    let res = await ev('clerk', { action: 'assign', version: 1, unitId: businessUnitId, note: '请业务处办理' });
    assert.equal(res.statusCode, 200, res.body);
    let c = res.json();
    assert.equal(c.state, 'assigned');
    assert.equal(c.version, 2);
    assert.equal(c.unit.id, businessUnitId);

    const stale = await ev('clerk', { action: 'draft', version: 1 });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'conflict');
    assert.match(stale.json().error.message, /已被他人修改/);

    const bad = await ev('clerk', { action: 'request_correction', version: 2, on: '2026-13-01', deadline: 'soon' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.json().error.fields.on, /日期格式/);
    assert.match(bad.json().error.fields.deadline, /日期格式/);
    const unknown = await ev('clerk', { action: 'shred', version: 2 });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.json().error.fields.action, /不支持的操作/);
    const noVersion = await ev('clerk', { action: 'draft' });
    assert.equal(noVersion.statusCode, 422);
    assert.equal(noVersion.json().error.fields.version, '此项为必填项。');
    const notJson = await call('clerk', 'POST', `${API}/${ref}/events`, '{"action":', { 'content-type': 'application/json' });
    assert.equal(notJson.statusCode, 400);
    assert.equal(notJson.json().error.code, 'bad_request');

    // the extension is the office head's (policy: 403 for the clerk)
    const extendByClerk = await ev('clerk', {
      action: 'extend',
      version: 2,
      on: '2026-03-10',
      workingDays: 10,
      reason: '档案调取',
    });
    assert.equal(extendByClerk.statusCode, 403);
    assert.equal(extendByClerk.json().error.code, 'forbidden');
    res = await ev('head', { action: 'extend', version: 2, on: '2026-03-10', workingDays: 10, reason: '档案调取' });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(
      res
        .json()
        .clock.receipt.map((d: { reason: string }) => d.reason)
        .join(''),
      /./,
    );

    res = await ev('clerk', { action: 'draft', version: 3 });
    assert.equal(res.json().state, 'drafting');
    const refused = await ev('clerk', { action: 'decide', version: 4, outcome: 'withheld.third_party', legalGround: null });
    assert.equal(refused.statusCode, 409);
    assert.ok(refused.json().error.reasons.some((r: string) => /法律依据/.test(r)));
    res = await ev('clerk', { action: 'decide', version: 4, outcome: 'withheld.third_party', legalGround: '条例第十五条' });
    assert.equal(res.json().state, 'under_review');
    const self = await ev('clerk', { action: 'approve', version: 5 });
    assert.equal(self.statusCode, 409);
    assert.ok(self.json().error.reasons.some((r: string) => /公开办负责人审批/.test(r)));
    res = await ev('head', { action: 'approve', version: 5 });
    assert.equal(res.json().state, 'approved');
    res = await ev('clerk', { action: 'reply', version: 6, repliedOn: '2026-03-20', method: '邮寄' });
    assert.equal(res.json().state, 'replied');
    res = await ev('clerk', { action: 'close', version: 7 });
    c = res.json();
    assert.equal(c.state, 'closed');
    assert.equal(c.decision.outcome, 'withheld.third_party');

    // the history and the audit log name the token holders
    const actors = c.events.map((e: { action: string; actorName: string }) => `${e.action}:${e.actorName}`);
    assert.ok(actors.includes('extend:head'));
    assert.ok(actors.includes('approve:head'));
    assert.ok(actors.includes('decide:clerk'));
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('action', 'in', ['request.extend', 'request.approve', 'request.decide'])
      .execute();
    const byAction = new Map(audit.map((a) => [a.action, Number(a.actor_user_id)]));
    assert.equal(byAction.get('request.extend'), users.head);
    assert.equal(byAction.get('request.approve'), users.head);
    assert.equal(byAction.get('request.decide'), users.clerk);
  });

  it("another organ's staff get 403; a liaison sees only their unit's cases; unknown references 404", async () => {
    const ref = (await intake({ infoTitle: '联络员可见性' })).json().case.reference as string;
    const s = await call('stranger', 'GET', `${API}/${ref}`);
    assert.equal(s.statusCode, 403);
    assert.equal(s.json().error.code, 'forbidden');
    const sEv = await call('stranger', 'POST', `${API}/${ref}/events`, { action: 'draft', version: 1 });
    assert.equal(sEv.statusCode, 403);
    const sList = (await call('stranger', 'GET', API)).json();
    assert.ok(sList.items.every((i: { reference: string }) => !i.reference.startsWith('jt-')));
    const sOrgan = await call('stranger', 'GET', `${API}?organ=jt`);
    assert.equal(sOrgan.statusCode, 403);

    assert.equal((await call('liaison', 'GET', `${API}/${ref}`)).statusCode, 403);
    assert.equal((await call('liaison', 'GET', API)).json().total, 0);
    await t.services.organs.updateUnit(
      { actor: 'system', audit: { userId: null, name: 't', organId: null, requestId: null, ip: null } },
      businessUnitId,
      { name: '业务处', kind: 'business', liaisonUserId: String(users.liaison), version: '1' },
    );
    const assigned = await call('clerk', 'POST', `${API}/${ref}/events`, {
      action: 'assign',
      version: 1,
      unitId: businessUnitId,
    });
    assert.equal(assigned.statusCode, 200, assigned.body);
    const l = await call('liaison', 'GET', `${API}/${ref}`);
    assert.equal(l.statusCode, 200);
    assert.ok(!l.body.includes(ID));
    assert.ok((await call('liaison', 'GET', API)).json().items.some((i: { reference: string }) => i.reference === ref));
    const lEv = await call('liaison', 'POST', `${API}/${ref}/events`, { action: 'draft', version: 2 });
    assert.equal(lEv.statusCode, 403);

    const missing = await call('clerk', 'GET', `${API}/jt-2026-99999`);
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'not_found');
    const badIntake = await call('clerk', 'POST', API, { channel: 'pigeon', receivedDate: '2099-01-01', applicantName: '' });
    assert.equal(badIntake.statusCode, 422);
    const f = badIntake.json().error.fields;
    assert.match(f.channel, /渠道/);
    assert.match(f.applicantName, /必填/);
  });

  it('revoked and expired tokens: 401; an administrator revokes any token of the organ, others only their own', async () => {
    // clerk2 cannot revoke the clerk's token; the administrator can
    const clerkTokenId = Number(
      (
        await t.db.db
          .selectFrom('api_tokens')
          .select('id')
          .where('user_id', '=', users.clerk as number)
          .executeTakeFirstOrThrow()
      ).id,
    );
    const clerk2 = agents.clerk2 as Agent;
    let page = await clerk2.get('/staff/tokens');
    assert.ok(!page.body.includes(`/staff/tokens/${clerkTokenId}/revoke`));
    const denied = await clerk2.post(`/staff/tokens/${clerkTokenId}/revoke`, { _csrf: csrfFrom(page.body) });
    assert.equal(denied.statusCode, 403);
    assert.equal((await call('clerk', 'GET', API)).statusCode, 200);

    const admin = agents.admin as Agent;
    page = await admin.get('/staff/tokens');
    assert.match(page.body, /本机关的全部令牌/);
    assert.ok(page.body.includes(`/staff/tokens/${clerkTokenId}/revoke`));
    const revoked = await admin.post(`/staff/tokens/${clerkTokenId}/revoke`, { _csrf: csrfFrom(page.body) });
    assert.equal(revoked.statusCode, 303);
    const r = await call('clerk', 'GET', API);
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().error.code, 'unauthorized');
    const audit = await t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'token.revoke')
      .executeTakeFirstOrThrow();
    assert.equal(Number(audit.actor_user_id), users.admin);
    assert.equal(audit.subject_id, String(clerkTokenId));
    page = await (agents.clerk as Agent).get('/staff/tokens');
    assert.match(page.body, /已吊销/);

    // clerk2 revokes their own
    const own = Number(
      (
        await t.db.db
          .selectFrom('api_tokens')
          .select('id')
          .where('user_id', '=', users.clerk2 as number)
          .executeTakeFirstOrThrow()
      ).id,
    );
    page = await clerk2.get('/staff/tokens');
    assert.equal((await clerk2.post(`/staff/tokens/${own}/revoke`, { _csrf: csrfFrom(page.body) })).statusCode, 303);
    assert.equal((await call('clerk2', 'GET', API)).statusCode, 401);

    // expiry: the head's token (90 days) stops working after 90 days
    assert.equal((await call('head', 'GET', API)).statusCode, 200);
    const lastUsed = await t.db.db
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('user_id', '=', users.head as number)
      .executeTakeFirstOrThrow();
    assert.equal(lastUsed.last_used_at, t.clock.now().toISOString());
    t.clock.advance(91 * 86_400_000);
    assert.equal((await call('head', 'GET', API)).statusCode, 401);
  });
});

describe('requests API: rate limit per token', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ now: '2026-03-20T02:00:00.000Z', config: { apiRatePerMinute: 3 } });
  });
  after(() => t.close());

  it('the fourth request in a minute with the same token is refused with 429 JSON; another token is not', async () => {
    const { organ } = await organWithUnits(t.services, 'jt');
    const tokens: string[] = [];
    for (const name of ['apiuser1', 'apiuser2']) {
      await userWithRoles(t.services, organ.id, name, ['office_staff']);
      const agent = new Agent(t.app);
      await agent.login(name);
      tokens.push(await createToken(agent));
    }
    const get = (tok: string) => t.app.inject({ method: 'GET', url: API, headers: { authorization: `Bearer ${tok}` } });
    for (let i = 0; i < 3; i++) assert.equal((await get(tokens[0] as string)).statusCode, 200);
    const limited = await get(tokens[0] as string);
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error.code, 'rate_limited');
    assert.match(limited.json().error.message, /频繁/);
    assert.equal((await get(tokens[1] as string)).statusCode, 200);
  });
});
