#!/usr/bin/env node
/**
 * `npm run bench`: runs every other bench/*.mjs in turn, each in its own Node process (so that one benchmark's heap
 * and JIT state do not affect the next), with room for large ledgers and `global.gc` available. Build first
 * (`npm run build`): the benchmarks import dist/. Exits non-zero if any benchmark fails.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((n) => n.endsWith('.mjs') && n !== 'run.mjs')
  .sort();
const failed = [];
for (const name of files) {
  console.log(`\n=== bench/${name}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', '--expose-gc', join(here, name)], { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    failed.push(name);
    console.log(`=== bench/${name} failed (${r.signal ?? `exit ${r.status}`}) after ${seconds} s`);
  } else console.log(`=== bench/${name} done in ${seconds} s`);
}
if (failed.length > 0) {
  console.log(`\nfailed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
