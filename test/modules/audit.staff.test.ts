import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { recordAudit } from '../../src/platform/audit/audit.js';
import { systemCtx } from '../../src/platform/context.js';
import { Agent, buildTestApp, organWithUnits, type TestApp, userWithRoles } from '../support/app.js';
import { usingPostgres } from '../support/db.js';

/** Bypasses the append-only guard the way someone with database access would. */
async function tamper(t: TestApp, statement: ReturnType<typeof sql>) {
  if (usingPostgres()) {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(t.db.db);
    await statement.execute(t.db.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(t.db.db);
  } else {
    await sql`DROP TRIGGER IF EXISTS audit_log_no_update`.execute(t.db.db);
    await sql`DROP TRIGGER IF EXISTS audit_log_no_delete`.execute(t.db.db);
    await statement.execute(t.db.db);
  }
}

async function auditIds(t: TestApp) {
  return (await t.db.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => Number(r.id));
}

async function setup(t: TestApp) {
  const { organ } = await organWithUnits(t.services, 'org1');
  const child = await organWithUnits(t.services, 'org2', 'org1');
  await userWithRoles(t.services, organ.id, 'auditor1', ['audit_officer']);
  await userWithRoles(t.services, organ.id, 'admin1', ['admin']);
  await userWithRoles(t.services, organ.id, 'security1', ['security_officer']);
  await userWithRoles(t.services, child.organ.id, 'auditor2', ['audit_officer']);
  const admin = new Agent(t.app);
  await admin.login('admin1');
  const auditor = new Agent(t.app);
  await auditor.login('auditor1');
  return { organ, child, admin, auditor };
}

describe('audit log: reading and filtering', () => {
  let t: TestApp;
  let auditor: Agent;
  let admin: Agent;
  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
    ({ auditor, admin } = await setup(t));
    await admin.submit('/staff/calendar', '/staff/calendar/overrides', {
      date: '2027-02-06',
      working: '1',
      notice: '国办发明电〔2026〕X号',
    });
    await t.db.db.transaction().execute((tx) =>
      recordAudit(tx, { dialect: t.db.dialect, config: t.config }, systemCtx('cli:ops').audit, t.clock.now(), {
        action: 'report.publish',
        subjectType: 'report',
        subjectId: 7,
      }),
    );
  });
  after(() => t.close());

  it('lists entries newest first with Beijing time, Chinese labels, request id, IP and the changes', async () => {
    const res = await auditor.get('/staff/audit');
    assert.equal(res.statusCode, 200);
    const body = res.body;
    assert.ok(body.includes('<td class="when">2026-03-02 10:00:00</td>'), 'UTC 02:00 is 10:00 in Beijing');
    for (const label of ['>登录</td>', '>调整工作日</td>', '>新增机关</td>', '>新增用户</td>']) {
      assert.ok(body.includes(label), label);
    }
    assert.ok(body.includes('<td class="what">report.publish</td>'), 'an unknown action is shown as recorded');
    assert.ok(body.includes('<td class="subject">日期 2027-02-06</td>'));
    assert.ok(body.includes('<td>127.0.0.1</td>'));
    assert.match(body, /<code class="rid">[0-9a-f-]{36}<\/code>/, 'the request id');
    assert.match(body, /<details><summary>查看变更<\/summary>[\s\S]*?国办发明电〔2026〕X号/);
    const ids = [...body.matchAll(/<tr id="entry-(\d+)">/g)].map((x) => Number(x[1]));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
      'newest first',
    );
    assert.equal(ids[0], Math.max(...(await auditIds(t))));
    assert.ok(!body.includes('更早的记录'), 'fewer than 50 entries: one page');
  });

  it('filters by action, with the actions recorded in a select', async () => {
    const res = await auditor.get('/staff/audit?action=calendar.override');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<option value="calendar.override" selected[^>]*>调整工作日（calendar.override）<\/option>/);
    assert.match(res.body, /<option value="auth.login"[^>]*>登录（auth.login）<\/option>/);
    const rows = [...res.body.matchAll(/<tr id="entry-\d+">[\s\S]*?<\/tr>/g)].map((x) => x[0]);
    assert.equal(rows.length, 1);
    assert.ok(rows[0]?.includes('admin1'));
  });

  it('pages 50 at a time with a link to older entries', async () => {
    const lines = Array.from(
      { length: 60 },
      (_, i) => `2028-${String(Math.floor(i / 28) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')} 休`,
    );
    await t.services.calendar.setOverrides(systemCtx('cli:ops'), lines.join('\n'), '测试通知');
    const first = await auditor.get('/staff/audit');
    const ids = [...first.body.matchAll(/<tr id="entry-(\d+)">/g)].map((x) => Number(x[1]));
    assert.equal(ids.length, 50);
    const last = ids[49];
    assert.ok(first.body.includes(`href="/staff/audit?before=${last}"`));
    assert.ok(first.body.includes('更早的记录'));
    const second = await auditor.get(`/staff/audit?before=${last}`);
    assert.equal(second.statusCode, 200);
    const ids2 = [...second.body.matchAll(/<tr id="entry-(\d+)">/g)].map((x) => Number(x[1]));
    assert.ok(ids2.length > 0);
    assert.ok(ids2.every((id) => id < (last ?? 0)));
    assert.ok(second.body.includes('最新的记录'));
    const filtered = await auditor.get('/staff/audit?action=calendar.override');
    assert.ok(filtered.body.includes('href="/staff/audit?action=calendar.override&amp;before='), 'the filter is kept');
    assert.equal((await auditor.get('/staff/audit?before=x')).statusCode, 422);
  });

  it('shows an audit officer of a lower organ only that organ’s entries', async () => {
    const lower = new Agent(t.app);
    await lower.login('auditor2');
    const res = await lower.get('/staff/audit');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes('auditor2'), 'their own sign-in');
    assert.ok(!res.body.includes('admin1'), 'not the upper organ’s entries');
    assert.ok(!res.body.includes('调整工作日'), 'nor system-wide calendar entries');
  });

  it('refuses administrators and security officers (三员分立)', async () => {
    assert.equal((await admin.get('/staff/audit')).statusCode, 403);
    assert.equal((await admin.get('/staff/audit/verify')).statusCode, 403);
    const security = new Agent(t.app);
    await security.login('security1');
    assert.equal((await security.get('/staff/audit')).statusCode, 403);
    assert.equal((await security.get('/staff/audit/verify')).statusCode, 403);
    const anonymous = await t.app.inject('/staff/audit');
    assert.equal(anonymous.statusCode, 303);
  });

  it('says the chain is complete, with the count and the head hash', async () => {
    const res = await auditor.get('/staff/audit/verify');
    assert.equal(res.statusCode, 200);
    const count = (await auditIds(t)).length;
    const head = await t.db.db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.ok(res.body.includes(`审计日志完整：共 ${count} 条，链首哈希 <code>`));
    assert.ok(res.body.replaceAll('<wbr/>', '').includes(`<code>${head.hash}</code>`));
  });
});

describe('audit log: an altered row', () => {
  let t: TestApp;
  let auditor: Agent;
  before(async () => {
    t = await buildTestApp();
    ({ auditor } = await setup(t));
  });
  after(() => t.close());

  it('names the altered row', async () => {
    const ids = await auditIds(t);
    const target = ids[2] ?? 0;
    await tamper(t, sql`UPDATE audit_log SET actor_name = 'someone-else' WHERE id = ${target}`);
    const res = await auditor.get('/staff/audit/verify');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes(`审计日志在编号 ${target} 的记录处断裂：记录内容被篡改`), res.body);
    assert.ok(res.body.includes(`此前 ${ids.indexOf(target)} 条记录完好`));
    assert.ok(res.body.includes(`href="/staff/audit?before=${target + 1}"`));
    assert.ok(!res.body.includes('审计日志完整：'));
  });
});

describe('audit log: a deleted row', () => {
  let t: TestApp;
  let auditor: Agent;
  before(async () => {
    t = await buildTestApp();
    ({ auditor } = await setup(t));
  });
  after(() => t.close());

  it('names the row after the gap as a broken link', async () => {
    const ids = await auditIds(t);
    const middle = ids[Math.floor(ids.length / 2)] ?? 0;
    const next = ids[ids.indexOf(middle) + 1] ?? 0;
    await tamper(t, sql`DELETE FROM audit_log WHERE id = ${middle}`);
    const res = await auditor.get('/staff/audit/verify');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes(`审计日志在编号 ${next} 的记录处断裂：该记录之前的记录被删除或插入`), res.body);
  });
});
