/**
 * Two servers over one SQLite file (as several stateless `pacte serve` processes over one database): what one
 * writes, the other serves at the next request, through its caches — events, states, versions.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Running } from '../src/server/listen.js';
import { openStore } from '../src/store/open/open-store.js';
import { addToken, call, FIXTURES, loadDir, startServer } from './server-harness.js';

const F = 'server-bilateral';
const dir = mkdtempSync(join(tmpdir(), 'pacte-two-'));
const db = `sqlite:${join(dir, 'shared.db')}`;
let a: Running;
let b: Running;
let admin: string;

beforeAll(async () => {
  const sa = await openStore(db);
  await loadDir(sa, join(FIXTURES, F), F);
  admin = await addToken(sa, null);
  a = await startServer(sa);
  b = await startServer(await openStore(db));
});
afterAll(async () => {
  await a.close();
  await b.close();
  rmSync(dir, { recursive: true, force: true });
});

it("an event appended through one server is in the other one's pages and states at once", async () => {
  const state = async (s: Running) =>
    (await call(`${s.url}/api/families/${F}/state?asOf=2025-12-31`, admin)).body as {
      values: Record<string, unknown>;
      norms: { id: string; status: string }[];
    };
  const before = await state(b);
  expect(before.norms.find((n) => n.id === 'fee')?.status).toBe('fulfilled');
  const r = await call(`${a.url}/api/families/${F}/events`, admin, {
    method: 'POST',
    body: JSON.stringify({ id: 'fee-2', type: 'pay', date: '2025-04-02', actor: 'bob', data: { amount: 'EUR 70', recipient: 'alice' } }),
  });
  expect(r.status).toBe(201);
  const page = (await call(`${b.url}/api/families/${F}/events`, admin)).body as { events: { id: string }[] };
  expect(page.events.map((e) => e.id)).toEqual(['fee-1', 'fee-2']);
  expect(((await call(`${b.url}/api/families/${F}`, admin)).body as { events: number }).events).toBe(2);
});

it('a version added through one server is used by the other for states and for validating events', async () => {
  const source = readFileSync(join(FIXTURES, F, 'v1-nda.pacte.md'), 'utf8')
    .replace('version: v1-nda', 'version: v2-bonus\namends: v1-nda')
    .replace('effective: 2025-01-01', 'effective: 2025-06-01')
    .replace(
      /```pacte[\s\S]*```/,
      '```pacte\nevent bonus by alice { amount: money }\nobligation bonus_fee: bob must pay EUR 100 to alice by 2025-09-30\n```',
    );
  const put = await call(`${b.url}/api/families/${F}/versions`, admin, {
    method: 'POST',
    body: JSON.stringify({ file: 'v2-bonus.pacte.md', source }),
  });
  expect(put.status, put.text).toBe(201);
  const st = (await call(`${a.url}/api/families/${F}/state?asOf=2025-12-31`, admin)).body as {
    governing: { version: string };
    norms: { id: string; status: string }[];
  };
  expect(st.governing.version).toBe('v2-bonus');
  expect(st.norms.find((n) => n.id === 'bonus_fee')?.status).toBe('violated');
  const ev = await call(`${a.url}/api/families/${F}/events`, admin, {
    method: 'POST',
    body: JSON.stringify({ id: 'b-1', type: 'bonus', date: '2025-07-01', actor: 'alice', data: { amount: 'EUR 5' } }),
  });
  expect(ev.status, ev.text).toBe(201);
});
