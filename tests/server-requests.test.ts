/**
 * Bad requests get a clear 4xx and write nothing: unknown fields (rejected, not stripped), bodies over 1 MiB (with a
 * length, chunked, gzip-compressed, a zip bomb), deep JSON, malformed JSON, dates and money (with a `path`), a
 * clamped `limit`. Idempotency keys and If-Match through HTTP, including concurrent writers.
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../src/server/listen.js';
import { canonicalEvent } from '../src/store/chain.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { addToken, call, FIXTURES, loadDir, startServer } from './server-harness.js';

const F = 'server-consortium';
let server: Running;
let store: MemoryStore;
let alice: string;
let admin: string;
let url: string;

beforeAll(async () => {
  store = new MemoryStore();
  await loadDir(store, join(FIXTURES, F), F);
  alice = await addToken(store, 'alice', F);
  admin = await addToken(store, null);
  server = await startServer(store);
  url = `${server.url}/api/families/${F}`;
});
afterAll(async () => server.close());

const invoice = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'invoice',
  date: '2025-05-01',
  actor: 'alice',
  data: { amount: 'EUR 10' },
  ...extra,
});
const post = (body: string | object, headers: Record<string, string> = {}, token = alice) =>
  call(`${url}/events`, token, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers });
const err = (b: unknown) => (b as { error: { code: string; path?: string; message: string; diagnostics?: { code: string }[] } }).error;

async function unchanged<T>(f: () => Promise<T>): Promise<T> {
  const before = await store.lastSeq(F);
  const r = await f();
  expect(await store.lastSeq(F)).toBe(before);
  return r;
}

describe('unknown fields are refused, not stripped', () => {
  it.each([
    ['a top-level field', invoice('u-1', { amout: 'EUR 10' }), 'amout'],
    ['a field of data', { ...invoice('u-2'), data: { amount: 'EUR 10', note: 'x' } }, 'data.note'],
    ['a field of an inline source', invoice('u-3', { source: { title: 't', status: 'official', link: 'x' } }), 'source.link'],
  ])('%s → 400 with its path', async (_, body, path) => {
    const r = await unchanged(() => post(body));
    expect(r.status).toBe(400);
    expect(err(r.body).path).toBe(path);
  });
  it('in a what-if event and in the query string', async () => {
    const w = await call(`${url}/what-if`, alice, {
      method: 'POST',
      body: JSON.stringify({ asOf: '2025-06-01', events: [invoice('w-1', { extra: 1 })] }),
    });
    expect(w.status).toBe(400);
    expect(err(w.body).path).toBe('events[0].extra');
    const q = await call(`${url}/state?asOf=2025-06-01&as_of=2025-06-01`, alice);
    expect(q.status).toBe(400);
    expect(err(q.body).path).toBe('as_of');
  });
});

describe('malformed values say where', () => {
  it.each([
    ['a date that is not in the calendar', invoice('m-1', { date: '2025-02-30' }), 'date'],
    ['a date in another format', invoice('m-2', { date: '01/05/2025' }), 'date'],
    ['money without a currency', { ...invoice('m-3'), data: { amount: '10' } }, 'data.amount'],
    ['money as a JSON number', { ...invoice('m-4'), data: { amount: 10 } }, 'data.amount'],
    // biome-ignore lint/correctness/noPrecisionLoss: the point: JSON that a number cannot hold exactly
    ['a number too large to keep exactly', { ...invoice('m-5'), data: { amount: 9007199254740993 } }, 'data.amount'],
    ['a missing actor', { id: 'm-6', type: 'invoice', date: '2025-05-01', data: { amount: 'EUR 1' } }, 'actor'],
  ])('%s → 400, path %s', async (_, body, path) => {
    const r = await unchanged(() => post(body));
    expect(r.status, r.text).toBe(400);
    expect(err(r.body).path).toBe(path);
  });
  it('a malformed query date', async () => {
    const r = await call(`${url}/state?asOf=2025-13-01`, alice);
    expect(r.status).toBe(400);
    expect(err(r.body).path).toBe('asOf');
  });
  it('malformed JSON gives the line and column, in French when asked', async () => {
    const r = await unchanged(() => post('{"id": "j-1",\n "type": }'));
    expect(r.status).toBe(400);
    expect(err(r.body).message).toContain('line 2, column 10');
    const fr = await post('{"id": "j-1",\n "type": }', { 'accept-language': 'fr-FR,fr;q=0.9' });
    expect(err(fr.body).message).toContain('ligne 2, colonne 10');
  });
  it('an event the agreement refuses is a 422 with ledger diagnostics', async () => {
    const r = await unchanged(() => post(invoice('r-1', { type: 'invoce' })));
    expect(r.status).toBe(422);
    expect(err(r.body).diagnostics?.map((d) => d.code)).toEqual(['ledger-unknown-type']);
    expect(err(r.body).diagnostics?.[0]).toMatchObject({ path: 'type' });
  });
  it('a body that is not JSON is a 415', async () => {
    const r = await unchanged(() => post('id=1', { 'content-type': 'application/x-www-form-urlencoded' }));
    expect(r.status).toBe(415);
  });
});

describe('bodies are bounded at 1 MiB', () => {
  const big = JSON.stringify({ ...invoice('big'), data: { amount: 'EUR 10', pad: 'x'.repeat(1024 * 1024) } });
  it('with Content-Length: 413 before reading', async () => {
    const r = await unchanged(() => post(big));
    expect(r.status).toBe(413);
    expect(err(r.body).code).toBe('too-large');
  });
  it('chunked, without Content-Length: 413 once past the bound', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        // 4 MiB offered; the server stops reading after 1 MiB.
        if (sent++ < 64) c.enqueue(chunk);
        else c.close();
      },
    });
    const r = await unchanged(() => call(`${url}/events`, alice, { method: 'POST', body: stream, duplex: 'half' } as RequestInit));
    expect(r.status).toBe(413);
  });
  it('gzip: a small compressed body that decompresses past 1 MiB is a 413; a zip bomb too', async () => {
    const gz = gzipSync(big);
    expect(gz.byteLength).toBeLessThan(64 * 1024);
    const r = await unchanged(() => call(`${url}/events`, alice, { method: 'POST', body: gz, headers: { 'content-encoding': 'gzip' } }));
    expect(r.status).toBe(413);
    // 64 MiB of zeros in about 64 KiB.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const b = await unchanged(() => call(`${url}/events`, alice, { method: 'POST', body: bomb, headers: { 'content-encoding': 'gzip' } }));
    expect(b.status).toBe(413);
  });
  it('gzip: a compressed event within the bound is appended; a corrupt one is a 400', async () => {
    const ok = await call(`${url}/events`, alice, {
      method: 'POST',
      body: gzipSync(JSON.stringify(invoice('gz-1'))),
      headers: { 'content-encoding': 'gzip' },
    });
    expect(ok.status).toBe(201);
    const bad = await unchanged(() =>
      call(`${url}/events`, alice, { method: 'POST', body: Buffer.from('not gzip'), headers: { 'content-encoding': 'gzip' } }),
    );
    expect(bad.status).toBe(400);
  });
  it('10,000 nested arrays: 400, and the server still answers', async () => {
    const r = await unchanged(() => post(`{"id":"d","data":{"x":${'['.repeat(10000)}${']'.repeat(10000)}}}`));
    expect(r.status).toBe(400);
    expect(err(r.body).code).toBe('too-deep');
    expect((await call(`${server.url}/healthz`, null)).status).toBe(200);
  });
});

describe('limit is clamped', () => {
  beforeAll(async () => {
    const lots = Array.from({ length: 1005 }, (_, i) => invoice(`bulk-${i}`, { date: '2025-05-02' }));
    const r = await store.append({
      family: F,
      events: lots.map((e) => ({ id: e.id, body: canonicalEvent(e) })),
      idempotencyKey: null,
      expectedSeq: null,
    });
    expect(r.kind).toBe('appended');
  });
  it.each([
    ['1e9', 1000],
    ['0', 1],
    ['-5', 1],
    ['2.7', 2],
  ])('limit=%s gives %i events', async (limit, n) => {
    const r = await call(`${url}/events?limit=${limit}`, admin);
    expect(r.status).toBe(200);
    const page = r.body as { events: unknown[]; next: number | null };
    expect(page.events).toHaveLength(n);
    expect(page.next).not.toBeNull();
  });
  it('limit=abc is a 400 that names it', async () => {
    const r = await call(`${url}/events?limit=abc`, admin);
    expect(r.status).toBe(400);
    expect(err(r.body).path).toBe('limit');
  });
});

describe('idempotency and If-Match', () => {
  it('the same Idempotency-Key replays the first answer (200); with another body it is refused', async () => {
    const first = await post(invoice('idem-1'), { 'idempotency-key': 'key-1' });
    expect(first.status).toBe(201);
    const again = await unchanged(() => post(invoice('idem-1'), { 'idempotency-key': 'key-1' }));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const other = await unchanged(() => post(invoice('idem-2'), { 'idempotency-key': 'key-1' }));
    expect(other.status).toBe(409);
    expect(err(other.body).code).toBe('key-reused');
  });
  it('an id already used is a 409 and nothing is written', async () => {
    const r = await unchanged(() => post(invoice('idem-1')));
    expect(r.status).toBe(409);
    expect(err(r.body).code).toBe('duplicate-id');
  });
  it('If-Match with the last sequence appends; a stale one is a 409 with lastSeq', async () => {
    const last = await store.lastSeq(F);
    const stale = await unchanged(() => post(invoice('im-1'), { 'if-match': String(last - 1) }));
    expect(stale.status).toBe(409);
    expect(err(stale.body)).toMatchObject({ code: 'conflict', lastSeq: last });
    const ok = await post(invoice('im-1'), { 'if-match': String(last) });
    expect(ok.status).toBe(201);
    expect((ok.body as { seq: number }).seq).toBe(last + 1);
    const bad = await unchanged(() => post(invoice('im-2'), { 'if-match': 'latest' }));
    expect(bad.status).toBe(400);
    expect(err(bad.body).path).toBe('If-Match');
  });
  it('8 concurrent writers with the same If-Match: exactly one wins, the sequence moves by one', async () => {
    const last = await store.lastSeq(F);
    const rs = await Promise.all(Array.from({ length: 8 }, (_, i) => post(invoice(`race-${i}`), { 'if-match': String(last) })));
    expect(rs.filter((r) => r.status === 201)).toHaveLength(1);
    expect(rs.filter((r) => r.status === 409)).toHaveLength(7);
    expect(await store.lastSeq(F)).toBe(last + 1);
  });
});
