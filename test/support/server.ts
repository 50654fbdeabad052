// The real server as a child process (`npm start`'s src/main.ts, or `gongkai serve`), on a
// scratch database: a SQLite file under a temporary directory, or a new PostgreSQL database
// when a server URL is given. For the load benchmark and the fault tests, which need to
// SIGKILL it, restart it and measure it from outside.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { bundled } from './bundle.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SECRET = 'load-and-faults-secret-0123456789-abcdefghijklmnop';

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ScratchDb {
  url: string;
  dialect: 'sqlite' | 'postgres';
  /** Directory for the secret, uploads, backups. */
  dir: string;
  destroy(): Promise<void>;
}

/** A fresh database: a new PostgreSQL database on `pgBase` (C.UTF-8), else a SQLite file. */
export async function scratchDb(pgBase?: string, prefix = 'gk_load'): Promise<ScratchDb> {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  if (!pgBase) {
    return {
      url: `sqlite:${join(dir, 'gongkai.db')}`,
      dialect: 'sqlite',
      dir,
      destroy: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  await admin.end();
  const u = new URL(pgBase);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    dialect: 'postgres',
    dir,
    async destroy() {
      const a = new pg.Client({ connectionString: pgBase });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The environment of a server on `db`: fixed secret, uploads beside the database, quiet logs. */
export function serverEnv(db: ScratchDb, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: db.url,
    GONGKAI_SECRET: SECRET,
    GONGKAI_UPLOAD_DIR: join(db.dir, 'uploads'),
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    ...extra,
  };
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** What the process wrote (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

/**
 * Starts `src/main.ts` (the demo is loaded on an empty database), bundled (test/support/bundle.ts),
 * and waits for `/healthz`. `args` replaces the entry (e.g. `['--import', 'tsx', 'src/main.ts']`).
 */
export async function startServerProcess(
  env: Record<string, string>,
  opts: { port?: number; args?: string[]; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const args = opts.args ?? [bundled('main')];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out = (out + c.toString()).slice(-20_000);
  });
  child.stderr?.on('data', (c: Buffer) => {
    out = (out + c.toString()).slice(-20_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
  for (;;) {
    if (gone) throw new Error(`server exited before it was ready:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in time:\n${out}`);
    }
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  const signal = async (s: NodeJS.Signals) => {
    if (!gone) child.kill(s);
    await exited;
  };
  return { url, port, child, output: () => out, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL'), exited };
}

/** Runs the `gongkai` command (bundled) with `env`; returns its status and output. */
export function gongkai(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [bundled('cli'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
