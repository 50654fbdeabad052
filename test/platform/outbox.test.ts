// The transactional outbox on a real database (SQLite file, or PostgreSQL with TEST_DATABASE_URL):
// messages exist iff their transaction committed, two dispatchers on two connections never
// deliver one message twice, retries back off on the injected clock, leases expire.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ManualClock } from '../../src/platform/clock.js';
import { connect, type DbHandle } from '../../src/platform/db/connect.js';
import { inTransaction } from '../../src/platform/db/transaction.js';
import {
  createOutbox,
  type DeliveryCtx,
  enqueue,
  messageById,
  PermanentFailure,
  purgeDone,
  retryMessage,
} from '../../src/platform/outbox/outbox.js';
import { type TestDb, testDb } from '../support/db.js';

const T0 = '2026-03-02T02:00:00.000Z';

describe('outbox', () => {
  let t: TestDb;
  let second: DbHandle;
  let clock: ManualClock;
  before(async () => {
    t = await testDb();
    // another app server: its own connection (pool) to the same database
    second = connect(t.url);
  });
  after(async () => {
    await second.close();
    await t.destroy();
  });
  beforeEach(async () => {
    clock = new ManualClock(T0);
    await t.db.deleteFrom('outbox').execute();
  });

  it('writes a message in the caller’s transaction; a duplicate key is a no-op', async () => {
    const id = await inTransaction(t.db, (tx) =>
      enqueue(tx, { topic: 'mail.send', payload: { to: 'a@example.cn', n: 1 }, key: 'mail:1', at: clock.now() }),
    );
    assert.ok(id);
    const dup = await inTransaction(t.db, (tx) =>
      enqueue(tx, { topic: 'mail.send', payload: { to: 'other@example.cn' }, key: 'mail:1', at: clock.now() }),
    );
    assert.equal(dup, null);
    const rows = await t.db.selectFrom('outbox').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.deepEqual(JSON.parse(rows[0]?.payload ?? ''), { to: 'a@example.cn', n: 1 });
    assert.equal(rows[0]?.state, 'pending');
    assert.equal(rows[0]?.next_attempt_at, T0);
    // messages without a key never collide
    await inTransaction(t.db, async (tx) => {
      await enqueue(tx, { topic: 'x', payload: 1, at: clock.now() });
      await enqueue(tx, { topic: 'x', payload: 2, at: clock.now() });
    });
    assert.equal((await t.db.selectFrom('outbox').select('id').execute()).length, 3);
  });

  it('never holds a message enqueued in a transaction that rolled back', async () => {
    await assert.rejects(
      inTransaction(t.db, async (tx) => {
        await enqueue(tx, { topic: 'wechat.publish', payload: { publicationId: 9 }, key: 'rb:1', at: clock.now() });
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    assert.equal((await t.db.selectFrom('outbox').select('id').execute()).length, 0);
    const delivered: unknown[] = [];
    const outbox = createOutbox({ db: t.db, clock }, { 'wechat.publish': async (p) => delivered.push(p) });
    assert.equal((await outbox.dispatchDue()).claimed, 0);
    assert.deepEqual(delivered, []);
    // and the key is free for the change that does commit
    assert.ok(
      await inTransaction(t.db, (tx) => enqueue(tx, { topic: 'wechat.publish', payload: {}, key: 'rb:1', at: clock.now() })),
    );
  });

  it('delivers each message exactly once with two dispatchers racing on two connections', async () => {
    const N = 60;
    await inTransaction(t.db, async (tx) => {
      for (let i = 0; i < N; i++) await enqueue(tx, { topic: 'race', payload: { i }, key: `race:${i}`, at: clock.now() });
    });
    const deliveries: Array<{ worker: string; i: number; id: number }> = [];
    const handler = (worker: string) => async (p: { i: number }, ctx: DeliveryCtx) => {
      // yield to the event loop so that the other dispatcher runs between claim and outcome
      await new Promise((r) => setImmediate(r));
      deliveries.push({ worker, i: p.i, id: ctx.id });
      return { ok: true, worker };
    };
    const a = createOutbox({ db: t.db, clock }, { race: handler('a') }, { workerId: 'a' });
    const b = createOutbox({ db: second.db, clock }, { race: handler('b') }, { workerId: 'b' });
    const drain = async (o: typeof a) => {
      for (let k = 0; k < 50; k++) if ((await o.dispatchDue(7)).claimed === 0) return;
    };
    await Promise.all([drain(a), drain(b), drain(a), drain(b)]);
    assert.equal(deliveries.length, N, 'every message delivered once');
    assert.equal(new Set(deliveries.map((d) => d.i)).size, N, 'no message delivered twice');
    const rows = await t.db.selectFrom('outbox').selectAll().execute();
    assert.ok(rows.every((r) => r.state === 'done' && Number(r.attempts) === 1 && r.locked_by === null));
    // the recorded result is the handler's of the dispatcher that delivered it
    for (const d of deliveries) {
      const m = await messageById(t.db, d.id);
      assert.deepEqual(m?.result, { ok: true, worker: d.worker });
    }
    // both took part (the race is real)
    assert.ok(deliveries.some((d) => d.worker === 'a') && deliveries.some((d) => d.worker === 'b'));
  });

  it('retries with exponential backoff on the injected clock, then fails with the error', async () => {
    const id = (await inTransaction(t.db, (tx) => enqueue(tx, { topic: 'flaky', payload: { n: 1 }, at: clock.now() }))) as number;
    const attempts: number[] = [];
    const outbox = createOutbox(
      { db: t.db, clock },
      {
        flaky: async (_p, ctx) => {
          attempts.push(ctx.attempt);
          assert.equal(ctx.idempotencyKey, `outbox-${id}`);
          throw new Error(`远端拒绝（第 ${ctx.attempt} 次）`);
        },
      },
      { maxAttempts: 4, baseDelayMs: 10_000 },
    );
    assert.deepEqual(await outbox.dispatchDue(), { claimed: 1, done: 0, retried: 1, failed: 0, lost: 0 });
    let m = await messageById(t.db, id);
    assert.equal(m?.state, 'pending');
    assert.equal(m?.attempts, 1);
    assert.equal(m?.lastError, '远端拒绝（第 1 次）');
    assert.equal(m?.nextAttemptAt, '2026-03-02T02:00:10.000Z', 'first retry after 10 s');
    // not due yet: nothing happens
    clock.advance(9_999);
    assert.equal((await outbox.dispatchDue()).claimed, 0);
    clock.advance(1);
    assert.equal((await outbox.dispatchDue()).retried, 1);
    m = await messageById(t.db, id);
    assert.equal(m?.nextAttemptAt, '2026-03-02T02:00:30.000Z', 'then after 20 s');
    clock.set('2026-03-02T02:00:30.000Z');
    await outbox.dispatchDue();
    m = await messageById(t.db, id);
    assert.equal(m?.nextAttemptAt, '2026-03-02T02:01:10.000Z', 'then after 40 s');
    clock.set(m?.nextAttemptAt as string);
    assert.deepEqual(await outbox.dispatchDue(), { claimed: 1, done: 0, retried: 0, failed: 1, lost: 0 });
    m = await messageById(t.db, id);
    assert.equal(m?.state, 'failed');
    assert.equal(m?.attempts, 4);
    assert.equal(m?.lastError, '远端拒绝（第 4 次）');
    assert.deepEqual(attempts, [1, 2, 3, 4]);
    // failed stays failed
    clock.advance(24 * 3600_000);
    assert.equal((await outbox.dispatchDue()).claimed, 0);
    // until someone puts it back
    assert.ok(await retryMessage(t.db, id, clock.now()));
    m = await messageById(t.db, id);
    assert.equal(m?.state, 'pending');
    assert.equal(m?.attempts, 0);
  });

  it('gives up at once on a permanent failure', async () => {
    const id = (await inTransaction(t.db, (tx) => enqueue(tx, { topic: 'bad', payload: {}, at: clock.now() }))) as number;
    const outbox = createOutbox(
      { db: t.db, clock },
      {
        bad: async () => {
          throw new PermanentFailure('未配置公众号');
        },
      },
    );
    assert.equal((await outbox.dispatchDue()).failed, 1);
    const m = await messageById(t.db, id);
    assert.equal(m?.state, 'failed');
    assert.equal(m?.lastError, '未配置公众号');
  });

  it('takes over a message whose lease expired (its server stopped mid-send)', async () => {
    const id = (await inTransaction(t.db, (tx) =>
      enqueue(tx, { topic: 'slow', payload: { doc: 7 }, key: 'slow:7', at: clock.now() }),
    )) as number;
    const calls: Array<{ worker: string; key: string; attempt: number }> = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const a = createOutbox(
      { db: t.db, clock },
      {
        slow: async (_p, ctx) => {
          calls.push({ worker: 'a', key: ctx.idempotencyKey, attempt: ctx.attempt });
          await gate; // hangs: the server is as good as dead
          return 'a';
        },
      },
      { workerId: 'a', leaseMs: 60_000 },
    );
    const b = createOutbox(
      { db: second.db, clock },
      {
        slow: async (_p, ctx) => {
          calls.push({ worker: 'b', key: ctx.idempotencyKey, attempt: ctx.attempt });
          return 'b';
        },
      },
      { workerId: 'b', leaseMs: 60_000 },
    );
    const stuck = a.dispatchDue();
    await new Promise((r) => setTimeout(r, 50));
    let m = await messageById(t.db, id);
    assert.equal(m?.state, 'sending');
    assert.equal(m?.lockedBy, 'a');
    assert.equal(m?.lockedUntil, '2026-03-02T02:01:00.000Z');
    // within the lease nobody else touches it
    clock.advance(59_000);
    assert.equal((await b.dispatchDue()).claimed, 0);
    // after it, b takes over and delivers with the same idempotency key
    clock.advance(2_000);
    assert.deepEqual(await b.dispatchDue(), { claimed: 1, done: 1, retried: 0, failed: 0, lost: 0 });
    m = await messageById(t.db, id);
    assert.equal(m?.state, 'done');
    assert.equal(m?.result, 'b');
    assert.equal(m?.attempts, 2);
    // a wakes up: its outcome is not recorded over b's
    release();
    assert.deepEqual(await stuck, { claimed: 1, done: 0, retried: 0, failed: 0, lost: 1 });
    m = await messageById(t.db, id);
    assert.equal(m?.result, 'b');
    assert.deepEqual(
      calls.map((c) => [c.worker, c.key, c.attempt]),
      [
        ['a', 'slow:7', 1],
        ['b', 'slow:7', 2],
      ],
    );
  });

  it('fails a message whose last allowed delivery was cut off', async () => {
    const id = (await inTransaction(t.db, (tx) => enqueue(tx, { topic: 'cut', payload: {}, at: clock.now() }))) as number;
    await t.db
      .updateTable('outbox')
      .set({ state: 'sending', attempts: 3, locked_by: 'dead', locked_until: '2026-03-02T01:59:00.000Z' })
      .where('id', '=', id)
      .execute();
    let called = false;
    const outbox = createOutbox(
      { db: t.db, clock },
      {
        cut: async () => {
          called = true;
        },
      },
      { maxAttempts: 3 },
    );
    assert.equal((await outbox.dispatchDue()).failed, 1);
    assert.equal(called, false);
    const m = await messageById(t.db, id);
    assert.equal(m?.state, 'failed');
    assert.match(m?.lastError ?? '', /租约 dead 已过期/);
  });

  it('leaves topics it has no handler for; kick() dispatches at once and never overlaps itself', async () => {
    await inTransaction(t.db, async (tx) => {
      await enqueue(tx, { topic: 'unknown', payload: {}, at: clock.now() });
      await enqueue(tx, { topic: 'known', payload: { n: 1 }, at: clock.now() });
      await enqueue(tx, { topic: 'known', payload: { n: 2 }, at: clock.now() });
    });
    let concurrent = 0;
    let most = 0;
    const seen: number[] = [];
    const outbox = createOutbox({ db: t.db, clock });
    outbox.handle('known', async (p: { n: number }) => {
      concurrent++;
      most = Math.max(most, concurrent);
      await new Promise((r) => setTimeout(r, 5));
      seen.push(p.n);
      concurrent--;
    });
    await Promise.all([outbox.kick(), outbox.kick(), outbox.kick()]);
    assert.deepEqual(seen.sort(), [1, 2]);
    assert.equal(most, 1);
    const states = await t.db.selectFrom('outbox').select(['topic', 'state']).orderBy('id').execute();
    assert.deepEqual(
      states.map((s) => [s.topic, s.state]),
      [
        ['unknown', 'pending'],
        ['known', 'done'],
        ['known', 'done'],
      ],
    );
  });

  it('deletes delivered messages after they have been kept long enough, nothing else', async () => {
    const outbox = createOutbox({ db: t.db, clock }, { ok: async () => 'ok' });
    await inTransaction(t.db, async (tx) => {
      await enqueue(tx, { topic: 'ok', payload: 1, key: 'old', at: clock.now() });
      await enqueue(tx, { topic: 'waiting', payload: 2, at: clock.now() });
    });
    await outbox.dispatchDue();
    clock.advance(29 * 86_400_000);
    await inTransaction(t.db, (tx) => enqueue(tx, { topic: 'ok', payload: 3, key: 'recent', at: clock.now() }));
    await outbox.dispatchDue();
    clock.advance(2 * 86_400_000);
    assert.equal(await outbox.purge(30), 1);
    const left = await t.db.selectFrom('outbox').select(['idempotency_key', 'topic', 'state']).orderBy('id').execute();
    assert.deepEqual(
      left.map((r) => [r.idempotency_key, r.topic, r.state]),
      [
        [null, 'waiting', 'pending'],
        ['recent', 'ok', 'done'],
      ],
    );
    assert.equal(await purgeDone(t.db, clock.now()), 1);
  });
});
