// Hot reads (ADR 0016): a hand-written statement run without the query builder must read what
// Kysely would read — committed rows only, a transaction's own rows inside it — on both databases.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { connect } from '../../src/platform/db/connect.js';
import { HOT_BATCH_MAX, hotRead, hotStatement } from '../../src/platform/db/hot.js';
import { type TestDb, testDb, usingPostgres } from '../support/db.js';

const NOTE = hotStatement('gk_test_hot_notes', 'SELECT id, body FROM hot_notes WHERE body = ? ORDER BY id');
// read for many keys at once on PostgreSQL (ADR 0020)
const BY_BODY = hotStatement('gk_test_hot_by_body', 'SELECT id, body FROM hot_notes WHERE body = ? ORDER BY id', undefined, {
  batchKey: 'text',
});
const BY_ID = hotStatement('gk_test_hot_by_id', 'SELECT id, body FROM hot_notes WHERE id = ?', undefined, {
  batchKey: 'bigint',
});

/** The statements the pools send while `fn` runs (a spy on pg.Pool's query, put back after). */
async function sent<T>(fn: () => Promise<T>): Promise<{ out: T; names: string[] }> {
  const proto = pg.Pool.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  const names: string[] = [];
  proto.query = function (this: unknown, ...a: unknown[]) {
    const q = a[0] as { name?: string } | string;
    names.push(typeof q === 'object' && q.name ? q.name : '(unnamed)');
    return original.apply(this, a);
  };
  try {
    return { out: await fn(), names };
  } finally {
    proto.query = original;
  }
}

describe('hot reads', () => {
  let t: TestDb;
  before(async () => {
    t = await testDb();
    await sql`CREATE TABLE hot_notes (id integer primary key, body varchar(100) not null)`.execute(t.db);
  });
  after(async () => t.destroy());

  const notes = (body: string, db = t.db) => hotRead<{ id: number; body: string }>(db, t.dialect, NOTE, [body]);

  it('numbers the placeholders for PostgreSQL and refuses a name twice', () => {
    assert.equal(NOTE.postgres, 'SELECT id, body FROM hot_notes WHERE body = $1 ORDER BY id');
    assert.equal(NOTE.sqlite, 'SELECT id, body FROM hot_notes WHERE body = ? ORDER BY id');
    assert.throws(() => hotStatement('gk_test_hot_notes', 'SELECT 1'), /重复/);
    assert.throws(() => hotStatement('drop table', 'SELECT 1'), /无效/);
  });

  it('reads committed rows, again and again with the statement it prepared', async () => {
    await sql`INSERT INTO hot_notes (id, body) VALUES (1, '公开'), (2, '公开'), (3, '其他')`.execute(t.db);
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(
        (await notes('公开')).map((r) => [Number(r.id), r.body]),
        [
          [1, '公开'],
          [2, '公开'],
        ],
      );
    }
    assert.deepEqual(await notes('没有'), []);
  });

  it("never sees another request's uncommitted rows; inside a transaction, sees its own", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let inserted!: () => void;
    const wrote = new Promise<void>((r) => {
      inserted = r;
    });
    let callbackDone = false;
    const tx = t.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO hot_notes (id, body) VALUES (10, '未提交')`.execute(trx);
      assert.deepEqual(
        (await notes('未提交', trx)).map((r) => Number(r.id)),
        [10],
        'the transaction reads its own row',
      );
      inserted();
      await gate;
      callbackDone = true;
    });
    await wrote;
    // outside the transaction, while it is open: PostgreSQL answers at once without the row (awaited
    // before the transaction is let go, so a slow first connection cannot blur what it read);
    // SQLite (one connection) waits for the transaction to end and then sees it committed
    const outside = notes('未提交').then((rows) => ({ ids: rows.map((r) => Number(r.id)), afterCommit: callbackDone }));
    if (t.dialect === 'postgres') {
      // (the transaction is let go whatever the read gave, so that a failure is reported, not a hang)
      try {
        const o = await outside;
        assert.equal(o.afterCommit, false, 'PostgreSQL does not wait for the open transaction');
        assert.deepEqual(o.ids, [], 'an uncommitted row is not read');
      } finally {
        release();
        await tx;
      }
    } else {
      await new Promise((r) => setTimeout(r, 20));
      release();
      await tx;
      const o = await outside;
      assert.equal(o.afterCommit, true, 'SQLite waits its turn');
      assert.deepEqual(o.ids, [10]);
    }
    assert.deepEqual(
      (await notes('未提交')).map((r) => Number(r.id)),
      [10],
    );
  });

  // a streamed query keeps a statement open on SQLite's one connection between its rows; PostgreSQL
  // streams need a cursor, which the application does not use
  if (!usingPostgres()) {
    it('reads while a streamed query is open on the SQLite connection', async () => {
      const during: number[][] = [];
      for await (const _row of t.db
        .selectFrom('hot_notes' as never)
        .selectAll()
        .stream()) {
        during.push((await notes('公开')).map((r) => Number(r.id)));
      }
      assert.ok(during.length >= 2);
      for (const ids of during) assert.deepEqual(ids, [1, 2]);
    });
  }

  it('makes a batched statement only of a statement of one parameter', () => {
    assert.match(BY_BODY.batch?.text ?? '', /unnest\(\$1::text\[\]\) WITH ORDINALITY/);
    assert.match(BY_ID.batch?.text ?? '', /WHERE id = gk_k\.key\)/);
    assert.equal(NOTE.batch, undefined);
    assert.throws(
      () => hotStatement('gk_test_hot_two', 'SELECT 1 FROM hot_notes WHERE id = ? OR body = ?', undefined, { batchKey: 'text' }),
      /恰有一个参数/,
    );
  });

  it('reads many keys asked for at once as each alone would, in one statement on PostgreSQL', async () => {
    await sql`INSERT INTO hot_notes (id, body) VALUES (30, '甲'), (31, '乙'), (32, '甲'), (33, '丙')`.execute(t.db);
    const keys = ['甲', '乙', '无', '甲', '丙', '乙'];
    const alone: unknown[] = [];
    for (const k of keys) alone.push(await hotRead(t.db, t.dialect, BY_BODY, [k]));
    const { out: together, names } = await sent(() => Promise.all(keys.map((k) => hotRead(t.db, t.dialect, BY_BODY, [k]))));
    assert.deepEqual(together, alone);
    assert.deepEqual(
      (together as Array<Array<{ id: number }>>).map((rows) => rows.map((r) => Number(r.id))),
      [[30, 32], [31], [], [30, 32], [33], [31]],
    );
    if (usingPostgres()) assert.deepEqual(names, ['gk_test_hot_by_body_batch'], 'one round trip for six reads');
    else assert.deepEqual(names, [], 'SQLite reads on its connection');
    // one read alone goes as the single statement
    const one = await sent(() => hotRead(t.db, t.dialect, BY_BODY, ['丙']));
    if (usingPostgres()) assert.deepEqual(one.names, ['gk_test_hot_by_body']);
    // one key asked for three times at once: the single statement, once
    const thrice = await sent(() => Promise.all(['丙', '丙', '丙'].map((k) => hotRead(t.db, t.dialect, BY_BODY, [k]))));
    assert.deepEqual(
      (thrice.out as Array<Array<{ id: number }>>).map((rows) => rows.map((r) => Number(r.id))),
      [[33], [33], [33]],
    );
    if (usingPostgres()) assert.deepEqual(thrice.names, ['gk_test_hot_by_body']);
  });

  it('with batches off (GONGKAI_DB_BATCH=off), sends each read alone', async () => {
    const h = connect(t.url, { batchReads: false });
    try {
      const keys = ['甲', '乙', '甲'];
      const { out, names } = await sent(() => Promise.all(keys.map((k) => hotRead(h.db, h.dialect, BY_BODY, [k]))));
      assert.deepEqual(
        (out as Array<Array<{ id: number }>>).map((rows) => rows.map((r) => Number(r.id))),
        [[30, 32], [31], [30, 32]],
      );
      assert.deepEqual(names, usingPostgres() ? ['gk_test_hot_by_body', 'gk_test_hot_by_body', 'gk_test_hot_by_body'] : []);
    } finally {
      await h.close();
    }
  });

  it(`splits a batch beyond ${HOT_BATCH_MAX} keys, and a key that fails fails its own read only`, async () => {
    const ids = Array.from({ length: HOT_BATCH_MAX + 6 }, (_, i) => 1000 + i);
    const { out, names } = await sent(() => Promise.all(ids.map((id) => hotRead(t.db, t.dialect, BY_ID, [id]))));
    assert.deepEqual(
      out,
      ids.map(() => []),
    );
    if (usingPostgres()) assert.deepEqual(names, ['gk_test_hot_by_id_batch', 'gk_test_hot_by_id_batch']);
    if (!usingPostgres()) return; // SQLite compares 'abc' with an integer without an error
    const reads = [30, 'abc', 33].map((id) =>
      hotRead<{ id: number; body: string }>(t.db, t.dialect, BY_ID, [id]).then(
        (rows) => rows.map((r) => r.body),
        (err: Error) => `失败：${err.message}`,
      ),
    );
    const got = await Promise.all(reads);
    assert.deepEqual(got[0], ['甲']);
    assert.match(got[1] as string, /^失败：.*(integer|bigint)/);
    assert.deepEqual(got[2], ['丙']);
  });

  it('a rolled-back row is never read', async () => {
    await assert.rejects(
      t.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO hot_notes (id, body) VALUES (20, '回滚')`.execute(trx);
        throw new Error('回滚');
      }),
      /回滚/,
    );
    assert.deepEqual(await notes('回滚'), []);
  });
});
