/**
 * Finding 1, existing stores: a database written before tokens had families (schema 0001: tokens with a party only,
 * events hashed without salt, versions without a chain) is migrated without guessing. Its ledger keeps verifying (old
 * rows keep their unsalted hashes; new rows are salted), its versions get their chain, and its old party token —
 * whose family cannot be told from its party id — grants nothing (a 401 that says what to do) until an admin scopes
 * it with `pacte token scope`; its admin token keeps working.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { listen } from '../../src/server/listen.js';
import { openStore } from '../../src/store/open/open-store.js';
import { hashToken } from '../../src/store/tokens.js';
import { call } from '../server-harness.js';
import { pacte, STACK } from './cli.js';
import { writeOldStore } from './old-store.js';

const work = mkdtempSync(join(tmpdir(), 'pacte-sec1m-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An SQLite store as schema 0001 left it, holding the consortium family, a party token and an admin token. */
function oldStore(file: string): void {
  writeOldStore(file, (db) => {
    db.prepare('INSERT INTO tokens VALUES (?, ?, 0, ?)').run(hashToken('pacte_old-alice'), 'alice', 'old laptop');
    db.prepare('INSERT INTO tokens VALUES (?, NULL, 1, NULL)').run(hashToken('pacte_old-admin'));
  });
}

describe('finding 1: an existing store is migrated without guessing a token’s family', () => {
  it('old rows keep verifying, the old party token grants nothing until scoped, the admin token still works', async () => {
    const file = join(work, 'old.db');
    oldStore(file);
    const db = `sqlite:${file}`;
    const store = await openStore(db);
    const v = await store.verify();
    expect(v.ok).toBe(true);
    expect(v.families[0]).toMatchObject({ family: 'server-consortium', events: 3, versions: 2 });
    expect(await store.tokenByHash(hashToken('pacte_old-alice'))).toMatchObject({
      family: null,
      party: 'alice',
      admin: false,
      revokedAt: null,
    });
    const server = await listen(createApp({ store, onError: () => undefined }), store, '127.0.0.1', 0);
    try {
      const denied = await call(`${server.url}/api/families/server-consortium`, 'pacte_old-alice');
      expect(denied.status).toBe(401);
      expect((denied.body as { error: { code: string; message: string } }).error).toMatchObject({
        code: 'token-unscoped',
        message: expect.stringContaining(`pacte token scope ${hashToken('pacte_old-alice').slice(0, 12)} --family <family>`),
      });
      expect((await call(`${server.url}/api/families/server-consortium`, 'pacte_old-admin')).status).toBe(200);
      // New events are salted; old and new verify together.
      const r = await call(`${server.url}/api/families/server-consortium/events`, 'pacte_old-admin', {
        method: 'POST',
        body: JSON.stringify({ id: 'inv-2', type: 'invoice', date: '2025-05-01', actor: 'alice', data: { amount: 'EUR 5' } }),
      });
      expect(r.status).toBe(201);
      const rows = await store.events('server-consortium', 0, 10);
      expect(rows.map((x) => x.salt.length)).toEqual([0, 0, 0, 32]);
      expect((await store.verify()).ok).toBe(true);
    } finally {
      await server.close();
    }
    const list = pacte(['token', 'list', '--db', db]);
    expect(list.out).toContain('needs a family');
    expect(list.err).toContain('pacte token scope <id> --family <family>');
    expect(list.err).not.toMatch(STACK);
    expect(pacte(['token', 'scope', hashToken('pacte_old-alice').slice(0, 12), '--family', 'server-consortium', '--db', db]).code).toBe(0);
    const again = await openStore(db);
    const server2 = await listen(createApp({ store: again, onError: () => undefined }), again, '127.0.0.1', 0);
    try {
      expect((await call(`${server2.url}/api/families/server-consortium`, 'pacte_old-alice')).status).toBe(200);
    } finally {
      await server2.close();
    }
    expect(pacte(['verify', '--db', db]).code).toBe(0);
  });
});
