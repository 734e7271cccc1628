/**
 * The schema's migrations, in code (kysely `Migrator` with an in-code provider), written once for both SQL
 * dialects: only the auto-numbered column differs. New migrations are appended under a new, later name.
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { Migrator } from 'kysely';

export type SqlDialect = 'sqlite' | 'postgres';

function migrations(dialect: SqlDialect): Record<string, Migration> {
  return {
    '0001-store': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable('versions')
          .ifNotExists()
          .addColumn('pos', dialect === 'postgres' ? 'serial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('family', 'text', (c) => c.notNull())
          .addColumn('file', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('stored_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('versions_family_file', ['family', 'file'])
          .execute();
        await db.schema
          .createTable('ledgers')
          .ifNotExists()
          .addColumn('family', 'text', (c) => c.primaryKey())
          .addColumn('last_seq', 'integer', (c) => c.notNull())
          .addColumn('last_hash', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('events')
          .ifNotExists()
          .addColumn('family', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .addColumn('idempotency_key', 'text')
          .addColumn('stored_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('events_family_seq', ['family', 'seq'])
          .addUniqueConstraint('events_family_id', ['family', 'id'])
          .execute();
        await db.schema
          .createTable('requests')
          .ifNotExists()
          .addColumn('family', 'text', (c) => c.notNull())
          .addColumn('idempotency_key', 'text', (c) => c.notNull())
          .addColumn('digest', 'text', (c) => c.notNull())
          .addColumn('first_seq', 'integer', (c) => c.notNull())
          .addColumn('count', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('requests_family_key', ['family', 'idempotency_key'])
          .execute();
        await db.schema
          .createTable('tokens')
          .ifNotExists()
          .addColumn('hash', 'text', (c) => c.primaryKey())
          .addColumn('party', 'text')
          .addColumn('admin', 'integer', (c) => c.notNull())
          .addColumn('label', 'text')
          .execute();
      },
    },
  };
}

/** Brings the schema up to date; throws when a migration fails. */
export async function migrateToLatest(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const { error, results } = await new Migrator({ db, provider, migrationTableName: 'pacte_migration', migrationLockTableName: 'pacte_migration_lock' }).migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new Error(`store migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
