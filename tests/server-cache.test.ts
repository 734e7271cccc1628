/**
 * The server's caches (cached-reads.ts, answer-cache.ts) over one SQLite file: an unchanged answer is a 304 for its
 * ETag; an event appended, through this server, another server over the same file or another process, gives a fresh
 * answer; one party's cached answer never reaches another; a token revoked elsewhere stops working at once.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Running } from '../src/server/listen.js';
import { openStore } from '../src/store/open/open-store.js';
import type { Store } from '../src/store/store.js';
import { hashToken } from '../src/store/tokens.js';
import { addToken, call, FIXTURES, loadDir, startServer } from './server-harness.js';

const F = 'server-consortium';
const dir = mkdtempSync(join(tmpdir(), 'pacte-cache-'));
const file = join(dir, 'shared.db');
const db = `sqlite:${file}`;
let a: Running;
let b: Running;
let other: Store;
let admin: string;
let alice: string;
let carol: string;

beforeAll(async () => {
  const sa = await openStore(db);
  await loadDir(sa, join(FIXTURES, F), F);
  admin = await addToken(sa, null);
  alice = await addToken(sa, 'alice', F);
  carol = await addToken(sa, 'carol', F);
  a = await startServer(sa);
  other = await openStore(db);
  b = await startServer(other);
});
afterAll(async () => {
  await a.close();
  await b.close();
  rmSync(dir, { recursive: true, force: true });
});

const stateUrl = (s: Running) => `${s.url}/api/families/${F}/state?asOf=2025-12-31`;

async function get(url: string, token: string, etag?: string) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, ...(etag ? { 'if-none-match': etag } : {}) } });
  return { status: res.status, etag: res.headers.get('etag'), text: await res.text() };
}

async function post(s: Running, token: string, event: Record<string, unknown>) {
  return call(`${s.url}/api/families/${F}/events`, token, { method: 'POST', body: JSON.stringify(event) });
}

/** Runs `code` (a module body with `store` open on the shared file) in a child Node process. */
function inOtherProcess(code: string): void {
  const script = `import { openStore } from ${JSON.stringify(join(import.meta.dirname, '..', 'src/store/open/open-store.ts'))};
const store = await openStore(${JSON.stringify(db)});
${code}
await store.close();`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}

it('an unchanged answer is a 304 for its ETag, and the same bytes without it', async () => {
  const first = await get(stateUrl(a), admin);
  expect(first.status).toBe(200);
  expect(first.etag).toMatch(/^"[\w-]+"$/);
  const again = await get(stateUrl(a), admin, first.etag!);
  expect(again).toEqual({ status: 304, etag: first.etag, text: '' });
  expect(await get(stateUrl(a), admin)).toEqual(first);
  // The tag is the same in another server over the same database.
  expect((await get(stateUrl(b), admin, first.etag!)).status).toBe(304);
  // Another date, language or version is another answer.
  const other = await get(`${a.url}/api/families/${F}/state?asOf=2025-06-30`, admin, first.etag!);
  expect(other.status).toBe(200);
  expect(other.etag).not.toBe(first.etag);
  const fr = await get(`${stateUrl(a)}&lang=fr`, admin, first.etag!);
  expect(fr.status).toBe(200);
});

it('an event appended through this server, another server or another process gives a fresh answer', async () => {
  const s0 = await get(stateUrl(a), admin);
  const r = await post(a, alice, { id: 'inv-2', type: 'invoice', date: '2025-04-01', actor: 'alice', data: { amount: 'EUR 10' } });
  expect(r.status).toBe(201);
  const s1 = await get(stateUrl(a), admin, s0.etag!);
  expect(s1.status).toBe(200);
  expect(s1.etag).not.toBe(s0.etag);
  expect(s1.text).not.toBe(s0.text);
  expect((await get(stateUrl(b), admin, s0.etag!)).status).toBe(200);

  const r2 = await post(b, alice, { id: 'inv-3', type: 'invoice', date: '2025-04-02', actor: 'alice', data: { amount: 'EUR 11' } });
  expect(r2.status).toBe(201);
  const s2 = await get(stateUrl(a), admin, s1.etag!);
  expect(s2.status).toBe(200);
  expect(s2.text).toContain('inv-3');

  inOtherProcess(`const { canonicalEvent } = await import(${JSON.stringify(join(import.meta.dirname, '..', 'src/store/chain.ts'))});
const e = { id: 'inv-4', type: 'invoice', date: '2025-04-03', actor: 'alice', data: { amount: 'EUR 12' } };
const r = await store.append({ family: ${JSON.stringify(F)}, events: [{ id: e.id, body: canonicalEvent(e) }], idempotencyKey: null, expectedSeq: null });
if (r.kind !== 'appended') throw new Error(r.kind);`);
  for (const s of [a, b]) {
    const s3 = await get(stateUrl(s), admin, s2.etag!);
    expect(s3.status).toBe(200);
    expect(s3.text).toContain('inv-4');
    const events = (await call(`${s.url}/api/families/${F}/events`, admin)).body as { events: { id: string }[] };
    expect(events.events.map((e) => e.id)).toContain('inv-4');
  }
});

it("one party's cached answer never reaches another, and an event hidden from a party leaves its ETag alone", async () => {
  const forAlice = await get(stateUrl(a), alice);
  const forCarol = await get(stateUrl(a), carol);
  expect(forAlice.text).toContain('pay-1');
  expect(forCarol.text).not.toContain('pay-1');
  expect(forCarol.etag).not.toBe(forAlice.etag);
  // Carol sending Alice's tag gets her own answer, not a 304.
  const carolWithAlicesTag = await get(stateUrl(a), carol, forAlice.etag!);
  expect(carolWithAlicesTag.status).toBe(200);
  expect(carolWithAlicesTag.text).toBe(forCarol.text);
  // A payment carol may not see: her answer and tag stay; alice's change.
  const r = await post(a, admin, {
    id: 'pay-2',
    type: 'pay',
    date: '2025-04-05',
    actor: 'bob',
    data: { amount: 'EUR 10', recipient: 'alice' },
    visibility: ['alice', 'bob'],
  });
  expect(r.status).toBe(201);
  expect((await get(stateUrl(a), carol, forCarol.etag!)).status).toBe(304);
  const aliceAfter = await get(stateUrl(a), alice, forAlice.etag!);
  expect(aliceAfter.status).toBe(200);
  expect(aliceAfter.text).toContain('pay-2');
  expect((await get(stateUrl(a), carol)).text).not.toContain('pay-2');
});

it('a token revoked by another connection or another process stops working at the next request', async () => {
  const t1 = await addToken(other, 'carol', F);
  const t2 = await addToken(other, 'carol', F);
  for (const t of [t1, t2]) {
    expect((await get(stateUrl(a), t)).status).toBe(200);
    expect((await get(stateUrl(b), t)).status).toBe(200);
  }
  expect(await other.revokeToken(hashToken(t1), new Date().toISOString())).toBe(true);
  expect((await get(stateUrl(a), t1)).status).toBe(401);
  expect((await get(stateUrl(b), t1)).status).toBe(401);
  inOtherProcess(
    `if (!(await store.revokeToken(${JSON.stringify(hashToken(t2))}, new Date().toISOString()))) throw new Error('not revoked');`,
  );
  expect((await get(stateUrl(a), t2)).status).toBe(401);
  expect((await get(stateUrl(b), t2)).status).toBe(401);
  expect((await get(stateUrl(a), carol)).status).toBe(200);
});

it('appends through two servers and another process over one file: each continues the sequence and chain, and refuses an id taken elsewhere', async () => {
  const ev = (id: string, day: string) => ({ id, type: 'invoice', date: `2025-05-${day}`, actor: 'alice', data: { amount: 'EUR 5' } });
  const r1 = await post(a, alice, ev('seq-1', '01'));
  expect(r1.status).toBe(201);
  const seq1 = (r1.body as { seq: number }).seq;
  const r2 = await post(b, alice, ev('seq-2', '02'));
  expect(r2.status).toBe(201);
  expect((r2.body as { seq: number }).seq).toBe(seq1 + 1);
  inOtherProcess(`const { canonicalEvent } = await import(${JSON.stringify(join(import.meta.dirname, '..', 'src/store/chain.ts'))});
const e = { id: 'seq-3', type: 'invoice', date: '2025-05-03', actor: 'alice', data: { amount: 'EUR 5' } };
const r = await store.append({ family: ${JSON.stringify(F)}, events: [{ id: e.id, body: canonicalEvent(e) }], idempotencyKey: null, expectedSeq: null });
if (r.kind !== 'appended' || r.rows[0].seq !== ${seq1 + 2}) throw new Error(JSON.stringify(r));`);
  // Each server's next append sees the rows the others wrote: ids taken elsewhere are refused, numbering goes on.
  for (const [s, id] of [
    [a, 'seq-2'],
    [b, 'seq-1'],
    [a, 'seq-3'],
    [b, 'seq-3'],
  ] as const) {
    const dup = await post(s, alice, ev(id, '04'));
    expect(dup.status).toBe(409);
    expect((dup.body as { error: { code: string } }).error.code).toBe('duplicate-id');
  }
  const r4 = await post(a, alice, ev('seq-4', '04'));
  expect((r4.body as { seq: number }).seq).toBe(seq1 + 3);
  const r5 = await post(b, alice, ev('seq-5', '05'));
  expect((r5.body as { seq: number }).seq).toBe(seq1 + 4);
  // The chain links every row to the one before it, whichever connection wrote it.
  const rows = await other.events(F, seq1 - 1, 100);
  expect(rows.map((r) => r.id)).toEqual(['seq-1', 'seq-2', 'seq-3', 'seq-4', 'seq-5']);
  expect((r5.body as { hash: string }).hash).toBe(rows[4]!.hash);
  const report = await other.verify();
  expect(report.families.find((f) => f.family === F)?.ok).toBe(true);
});

/** A third version, stored by another process: it declares an event type the first two do not. */
const V3 = `---
pacte: 1
agreement: server-consortium
version: v3-deliveries
title: "Deliveries (test fixture)"
binding: true
effective: 2025-07-01
amends: v2-amendment
parties:
  alice: { name: "Alice Components", role: supplier }
  bob: { name: "Bob Devices", role: buyer }
  carol: { name: "Carol Audit", role: auditor }
---

# Deliveries

## Events

\`\`\`pacte
event delivery by alice { note: text }
\`\`\`
`;

it('a version stored by another process is seen by the next append: what it declares is accepted, every append checked against it', async () => {
  const delivery = { id: 'dl-1', type: 'delivery', date: '2025-07-02', actor: 'alice', data: { note: 'first lot' } };
  const invoice = (id: string) => ({ id, type: 'invoice', date: '2025-07-03', actor: 'alice', data: { amount: 'EUR 7' } });
  // Both servers have checked the family with two versions.
  for (const s of [a, b]) {
    const r = await post(s, alice, { ...delivery, id: `dl-0-${s.url}` });
    expect(r.status).toBe(422);
    expect((r.body as { error: { diagnostics: { code: string }[] } }).error.diagnostics.map((d) => d.code)).toContain(
      'ledger-unknown-type',
    );
  }
  inOtherProcess(
    `if ((await store.putVersion(${JSON.stringify(F)}, 'v3-deliveries.pacte.md', ${JSON.stringify(V3)})) !== 'added') throw new Error('not added');`,
  );
  // Server a: the event its family does not know is checked again against the stored versions, and appended.
  const d1 = await post(a, alice, delivery);
  expect(d1.status).toBe(201);
  // Server b: an invoice, valid with two versions or three, is refused by the store (checked against two) and
  // checked again against three before it is written; then the delivery is accepted there too.
  const i1 = await post(b, alice, invoice('inv-v3-1'));
  expect(i1.status).toBe(201);
  expect((i1.body as { seq: number }).seq).toBe((d1.body as { seq: number }).seq + 1);
  expect((await post(b, alice, { ...delivery, id: 'dl-2' })).status).toBe(201);
  // Still refused: what no version declares, and an id taken.
  const bad = await post(a, alice, { ...delivery, id: 'dl-3', type: 'shipment' });
  expect(bad.status).toBe(422);
  expect((await post(b, alice, delivery)).status).toBe(409);
  expect((await other.verify()).ok).toBe(true);
});
