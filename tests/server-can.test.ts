/**
 * `POST /api/families/{family}/can` on the flagship: the very answer of `pacte can --json` for the same act (though an
 * evaluation worker computes it), nothing written to the ledger, an act with a field its type does not declare is a 400 whose diagnostics name the
 * body's field, an unknown version a 404. Who may ask is in tests/server-access.test.ts.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../src/server/listen.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { addToken, call, FLAGSHIP, loadDir, startServer } from './server-harness.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'pacte.js');
const cli = async (...args: string[]): Promise<unknown> =>
  JSON.parse((await promisify(execFile)(process.execPath, [BIN, ...args, '--json'], { cwd: FLAGSHIP, encoding: 'utf8' })).stdout);

let server: Running;
let token: string;
let base: string;

beforeAll(async () => {
  const store = new MemoryStore();
  await loadDir(store, FLAGSHIP, 'openai-microsoft');
  token = await addToken(store, 'microsoft', 'openai-microsoft');
  server = await startServer(store);
  base = `${server.url}/api/families/openai-microsoft`;
});
afterAll(async () => server.close());

const data = { uses_openai_ip: true, summary: 'Microsoft trains its own frontier model' };

describe('POST can', () => {
  it('answers as `pacte can --json` does, and writes nothing', async () => {
    const before = (await call(`${base}/events?limit=1000`, token)).text;
    const r = await call(`${base}/can`, token, {
      method: 'POST',
      body: JSON.stringify({ asOf: '2024-06-15', party: 'microsoft', type: 'pursue_agi', data }),
    });
    expect(r.status, r.text).toBe(200);
    const expected = await cli('can', '.', 'microsoft', 'pursue_agi', '--as-of', '2024-06-15', '--data', JSON.stringify(data));
    expect(r.body).toEqual(expected);
    expect(r.body).toMatchObject({ verdict: 'breach', findings: [{ kind: 'breach', norm: 'microsoft_agi_restriction' }] });
    expect((await call(`${base}/events?limit=1000`, token)).text).toBe(before);
  });

  it('under one version alone, and a refused act or an unknown version', async () => {
    const post = (body: unknown) => call(`${base}/can`, token, { method: 'POST', body: JSON.stringify(body) });
    const under = await post({ asOf: '2026-06-01', party: 'microsoft', type: 'pursue_agi', data, version: '2023-extension' });
    expect(under.status, under.text).toBe(200);
    expect(under.body).toMatchObject({ verdict: 'breach', counterfactual: '2023-extension' });
    const bad = await post({ asOf: '2026-06-01', party: 'microsoft', type: 'pursue_agi', data: { ...data, colour: 'red' } });
    expect(bad.status, bad.text).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('data.colour');
    expect((await post({ asOf: '2026-06-01', party: 'microsoft', type: 'pursue_agi', data, version: '2031-x' })).status).toBe(404);
  });
});
