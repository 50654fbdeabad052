import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { computeClock } from '../../src/modules/requests/requests.clock.js';
import { Agent, buildTestApp, csrfFrom, organWithUnits, type TestApp, userWithRoles } from '../support/app.js';
import { application } from './requests.fixtures.js';

const HREF = '/staff/requests';
const ID = '450103197203034321';

const versionFrom = (html: string, action: string): string => {
  const re = new RegExp(
    `action="/staff/requests/\\d+/${action}"[^>]*>\\s*<input type="hidden" name="_csrf" value="[^"]+"/><input type="hidden" name="version" value="(\\d+)"`,
  );
  const m = re.exec(html);
  assert.ok(m?.[1], `no ${action} form on the page`);
  return m[1];
};

describe('requests: the back-office pages', () => {
  let t: TestApp;
  let organId: number;
  let businessUnitId: number;
  const agents: Record<string, Agent> = {};

  before(async () => {
    // today is 2026-03-20; the case's steps are dated on the days they happened (staff may not
    // sit idle past the session timeout, so the clock does not move)
    t = await buildTestApp({ now: '2026-03-20T02:00:00.000Z' });
    const { organ, business } = await organWithUnits(t.services, 'jt');
    const other = await organWithUnits(t.services, 'cz');
    organId = organ.id;
    businessUnitId = business.id;
    const users = [
      ['clerk', ['office_staff'], organId],
      ['head', ['office_head'], organId],
      ['liaison', ['liaison'], organId],
      ['stranger', ['office_staff'], other.organ.id],
    ] as const;
    for (const [name, roles, org] of users) {
      await userWithRoles(t.services, org, name, [...roles]);
      agents[name] = new Agent(t.app);
      await agents[name].login(name);
    }
  });
  after(() => t.close());

  /** Sends a case action form from the case page as `who`. */
  async function act(who: string, id: number, action: string, fields: Record<string, string>) {
    const a = agents[who] as Agent;
    const page = await a.get(`${HREF}/${id}`);
    assert.equal(page.statusCode, 200);
    return a.post(`${HREF}/${id}/${action}`, { _csrf: csrfFrom(page.body), version: versionFrom(page.body, action), ...fields });
  }

  async function caseId(): Promise<number> {
    const a = agents.clerk as Agent;
    const res = await a.submit(`${HREF}/new`, `${HREF}/new`, {
      ...application({ idNumber: ID, applicantName: '王五' }),
      channel: 'registered_post',
      receivedDate: '2026-02-27',
    });
    assert.equal(res.statusCode, 303, res.body);
    const m = /^\/staff\/requests\/(\d+)\?ok=created&track=([A-Za-z0-9_-]+)$/.exec(String(res.headers.location));
    assert.ok(m?.[1]);
    return Number(m[1]);
  }

  it('the whole case through the forms: intake → assign → correction → extension → decision → four eyes → reply → close', async () => {
    const id = await caseId();
    let page = await (agents.clerk as Agent).get(`${HREF}/${id}?ok=created`);
    assert.match(page.body, /签收之日/);
    assert.ok(page.body.includes(ID), 'handling staff see the number on the case page');
    assert.match(page.body, /为什么是这一天/);

    assert.equal((await act('clerk', id, 'assign', { unitId: String(businessUnitId), note: '请业务处办理' })).statusCode, 303);
    assert.equal(
      (await act('clerk', id, 'correction', { on: '2026-03-02', deadline: '2026-03-16', reason: '请写明具体路段。' })).statusCode,
      303,
    );
    assert.equal((await act('clerk', id, 'correction-received', { on: '2026-03-05', reason: '' })).statusCode, 303);
    // the extension: the clerk has no form for it; the head does
    page = await (agents.clerk as Agent).get(`${HREF}/${id}`);
    assert.ok(!page.body.includes(`/${id}/extend"`));
    assert.equal(
      (await act('head', id, 'extend', { on: '2026-03-05', workingDays: '15', reason: '涉及多个年度档案' })).statusCode,
      303,
    );
    assert.equal((await act('clerk', id, 'draft', {})).statusCode, 303);
    const refused = await act('clerk', id, 'decide', { outcome: 'withheld.third_party', legalGround: '' });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /须写明法律依据和理由/);
    assert.equal(
      (await act('clerk', id, 'decide', { outcome: 'withheld.third_party', legalGround: '条例第十五条，涉及个人隐私' }))
        .statusCode,
      303,
    );
    // four eyes: the clerk who drafted it sees the approve form but is refused, in Chinese
    const self = await act('clerk', id, 'approve', {});
    assert.equal(self.statusCode, 409);
    assert.match(self.body, /须经公开办负责人审批/);
    assert.equal((await act('head', id, 'approve', {})).statusCode, 303);
    assert.equal((await act('clerk', id, 'reply', { repliedOn: '2026-03-20', method: '邮寄', message: '' })).statusCode, 303);
    const unconfirmed = await act('clerk', id, 'close', { reason: '' });
    assert.equal(unconfirmed.statusCode, 422);
    assert.match(unconfirmed.body, /请勾选确认/);
    assert.equal((await act('clerk', id, 'close', { reason: '', confirm: '1' })).statusCode, 303);

    const view = await t.services.requests.view(
      { actor: 'system', audit: { userId: null, name: 't', organId: null, requestId: null, ip: null } },
      id,
    );
    assert.equal(view.row.state, 'closed');
    assert.equal(view.row.outcome, 'withheld.third_party');
    const events = view.events.flatMap((e) => (e.clock ? [e.clock] : []));
    const expected = computeClock({ rules: '2019', received: '2026-02-27', events }, await t.services.calendar.calendar());
    page = await (agents.head as Agent).get(`${HREF}/${id}`);
    assert.ok(page.body.includes(`${expected.replyDue}`), 'the page shows the due date the clock computes');
    assert.match(page.body, /含延长 15 个工作日/);
  });

  it('the queue: sorted by reply due date, overdue and due-soon flags, no identity numbers', async () => {
    const a = agents.clerk as Agent;
    // received long ago: overdue; received 2026-02-25: due 2026-03-24, within five working days
    for (const [date, name] of [
      ['2026-01-05', '逾期申请人'],
      ['2026-02-25', '将到期申请人'],
    ] as const) {
      const res = await a.submit(`${HREF}/new`, `${HREF}/new`, {
        ...application({ idNumber: ID, applicantName: name, infoTitle: `${name}的信息` }),
        channel: 'in_person',
        receivedDate: date,
      });
      assert.equal(res.statusCode, 303);
    }
    const page = await a.get(HREF);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /已逾期/);
    assert.match(page.body, /即将到期/);
    assert.ok(page.body.indexOf('逾期申请人') < page.body.indexOf('将到期申请人'), 'earliest due first');
    assert.ok(!page.body.includes(ID), 'no identity number in the queue');
    assert.ok(!page.body.includes('450103197203'), 'not even part of it beyond the mask');
    assert.match(page.body, /疑似重复申请/);
  });

  it("another organ's staff get 403 on the case page; a liaison sees the unit's case with the number masked", async () => {
    const id = await caseId();
    assert.equal((await (agents.stranger as Agent).get(`${HREF}/${id}`)).statusCode, 403);
    const stranger = await (agents.stranger as Agent).get(HREF);
    assert.ok(!stranger.body.includes('王五'));
    assert.equal((await (agents.liaison as Agent).get(`${HREF}/${id}`)).statusCode, 403);
    await t.services.organs.updateUnit(
      { actor: 'system', audit: { userId: null, name: 't', organId: null, requestId: null, ip: null } },
      businessUnitId,
      {
        name: '业务处',
        kind: 'business',
        liaisonUserId: String(
          (await t.db.db.selectFrom('users').select('id').where('username', '=', 'liaison').executeTakeFirstOrThrow()).id,
        ),
        version: '1',
      },
    );
    assert.equal((await act('clerk', id, 'assign', { unitId: String(businessUnitId) })).statusCode, 303);
    const page = await (agents.liaison as Agent).get(`${HREF}/${id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes(ID));
    assert.match(page.body, /450\*+21/);
    assert.ok(!page.body.includes(`/${id}/approve"`), 'no handling forms for the liaison');
    // notes: the liaison may add a staff note; it never reaches the tracking page
    const note = await (agents.liaison as Agent).submit(`${HREF}/${id}`, `${HREF}/${id}/note`, {
      kind: 'note',
      body: '业务处内部意见',
    });
    assert.equal(note.statusCode, 303);
    const asMessage = await (agents.liaison as Agent).submit(`${HREF}/${id}`, `${HREF}/${id}/note`, {
      kind: 'message',
      body: '致申请人',
    });
    assert.equal(asMessage.statusCode, 403);
  });

  it('refuses a stale form (optimistic lock) with a Chinese message', async () => {
    const id = await caseId();
    const page = await (agents.clerk as Agent).get(`${HREF}/${id}`);
    const csrf = csrfFrom(page.body);
    const version = versionFrom(page.body, 'assign');
    assert.equal(
      (await (agents.clerk as Agent).post(`${HREF}/${id}/assign`, { _csrf: csrf, version, unitId: String(businessUnitId) }))
        .statusCode,
      303,
    );
    const stale = await (agents.clerk as Agent).post(`${HREF}/${id}/draft`, { _csrf: csrf, version });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /已被他人修改/);
  });

  it('staff intake keeps what was typed and explains in Chinese', async () => {
    const res = await (agents.clerk as Agent).submit(`${HREF}/new`, `${HREF}/new`, {
      ...application({ applicantName: '赵六', infoDescription: '' }),
      channel: '',
      receivedDate: '2026-03-23',
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /请选择收到申请的渠道/);
    assert.match(res.body, /不能晚于今天/);
    assert.match(res.body, /赵六/);
  });
});
