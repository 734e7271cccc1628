#!/usr/bin/env node
// The pacte command: runs the compiled CLI (built by `npm install` through `prepare`). `npm run build` also bundles it
// into dist/bundle/ (scripts/build-cli.mjs), which starts faster; the bundle runs when it is at least as new as
// dist/cli/main.js, so that after a bare `tsc -p tsconfig.build.json` the command runs what tsc just wrote.
import { statSync } from 'node:fs';

const built = (path) => statSync(new URL(path, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundle = built('../dist/bundle/main.js');
const { main } = await import(bundle >= 0 && bundle >= built('../dist/cli/main.js') ? '../dist/bundle/main.js' : '../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
