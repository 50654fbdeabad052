import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Agent, buildTestApp, organWithUnits, type TestApp, userWithRoles } from '../support/app.js';

const NOTICE = '国办发明电〔2026〕X号《国务院办公厅关于2027年部分节假日安排的通知》';

async function overrideAudits(t: TestApp) {
  return t.db.db
    .selectFrom('audit_log')
    .select(['action', 'subject_id', 'actor_name'])
    .where('action', 'like', 'calendar.%')
    .orderBy('id')
    .execute();
}

describe('calendar back office: the year and one override', () => {
  let t: TestApp;
  let admin: Agent;
  before(async () => {
    t = await buildTestApp({ now: '2026-11-20T02:00:00.000Z' });
    const { organ } = await organWithUnits(t.services, 'org1');
    await userWithRoles(t.services, organ.id, 'admin1', ['admin']);
    admin = new Agent(t.app);
    await admin.login('admin1');
  });
  after(() => t.close());

  it('shows the year month by month, with 休 and 班 marks, the coverage and no warning inside it', async () => {
    const res = await admin.get('/staff/calendar?year=2026');
    assert.equal(res.statusCode, 200);
    assert.equal((res.body.match(/<caption>2026年\d+月/g) ?? []).length, 12);
    assert.ok(res.body.includes('2004–2026'));
    assert.ok(!res.body.includes('尚未录入'));
    assert.match(res.body, /<td[^>]*title="调休上班[^"]*"[^>]*>14<span class="cal-mark">班/, '2026-02-14 is a working Saturday');
    assert.match(res.body, /<td[^>]*title="春节放假"[^>]*>16<span class="cal-mark">休/, '2026-02-16 is 春节');
    assert.ok(res.body.includes('href="/staff/calendar?year=2027"'));
    assert.ok(res.body.includes('href="/staff/calendar?year=2025"'));
  });

  it('defaults to the current year and answers 422 for a bad year', async () => {
    const res = await admin.get('/staff/calendar');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>\d{4}年工作日历<\/h1>/);
    assert.equal((await admin.get('/staff/calendar?year=20x7')).statusCode, 422);
  });

  it('warns for a year outside the official data', async () => {
    const res = await admin.get('/staff/calendar?year=2027');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes('该年度国务院办公厅节假日安排尚未录入，请按通知逐日录入'));
  });

  it('makes Saturday 2027-02-06 a working day through the form', async () => {
    assert.equal(await t.services.calendar.isWorkingDay('2027-02-06'), false);
    const res = await admin.submit('/staff/calendar?year=2027', '/staff/calendar/overrides', {
      date: '2027-02-06',
      working: '1',
      notice: NOTICE,
      note: '春节调休',
      year: '2027',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/staff/calendar?year=2027&ok=saved');
    const page = await admin.get(res.headers.location as string);
    assert.ok(page.body.includes('已保存。'));
    assert.ok(page.body.includes('2027-02-06'));
    assert.ok(page.body.includes(NOTICE));
    assert.ok(page.body.includes('春节调休'));
    assert.match(page.body, /<td[^>]*>6<span class="cal-mark">班＊<\/span>/, 'the month grid marks the override');
    assert.ok(page.body.includes('action="/staff/calendar/overrides/2027-02-06/delete"'));
    const cal = await t.services.calendar.calendar();
    assert.equal(cal.isWorkingDay('2027-02-06'), true);
    const audits = await overrideAudits(t);
    assert.deepEqual(
      audits.map((a) => [a.action, a.subject_id, a.actor_name]),
      [['calendar.override', '2027-02-06', 'admin1']],
    );
  });

  it('keeps what was typed when the date is wrong (422)', async () => {
    const res = await admin.submit('/staff/calendar?year=2027', '/staff/calendar/overrides', {
      date: '2027-02-30',
      working: '0',
      notice: '某某通知文号',
      note: '',
      year: '2027',
    });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes('value="某某通知文号"'));
    assert.ok(res.body.includes('value="2027-02-30"'));
    assert.match(res.body, /id="f-working-0"[^>]*checked/);
    assert.ok(res.body.includes('日期格式应为 YYYY-MM-DD'));
    assert.ok(res.body.includes('href="#f-date"'), 'the error summary links to the field');
  });

  it('asks for the notice and the type', async () => {
    const res = await admin.submit('/staff/calendar', '/staff/calendar/overrides', { date: '2027-02-07', notice: ' ' });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes('请选择“工作日”或“休息日”。'));
    assert.ok(res.body.includes('href="#f-notice"'));
    assert.equal(await t.services.calendar.isWorkingDay('2027-02-07'), false);
  });

  it('removes an override', async () => {
    const res = await admin.submit('/staff/calendar?year=2027', '/staff/calendar/overrides/2027-02-06/delete', {});
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/staff/calendar?year=2027&ok=removed');
    assert.equal(await t.services.calendar.isWorkingDay('2027-02-06'), false);
    const page = await admin.get('/staff/calendar?year=2027');
    assert.ok(page.body.includes('2027年没有录入调整。'));
    assert.deepEqual(
      (await overrideAudits(t)).map((a) => a.action),
      ['calendar.override', 'calendar.override_remove'],
    );
    const again = await admin.submit('/staff/calendar?year=2027', '/staff/calendar/overrides/2027-02-06/delete', {});
    assert.equal(again.statusCode, 404);
  });
});

describe('calendar back office: a whole notice at once', () => {
  let t: TestApp;
  let admin: Agent;
  before(async () => {
    t = await buildTestApp();
    const { organ } = await organWithUnits(t.services, 'org1');
    await userWithRoles(t.services, organ.id, 'admin1', ['admin']);
    admin = new Agent(t.app);
    await admin.login('admin1');
  });
  after(() => t.close());

  it('saves nothing when line 3 is wrong, and names line 3', async () => {
    const lines = '2027-02-06 班\n2027-02-11 休\n2027-02-31 休\n2027-02-12 休';
    const res = await admin.submit('/staff/calendar?year=2027', '/staff/calendar/overrides/bulk', {
      lines,
      bulkNotice: NOTICE,
      year: '2027',
    });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes('第 3 行'), 'the bad line is named');
    assert.ok(!res.body.includes('第 1 行') && !res.body.includes('第 2 行') && !res.body.includes('第 4 行'));
    assert.ok(res.body.includes('2027-02-11 休\n2027-02-31 休'), 'the textarea keeps the lines');
    assert.ok(res.body.includes(`value="${NOTICE}"`), 'the notice is kept');
    assert.equal((await t.services.calendar.overrides()).length, 0, 'nothing saved');
    assert.equal((await overrideAudits(t)).length, 0);
  });

  it('reports a bad mark and a duplicate date by line, and a missing notice', async () => {
    const res = await admin.submit('/staff/calendar', '/staff/calendar/overrides/bulk', {
      lines: '\n2027-10-01 放\n2027-10-02 休\n2027-10-02 班',
      bulkNotice: '',
    });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes('第 2 行：标记应为“休”或“班”'));
    assert.ok(res.body.includes('第 4 行：日期 2027-10-02 与第 3 行重复'));
    assert.ok(res.body.includes('href="#f-bulkNotice"'));
    assert.equal((await t.services.calendar.overrides()).length, 0);
  });

  it('saves every line in one go, with one audit row each', async () => {
    const res = await admin.submit('/staff/calendar', '/staff/calendar/overrides/bulk', {
      lines: '２０２７-02-06　班\r\n\r\n2027-02-11 休\r\n2027-02-12 休',
      bulkNotice: NOTICE,
      year: '2026',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/staff/calendar?year=2027&ok=saved');
    const cal = await t.services.calendar.calendar();
    assert.equal(cal.isWorkingDay('2027-02-06'), true);
    assert.equal(cal.isWorkingDay('2027-02-11'), false);
    assert.equal(cal.reason('2027-02-12').note, NOTICE);
    assert.equal((await overrideAudits(t)).length, 3);
    const page = await admin.get('/staff/calendar?year=2027');
    assert.ok(page.body.includes('2027年的调整记录，共 3 条'));
    assert.ok(page.body.includes('本年度已录入 3 条调整。'));
  });
});

describe('calendar back office: who may do what', () => {
  let t: TestApp;
  let clerk: Agent;
  before(async () => {
    t = await buildTestApp();
    const { organ } = await organWithUnits(t.services, 'org1');
    const child = await organWithUnits(t.services, 'org2', 'org1');
    await userWithRoles(t.services, organ.id, 'clerk1', ['office_staff']);
    await userWithRoles(t.services, child.organ.id, 'childadmin', ['admin']);
    clerk = new Agent(t.app);
    await clerk.login('clerk1');
  });
  after(() => t.close());

  it('lets any member of staff read the calendar, without the forms', async () => {
    const res = await clerk.get('/staff/calendar?year=2026');
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes('action="/staff/calendar/overrides"'));
    assert.ok(res.body.includes('由顶级机关的系统管理员维护'));
  });

  it('refuses overrides from office staff and from the administrator of a lower organ (403)', async () => {
    const res = await clerk.submit('/staff/calendar', '/staff/calendar/overrides', {
      date: '2027-02-06',
      working: '1',
      notice: NOTICE,
    });
    assert.equal(res.statusCode, 403);
    const bulk = await clerk.submit('/staff/calendar', '/staff/calendar/overrides/bulk', {
      lines: '2027-02-06 班',
      bulkNotice: NOTICE,
    });
    assert.equal(bulk.statusCode, 403);
    const lower = new Agent(t.app);
    await lower.login('childadmin');
    const page = await lower.get('/staff/calendar');
    assert.ok(!page.body.includes('action="/staff/calendar/overrides"'));
    const res2 = await lower.post('/staff/calendar/overrides', {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '',
      date: '2027-02-06',
      working: '1',
      notice: NOTICE,
    });
    assert.equal(res2.statusCode, 403);
    assert.equal(await t.services.calendar.isWorkingDay('2027-02-06'), false);
  });

  it('sends anonymous visitors to the sign-in page', async () => {
    const res = await t.app.inject('/staff/calendar?year=2026');
    assert.equal(res.statusCode, 303);
    assert.match(res.headers.location as string, /^\/staff\/login\?next=/);
  });

  it('checks a date and counts 20 working days across the National Day break', async () => {
    const res = await clerk.get('/staff/calendar/check?date=2025-09-26&days=20');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes('<strong>2025-10-30</strong>（星期四）'));
    assert.ok(res.body.includes('是工作日：周一至周五的正常工作日'));
    const counted = [...res.body.matchAll(/<li>(\d{4}-\d{2}-\d{2}) /g)].map((x) => x[1]);
    assert.equal(counted.length, 20);
    assert.equal(counted[0], '2025-09-28', 'the working Sunday counts first');
    assert.equal(counted[19], '2025-10-30');
    assert.ok(!counted.includes('2025-10-08'));
    assert.ok(res.body.includes('2025-10-11 星期六（调休上班'));
  });

  it('says why a date is not a working day, and keeps bad input with 422', async () => {
    const off = await clerk.get('/staff/calendar/check?date=2025-10-01&days=0');
    assert.equal(off.statusCode, 200);
    assert.match(off.body, /不是工作日：法定节假日或调休放假（[^）]+）/);
    const bad = await clerk.get('/staff/calendar/check?date=2025-13-01&days=abc');
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes('value="2025-13-01"'));
    assert.ok(bad.body.includes('value="abc"'));
    assert.ok(bad.body.includes('请填写 0 至 366 之间的整数。'));
  });

  it('shows an empty checker, filled with today and 20 days', async () => {
    const res = await clerk.get('/staff/calendar/check');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /name="date" type="date" value="\d{4}-\d{2}-\d{2}"/);
    assert.match(res.body, /name="days" type="number" value="20"/);
    assert.ok(!res.body.includes('推算结果'));
  });
});
