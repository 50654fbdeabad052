// Start-up and idle memory: `npm start`'s server (tsx, migrations, demo seed on an empty
// database, then an existing one) against a bare Fastify server started the same way, in the same run.
// Run: node --import tsx bench/startup.ts [--runs 5]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const root = join(import.meta.dirname, '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const BARE = `import Fastify from 'fastify';
const app = Fastify();
app.get('/healthz', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });`;

async function once(args: string[], env: Record<string, string>, port: number) {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - started;
  await fetch(`http://127.0.0.1:${port}/`).catch(() => {});
  await new Promise((r) => setTimeout(r, 2000));
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { readyMs, rssMb };
}

const rows: Array<[string, number[], number[]]> = [];
async function measure(name: string, fn: (i: number) => Promise<{ readyMs: number; rssMb: number }>) {
  const ready: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await fn(i);
    ready.push(r.readyMs);
    rss.push(r.rssMb);
  }
  rows.push([name, ready, rss]);
}

const dir = mkdtempSync(join(tmpdir(), 'gk-startup-'));
await measure('bare Fastify (baseline)', () => once(['--input-type=module', '-e', BARE], {}, 3901));
await measure('gongkai, empty database (migrate + demo seed)', async (i) => {
  const db = join(dir, `fresh-${i}.db`);
  return once(['--import', 'tsx', 'src/main.ts'], { DATABASE_URL: `sqlite:${db}` }, 3902);
});
await measure('gongkai, existing database', () =>
  once(['--import', 'tsx', 'src/main.ts'], { DATABASE_URL: `sqlite:${join(dir, 'fresh-0.db')}` }, 3903),
);
rmSync(dir, { recursive: true, force: true });

const base = rows[0] as [string, number[], number[]];
console.log(`| start-up (median of ${runs}) | ready (ms) | × baseline | RSS at idle (MB) | × baseline |`);
console.log('|---|---|---|---|---|');
for (const [name, ready, rss] of rows) {
  console.log(
    `| ${name} | ${median(ready).toFixed(0)} | ${(median(ready) / median(base[1])).toFixed(1)} | ${median(rss).toFixed(0)} | ${(median(rss) / median(base[2])).toFixed(1)} |`,
  );
}
