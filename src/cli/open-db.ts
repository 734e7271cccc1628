/**
 * Opens the store a `--db` option names (default `$PACTE_DB`, else `sqlite:./pacte.db`) for a command. A bad URL
 * or, for commands that only read (`mustExist`), an SQLite file that does not exist is a usage error — rather than
 * an empty database created by mistake.
 */
import { existsSync } from 'node:fs';
import type { Store } from '../store/store.js';
import { defaultDbUrl, openStore, parseStoreUrl, StoreUrlError } from '../store/open/open-store.js';
import { UsageError } from './options.js';

export async function openDb(url: string | undefined, mustExist: boolean): Promise<{ store: Store; url: string }> {
  const u = url ?? defaultDbUrl();
  try {
    const parsed = parseStoreUrl(u);
    if (mustExist && parsed.kind === 'sqlite' && !existsSync(parsed.file))
      throw new UsageError('no-db-file', { file: parsed.file, url: u });
    return { store: await openStore(u), url: u };
  } catch (e) {
    if (e instanceof StoreUrlError) throw new UsageError('bad-db-url', { detail: e.message });
    if (e instanceof UsageError) throw e;
    // A server that refuses the connection, a file that cannot be opened: the message, without a stack trace.
    throw new UsageError('cannot-open', { url: redact(u), detail: e instanceof Error ? e.message : String(e) });
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}
