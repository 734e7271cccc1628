/**
 * `openStore(url)`: the store a `--db` URL names, migrated and ready.
 * - `memory:` — in memory (tests, demos; nothing is kept);
 * - `sqlite:<file>` — an SQLite file, created if absent (`sqlite:./pacte.db`, `sqlite:/var/lib/pacte.db`);
 * - `postgres://…` or `postgresql://…` — a PostgreSQL database (libpq-style URL, as `pg` reads it).
 * Without a URL: `$PACTE_DB`, else `sqlite:./pacte.db`.
 * The SQLite and PostgreSQL drivers are loaded only when asked for.
 */
import { MemoryStore } from '../memory/memory-store.js';
import type { Store } from '../store.js';

export const DEFAULT_DB = 'sqlite:./pacte.db';

/** A `--db` value that names no store. */
export class StoreUrlError extends Error {}

/** The URL used when none is given: `$PACTE_DB`, else `sqlite:./pacte.db`. */
export function defaultDbUrl(): string {
  const env = process.env['PACTE_DB'];
  return env !== undefined && env !== '' ? env : DEFAULT_DB;
}

export type StoreUrl =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string };

export function parseStoreUrl(url: string): StoreUrl {
  if (url === 'memory:') return { kind: 'memory' };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') throw new StoreUrlError(`no file in ${JSON.stringify(url)}: write sqlite:<file>, e.g. sqlite:./pacte.db`);
    return { kind: 'sqlite', file };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { kind: 'postgres', url };
  throw new StoreUrlError(`unknown database ${JSON.stringify(url)}: expected memory:, sqlite:<file> or postgres://…`);
}

export async function openStore(url: string = defaultDbUrl()): Promise<Store> {
  const u = parseStoreUrl(url);
  let store: Store;
  switch (u.kind) {
    case 'memory':
      store = new MemoryStore();
      break;
    case 'sqlite':
      store = (await import('../sqlite/sqlite-store.js')).openSqliteStore(u.file);
      break;
    case 'postgres':
      store = (await import('../postgres/postgres-store.js')).openPostgresStore(u.url);
      break;
  }
  try {
    await store.migrate();
  } catch (e) {
    await store.close().catch(() => {});
    throw e;
  }
  return store;
}
