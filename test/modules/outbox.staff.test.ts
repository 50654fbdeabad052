// /staff/outbox: the system administrator sees failed messages and puts one back (CSRF, audited);
// the app's job delivers through the same outbox.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appJobs } from '../../src/jobs.js';
import { inTransaction } from '../../src/platform/db/transaction.js';
import { enqueue, messageById } from '../../src/platform/outbox/outbox.js';
import { Agent, buildTestApp, organWithUnits, type TestApp, userWithRoles } from '../support/app.js';

describe('outbox back office', () => {
  let t: TestApp;
  let admin: Agent;
  let clerk: Agent;
  let failedId: number;
  const delivered: unknown[] = [];
  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
    const { organ } = await organWithUnits(t.services, 'org1');
    await userWithRoles(t.services, organ.id, 'admin1', ['admin']);
    await userWithRoles(t.services, organ.id, 'clerk1', ['office_staff']);
    let fail = true;
    t.services.outbox.handle('test.echo', async (p) => {
      if (fail) throw new Error('远端服务暂不可用 <script>x</script>');
      delivered.push(p);
      return 'ok';
    });
    failedId = (await inTransaction(t.db.db, (tx) =>
      enqueue(tx, { topic: 'test.echo', payload: { n: 1 }, key: 'echo:1', at: t.clock.now() }),
    )) as number;
    // six deliveries fail, an hour apart at most
    for (let i = 0; i < 6; i++) {
      await t.services.outbox.dispatchDue();
      t.clock.advance(3600_000);
    }
    assert.equal((await messageById(t.db.db, failedId))?.state, 'failed');
    fail = false;
    admin = new Agent(t.app);
    await admin.login('admin1');
    clerk = new Agent(t.app);
    await clerk.login('clerk1');
  });
  after(() => t.close());

  it('lists the failed message with its error, escaped, and a retry form', async () => {
    const res = await admin.get('/staff/outbox');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes('echo:1'));
    assert.ok(res.body.includes('远端服务暂不可用 &lt;script>x&lt;/script>'));
    assert.ok(res.body.includes(`action="/staff/outbox/${failedId}/retry"`));
    assert.ok(res.body.includes('href="/staff/outbox"'), 'in the navigation');
  });

  it('refuses other roles and posts without the CSRF token', async () => {
    assert.equal((await clerk.get('/staff/outbox')).statusCode, 403);
    assert.equal((await clerk.submit('/staff', `/staff/outbox/${failedId}/retry`, {})).statusCode, 403);
    assert.equal((await admin.post(`/staff/outbox/${failedId}/retry`, {})).statusCode, 403);
    assert.equal((await messageById(t.db.db, failedId))?.state, 'failed');
  });

  it('puts the message back, sends it at once and audits the retry', async () => {
    const res = await admin.submit('/staff/outbox', `/staff/outbox/${failedId}/retry`, {});
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/staff/outbox?ok=saved');
    // the after-commit kick delivers it
    await t.services.outbox.kick();
    const m = await messageById(t.db.db, failedId);
    assert.equal(m?.state, 'done');
    assert.deepEqual(delivered, [{ n: 1 }]);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id', 'actor_name'])
      .where('action', '=', 'outbox.retry')
      .execute();
    assert.deepEqual(audit, [{ action: 'outbox.retry', subject_id: String(failedId), actor_name: 'admin1' }]);
    const again = await admin.submit('/staff/outbox', `/staff/outbox/${failedId}/retry`, {});
    assert.equal(again.statusCode, 409);
    assert.ok(again.body.includes('无需重试'));
    assert.equal((await admin.submit('/staff/outbox', '/staff/outbox/999999/retry', {})).statusCode, 404);
  });

  it('is dispatched by the app job every few seconds', async () => {
    await inTransaction(t.db.db, (tx) => enqueue(tx, { topic: 'test.echo', payload: { n: 2 }, at: t.clock.now() }));
    const job = appJobs(t.services).find((j) => j.name === 'outbox.dispatch');
    assert.ok(job);
    assert.ok(job.everyMs <= 10_000);
    assert.ok(appJobs(t.services).some((j) => j.name === 'outbox.purge'));
    await job.run();
    assert.deepEqual(delivered, [{ n: 1 }, { n: 2 }]);
  });
});
