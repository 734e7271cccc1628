/**
 * Finding 6 (the store's part): an event id with a lone UTF-16 surrogate was accepted, stored by SQLite as U+FFFD
 * (so `pacte verify` reported a broken chain there, and stopped: a real edit later went unreported), and on
 * PostgreSQL an id with NUL, or a second lone-surrogate id, answered 500. The store now refuses ids it could not keep
 * exactly (`invalid-id`, nothing written) on every adapter, the server answers a clear 4xx, and `verify` reports every
 * damage of a chain, not only the first. (The strict id syntax itself is the bounds branch's.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { listen } from '../../src/server/listen.js';
import { canonicalEvent } from '../../src/store/chain.js';
import { openStore } from '../../src/store/open/open-store.js';
import { addToken, call, FIXTURES, loadDir } from '../server-harness.js';
import type { Adapter } from '../store/adapters.js';
import { adapters } from '../store/adapters.js';
import { findPostgres } from '../store/postgres-server.js';
import { pacte, STACK } from './cli.js';

const work = mkdtempSync(join(tmpdir(), 'pacte-sec6-'));
const pg = await findPostgres();
const list = adapters(pg);
afterAll(async () => {
  for (const a of list) await a.cleanup();
  if (pg.kind === 'found') await pg.stop();
  rmSync(work, { recursive: true, force: true });
});

const odd = ['\ud800', 'pay\u0000x', '\udc00', 'b\ud800'];

describe.each(list)('finding 6 on $name: ids a database would change are refused, never a 500 or a broken chain', (adapter: Adapter) => {
  beforeEach((ctx) => {
    if (adapter.skip !== undefined) ctx.skip(adapter.skip);
  });
  it('the store says invalid-id and writes nothing; verify stays clean', async () => {
    const { store } = await adapter.fresh();
    for (const id of odd) {
      const body = canonicalEvent({ id, type: 'pay', date: '2025-02-20', actor: 'bob', data: {} });
      expect(await store.append({ family: 'fam', events: [{ id, body }], idempotencyKey: null, expectedSeq: null })).toEqual({
        kind: 'invalid-id',
        id,
      });
    }
    expect(await store.lastSeq('fam')).toBe(0);
    expect((await store.verify()).ok).toBe(true);
    await store.close();
  });

  it('over HTTP, each odd id is a 4xx with a message, never a 500, and nothing is written', async () => {
    const { store } = await adapter.fresh();
    await loadDir(store, join(FIXTURES, 'server-consortium'), 'server-consortium');
    const admin = await addToken(store, null);
    const server = await listen(createApp({ store, onError: () => undefined }), store, '127.0.0.1', 0);
    try {
      for (const id of odd) {
        const body = JSON.stringify({ id, type: 'pay', date: '2025-02-20', actor: 'bob', data: { amount: 'EUR 1', recipient: 'alice' } });
        const r = await call(`${server.url}/api/families/server-consortium/events`, admin, { method: 'POST', body });
        expect([400, 422]).toContain(r.status);
        expect((r.body as { error: { message: string } }).error.message).not.toBe('');
      }
      // An admin naming a family no store can hold: 404, not a 500 from the database.
      expect((await call(`${server.url}/api/families/a%00b`, admin)).status).toBe(404);
      expect(await store.lastSeq('server-consortium')).toBe(3);
      expect((await store.verify()).ok).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('finding 6: pacte verify reports every damage, not only the first', () => {
  it('two edited rows and an edited version are all named, with exit 1 and no stack trace', async () => {
    const file = join(work, 'two.db');
    const store = await openStore(`sqlite:${file}`);
    await loadDir(store, join(FIXTURES, 'server-consortium'), 'server-consortium');
    await store.close();
    const raw = new Database(file);
    raw.prepare("UPDATE events SET id = 'inv-\uFFFD' WHERE seq = 1").run();
    raw.prepare("UPDATE events SET body = replace(body, 'in order', 'out of order') WHERE seq = 3").run();
    raw.prepare("UPDATE versions SET source = source || ' ' WHERE pos = 1").run();
    raw.close();
    const r = pacte(['verify', '--db', `sqlite:${file}`]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('server-consortium: chain broken at seq 1 (id-mismatch');
    expect(r.err).toContain('server-consortium: chain broken at seq 3 (hash-mismatch');
    expect(r.err).toMatch(/server-consortium: chain broken at version 1 \(v1-supply\.pacte\.md\) \(version-mismatch/);
    expect(r.err).toContain('3 damage(s) found');
    expect(r.err).not.toMatch(STACK);
  });
});
