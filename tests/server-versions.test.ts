/**
 * Adding versions over HTTP (admin only): a document with errors is refused with 422 and its diagnostics with
 * positions; a valid one is stored and served, its HTML with the document's raw HTML and script links neutralised.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../src/server/listen.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { addToken, call, FIXTURES, loadDir, startServer } from './server-harness.js';

const F = 'server-bilateral';
let server: Running;
let admin: string;
let alice: string;
let url: string;

const v2 = (body: string) => `---
pacte: 1
agreement: server-bilateral
version: v2-late-fee
title: Late fee
binding: true
effective: 2025-06-01
amends: v1-nda
parties:
  alice: { name: "Alice Components", role: licensor }
  bob: { name: "Bob Devices", role: licensee }
---

# Late fee <script>alert(1)</script>

See [the terms](javascript:alert(1)).

<img src=x onerror=alert(1)>

${body}
`;

beforeAll(async () => {
  const store = new MemoryStore();
  await loadDir(store, join(FIXTURES, F), F);
  admin = await addToken(store, null);
  alice = await addToken(store, 'alice', F);
  server = await startServer(store);
  url = `${server.url}/api/families/${F}/versions`;
});
afterAll(async () => server.close());

const put = (source: string, token = admin, file = 'v2-late-fee.pacte.md') =>
  call(url, token, { method: 'POST', body: JSON.stringify({ file, source }) });

describe('POST versions', () => {
  it('a party token may not add a version', async () => {
    expect((await put(v2('```pacte\nobligation late_fee: bob must pay EUR 50 to alice by 2025-07-31\n```'), alice)).status).toBe(403);
  });
  it('a document with errors: 422 with diagnostics that say where', async () => {
    const r = await put(v2('```pacte\nobligation late_fee: bob must pay EUR 50 to alise by 2025-07-31\n```'));
    expect(r.status).toBe(422);
    const d = (r.body as { error: { code: string; diagnostics: { code: string; file: string; start: { line: number } }[] } }).error;
    expect(d.code).toBe('invalid-agreement');
    expect(d.diagnostics[0]).toMatchObject({ code: 'unknown-party', file: 'v2-late-fee.pacte.md', start: { line: 21 } });
    expect((await call(url, admin)).body).toHaveLength(1);
  });
  it('a valid document is stored (201), again is 200, another text under the same name is 409', async () => {
    const src = v2('```pacte\nobligation late_fee: bob must pay EUR 50 to alice by 2025-07-31\n```');
    const r = await put(src);
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ id: 'v2-late-fee', amends: 'v1-nda', date: '2025-06-01' });
    expect((await put(src)).status).toBe(200);
    expect((await put(src.replace('EUR 50', 'EUR 60'))).status).toBe(409);
    expect(((await call(url, alice)).body as { id: string }[]).map((v) => v.id)).toEqual(['v1-nda', 'v2-late-fee']);
  });
  it('its HTML has no script, no event handler and no javascript: link', async () => {
    const v = (await call(`${url}/v2-late-fee`, alice)).body as { html: string };
    expect(v.html).toContain('id="clause-late_fee"');
    expect(v.html).not.toMatch(/<script|<img|javascript:/i);
    expect(v.html).toContain('&lt;script&gt;');
  });
  it('a document of another agreement is refused', async () => {
    const other = readFileSync(join(FIXTURES, 'server-consortium', 'v1-supply.pacte.md'), 'utf8');
    const r = await put(other, admin, 'v1-supply.pacte.md');
    expect([400, 422]).toContain(r.status);
    expect((await call(url, admin)).body).toHaveLength(2);
  });
  it('an optional event field is said so in the version detail, so that the what-if form may leave it out', async () => {
    const src = v2('```pacte\nevent memo by alice { subject: text, note?: text }\n```')
      .replace('version: v2-late-fee', 'version: v3-memo')
      .replace('effective: 2025-06-01', 'effective: 2025-07-01');
    expect((await put(src, admin, 'v3-memo.pacte.md')).status).toBe(201);
    const v = (await call(`${url}/v3-memo`, alice)).body as { eventTypes: { name: string; fields: unknown[] }[] };
    expect(v.eventTypes.find((t) => t.name === 'memo')?.fields).toEqual([
      { name: 'subject', type: 'text' },
      { name: 'note', type: 'text', optional: true },
    ]);
  });
});
