/**
 * The SQLite adapter, the embedded default: one file, zero set-up (better-sqlite3 through kysely's SqliteDialect).
 * WAL journal, `synchronous=FULL` (every COMMIT is fsynced before it returns, so an acknowledged append survives
 * `kill -9` and power loss), `busy_timeout` so another process (`pacte load` next to `pacte serve`) waits for the
 * write lock instead of failing. better-sqlite3 is synchronous: a commit holds the event loop, and the requests
 * that arrive meanwhile form the next group (group-commit.ts).
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { SqlStore } from '../sql/sql-store.js';
import type { Schema } from '../sql/schema.js';

/** How long a writer waits for another process's write lock before failing (ms). */
export const BUSY_TIMEOUT_MS = 10_000;

/** Opens (creates) the file with the store's pragmas. The caller runs `migrate()`. */
export function openSqliteStore(file: string): SqlStore {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }) });
  return new SqlStore('sqlite', db, () => db.destroy());
}
