/**
 * `pacte token add --party <id> [--label <text>] [--db <url>]` and `pacte token add --admin`: creates a bearer token
 * for the HTTP API, prints it once on stdout (nothing else goes to stdout, so a script can capture it) and stores
 * only its sha256 hash. A party token needs a party declared by some stored family (`pacte load` first).
 */
import type { Lang } from '../diagnostics/terms.js';
import { checkFamily } from '../check/family.js';
import type { Store } from '../store/store.js';
import { generateToken, hashToken } from '../store/tokens.js';
import { openDb } from './open-db.js';
import type { CommonOptions, Io } from './options.js';
import { UsageError } from './options.js';

export interface TokenOptions extends CommonOptions {
  readonly db?: string;
  readonly party?: string;
  readonly admin?: boolean;
  readonly label?: string;
}

const T = {
  en: {
    usage: 'token add: give exactly one of --party <id> or --admin',
    noFamily: 'no family is stored yet: run pacte load <family-dir> first',
    noParty: (p: string, known: string) => `no stored family has a party ${JSON.stringify(p)}; parties: ${known}`,
    added: (who: string) => `token for ${who} stored (only its hash is kept: copy the token now, it is not shown again)`,
    admin: 'the administrator',
    party: (p: string) => `party ${p}`,
  },
  fr: {
    usage: "token add : indiquez soit --party <id>, soit --admin",
    noFamily: "aucune famille n'est encore enregistrée : lancez d'abord pacte load <dossier-de-famille>",
    noParty: (p: string, known: string) => `aucune famille enregistrée n'a de partie ${JSON.stringify(p)} ; parties : ${known}`,
    added: (who: string) => `jeton pour ${who} enregistré (seule son empreinte est gardée : copiez le jeton maintenant, il ne sera plus affiché)`,
    admin: "l'administrateur",
    party: (p: string) => `la partie ${p}`,
  },
} satisfies Record<Lang, unknown>;

/** Every party declared by a version of a stored family. */
async function storedParties(store: Store): Promise<Set<string>> {
  const parties = new Set<string>();
  for (const family of await store.families()) {
    const versions = await store.versions(family);
    const checked = checkFamily(versions.map((v) => ({ path: v.file, text: v.source })), family);
    for (const v of checked.family?.versions ?? []) for (const p of v.parties.keys()) parties.add(p);
  }
  return parties;
}

export async function runTokenAdd(opts: TokenOptions, io: Io): Promise<number> {
  const t = T[opts.lang];
  if ((opts.party === undefined) === (opts.admin !== true)) throw new UsageError(t.usage);
  const { store } = await openDb(opts.db, false);
  try {
    if (opts.party !== undefined) {
      const parties = await storedParties(store);
      if (parties.size === 0) {
        io.err(t.noFamily);
        return 1;
      }
      if (!parties.has(opts.party)) {
        io.err(t.noParty(opts.party, [...parties].sort().join(', ')));
        return 1;
      }
    }
    const token = generateToken();
    await store.addToken({ hash: hashToken(token), party: opts.party ?? null, admin: opts.admin === true, label: opts.label ?? null });
    if (opts.json) io.out(JSON.stringify({ token, party: opts.party ?? null, admin: opts.admin === true, label: opts.label ?? null }, null, 2));
    else io.out(token);
    io.err(t.added(opts.party !== undefined ? t.party(opts.party) : t.admin));
    return 0;
  } finally {
    await store.close();
  }
}
