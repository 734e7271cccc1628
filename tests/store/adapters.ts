/**
 * The adapters the conformance suite runs against. Each gives a fresh, empty store, a way to reopen it over the
 * same data (a restart; `durable` adapters only) and a direct edit of a stored row (tampering behind its back).
 * SQLite: a new file in a temporary directory per store. PostgreSQL (on the server `findPostgres` found or started:
 * tests/store/postgres-server.ts): a new database `pacte_test_<random>` per store, created on that server and dropped
 * at the end, so parallel runs never collide. When no server could be had, the PostgreSQL adapter says why, and the
 * suite skips its tests with that reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { EventRow, Store, TokenRow } from '../../src/store/store.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { openStore } from '../../src/store/open/open-store.js';
import type { PostgresServer } from './postgres-server.js';

/** Edits a stored row's body, salt or hash, or deletes the row, directly in the database. */
export type Tamper = (family: string, seq: number, change: Partial<Pick<EventRow, 'body' | 'salt' | 'hash'>> | 'delete') => Promise<void>;

/** Edits a stored version's text or deletes it, directly in the database. */
export type TamperVersion = (family: string, file: string, change: { source: string } | 'delete') => Promise<void>;

export interface Handle {
  readonly store: Store;
  /** The same data, opened again (as after a restart). */
  reopen(): Promise<Store>;
  tamper: Tamper;
  tamperVersion: TamperVersion;
  /** Sets a family's recorded last hash directly (the head a re-hashing attacker would update). */
  tamperHead(family: string, lastHash: string): Promise<void>;
  /** Stores a token row directly in the tokens table, behind the token log's back. */
  insertToken(t: TokenRow): Promise<void>;
  /** The `--db` URL of this store (durable adapters). */
  readonly url: string;
}

export interface Adapter {
  readonly name: string;
  /** Data survives close and reopen. */
  readonly durable: boolean;
  /** Why this adapter cannot run here: its tests are skipped with this reason. */
  readonly skip?: string;
  fresh(): Promise<Handle>;
  cleanup(): Promise<void>;
}

const memory: Adapter = {
  name: 'memory',
  durable: false,
  async fresh() {
    const store = new MemoryStore();
    await store.migrate();
    return {
      store,
      url: 'memory:',
      reopen: async () => store,
      tamper: async (family, seq, change) => store.tamperForTest(family, seq, change),
      tamperVersion: async (family, file, change) => store.tamperVersionForTest(family, file, change),
      insertToken: async (t) => store.insertTokenForTest(t),
      tamperHead: async (family, lastHash) => store.tamperHeadForTest(family, lastHash),
    };
  },
  async cleanup() {},
};

function sqlite(): Adapter {
  let dir: string | null = null;
  let n = 0;
  return {
    name: 'sqlite',
    durable: true,
    async fresh() {
      dir ??= mkdtempSync(join(tmpdir(), 'pacte-store-'));
      const url = `sqlite:${join(dir, `s${++n}.db`)}`;
      const file = url.slice('sqlite:'.length);
      return {
        store: await openStore(url),
        url,
        reopen: () => openStore(url),
        async tamper(family, seq, change) {
          const db = new Database(file);
          try {
            if (change === 'delete') db.prepare('DELETE FROM events WHERE family = ? AND seq = ?').run(family, seq);
            else
              for (const [col, value] of Object.entries(change))
                db.prepare(`UPDATE events SET ${col} = ? WHERE family = ? AND seq = ?`).run(value, family, seq);
          } finally {
            db.close();
          }
        },
        async tamperVersion(family, file, change) {
          const db = new Database(url.slice('sqlite:'.length));
          try {
            if (change === 'delete') db.prepare('DELETE FROM versions WHERE family = ? AND file = ?').run(family, file);
            else db.prepare('UPDATE versions SET source = ? WHERE family = ? AND file = ?').run(change.source, family, file);
          } finally {
            db.close();
          }
        },
        async tamperHead(family, lastHash) {
          const db = new Database(file);
          try {
            db.prepare('UPDATE ledgers SET last_hash = ? WHERE family = ?').run(lastHash, family);
          } finally {
            db.close();
          }
        },
        async insertToken(t) {
          const db = new Database(url.slice('sqlite:'.length));
          try {
            db.prepare(
              'INSERT INTO tokens (hash, family, party, admin, label, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            ).run(t.hash, t.family, t.party, t.admin ? 1 : 0, t.label, t.createdAt, t.expiresAt, t.revokedAt);
          } finally {
            db.close();
          }
        },
      };
    },
    async cleanup() {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A database URL on the same server as `base`, named `name`. */
export function pgUrl(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function pgAdmin<T>(base: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

function postgres(base: string): Adapter {
  const created: string[] = [];
  const run = randomBytes(4).toString('hex');
  return {
    name: 'postgres',
    durable: true,
    async fresh() {
      const name = `pacte_test_${run}_${created.length + 1}`;
      await pgAdmin(base, (c) => c.query(`CREATE DATABASE ${name}`));
      created.push(name);
      const url = pgUrl(base, name);
      return {
        store: await openStore(url),
        url,
        reopen: () => openStore(url),
        async tamper(family, seq, change) {
          await pgAdmin(url, async (c) => {
            if (change === 'delete') await c.query('DELETE FROM events WHERE family = $1 AND seq = $2', [family, seq]);
            else
              for (const [col, value] of Object.entries(change))
                await c.query(`UPDATE events SET ${col} = $1 WHERE family = $2 AND seq = $3`, [value, family, seq]);
          });
        },
        async tamperVersion(family, file, change) {
          await pgAdmin(url, async (c) => {
            if (change === 'delete') await c.query('DELETE FROM versions WHERE family = $1 AND file = $2', [family, file]);
            else await c.query('UPDATE versions SET source = $1 WHERE family = $2 AND file = $3', [change.source, family, file]);
          });
        },
        async tamperHead(family, lastHash) {
          await pgAdmin(url, (c) => c.query('UPDATE ledgers SET last_hash = $1 WHERE family = $2', [lastHash, family]));
        },
        async insertToken(t) {
          await pgAdmin(url, (c) =>
            c.query(
              'INSERT INTO tokens (hash, family, party, admin, label, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
              [t.hash, t.family, t.party, t.admin ? 1 : 0, t.label, t.createdAt, t.expiresAt, t.revokedAt],
            ),
          );
        },
      };
    },
    async cleanup() {
      await pgAdmin(base, async (c) => {
        for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}

/** PostgreSQL when no server could be had: skipped, or failing when the server the user named does not answer. */
function postgresMissing(server: Exclude<PostgresServer, { kind: 'found' }>): Adapter {
  const base = { name: 'postgres', durable: true, cleanup: async () => {} };
  if (server.kind === 'none') return { ...base, skip: server.reason, fresh: () => Promise.reject(new Error(server.reason)) };
  return { ...base, fresh: () => Promise.reject(new Error(server.message)) };
}

/** Memory, SQLite and PostgreSQL (on `pg`, the server tests/store/postgres-server.ts found). */
export function adapters(pg: PostgresServer): Adapter[] {
  return [memory, sqlite(), pg.kind === 'found' ? postgres(pg.url) : postgresMissing(pg)];
}
