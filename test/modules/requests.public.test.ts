import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { solvePow } from '../../src/modules/requests/requests.captcha.js';
import { SUBMIT_PER_HOUR } from '../../src/modules/requests/requests.public.routes.js';
import { createSearchIndex } from '../../src/modules/search/search.index.js';
import { actorCtx, type Ctx } from '../../src/platform/context.js';
import { Agent, buildTestApp, csrfFrom, organWithUnits, type TestApp, userWithRoles } from '../support/app.js';
import { application } from './requests.fixtures.js';

const ID = '450103198808085678';
const DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** The answer to the page's arithmetic question, as a person would give it. */
function answerOf(html: string): string {
  const m = /请回答：(.)加(.)等于几？/.exec(html);
  assert.ok(m?.[1] && m[2], 'no arithmetic question on the page');
  return String((DIGIT[m[1]] ?? 0) + (DIGIT[m[2]] ?? 0));
}
const challengeOf = (html: string) => {
  const m = /name="captcha" value="([^"]+)"/.exec(html);
  assert.ok(m?.[1]);
  return m[1];
};

describe('requests: the public form and the tracking page', () => {
  let t: TestApp;
  let clerk: Ctx;

  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
    const { organ } = await organWithUnits(t.services, 'jt');
    const u = await userWithRoles(t.services, organ.id, 'clerk', ['office_staff']);
    clerk = actorCtx((await t.services.auth.actorFor(u.id)) as never, null, null);
    await createSearchIndex(t.db.db, t.db.dialect).upsert({
      kind: 'publication',
      id: '1',
      organId: organ.id,
      title: '关于2025年城区道路改造项目资金安排的公告',
      body: '城区道路改造项目资金预算共计三千万元。',
      url: '/items/1',
      publishedOn: '2026-01-10',
    });
  });
  after(() => t.close());

  /** Fills and sends the form as a browser without JavaScript (answering the question). */
  async function apply(a: Agent, over: Record<string, string> = {}) {
    const page = await a.get('/requests/new');
    assert.equal(page.statusCode, 200);
    return a.post('/requests/new', {
      _csrf: csrfFrom(page.body),
      captcha: challengeOf(page.body),
      pow: '',
      answer: answerOf(page.body),
      ...application({ idNumber: ID }),
      ...over,
    });
  }

  it('shows the Art 29 form with a captcha that works without JavaScript, and published matches first', async () => {
    const a = new Agent(t.app);
    const page = await a.get('/requests/new');
    assert.equal(page.statusCode, 200);
    for (const label of ['申请人类型', '身份证明类型', '证件号码', '所需信息的内容描述', '获取信息的方式', '查找已公开信息'])
      assert.ok(page.body.includes(label), label);
    assert.match(page.body, /请回答：.加.等于几？/);
    assert.match(page.body, /src="\/static\/pow.js"/);
    const found = await a.get(`/requests/new?q=${encodeURIComponent('道路改造')}`);
    assert.match(found.body, /关于2025年城区道路改造项目资金安排的公告/);
    assert.match(found.body, /href="\/items\/1"/);
    const section = await a.get('/apply');
    assert.match(section.body, /href="\/requests\/new"/, 'the 依申请公开 section links to the form');
    const js = await a.get('/static/pow.js');
    assert.equal(js.statusCode, 200);
  });

  it('submits, then shows the reference number and the private tracking link', async () => {
    const a = new Agent(t.app);
    const res = await apply(a);
    assert.equal(res.statusCode, 303, res.body);
    const loc = String(res.headers.location);
    assert.match(loc, /^\/requests\/track\/[A-Za-z0-9_-]{30,}\?new=1$/);
    const page = await a.get(loc);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /jt-2026-00001/);
    assert.match(page.body, /已登记/);
    assert.match(page.body, /收到申请之日/);
    assert.match(page.body, /2026-03-02/);
    assert.ok(
      page.body.includes(`http://localhost:80${loc.replace('?new=1', '')}`) || page.body.includes(loc.replace('?new=1', '')),
    );
    assert.ok(!page.body.includes(ID), 'the identity number is never on a public page');
    assert.match(page.body, /450\*+78/);
    assert.equal(page.headers['cache-control'], 'no-store');
  });

  it('solves by proof of work (the script) as well; a challenge is used once', async () => {
    const a = new Agent(t.app);
    const page = await a.get('/requests/new');
    const token = challengeOf(page.body);
    const fields = {
      _csrf: csrfFrom(page.body),
      captcha: token,
      pow: solvePow(token),
      answer: '',
      ...application({ idNumber: '450103197707071111' }),
    };
    assert.equal((await a.post('/requests/new', fields)).statusCode, 303);
    const again = await a.post('/requests/new', fields);
    assert.equal(again.statusCode, 422);
    assert.match(again.body, /已使用过/);
  });

  it('keeps what was typed and explains in Chinese: wrong answer, missing fields; no CSRF token: 403', async () => {
    const a = new Agent(t.app);
    const res = await apply(a, { answer: '99', applicantName: '', infoDescription: '我要的信息' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /验证问题的答案不正确/);
    assert.match(res.body, /此项为必填项/);
    assert.match(res.body, /我要的信息/);
    const noCsrf = await a.post('/requests/new', { ...application() });
    assert.equal(noCsrf.statusCode, 403);
  });

  it('the tracking page shows status, due date and messages, never staff notes or the number', async () => {
    const a = new Agent(t.app);
    const res = await apply(a, { idNumber: '450103196606062222' });
    const loc = String(res.headers.location).replace('?new=1', '');
    const token = loc.split('/').pop() as string;
    const view = await t.services.requests.track(token);
    assert.ok(view);
    const row = await t.db.db
      .selectFrom('requests')
      .select(['id', 'version'])
      .where('reference', '=', view.reference)
      .executeTakeFirstOrThrow();
    await t.services.requests.addNote(clerk, Number(row.id), { kind: 'note', body: '内部备注：申请人曾多次来电' });
    await t.services.requests.addNote(clerk, Number(row.id), { kind: 'message', body: '您的申请已转业务处办理。' });
    const page = await a.get(loc);
    assert.match(page.body, /您的申请已转业务处办理/);
    assert.ok(!page.body.includes('内部备注'), 'staff notes are never shown to the applicant');
    assert.ok(!page.body.includes('450103196606062222'));
    assert.ok(page.body.includes(`${view.replyDue} 前`));
    assert.equal((await a.get('/requests/track/not-a-real-token-at-all-000000')).statusCode, 404);
  });

  it(`limits submissions per address (${SUBMIT_PER_HOUR} an hour)`, async () => {
    const a = new Agent(t.app);
    let last = 0;
    for (let i = 0; i < SUBMIT_PER_HOUR + 1; i++) {
      const page = await a.get('/requests/new');
      const res = await a.post('/requests/new', { _csrf: csrfFrom(page.body), captcha: challengeOf(page.body), answer: '' });
      last = res.statusCode;
    }
    assert.equal(last, 429);
  });
});
