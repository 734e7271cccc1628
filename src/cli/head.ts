/**
 * `pacte head [<family>…] [--db <url>]`: prints `<family>=<hash>` for each family (every stored family when none is
 * named) and `@tokens=<hash>`: the heads to publish somewhere the database's administrators cannot rewrite, each
 * exactly what `pacte verify --expect-head` takes. A family's head is sha256(versions head + ledger head).
 */
import type { Lang } from '../diagnostics/terms.js';
import { TOKENS_ANCHOR } from '../store/store.js';
import { openDb } from './open-db.js';
import type { CommonOptions, Io } from './options.js';

export interface HeadOptions extends CommonOptions {
  readonly db?: string;
}

const T = {
  en: { noFamily: (f: string, known: string) => `no stored family ${f}; families: ${known || '(none)'}` },
  fr: { noFamily: (f: string, known: string) => `aucune famille enregistrée ${f} ; familles : ${known || '(aucune)'}` },
} satisfies Record<Lang, unknown>;

export async function runHead(families: readonly string[], opts: HeadOptions, io: Io): Promise<number> {
  const { store } = await openDb(opts.db, true);
  try {
    const stored = await store.families();
    const missing = families.filter((f) => !stored.includes(f));
    if (missing.length > 0) {
      io.err(T[opts.lang].noFamily(missing.join(', '), stored.join(', ')));
      return 1;
    }
    const heads = [];
    for (const f of families.length > 0 ? families : stored) heads.push(await store.head(f));
    const tokensHead = await store.tokensHead();
    if (opts.json) io.out(JSON.stringify({ families: heads, tokens: tokensHead }, null, 2));
    else io.out([...heads.map((h) => `${h.family}=${h.head}`), `${TOKENS_ANCHOR}=${tokensHead}`].join('\n'));
    return 0;
  } finally {
    await store.close();
  }
}
