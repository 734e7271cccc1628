/** The web UI's files: served without a token, index.html for app paths, never for /api; a hint when not built. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../src/server/listen.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { call, startServer } from './server-harness.js';

const web = mkdtempSync(join(tmpdir(), 'pacte-web-'));
let built: Running;
let bare: Running;

beforeAll(async () => {
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>pacte UI</title>');
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log("ui")');
  built = await startServer(new MemoryStore(), web);
  bare = await startServer(new MemoryStore(), null);
});
afterAll(async () => {
  await built.close();
  await bare.close();
  rmSync(web, { recursive: true, force: true });
});

describe('static files', () => {
  it('/ is index.html, files are files, other paths fall back to index.html', async () => {
    expect((await call(`${built.url}/`, null)).text).toContain('pacte UI');
    const js = await fetch(`${built.url}/assets/app.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toBe('console.log("ui")');
    expect((await call(`${built.url}/families/openai-microsoft/2025-09-12`, null)).text).toContain('pacte UI');
  });
  it('never for /api paths, and no file outside the folder', async () => {
    const r = await call(`${built.url}/api/nothing-here`, null);
    expect(r.status).toBe(401);
    expect(r.text).not.toContain('pacte UI');
    const up = await fetch(`${built.url}/..%2f..%2fetc/passwd`);
    expect(await up.text()).not.toContain('root:');
  });
  it('without a build, / says how to make one', async () => {
    const r = await call(`${bare.url}/`, null);
    expect(r.status).toBe(200);
    expect(r.text).toContain('npm run build:web');
  });
});
