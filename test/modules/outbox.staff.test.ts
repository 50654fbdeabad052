// /staff/outbox: an administrator sees their organs' failed messages and puts one back (CSRF,
// audited); another organ's administrator neither sees nor retries them; the server operator sees
// all; the app's job delivers through the same outbox. Migration 0016's backfill of organ_id.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appJobs } from '../../src/jobs.js';
import { actorCtx, systemCtx } from '../../src/platform/context.js';
import { backfillOrgans } from '../../src/platform/db/migrations/0016_outbox_organ.js';
import { inTransaction } from '../../src/platform/db/transaction.js';
import { enqueue, messageById } from '../../src/platform/outbox/outbox.js';
import { Agent, buildTestApp, organWithUnits, type TestApp, userWithRoles } from '../support/app.js';
import { application } from './requests.fixtures.js';

describe('outbox back office', () => {
  let t: TestApp;
  let admin: Agent;
  let clerk: Agent;
  let failedId: number;
  let organId: number;
  const ids: Record<string, number> = {};
  const delivered: unknown[] = [];
  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
    const { organ } = await organWithUnits(t.services, 'org1');
    organId = organ.id;
    await userWithRoles(t.services, organ.id, 'admin1', ['admin']);
    await userWithRoles(t.services, organ.id, 'clerk1', ['office_staff']);
    // a sub-organ of org1 and a second top-level organ, each with its administrator and a message
    // (of a topic no handler takes: they stay waiting), and an installation-wide message
    const sub = (await organWithUnits(t.services, 'org1sub', 'org1')).organ;
    const other = (await organWithUnits(t.services, 'org2')).organ;
    await userWithRoles(t.services, sub.id, 'subadmin', ['admin']);
    await userWithRoles(t.services, other.id, 'admin2', ['admin']);
    for (const [key, organ] of [
      ['idle:sub', sub.id],
      ['idle:org2', other.id],
      ['idle:all', null],
    ] as const) {
      ids[key] = (await enqueue(t.db.db, { topic: 'test.idle', payload: {}, key, at: t.clock.now(), organId: organ })) as number;
    }
    let fail = true;
    t.services.outbox.handle('test.echo', async (p) => {
      if (fail) throw new Error('远端服务暂不可用 <script>x</script>');
      delivered.push(p);
      return 'ok';
    });
    failedId = (await inTransaction(t.db.db, (tx) =>
      enqueue(tx, { topic: 'test.echo', payload: { n: 1 }, key: 'echo:1', at: t.clock.now(), organId: organ.id }),
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

  it('each administrator sees the messages of their organ and those below it, and retries only those', async () => {
    const seen = async (username: string) => {
      const a = new Agent(t.app);
      await a.login(username);
      const res = await a.get('/staff/outbox');
      assert.equal(res.statusCode, 200, username);
      return { a, keys: ['echo:1', 'idle:sub', 'idle:org2', 'idle:all'].filter((k) => res.body.includes(k)), body: res.body };
    };
    const top = await seen('admin1');
    assert.deepEqual(top.keys, ['echo:1', 'idle:sub', 'idle:all']);
    assert.ok(top.body.includes('测试机关org1sub') && top.body.includes('全系统'), 'the organ of each message');
    const sub = await seen('subadmin');
    assert.deepEqual(sub.keys, ['idle:sub']);
    const other = await seen('admin2');
    assert.deepEqual(other.keys, ['idle:org2', 'idle:all']);
    assert.match(other.body, /<dt>发送失败<\/dt>\s*<dd>0<\/dd>/, 'counts are of the organs seen');
    // another organ's message is not there for them: 404, and it stays as it was
    for (const a of [sub.a, other.a])
      assert.equal((await a.submit('/staff/outbox', `/staff/outbox/${failedId}/retry`, {})).statusCode, 404);
    assert.equal((await sub.a.submit('/staff/outbox', `/staff/outbox/${ids['idle:all']}/retry`, {})).statusCode, 404);
    assert.equal((await messageById(t.db.db, failedId))?.state, 'failed');
    // the service refuses the same way, whatever the route does
    const admin2 = await t.services.auth.actorFor((await t.services.staff.idOf('admin2')) as number);
    await assert.rejects(
      t.services.outboxAdmin.retry(actorCtx(admin2 as NonNullable<typeof admin2>, null, null), failedId),
      (e: Error & { status?: number }) => e.status === 404,
    );
    // the sub-organ's administrator retries their own (a waiting one goes back to the queue), the operator sees all
    assert.equal((await sub.a.submit('/staff/outbox', `/staff/outbox/${ids['idle:sub']}/retry`, {})).statusCode, 303);
    const all = await t.services.outboxAdmin.overview(systemCtx('test'));
    assert.deepEqual([...all.failed, ...all.waiting].map((m) => m.key).sort(), ['echo:1', 'idle:all', 'idle:org2', 'idle:sub']);
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
      .select(['action', 'subject_id', 'actor_name', 'organ_id'])
      .where('action', '=', 'outbox.retry')
      .where('subject_id', '=', String(failedId))
      .execute();
    assert.deepEqual(
      audit.map((a) => ({ ...a, organ_id: Number(a.organ_id) })),
      [{ action: 'outbox.retry', subject_id: String(failedId), actor_name: 'admin1', organ_id: organId }],
    );
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

  it('migration 0016 gives queued messages the organ they can be traced to, else none', async () => {
    const request = await t.services.requests.submitOnline(organId, application(), { ip: null, requestId: null });
    const publication = await t.db.db
      .insertInto('outbox')
      .values(row('wechat.publish', { publicationId: 999999 }, 'wechat:999999'))
      .returning('id')
      .executeTakeFirstOrThrow();
    const mail = await t.db.db
      .insertInto('outbox')
      .values(row('mail.send', {}, `request:${request.row.id}:overdue:2026-04-01:mail`))
      .returning('id')
      .executeTakeFirstOrThrow();
    const unknown = await t.db.db
      .insertInto('outbox')
      .values(row('test.idle', {}, 'something:else'))
      .returning('id')
      .executeTakeFirstOrThrow();
    await backfillOrgans(t.db.db);
    const organOf = async (id: number | string) =>
      (await t.db.db.selectFrom('outbox').select('organ_id').where('id', '=', Number(id)).executeTakeFirstOrThrow()).organ_id;
    assert.equal(Number(await organOf(mail.id)), organId);
    assert.equal(await organOf(publication.id), null, 'a publication that no longer exists: installation-wide');
    assert.equal(await organOf(unknown.id), null);
    // the acknowledgement enqueued with the request carries its organ already
    const ack = await t.db.db
      .selectFrom('outbox')
      .select('organ_id')
      .where('idempotency_key', '=', `request:${request.row.id}:received`)
      .executeTakeFirstOrThrow();
    assert.equal(Number(ack.organ_id), organId);
  });

  function row(topic: string, payload: unknown, key: string) {
    const at = t.clock.now().toISOString();
    return {
      topic,
      payload: JSON.stringify(payload),
      idempotency_key: key,
      state: 'failed' as const,
      attempts: 6,
      next_attempt_at: at,
      locked_until: null,
      locked_by: null,
      last_error: null,
      created_at: at,
      done_at: at,
      result: null,
      version: 1,
      organ_id: null,
    };
  }
});
