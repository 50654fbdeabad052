// Hot reads (ADR 0016): a hand-written statement run without the query builder must read what
// Kysely would read — committed rows only, a transaction's own rows inside it — on both databases.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { hotRead, hotStatement } from '../../src/platform/db/hot.js';
import { type TestDb, testDb, usingPostgres } from '../support/db.js';

const NOTE = hotStatement('gk_test_hot_notes', 'SELECT id, body FROM hot_notes WHERE body = ? ORDER BY id');

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
    // outside the transaction, while it is open: PostgreSQL answers at once without the row;
    // SQLite (one connection) waits for the transaction to end and then sees it committed
    const outside = notes('未提交').then((rows) => ({ ids: rows.map((r) => Number(r.id)), afterCommit: callbackDone }));
    await new Promise((r) => setTimeout(r, 20));
    release();
    await tx;
    const o = await outside;
    if (o.afterCommit) assert.deepEqual(o.ids, [10]);
    else assert.deepEqual(o.ids, [], 'an uncommitted row is not read');
    assert.equal(t.dialect === 'sqlite' ? o.afterCommit : true, true, 'SQLite waits its turn');
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
