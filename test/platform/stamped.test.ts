// The memo of organs and column trees keyed by the content stamp (ADR 0014), and the SQLite
// statement cache: what each keeps, and when it lets go.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { withStatementCache } from '../../src/platform/db/dialect.js';
import { createStampedMemo } from '../../src/platform/db/stamped.js';

describe('stamped memo', () => {
  it('loads once per stamp, again after the stamp changes, never keeps a failure', async () => {
    let stamp = 1;
    let loads = 0;
    const memo = createStampedMemo(async () => stamp);
    const load = async () => ++loads;
    const v1 = await memo.view();
    assert.equal(await v1.get('organ:1', load), 1);
    assert.equal(await (await memo.view()).get('organ:1', load), 1, 'same stamp: kept');
    stamp = 2;
    const v2 = await memo.view();
    assert.equal(await v2.get('organ:1', load), 2, 'new stamp: loaded again');
    // a view read under the old stamp after a newer one was seen loads, and keeps nothing
    assert.equal(await v1.get('organ:1', load), 3);
    assert.equal(await v2.get('organ:1', load), 2);
    await assert.rejects(v2.get('bad', async () => Promise.reject(new Error('断开'))));
    assert.equal(await v2.get('bad', async () => 'ok'), 'ok', 'a failed load is not kept');
    assert.equal(memo.size(), 2);
  });

  it('takes a stamp read by the caller (with the row of an item page) as view() would have read it', async () => {
    let loads = 0;
    const memo = createStampedMemo(async () => {
      throw new Error('viewAt reads no stamp of its own');
    });
    const load = async () => ++loads;
    assert.equal(await memo.viewAt(7).get('organ:1', load), 1);
    assert.equal(await memo.viewAt(7).get('organ:1', load), 1, 'same stamp: kept');
    assert.equal(await memo.viewAt(8).get('organ:1', load), 2, 'a newer stamp: loaded again');
    await assert.rejects(memo.view(), /viewAt reads no stamp/);
  });
});

describe('SQLite statement cache', () => {
  it('reuses statements, bounds them, survives schema changes and lets a stream hold its own', () => {
    const raw = new SQLite(':memory:');
    const db = withStatementCache(raw, 2);
    raw.exec('CREATE TABLE t (a INTEGER)');
    db.prepare('INSERT INTO t (a) VALUES (?)').run([1]);
    db.prepare('INSERT INTO t (a) VALUES (?)').run([2]);
    const select = 'SELECT a FROM t ORDER BY a';
    assert.deepEqual(db.prepare(select).all([]), [{ a: 1 }, { a: 2 }]);
    // a stream in progress does not make the same statement busy for a plain query
    const it = db.prepare(select).iterate([]) as IterableIterator<{ a: number }>;
    assert.deepEqual(it.next().value, { a: 1 });
    assert.deepEqual(db.prepare(select).all([]), [{ a: 1 }, { a: 2 }]);
    it.return?.();
    // the schema changes under a kept statement: SQLite prepares it again
    raw.exec('ALTER TABLE t ADD COLUMN b TEXT');
    raw.exec("UPDATE t SET b = 'x'");
    assert.deepEqual(db.prepare('SELECT * FROM t ORDER BY a').all([]), [
      { a: 1, b: 'x' },
      { a: 2, b: 'x' },
    ]);
    // more distinct texts than the bound: the oldest go, every one still answers
    for (let i = 0; i < 5; i++) assert.deepEqual(db.prepare(`SELECT ${i} AS n`).all([]), [{ n: i }]);
    assert.equal(db.prepare(select).reader, true);
    assert.equal(db.prepare('DELETE FROM t').reader, false);
    db.close();
    assert.equal(raw.open, false);
  });
});
