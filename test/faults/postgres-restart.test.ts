// PostgreSQL restarted under load (issue 6): the app reconnects and resumes without a manual
// step. The test starts a throw-away PostgreSQL cluster of its own (initdb + pg_ctl under /tmp,
// on a free port, run as the `postgres` user when the test runs as root), so that restarting it
// disturbs no one else's tests; the real server runs on it with the demo, takes submissions and
// serves pages, the cluster is restarted (`pg_ctl restart -m fast`: every connection is cut), and
// the load goes on. Needs the PostgreSQL server binaries (Debian: postgresql-15); runs whether or
// not TEST_DATABASE_URL is set.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { freePort, type ServerProcess, serverEnv, startServerProcess } from '../support/server.js';
import { checkStored, type Submission, submitRequest } from './load.js';

const PG_LIB = '/usr/lib/postgresql';
const binDir = () => {
  const versions = existsSync(PG_LIB) ? readdirSync(PG_LIB).sort() : [];
  const v = versions[versions.length - 1];
  assert.ok(v, `no PostgreSQL server binaries under ${PG_LIB} (apt-get install postgresql)`);
  return join(PG_LIB, v, 'bin');
};
const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as `postgres` when we are root (the server refuses to run as root). */
function pgRun(bin: string, args: string[]) {
  const cmd = join(binDir(), bin);
  const r = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', timeout: 120_000 })
    : spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `${bin} ${args.join(' ')}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

describe('faults: PostgreSQL restarted under load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-pgcluster-'));
  const data = join(dir, 'data');
  let port = 0;
  let server: ServerProcess | undefined;
  let cluster = false;

  before(async () => {
    chmodSync(dir, 0o777);
    port = await freePort();
    pgRun('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
    pgRun('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']);
    cluster = true;
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE gongkai TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
    await admin.end();
  });
  after(async () => {
    await server?.stop();
    if (cluster) pgRun('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reconnects and resumes without a manual step', async () => {
    const url = `postgres://postgres@127.0.0.1:${port}/gongkai`;
    const db = { url, dialect: 'postgres' as const, dir, destroy: async () => {} };
    server = await startServerProcess(serverEnv(db, { GONGKAI_TRUST_PROXY: '1' }));
    const base = server.url;
    const subs: Submission[] = [];
    const pages: number[] = [];
    let phase: 'before' | 'restarting' | 'after' = 'before';
    let next = 0;
    let stop = false;
    const byPhase = { before: 0, restarting: 0, after: 0 };
    const workers = Array.from({ length: 8 }, async (_, w) => {
      while (!stop) {
        if (w < 6) {
          const s = await submitRequest(base, 'pgrestart', next++);
          subs.push(s);
          if (s.token) byPhase[phase]++;
        } else {
          // searches (never cached: each one reads the database)
          const r = await fetch(`${base}/api/v1/search?q=${encodeURIComponent('公开')}&page=${(next % 3) + 1}`).catch(
            () => undefined,
          );
          pages.push(r?.status ?? 0);
          await r?.arrayBuffer();
        }
      }
    });
    const until = async (f: () => boolean, ms: number) => {
      const end = Date.now() + ms;
      while (!f() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      const last = subs.slice(-5).map((s) => s.status);
      assert.ok(f(), `timed out (${JSON.stringify(byPhase)}; last: ${last.join(', ')}):\n${server?.output().slice(-3000)}`);
    };
    let restartMs = 0;
    let resumeMs = 0;
    try {
      await runPhases();
    } finally {
      stop = true;
      await Promise.all(workers);
    }
    async function runPhases() {
      await until(() => byPhase.before >= 20, 120_000);
      phase = 'restarting';
      const t0 = performance.now();
      pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-l', join(dir, 'log'), '-w', 'restart']);
      restartMs = performance.now() - t0;
      phase = 'after';
      const resumed = performance.now();
      await until(() => byPhase.after >= 20, 120_000);
      resumeMs = performance.now() - resumed;
    }

    const health = await fetch(`${base}/healthz`);
    assert.equal(health.status, 200, 'the server process lived through it');
    assert.ok((await fetch(`${base}/`)).ok, 'pages are served again');
    const failed = subs.filter((s) => !s.token);
    process.stderr.write(
      `PostgreSQL restart: ${restartMs.toFixed(0)} ms; acknowledged before ${byPhase.before}, during ${byPhase.restarting}, after ${byPhase.after} (20 reached ${resumeMs.toFixed(0)} ms after the restart); ${failed.length} refused or cut off (${[...new Set(failed.map((s) => s.status))].join(', ')}); pages: ${pages.filter((s) => s === 200).length} ok, ${pages.filter((s) => s !== 200).length} not\n`,
    );
    assert.deepEqual(pages.slice(-8), new Array(8).fill(200), 'the last pages were served');
    await checkStored(url, 'pgrestart', subs);
  });
});
