/**
 * The PostgreSQL adapter, for shared servers: several stateless `pacte serve` processes over one database. pg's Pool
 * through kysely's PostgresDialect. Appends lock their families' `ledgers` rows (`SELECT … FOR UPDATE`, in family
 * order) inside the group's transaction, so seq stays gap-free and `expectedSeq` exact across processes; COMMIT
 * returns after the WAL is flushed (PostgreSQL's default `synchronous_commit=on`, which the adapter sets explicitly
 * for its sessions).
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { SqlStore } from '../sql/sql-store.js';
import type { Schema } from '../sql/schema.js';

export function openPostgresStore(url: string, poolSize = 10): SqlStore {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c synchronous_commit=on' });
  // An idle connection dropped by the server (restart, admin command) is discarded by the pool; without a listener
  // its 'error' event would end the process. Queries on a broken connection still fail and reach their caller.
  pool.on('error', () => {});
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return new SqlStore('postgres', db, () => db.destroy());
}
