/**
 * Shared by the security tests: an SQLite store as schema 0001 left it (before salts, versions chains and scoped
 * tokens), holding the consortium family — its two versions and its three events hashed the old way,
 * `hash = sha256(previous + body)` — for the migration and re-chaining tests. `more` writes further rows (tokens).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalEvent, chainHash, GENESIS } from '../../src/store/chain.js';
import { FIXTURES } from '../server-harness.js';

export const OLD_FAMILY = 'server-consortium';

export function writeOldStore(file: string, more: (db: Database.Database) => void = () => {}): void {
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
  const F = OLD_FAMILY;
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
  more(db);
  db.close();
}
