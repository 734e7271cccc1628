/**
 * The SQLite adapter, the embedded default: one file, zero set-up (better-sqlite3 through kysely's SqliteDialect).
 * WAL journal, `synchronous=FULL` (every COMMIT is fsynced before it returns, so an acknowledged append survives
 * `kill -9` and power loss), `busy_timeout` so another process (`pacte load` next to `pacte serve`) waits for the
 * write lock instead of failing. better-sqlite3 is synchronous: a commit holds the event loop, and the requests
 * that arrive meanwhile form the next group (group-commit.ts).
 */
import Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { Kysely, SqliteDialect } from 'kysely';
import { SqlStore } from '../sql/sql-store.js';
import type { Schema } from '../sql/schema.js';

/** How long a writer waits for another process's write lock before failing (ms). */
export const BUSY_TIMEOUT_MS = 10_000;

/** How many prepared statements a store keeps (the store's queries are few; multi-row inserts vary in size). */
const STATEMENTS = 256;

/**
 * The database as kysely sees it, with its prepared statements kept: kysely prepares every query it runs, and
 * preparing (parsing and planning the SQL) costs about as much as running one of the store's small queries.
 * better-sqlite3 statements are reusable; the store never streams (`iterate`), so a statement is never in use twice.
 */
function withStatementCache(raw: Database.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => raw.close(),
    prepare(text: string): SqliteStatement {
      const hit = cache.get(text);
      if (hit) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const stmt = raw.prepare(text);
      cache.set(text, stmt);
      if (cache.size > STATEMENTS) cache.delete(cache.keys().next().value!);
      return stmt;
    },
  };
}

/** Opens (creates) the file with the store's pragmas. The caller runs `migrate()`. */
export function openSqliteStore(file: string): SqlStore {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  // The change mark's part that other connections move (store/change-clock.ts): read without kysely, so without
  // waiting for a transaction that holds the connection.
  const dataVersion = raw.prepare('PRAGMA data_version').pluck();
  return new SqlStore(
    'sqlite',
    db,
    () => db.destroy(),
    () => dataVersion.get() as number,
  );
}
