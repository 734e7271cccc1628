/**
 * The schema's migrations, in code (kysely `Migrator` with an in-code provider), written once for both SQL
 * dialects: only the auto-numbered column differs. New migrations are appended under a new, later name.
 *
 * `0002-scoped-tokens-salts-anchors` (issue 16): events get a `salt` column (empty for the rows already stored, whose
 * hashes keep verifying unchanged; new rows are salted), versions a hash chain computed from their stored order, and
 * tokens a family, a creation and expiry instant, a revocation instant and a hash-chained log (`token_log`), which
 * starts with one `add` entry per token already stored. A party token stored before tokens had families keeps
 * `family` null: its family is not guessed from its party id (two families may use the same id), so it grants
 * nothing until an admin runs `pacte token scope <id> --family <family>` (or revokes it and makes a new one);
 * `pacte token list` and `pacte serve` name such tokens.
 *
 * `0003-organisation-tokens`: tokens get an `org` column (null for every token before it), an organisation token's
 * name and the party it acts as in each family it may see.
 *
 * `0004-rechains`: the `rechains` table, one row per re-chaining (`pacte rechain`, rechain.ts): the family, when, the
 * ledger's length then, how many of its first rows were salted, the versions head then, and the events hash and family
 * head before and after. Rows are not touched by the migration: `pacte rechain` salts them, when an admin runs it.
 *
 * `0005-scenarios`: the `scenarios` table, one row per scenario of a family (issue 14): its name, its Markdown source,
 * its hypothetical events as JSON text and when it was added.
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { Migrator } from 'kysely';
import { chainHash, GENESIS, versionHash } from '../chain.js';
import { tokenLogBody } from '../verify-chain.js';
import type { Schema } from './schema.js';

export type SqlDialect = 'sqlite' | 'postgres';

function migrations(dialect: SqlDialect): Record<string, Migration> {
  return {
    '0001-store': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable('versions')
          .ifNotExists()
          .addColumn('pos', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
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
    '0002-scoped-tokens-salts-anchors': {
      async up(raw: Kysely<unknown>): Promise<void> {
        const db = raw as unknown as Kysely<Schema>;
        await db.schema
          .alterTable('events')
          .addColumn('salt', 'text', (c) => c.notNull().defaultTo(''))
          .execute();
        await db.schema
          .alterTable('versions')
          .addColumn('hash', 'text', (c) => c.notNull().defaultTo(''))
          .execute();
        await db.schema
          .alterTable('ledgers')
          .addColumn('versions_count', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .alterTable('ledgers')
          .addColumn('versions_hash', 'text', (c) => c.notNull().defaultTo(GENESIS))
          .execute();
        const heads = new Map<string, { count: number; hash: string }>();
        for (const v of await db.selectFrom('versions').select(['pos', 'family', 'file', 'source']).orderBy('pos').execute()) {
          const h = heads.get(v.family) ?? { count: 0, hash: GENESIS };
          const hash = versionHash(h.hash, v.file, v.source);
          await db.updateTable('versions').set({ hash }).where('pos', '=', v.pos).execute();
          heads.set(v.family, { count: h.count + 1, hash });
        }
        for (const [family, h] of heads)
          await db
            .insertInto('ledgers')
            .values({ family, last_seq: 0, last_hash: GENESIS, versions_count: h.count, versions_hash: h.hash })
            .onConflict((oc) => oc.column('family').doUpdateSet({ versions_count: h.count, versions_hash: h.hash }))
            .execute();
        await db.schema.alterTable('tokens').addColumn('family', 'text').execute();
        await db.schema
          .alterTable('tokens')
          .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(''))
          .execute();
        await db.schema.alterTable('tokens').addColumn('expires_at', 'text').execute();
        await db.schema.alterTable('tokens').addColumn('revoked_at', 'text').execute();
        await db.schema
          .createTable('token_log')
          .ifNotExists()
          .addColumn('seq', 'integer', (c) => c.primaryKey())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .execute();
        let prev = GENESIS;
        let seq = 0;
        for (const t of await db.selectFrom('tokens').selectAll().orderBy('hash').execute()) {
          const body = tokenLogBody({
            op: 'add',
            token: {
              hash: t.hash,
              family: null,
              party: t.party,
              admin: Number(t.admin) === 1,
              label: t.label,
              createdAt: '',
              expiresAt: null,
            },
          });
          prev = chainHash(prev, body);
          await db.insertInto('token_log').values({ seq: ++seq, body, hash: prev }).execute();
        }
      },
    },
    '0003-organisation-tokens': {
      async up(raw: Kysely<unknown>): Promise<void> {
        const db = raw as unknown as Kysely<Schema>;
        await db.schema.alterTable('tokens').addColumn('org', 'text').execute();
      },
    },
    '0004-rechains': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable('rechains')
          .ifNotExists()
          .addColumn('family', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('events', 'integer', (c) => c.notNull())
          .addColumn('resalted', 'integer', (c) => c.notNull())
          .addColumn('versions_hash', 'text', (c) => c.notNull())
          .addColumn('old_events_hash', 'text', (c) => c.notNull())
          .addColumn('new_events_hash', 'text', (c) => c.notNull())
          .addColumn('old_head', 'text', (c) => c.notNull())
          .addColumn('new_head', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('rechains_family_events', ['family', 'events', 'at'])
          .execute();
      },
    },
    '0005-scenarios': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable('scenarios')
          .ifNotExists()
          .addColumn('family', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('events', 'text', (c) => c.notNull())
          .addColumn('added_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('scenarios_family_name', ['family', 'name'])
          .execute();
      },
    },
  };
}

/** Brings the schema up to date; throws when a migration fails. */
export async function migrateToLatest(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const { error, results } = await new Migrator({
    db,
    provider,
    migrationTableName: 'pacte_migration',
    migrationLockTableName: 'pacte_migration_lock',
  }).migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new Error(`store migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
