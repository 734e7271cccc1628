/**
 * Finding 1, existing stores: a database written before tokens had families (schema 0001: tokens with a party only,
 * events hashed without salt, versions without a chain) is migrated without guessing. Its ledger keeps verifying (old
 * rows keep their unsalted hashes; new rows are salted), its versions get their chain, and its old party token —
 * whose family cannot be told from its party id — grants nothing (a 401 that says what to do) until an admin scopes
 * it with `pacte token scope`; its admin token keeps working.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { listen } from '../../src/server/listen.js';
import { canonicalEvent, chainHash, GENESIS } from '../../src/store/chain.js';
import { openStore } from '../../src/store/open/open-store.js';
import { hashToken } from '../../src/store/tokens.js';
import { call, FIXTURES } from '../server-harness.js';
import { pacte, STACK } from './cli.js';

const work = mkdtempSync(join(tmpdir(), 'pacte-sec1m-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An SQLite store as schema 0001 left it, holding the consortium family, a party token and an admin token. */
function oldStore(file: string): void {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE versions (pos integer PRIMARY KEY AUTOINCREMENT, family text NOT NULL, file text NOT NULL, source text NOT NULL, stored_at text NOT NULL, CONSTRAINT versions_family_file UNIQUE (family, file));
    CREATE TABLE ledgers (family text PRIMARY KEY, last_seq integer NOT NULL, last_hash text NOT NULL);
    CREATE TABLE events (family text NOT NULL, seq integer NOT NULL, id text NOT NULL, body text NOT NULL, hash text NOT NULL, idempotency_key text, stored_at text NOT NULL,
      CONSTRAINT events_family_seq PRIMARY KEY (family, seq), CONSTRAINT events_family_id UNIQUE (family, id));
    CREATE TABLE requests (family text NOT NULL, idempotency_key text NOT NULL, digest text NOT NULL, first_seq integer NOT NULL, count integer NOT NULL, CONSTRAINT requests_family_key PRIMARY KEY (family, idempotency_key));
    CREATE TABLE tokens (hash text PRIMARY KEY, party text, admin integer NOT NULL, label text);
    CREATE TABLE pacte_migration (name varchar(255) NOT NULL PRIMARY KEY, timestamp varchar(255) NOT NULL);
    INSERT INTO pacte_migration VALUES ('0001-store', '2026-01-01T00:00:00.000Z');
  `);
  const F = 'server-consortium';
  for (const f of ['v1-supply.pacte.md', 'v2-amendment.pacte.md'])
    db.prepare('INSERT INTO versions (family, file, source, stored_at) VALUES (?, ?, ?, ?)').run(
      F,
      f,
      readFileSync(join(FIXTURES, F, f), 'utf8'),
      '2026-01-01T00:00:00.000Z',
    );
  let prev = GENESIS;
  let seq = 0;
  for (const line of readFileSync(join(FIXTURES, F, 'ledger.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())) {
    const o = JSON.parse(line) as { id: string };
    const body = canonicalEvent(o);
    prev = chainHash(prev, body);
    db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, NULL, ?)').run(F, ++seq, o.id, body, prev, '2026-01-01T00:00:00.000Z');
  }
  db.prepare('INSERT INTO ledgers VALUES (?, ?, ?)').run(F, seq, prev);
  db.prepare('INSERT INTO tokens VALUES (?, ?, 0, ?)').run(hashToken('pacte_old-alice'), 'alice', 'old laptop');
  db.prepare('INSERT INTO tokens VALUES (?, NULL, 1, NULL)').run(hashToken('pacte_old-admin'));
  db.close();
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
