// Bundles the command line (the last step of `npm run build`, after tsc): dist/cli/main.js and the evaluator's worker
// (dist/server/evaluator/worker.js), with the JavaScript dependencies they import, into dist/bundle/ (esbuild, ES
// modules split at each dynamic import, so a command still loads only its own chunks: `pacte --help` no check, `pacte
// check` no store or server). Node then reads a few files instead of several hundred (bench/startup.mjs).
//
// bin/pacte.js runs the bundle when it is at least as new as dist/cli/main.js, else dist/cli/main.js: after a bare
// `tsc -p tsconfig.build.json` the command runs what tsc just wrote, never an older bundle.
//
// The chunks sit side by side in dist/bundle/, two folders under the root as dist/cli/*.js are (`pacte serve` finds
// examples/ and dist/web/ from there), and the worker's entry is dist/bundle/worker.js, where the evaluator pool
// looks for it (`new URL('./worker.js', import.meta.url)`). Kept out: better-sqlite3 (a native addon, loaded from
// node_modules) and pg-native (pg's optional binding, not installed).
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const OUT = join(DIST, 'bundle');

rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: { main: join(DIST, 'cli', 'main.js'), worker: join(DIST, 'server', 'evaluator', 'worker.js') },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: OUT,
  chunkNames: '[name]-[hash]',
  external: ['better-sqlite3', 'pg-native'],
  // CommonJS dependencies (commander, yaml, pg…) call require() for Node's own modules: give the chunks one.
  banner: { js: "import { createRequire as __pacteRequire } from 'node:module';\nconst require = __pacteRequire(import.meta.url);" },
  logLevel: 'warning',
});
