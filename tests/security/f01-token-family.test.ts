/**
 * Finding 1: a party token worked in every family that uses the same party id. Two families here share `alice` and
 * `bob`; bob's token of the consortium paying in the bilateral family (where bob is also a party, for another
 * company) was a 201 that fulfilled the other company's obligation. A token now belongs to a party of one family.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server/listen.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { addToken, call, FIXTURES, loadDir, startServer } from '../server-harness.js';

let server: Running;
let store: MemoryStore;
let bobOfConsortium: string;
let bobOfBilateral: string;

beforeAll(async () => {
  store = new MemoryStore();
  await loadDir(store, join(FIXTURES, 'server-consortium'), 'server-consortium');
  await loadDir(store, join(FIXTURES, 'server-bilateral'), 'server-bilateral');
  bobOfConsortium = await addToken(store, 'bob', 'server-consortium');
  bobOfBilateral = await addToken(store, 'bob', 'server-bilateral');
  server = await startServer(store);
});
afterAll(async () => server.close());

const pay = { id: 'fake-pay', type: 'pay', date: '2025-06-01', actor: 'bob', data: { amount: 'EUR 9999999', recipient: 'alice' } };

describe('finding 1: a token of one family is nothing in another family that uses the same party id', () => {
  it('bob of the consortium cannot list, read or write the bilateral family: 404 like a family that does not exist, nothing appended', async () => {
    const before = await store.lastSeq('server-bilateral');
    const url = `${server.url}/api/families/server-bilateral`;
    expect((await call(`${url}/events`, bobOfConsortium, { method: 'POST', body: JSON.stringify(pay) })).status).toBe(404);
    expect((await call(`${url}/state?asOf=2025-12-31`, bobOfConsortium)).status).toBe(404);
    expect((await call(`${url}/events`, bobOfConsortium)).status).toBe(404);
    expect(((await call(`${server.url}/api/families`, bobOfConsortium)).body as { family: string }[]).map((f) => f.family)).toEqual([
      'server-consortium',
    ]);
    expect(await store.lastSeq('server-bilateral')).toBe(before);
  });

  it("bob's token of the bilateral family does what bob may do there", async () => {
    const r = await call(`${server.url}/api/families/server-bilateral/events`, bobOfBilateral, {
      method: 'POST',
      body: JSON.stringify(pay),
    });
    expect(r.status).toBe(201);
    expect((await call(`${server.url}/api/families/server-consortium`, bobOfBilateral)).status).toBe(404);
  });
});
