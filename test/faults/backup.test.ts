// `gongkai backup` while the server takes submissions, `gongkai restore` into a fresh database
// (issue 6). The snapshot taken under load is consistent: it restores into a database whose
// integrity check and audit chain (against the anchor the backup printed) pass, whose every
// request has the acknowledgement its transaction enqueued, and whose rows are the source's rows.
// A backup taken once the load is over restores to identical content, table by table.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { connect, type DbHandle } from '../../src/platform/db/connect.js';
import { bundled } from '../support/bundle.js';
import {
  gongkai,
  ROOT,
  type ScratchDb,
  type ServerProcess,
  scratchDb,
  serverEnv,
  startServerProcess,
} from '../support/server.js';
import { type Submission, submitRequest } from './load.js';

const pgBase = process.env.TEST_DATABASE_URL || undefined;

/** `gongkai …` without blocking this process (the load goes on meanwhile). */
function gongkaiAsync(args: string[], env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const c = spawn(process.execPath, [bundled('cli'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d: Buffer) => {
      stdout += d;
    });
    c.stderr.on('data', (d: Buffer) => {
      stderr += d;
    });
    c.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

async function tables(h: DbHandle): Promise<string[]> {
  const q =
    h.dialect === 'sqlite'
      ? sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
      : sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;
  return (await q.execute(h.db)).rows.map((r) => r.name);
}

/** Every row of a table, as sorted JSON lines. */
async function rowsOf(h: DbHandle, table: string): Promise<string[]> {
  const r = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(h.db);
  return r.rows
    .map((row) =>
      JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('base64') : v instanceof Date ? v.toISOString() : v)),
    )
    .sort();
}

const digest = (lines: string[]) => createHash('sha256').update(lines.join('\n')).digest('hex');

describe('faults: backup during the load, restore into a fresh database', () => {
  let src: ScratchDb;
  let server: ServerProcess | undefined;
  const fresh: ScratchDb[] = [];

  before(async () => {
    src = await scratchDb(pgBase, 'gk_backup');
    server = await startServerProcess(serverEnv(src, { GONGKAI_TRUST_PROXY: '1' }));
  });
  after(async () => {
    await server?.stop();
    for (const f of fresh) await f.destroy();
    await src?.destroy();
  });

  /** Restores `file` into a new empty database; returns it. */
  async function restored(file: string): Promise<ScratchDb> {
    const db = await scratchDb(pgBase, 'gk_restored');
    fresh.push(db);
    const r = gongkai(['restore', file], serverEnv(db));
    assert.equal(r.status, 0, r.stderr);
    return db;
  }

  it('takes a consistent snapshot under load and restores it to identical content', async () => {
    const running = server as ServerProcess;
    const env = serverEnv(src);
    const underLoad = join(src.dir, 'under-load.backup');
    // submissions go on from before the backup starts until after it has finished
    let backedUp = false;
    let backup: Promise<{ status: number | null; stdout: string; stderr: string }> | undefined;
    let started = 0;
    const subs: Submission[] = [];
    let afterwards = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (!backedUp || afterwards < 20) {
          const i = started++;
          if (i === 30) {
            const t0 = performance.now();
            backup = gongkaiAsync(['backup', underLoad], env).then((r) => {
              backedUp = true;
              process.stderr.write(
                `backup under load: ${((performance.now() - t0) / 1000).toFixed(1)} s, ${started} submissions started\n`,
              );
              return r;
            });
          }
          subs.push(await submitRequest(running.url, 'backup', i));
          if (backedUp) afterwards++;
        }
      }),
    );
    const b = await (backup as NonNullable<typeof backup>);
    assert.equal(b.status, 0, b.stderr);
    assert.deepEqual(
      subs.filter((s) => !s.token).map((s) => s.status),
      [],
      'the load went on while the backup ran',
    );
    const anchor = /(\d+):([0-9a-f]{64})/.exec(b.stdout)?.[0];
    assert.ok(anchor, `the backup printed an audit anchor: ${b.stdout}`);
    await running.stop();
    server = undefined;

    const source = connect(src.url);
    const snap = await restored(underLoad);
    const snapshot = connect(snap.url);
    try {
      // the snapshot under load: sound, its chain ends at the anchor, each request with its mail
      const verify = gongkai(['audit', 'verify', '--anchor', anchor], serverEnv(snap));
      assert.equal(verify.status, 0, verify.stderr);
      if (snapshot.dialect === 'sqlite') {
        const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(snapshot.db);
        assert.equal(check.rows[0]?.integrity_check, 'ok');
      }
      const reqs = await snapshot.db
        .selectFrom('requests')
        .select('id')
        .where('info_title', 'like', '%负载测试backup-%')
        .execute();
      assert.ok(
        reqs.length > 0 && reqs.length < subs.length,
        `taken in the middle of the load (${reqs.length} of ${subs.length})`,
      );
      const keys = new Set(
        (await snapshot.db.selectFrom('outbox').select('idempotency_key').execute()).map((r) => r.idempotency_key),
      );
      for (const r of reqs) assert.ok(keys.has(`request:${r.id}:received`), `request ${r.id} has its acknowledgement`);
      // its rows are the source's rows (tables only appended to while submissions came in)
      for (const table of ['requests', 'request_events', 'audit_log']) {
        const have = new Set(await rowsOf(source, table));
        for (const row of await rowsOf(snapshot, table))
          assert.ok(have.has(row), `${table}: a row of the snapshot is the source's`);
      }

      // after the load: a backup restores to identical content, table by table
      const quiet = join(src.dir, 'quiet.backup');
      const q = gongkai(['backup', quiet], env);
      assert.equal(q.status, 0, q.stderr);
      const copyDb = await restored(quiet);
      const copy = connect(copyDb.url);
      try {
        const names = await tables(source);
        assert.deepEqual(await tables(copy), names);
        assert.ok(names.includes('requests') && names.includes('publications') && names.includes('audit_log'));
        for (const table of names) {
          const [a, c] = [await rowsOf(source, table), await rowsOf(copy, table)];
          assert.equal(c.length, a.length, `${table}: row count`);
          assert.equal(digest(c), digest(a), `${table}: content`);
        }
      } finally {
        await copy.close();
      }
    } finally {
      await snapshot.close();
      await source.close();
    }
  });
});
