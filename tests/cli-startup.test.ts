/**
 * The command line starts at once because each command loads only what it uses (issue 17): which modules a command
 * loads, recorded by a module hook in a child process, never a timing (`bench/startup.mjs` measures the times).
 *
 * - `src/cli/main.ts`, as tsc built it (`dist/cli/main.js`, from which the bundle is built with the same imports):
 *   `--help` loads main, the shared options and their message table, nothing of the pipeline; `check` and `state`
 *   load the pipeline but no store, server, MCP server or language server, nor their libraries;
 * - `bin/pacte.js` runs the bundle (`dist/bundle/main.js`) when it is at least as new as `dist/cli/main.js`, else
 *   `dist/cli/main.js`: shown on a copy of `bin/` next to two stand-in builds whose dates the test sets.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const work = mkdtempSync(join(tmpdir(), 'pacte-startup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Records the URL of every module loaded through the ES module loader into the file named by PACTE_MODULE_LOG. */
const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.PACTE_MODULE_LOG, url + '\\n');
  return next(url, context);
}`;
const REGISTER = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`,
)}`;

let runs = 0;
/** Runs `main(args)` of dist/cli/main.js in a child process; the modules it loaded (dist/ paths, package names). */
function modulesOf(args: readonly string[]): { dist: string[]; packages: string[]; code: number | null } {
  const log = join(work, `modules-${runs++}.txt`);
  const script = `const { main } = await import(${JSON.stringify(pathToFileURL(join(DIST, 'cli', 'main.js')).href)});
process.exitCode = await main(${JSON.stringify(args)}, { out() {}, err() {} });`;
  const r = spawnSync(process.execPath, ['--import', REGISTER, '--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, PACTE_MODULE_LOG: log, NODE_OPTIONS: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  const urls = readFileSync(log, 'utf8').trim().split('\n');
  const dist = urls.filter((u) => u.startsWith(pathToFileURL(DIST).href)).map((u) => relative(DIST, new URL(u).pathname));
  const packages = [...new Set(urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((p) => p !== undefined))];
  return { dist: dist.sort(), packages: packages.sort(), code: r.status };
}

/** What only the store, the server, the MCP server or the language server use. */
const HEAVY_DIRS = /^(store|server|mcp|lsp)\//;
const HEAVY_PACKAGES = [
  'better-sqlite3',
  'pg',
  'kysely',
  'hono',
  '@hono/node-server',
  '@hono/zod-openapi',
  'zod',
  '@modelcontextprotocol/sdk',
  'vscode-languageserver',
];

describe('each command loads only what it uses', () => {
  it('--help loads main, the options and their messages, nothing of the pipeline', () => {
    const { dist, packages, code } = modulesOf(['--help']);
    expect(code).toBe(0);
    expect(dist).toEqual(['cli/main.js', 'cli/options.js', 'messages/define-messages.js', 'server/evaluator/defaults.js']);
    expect(packages.filter((p) => p !== 'commander')).toEqual([]);
  });

  it('check and state load the pipeline, no store, server, MCP or language server', () => {
    const flagship = join(ROOT, 'examples', 'openai-microsoft');
    for (const args of [
      ['check', flagship],
      ['state', flagship, '--as-of', '2024-06-30', '--json'],
    ]) {
      const { dist, packages, code } = modulesOf(args);
      expect(code).toBe(0);
      expect(dist).toContain('syntax/parse.js');
      expect(dist).toContain('check/family.js');
      expect(packages).toContain('mdast-util-from-markdown');
      expect(dist.filter((d) => HEAVY_DIRS.test(d) && d !== 'server/evaluator/defaults.js')).toEqual([]);
      expect(packages.filter((p) => HEAVY_PACKAGES.includes(p))).toEqual([]);
    }
  });

  it('the hook sees what a command loads: token loads the store', () => {
    const { dist } = modulesOf(['token', 'list', '--db', 'memory:']);
    expect(dist.filter((d) => d.startsWith('store/')).length).toBeGreaterThan(0);
  });
});

describe('bin/pacte.js', () => {
  /** A copy of bin/ beside stand-in builds that say which one ran; `ages`: seconds since each was built (null: absent). */
  function which(ages: { bundle: number | null; tsc: number | null }): string {
    const dir = mkdtempSync(join(work, 'bin-'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(ROOT, 'bin', 'pacte.js'), join(dir, 'bin', 'pacte.js'));
    const now = Date.now() / 1000;
    for (const [name, path] of [
      ['bundle', join(dir, 'dist', 'bundle', 'main.js')],
      ['tsc', join(dir, 'dist', 'cli', 'main.js')],
    ] as const) {
      const age = ages[name];
      if (age === null) continue;
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, `export async function main() { console.log(${JSON.stringify(name)}); return 0; }\n`);
      utimesSync(path, now - age, now - age);
    }
    const r = spawnSync(process.execPath, [join(dir, 'bin', 'pacte.js'), '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    return r.stdout.trim();
  }

  it('runs the bundle when it is at least as new as dist/cli/main.js, else what tsc wrote', () => {
    expect(which({ bundle: 10, tsc: 20 })).toBe('bundle');
    expect(which({ bundle: 20, tsc: 20 })).toBe('bundle');
    expect(which({ bundle: 20, tsc: 10 })).toBe('tsc');
    expect(which({ bundle: null, tsc: 10 })).toBe('tsc');
  });
});
