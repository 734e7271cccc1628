/**
 * Finding 3: the hash chain revealed hidden events. Carol sees the hashes of seq 1 and 3 around seq 2, a payment
 * only alice and bob see; with `hash = sha256(prev + body)`, `sha256(sha256(h1 + guess) + body3) == h3` confirmed a
 * guess offline (25 million guesses recovered the payment). Each hash now covers a secret per-event salt that no
 * party receives, so the brute force below — which includes the exact payment among its guesses — confirms nothing,
 * while `verify` (with the store) still checks every link.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server/listen.js';
import { canonicalEvent } from '../../src/store/chain.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { addToken, call, FIXTURES, loadDir, startServer } from '../server-harness.js';
import { confirmed, guesses } from './brute-force.js';

const F = 'server-consortium';
let server: Running;
let store: MemoryStore;
let carol: string;

beforeAll(async () => {
  store = new MemoryStore();
  await loadDir(store, join(FIXTURES, F), F);
  carol = await addToken(store, 'carol', F);
  server = await startServer(store);
});
afterAll(async () => server.close());

describe("finding 3: a party's view of the chain confirms no guess about a hidden event", () => {
  it('carol gets the hashes around the hidden payment, and no guess — the true one included — links them', async () => {
    const page = (await call(`${server.url}/api/families/${F}/events`, carol)).body as {
      events: { seq: number; hash: string; event: unknown }[];
    };
    expect(page.events.map((e) => e.seq)).toEqual([1, 3]);
    const [h1, h3] = [page.events[0]!.hash, page.events[1]!.hash];
    const body3 = canonicalEvent(page.events[1]!.event);
    const all = guesses();
    expect(all.length).toBeGreaterThan(4000);
    expect(confirmed(h1, body3, h3, all)).toEqual([]);
  });

  it('no salt reaches a party, in any answer; the store still verifies every link', async () => {
    const rows = await store.events(F, 0, 10);
    expect(rows.every((r) => /^[0-9a-f]{32}$/.test(r.salt))).toBe(true);
    for (const path of ['', '/events', '/state?asOf=2025-12-31', '/versions'])
      for (const r of rows) expect((await call(`${server.url}/api/families/${F}${path}`, carol)).text).not.toContain(r.salt);
    expect((await store.verify()).ok).toBe(true);
  });
});
