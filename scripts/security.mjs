#!/usr/bin/env node
// `npm run test:security`: the security suite (test/security): the authorization matrix, CSRF,
// headers, sessions, uploads and personal data on SQLite and on PostgreSQL when a server answers;
// the XSS corpus in Chromium; sqlmap against a local server (public query parameters and the
// public request form). `npm test` already runs the first group (they are ordinary *.test.ts files);
// the browser and sqlmap stages are here only (docs/security.md says why).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const only = process.argv[2]; // optional: tests | xss | sqlmap
const dir = 'test/security';
const files = (re) =>
  readdirSync(join(root, dir))
    .filter((f) => re.test(f))
    .map((f) => join(dir, f))
    .sort();

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

const nodeTest = (list, flags = []) => ['--import', 'tsx', '--test', '--test-concurrency=2', ...flags, ...list];
if (!only || only === 'tests') {
  run('security tests on SQLite', process.execPath, nodeTest(files(/\.test\.ts$/)), { TEST_DATABASE_URL: '' });
  if (process.env.TEST_DATABASE_URL) run('security tests on PostgreSQL', process.execPath, nodeTest(files(/\.test\.ts$/)));
  else process.stdout.write('\n⚠ PostgreSQL run skipped: TEST_DATABASE_URL is not set.\n');
}
if (!only || only === 'xss') {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    process.stdout.write(`\n✗ no Chromium at ${chromium} (apt-get install -y chromium)\n`);
    process.exit(1);
  }
  run('XSS corpus in Chromium', process.execPath, nodeTest(files(/\.e2e\.ts$/), ['--test-timeout=300000']));
}
if (!only || only === 'sqlmap') await sqlmapStage();
process.stdout.write('\nSecurity stages passed.\n');

async function sqlmapStage() {
  if (spawnSync('sqlmap', ['--version']).status !== 0) {
    process.stdout.write('\n✗ sqlmap is not installed (apt-get install -y sqlmap)\n');
    process.exit(1);
  }
  process.stdout.write('\n▶ sqlmap against a local server\n');
  const started = Date.now();
  const server = spawn(process.execPath, ['--import', 'tsx', join(dir, 'serve.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    server.on('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const targets = [
    ['search page', ['-u', `${base}/search?q=%E4%BD%8F%E6%88%BF&page=1`]],
    ['search API', ['-u', `${base}/api/v1/search?q=%E4%BD%8F%E6%88%BF&page=1`]],
    ['column page', ['-u', `${base}/columns/1?page=1&year=2017`]],
    ['item page', ['-u', `${base}/items/1*`]],
    ['index number', ['-u', `${base}/index/gxzjt/2017-00001*`]],
    [
      'public request form',
      [
        '-u',
        `${base}/requests/new`,
        '--data',
        'organ=gxzjt&applicantType=natural_person&applicantName=a&idType=resident_id&idNumber=1&infoTitle=a&infoDescription=a&_csrf=x',
        '--csrf-token=_csrf',
        `--csrf-url=${base}/requests/new`,
      ],
    ],
  ];
  const found = [];
  try {
    for (const [name, args] of targets) {
      const r = spawnSync(
        'timeout',
        [
          '240',
          'sqlmap',
          ...args,
          '--batch',
          '--level=1',
          '--risk=1',
          '--technique=BEUS',
          ...(args.includes('--data') ? [] : ['--threads=2']),
          '--flush-session',
          '--disable-coloring',
          `--output-dir=${join(root, 'test-results', 'sqlmap')}`,
        ],
        { cwd: root, encoding: 'utf8' },
      );
      const out = `${r.stdout}${r.stderr}`;
      const vulnerable = /identified the following injection point|is vulnerable|appears to be injectable/i.test(out);
      // a run that tested nothing (server down, every request refused) must not pass as clean
      if (!vulnerable && !/do(es)? not (seem|appear) to be injectable/i.test(out))
        found.push(`${name}: sqlmap tested nothing\n${out}`);
      process.stdout.write(`  ${vulnerable ? '✗' : '✓'} ${name}: ${vulnerable ? 'INJECTION FOUND' : 'no injection found'}\n`);
      if (vulnerable) found.push(`${name}\n${out}`);
    }
  } finally {
    server.kill('SIGTERM');
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (found.length) {
    process.stdout.write(`${found.join('\n')}\n✗ sqlmap: an injection found, or a target not tested (${secs} s)\n`);
    process.exit(1);
  }
  process.stdout.write(`✓ sqlmap: no injection found (${secs} s)\n`);
}
