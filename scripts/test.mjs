#!/usr/bin/env node
// `npm test`: typecheck, lint, the whole suite on SQLite, again on PostgreSQL when a server answers,
// and the browser journeys when Chromium is installed. Says which stages it skipped and why.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import pg from 'pg';

const root = join(import.meta.dirname, '..');
const only = process.argv[2]; // optional: unit | pg | faults | e2e | static

function files(dir, re) {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => re.test(f) && !f.includes('node_modules'))
    .map((f) => join(dir, f))
    .sort();
}

function run(title, cmd, args, env = {}) {
  process.stdout.write(`\n▶ ${title}\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stdout.write(`✗ ${title} failed (${secs} s)\n`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`✓ ${title} (${secs} s)\n`);
}

async function postgresUrl() {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return url;
  } catch (err) {
    process.stdout.write(`\n⚠ PostgreSQL stage skipped: no server at ${url} (${err.message}).\n`);
    return undefined;
  } finally {
    await c.end().catch(() => {});
  }
}

// The PostgreSQL stage runs the files that can reach a database: those importing (through their
// relative imports, types aside) the connection module or the test database and server helpers,
// or naming TEST_DATABASE_URL. The others (pure functions, report rendering, the checker) behave
// the same on either database; running them twice only cost CI time.
const DB_MODULES = new Set(['src/platform/db/connect.ts', 'test/support/db.ts', 'test/support/server.ts']);
function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = join(dirname(from), spec);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((c) => /\.(ts|tsx|js|mjs)$/.test(c) && existsSync(c));
}
function reachesDatabase(file, seen = new Set()) {
  if (DB_MODULES.has(relative(root, file))) return true;
  if (seen.has(file)) return false;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  if (/TEST_DATABASE_URL|usingPostgres/.test(text)) return true;
  const specs = [
    ...text.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return specs.some((m) => {
    const target = resolveImport(file, m[1]);
    return target !== undefined && reachesDatabase(target, seen);
  });
}

// the fault tests (test/faults: real servers killed, a PostgreSQL cluster restarted, a full disk)
// run in a stage of their own, one file at a time
const faults = files('test/faults', /\.test\.ts$/);
const suite = [...files('src', /\.test\.tsx?$/), ...files('test', /\.test\.tsx?$/)].filter((f) => !faults.includes(f));
const nodeTest = (list, concurrency) => ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...list];

if (!only || only === 'static') {
  run('typecheck (tsc --noEmit)', 'npx', ['tsc', '--noEmit']);
  run('lint (biome check)', 'npx', ['biome', 'check', '.']);
}
if (!only || only === 'unit') {
  const env = { TEST_DATABASE_URL: '' };
  delete process.env.TEST_DATABASE_URL;
  run(`tests on SQLite (${suite.length} files)`, process.execPath, nodeTest(suite, 2), env);
}
if (!only || only === 'pg') {
  const url = await postgresUrl();
  const onPg = suite.filter((f) => reachesDatabase(join(root, f)));
  if (url)
    run(
      `tests on PostgreSQL (${onPg.length} of ${suite.length} files: those that reach a database)`,
      process.execPath,
      nodeTest(onPg, 2),
      {
        TEST_DATABASE_URL: url,
      },
    );
}
if (!only || only === 'faults') {
  // on SQLite, then the files that use the database on PostgreSQL too (the restart test brings its own cluster)
  run(`fault tests on SQLite (${faults.length} files)`, process.execPath, nodeTest(faults, 1), { TEST_DATABASE_URL: '' });
  const url = await postgresUrl();
  const onPg = faults.filter((f) => !f.endsWith('postgres-restart.test.ts'));
  if (url)
    run(`fault tests on PostgreSQL (${onPg.length} files)`, process.execPath, nodeTest(onPg, 1), { TEST_DATABASE_URL: url });
}
if (!only || only === 'e2e') {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const e2e = files('test/e2e', /\.e2e\.ts$/);
  if (!existsSync(chromium))
    process.stdout.write(`\n⚠ Browser stage skipped: no Chromium at ${chromium} (apt-get install -y chromium).\n`);
  else if (e2e.length) run(`browser tests in Chromium (${e2e.length} files)`, process.execPath, nodeTest(e2e, 1));
}
process.stdout.write('\nAll stages passed.\n');
