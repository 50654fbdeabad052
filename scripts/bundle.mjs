#!/usr/bin/env node
// Bundles entry points of src/ into single ESM files with esbuild (dependencies stay in
// node_modules): `node scripts/bundle.mjs OUTDIR src/cli.ts src/main.ts` writes OUTDIR/cli.mjs and
// OUTDIR/main.mjs. The tests that start the command or the server as child processes run these:
// through tsx every process start resolves some 400 modules in tsx's loader thread (1.7–2 s for
// `gongkai --help`), a bundle starts in 0.7–0.9 s. The bundles behave as the sources do:
// `import.meta.url` keeps naming each source file (assets beside it are found), and JSON from
// packages is inlined. OUTDIR must be inside the project, so that node_modules resolves.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const [outdir, ...entries] = process.argv.slice(2);
if (!outdir || entries.length === 0) {
  process.stderr.write('usage: node scripts/bundle.mjs OUTDIR ENTRY.ts...\n');
  process.exit(2);
}
const root = join(import.meta.dirname, '..');

await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(entries.map((e) => [basename(e, extname(e)), e])),
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  plugins: [
    {
      name: 'gongkai-sources',
      setup(b) {
        // JSON imported from a package (the official calendar): inlined, as Node 20 would need an
        // import attribute that esbuild drops
        b.onResolve({ filter: /\.json$/ }, (a) => ({ path: createRequire(a.importer).resolve(a.path) }));
        // each source file keeps its own URL, so `new URL('./asset', import.meta.url)` finds the asset
        b.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, async (a) => ({
          contents: (await readFile(a.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(a.path).href)),
          loader: a.path.endsWith('.tsx') ? 'tsx' : 'ts',
        }));
      },
    },
  ],
});
