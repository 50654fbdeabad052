// The command and the server as one bundled file each (scripts/bundle.mjs), built once per test
// process from the current sources, for the tests that start them as child processes many times:
// a bundle starts in half the time the sources take through tsx. Built into node_modules/.cache
// (so that packages resolve) under a directory of this process's own, removed when it exits.
// The plain entry points (bin/gongkai.js, `npm start`) stay covered: tests still run them too.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string | undefined;

/** The path of the bundled `gongkai` command (src/cli.ts) or server (src/main.ts). */
export function bundled(entry: 'cli' | 'main'): string {
  if (!dir) {
    const d = join(ROOT, 'node_modules', '.cache', 'gongkai-test', `${process.pid}-${randomBytes(4).toString('hex')}`);
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs'), d, 'src/cli.ts', 'src/main.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    process.once('exit', () => rmSync(d, { recursive: true, force: true }));
    dir = d;
  }
  return join(dir, `${entry}.mjs`);
}
