/**
 * `pacte serve --demo` (what `npm start` runs): loads the flagship and its scenarios into the SQLite file when absent, prints its story,
 * then the URL and a demo token that the API accepts; a second start reuses the file. SIGTERM stops it with exit 0.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', 'bin', 'pacte.js');
const dir = mkdtempSync(join(tmpdir(), 'pacte-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function demo(): Promise<{ out: string; url: string; token: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--demo', '--port', '0', '--db', `sqlite:${join(dir, 'demo.db')}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const t0 = Date.now();
  for (;;) {
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    const token = /demo token \(admin\): (\S+)/.exec(out)?.[1];
    if (url && token && out.includes('?token=')) {
      return {
        out,
        url,
        token,
        stop: () => {
          child.kill('SIGTERM');
          return new Promise((r) => child.once('exit', (code) => r(code)));
        },
      };
    }
    if (child.exitCode !== null || Date.now() - t0 > 30_000) throw new Error(`pacte serve --demo did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

it('serves the flagship with a demo token, after its story; the second start reuses the store', async () => {
  const first = await demo();
  expect(first.out).toContain('loaded openai-microsoft');
  expect(first.out).toContain('openai-microsoft: 8 versions, 53 events');
  expect(first.out.indexOf('openai-microsoft: 8 versions')).toBeLessThan(first.out.indexOf(first.url));
  // One link opens the UI already signed in.
  expect(first.out).toContain(`open ${first.url}/?token=${encodeURIComponent(first.token)} in a browser`);
  const families = await fetch(`${first.url}/api/families`, { headers: { authorization: `Bearer ${first.token}` } });
  expect(((await families.json()) as { family: string; events: number }[]).map((f) => [f.family, f.events])).toEqual([
    ['openai-microsoft', 53],
  ]);
  expect((await fetch(`${first.url}/api/families`)).status).toBe(401);
  // The flagship's scenarios are stored with it (issue 14).
  const scenarios = await fetch(`${first.url}/api/families/openai-microsoft/scenarios`, {
    headers: { authorization: `Bearer ${first.token}` },
  });
  expect(((await scenarios.json()) as { name: string }[]).map((x) => x.name)).toEqual([
    'agi-2027',
    'no-restructuring',
    'revenue-share-8pct-2030',
  ]);
  expect(await first.stop()).toBe(0);

  const second = await demo();
  expect(second.out).not.toContain('loaded openai-microsoft');
  expect(second.token).not.toBe(first.token);
  const r = await fetch(`${second.url}/api/families/openai-microsoft/state?asOf=2025-09-12`, {
    headers: { authorization: `Bearer ${second.token}` },
  });
  expect(((await r.json()) as { proposals: { version: string }[] }).proposals.map((p) => p.version)).toEqual(['2025-09-mou']);
  expect(await second.stop()).toBe(0);
});
