/**
 * Tokens for the HTTP API. Each is printed once by `add` (nothing else goes to stdout, so a script can capture it);
 * only its sha256 hash is stored, and the first 12 digits of that hash are its `id` in `list`, `revoke` and `scope`.
 * - `pacte token add --family <f> --party <id> [--label <text>] [--expires <date|instant>]`: a token of one party of
 *   one stored family; it sees that family only, even if another family uses the same party id;
 * - `pacte token add --org <name> --map <family>:<party>,…`: an organisation's token, which is in each family named
 *   the party named with it (two families may map two different parties), and nothing elsewhere;
 * - `pacte token add --admin [--label] [--expires]`: an administrator token;
 * - `pacte token list`: every token without its secret: id, family, party or admin, label, created, expires, revoked,
 *   and whether it works (`active`, `expired`, `revoked`, `needs a family`);
 * - `pacte token revoke <id>`: from then on every use of it is a 401;
 * - `pacte token scope <id> --family <f>`: gives a party token made before tokens had families its family (the
 *   migration does not guess it: two families may use the same party id).
 */
import { checkFamily } from '../check/family.js';
import type { Lang } from '../diagnostics/terms.js';
import type { Store, TokenOrg, TokenRow } from '../store/store.js';
import { tokenUnusable } from '../store/store.js';
import { generateToken, hashToken } from '../store/tokens.js';
import { parseDate } from '../values/dates.js';
import { openDb } from './open-db.js';
import type { CommonOptions, Io } from './options.js';
import { UsageError } from './options.js';

export interface TokenOptions extends CommonOptions {
  readonly db?: string;
  readonly family?: string;
  readonly party?: string;
  readonly admin?: boolean;
  readonly org?: string;
  readonly map?: string;
  readonly label?: string;
  readonly expires?: string;
}

/** How many hex digits of a token's hash are shown as its id. */
export const TOKEN_ID_LENGTH = 12;

const T = {
  en: {
    usage: 'token add: give --family <family> --party <id>, or --admin',
    scopeUsage: 'token scope: --family <family> is required',
    adminFamily: 'token add: an --admin token belongs to no family: drop --family and --party',
    orgUsage:
      'token add: an organisation token is --org <name> --map <family>:<party>[,<family>:<party>…] (one party per family), without --family, --party or --admin',
    badMap: (s: string) => `--map: expected <family>:<party> pairs separated by commas, one per family, not ${JSON.stringify(s)}`,
    org: (name: string, map: string) => `organisation ${name} (${map})`,
    noFamily: (f: string, known: string) =>
      `no stored family ${JSON.stringify(f)}${known ? `; families: ${known}` : ': run pacte load <family-dir> first'}`,
    noParty: (f: string, p: string, known: string) => `family ${f} has no party ${JSON.stringify(p)}; its parties: ${known}`,
    badExpires: (s: string) =>
      `--expires: expected a date YYYY-MM-DD (the last day the token works, UTC) or an instant like 2026-12-31T18:00:00Z, not ${JSON.stringify(s)}`,
    pastExpires: (s: string) => `--expires ${s} is already past`,
    added: (who: string) => `token for ${who} stored (only its hash is kept: copy the token now, it is not shown again)`,
    admin: 'the administrator',
    party: (f: string, p: string) => `party ${p} of ${f}`,
    noToken: (id: string) => `no token has an id starting with ${JSON.stringify(id)} (see pacte token list)`,
    ambiguous: (id: string) => `several tokens have an id starting with ${JSON.stringify(id)}: give more digits`,
    shortId: 'give at least 8 digits of the token id (see pacte token list)',
    revoked: (id: string) => `token ${id} revoked: every use of it is now refused (401)`,
    alreadyRevoked: (id: string) => `token ${id} was already revoked`,
    scoped: (id: string, f: string) => `token ${id} now belongs to family ${f}`,
    notScopable: (id: string) =>
      `token ${id} already has a family, or is an admin token: only a party token made before tokens had families can be scoped`,
    status: { active: 'active', revoked: 'revoked', expired: 'expired', unscoped: 'needs a family' } as Record<string, string>,
    header: ['id', 'family', 'party', 'label', 'created', 'expires', 'status'],
    unscopedHint: (n: number) =>
      `${n} party token(s) were made before tokens belonged to a family and grant nothing: run pacte token scope <id> --family <family> for each (or revoke it and make a new one)`,
    none: 'no token stored',
  },
  fr: {
    usage: 'token add : indiquez --family <famille> --party <id>, ou --admin',
    scopeUsage: 'token scope : --family <famille> est obligatoire',
    adminFamily: "token add : un jeton --admin n'appartient à aucune famille : retirez --family et --party",
    orgUsage:
      "token add : un jeton d'organisation s'écrit --org <nom> --map <famille>:<partie>[,<famille>:<partie>…] (une partie par famille), sans --family, --party ni --admin",
    badMap: (s: string) =>
      `--map : des paires <famille>:<partie> séparées par des virgules, une par famille, sont attendues, pas ${JSON.stringify(s)}`,
    org: (name: string, map: string) => `l'organisation ${name} (${map})`,
    noFamily: (f: string, known: string) =>
      `aucune famille enregistrée ${JSON.stringify(f)}${known ? ` ; familles : ${known}` : " : lancez d'abord pacte load <dossier-de-famille>"}`,
    noParty: (f: string, p: string, known: string) => `la famille ${f} n'a pas de partie ${JSON.stringify(p)} ; ses parties : ${known}`,
    badExpires: (s: string) =>
      `--expires : une date AAAA-MM-JJ (dernier jour de validité, UTC) ou un instant comme 2026-12-31T18:00:00Z est attendu, pas ${JSON.stringify(s)}`,
    pastExpires: (s: string) => `--expires ${s} est déjà passé`,
    added: (who: string) =>
      `jeton pour ${who} enregistré (seule son empreinte est gardée : copiez le jeton maintenant, il ne sera plus affiché)`,
    admin: "l'administrateur",
    party: (f: string, p: string) => `la partie ${p} de ${f}`,
    noToken: (id: string) => `aucun jeton n'a d'identifiant commençant par ${JSON.stringify(id)} (voir pacte token list)`,
    ambiguous: (id: string) => `plusieurs jetons ont un identifiant commençant par ${JSON.stringify(id)} : donnez plus de chiffres`,
    shortId: "donnez au moins 8 chiffres de l'identifiant du jeton (voir pacte token list)",
    revoked: (id: string) => `jeton ${id} révoqué : toute utilisation est désormais refusée (401)`,
    alreadyRevoked: (id: string) => `le jeton ${id} était déjà révoqué`,
    scoped: (id: string, f: string) => `le jeton ${id} appartient maintenant à la famille ${f}`,
    notScopable: (id: string) =>
      `le jeton ${id} a déjà une famille, ou c'est un jeton administrateur : seul un jeton de partie créé avant les jetons liés à une famille peut recevoir une famille`,
    status: { active: 'actif', revoked: 'révoqué', expired: 'expiré', unscoped: 'sans famille' } as Record<string, string>,
    header: ['id', 'famille', 'partie', 'libellé', 'créé', 'expire', 'état'],
    unscopedHint: (n: number) =>
      `${n} jeton(s) de partie créé(s) avant les jetons liés à une famille ne donnent aucun accès : lancez pacte token scope <id> --family <famille> pour chacun (ou révoquez-le et créez-en un nouveau)`,
    none: 'aucun jeton enregistré',
  },
} satisfies Record<Lang, unknown>;

/** The parties a stored family declares (any of its versions), or null when it is not stored. */
async function familyParties(store: Store, family: string): Promise<Set<string> | null> {
  const versions = await store.versions(family);
  if (versions.length === 0) return null;
  const checked = checkFamily(
    versions.map((v) => ({ path: v.file, text: v.source })),
    family,
  );
  const parties = new Set<string>();
  for (const v of checked.family?.versions ?? []) for (const p of v.parties.keys()) parties.add(p);
  return parties;
}

/** `--expires`: a date (the token works through that day, UTC) or an instant; the first instant it no longer works. */
export function parseExpires(text: string, lang: Lang, now: Date = new Date()): string {
  const t = T[lang];
  let at: Date;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    if (parseDate(text) === undefined) throw new UsageError('localized', { text: t.badExpires(text) });
    at = new Date(`${text}T00:00:00Z`);
    at.setUTCDate(at.getUTCDate() + 1);
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    at = new Date(text);
    if (Number.isNaN(at.getTime())) throw new UsageError('localized', { text: t.badExpires(text) });
  } else throw new UsageError('localized', { text: t.badExpires(text) });
  if (at.getTime() <= now.getTime()) throw new UsageError('localized', { text: t.pastExpires(text) });
  return at.toISOString();
}

/** `--map f1:p1,f2:p2`: one party for each family, in the order given; else a usage error. */
function parseMap(text: string, lang: Lang): TokenOrg['grants'] {
  const grants = text.split(',').map((pair) => {
    const m = /^\s*([^:\s]+):([^:\s]+)\s*$/.exec(pair);
    if (!m) throw new UsageError('localized', { text: T[lang].badMap(text) });
    return { family: m[1]!, party: m[2]! };
  });
  if (new Set(grants.map((g) => g.family)).size !== grants.length) throw new UsageError('localized', { text: T[lang].badMap(text) });
  return grants;
}

const mapText = (grants: TokenOrg['grants']): string => grants.map((g) => `${g.family}:${g.party}`).join(', ');

export async function runTokenAdd(opts: TokenOptions, io: Io): Promise<number> {
  const t = T[opts.lang];
  if ((opts.org !== undefined) !== (opts.map !== undefined)) throw new UsageError('localized', { text: t.orgUsage });
  if (opts.org !== undefined && (opts.admin === true || opts.family !== undefined || opts.party !== undefined))
    throw new UsageError('localized', { text: t.orgUsage });
  if (opts.admin === true && (opts.family !== undefined || opts.party !== undefined))
    throw new UsageError('localized', { text: t.adminFamily });
  if (opts.org === undefined && opts.admin !== true && (opts.family === undefined || opts.party === undefined))
    throw new UsageError('localized', { text: t.usage });
  const org: TokenOrg | undefined =
    opts.org !== undefined && opts.map !== undefined ? { name: opts.org, grants: parseMap(opts.map, opts.lang) } : undefined;
  const expiresAt = opts.expires === undefined ? null : parseExpires(opts.expires, opts.lang);
  const { store } = await openDb(opts.db, false);
  try {
    const grants =
      org?.grants ?? (opts.family !== undefined && opts.party !== undefined ? [{ family: opts.family, party: opts.party }] : []);
    for (const g of grants) {
      const parties = await familyParties(store, g.family);
      if (!parties) {
        io.err(t.noFamily(g.family, (await store.families()).join(', ')));
        return 1;
      }
      if (!parties.has(g.party)) {
        io.err(t.noParty(g.family, g.party, [...parties].sort().join(', ')));
        return 1;
      }
    }
    const token = generateToken();
    const row = {
      hash: hashToken(token),
      family: opts.family ?? null,
      party: opts.party ?? null,
      admin: opts.admin === true,
      label: opts.label ?? null,
      createdAt: new Date().toISOString(),
      expiresAt,
      ...(org ? { org } : {}),
    };
    await store.addToken(row);
    const id = row.hash.slice(0, TOKEN_ID_LENGTH);
    if (opts.json)
      io.out(
        JSON.stringify(
          { token, id, family: row.family, party: row.party, admin: row.admin, ...(org ? { org } : {}), label: row.label, expiresAt },
          null,
          2,
        ),
      );
    else io.out(token);
    io.err(
      t.added(
        org
          ? t.org(org.name, mapText(org.grants))
          : opts.family !== undefined && opts.party !== undefined
            ? t.party(opts.family, opts.party)
            : t.admin,
      ),
    );
    return 0;
  } finally {
    await store.close();
  }
}

/** The one token whose hash starts with `id`, or an error message. */
function findToken(tokens: readonly TokenRow[], id: string, lang: Lang): TokenRow | string {
  const t = T[lang];
  const prefix = id.trim().toLowerCase();
  if (!/^[0-9a-f]{8,64}$/.test(prefix)) return t.shortId;
  const found = tokens.filter((x) => x.hash.startsWith(prefix));
  if (found.length === 0) return t.noToken(id);
  if (found.length > 1) return t.ambiguous(id);
  return found[0]!;
}

export async function runTokenList(opts: TokenOptions, io: Io): Promise<number> {
  const t = T[opts.lang];
  const { store } = await openDb(opts.db, true);
  try {
    const now = new Date().toISOString();
    const tokens = (await store.tokens()).map((x) => ({
      id: x.hash.slice(0, TOKEN_ID_LENGTH),
      family: x.family,
      party: x.party,
      admin: x.admin,
      ...(x.org ? { org: x.org } : {}),
      label: x.label,
      createdAt: x.createdAt === '' ? null : x.createdAt,
      expiresAt: x.expiresAt,
      revokedAt: x.revokedAt,
      status: tokenUnusable(x, now) ?? 'active',
    }));
    if (opts.json) {
      io.out(JSON.stringify(tokens, null, 2));
      return 0;
    }
    if (tokens.length === 0) {
      io.out(t.none);
      return 0;
    }
    const rows = [
      t.header,
      ...tokens.map((x) => [
        x.id,
        x.org ? mapText(x.org.grants) : (x.family ?? '-'),
        x.admin ? 'admin' : x.org ? `org ${x.org.name}` : (x.party ?? '-'),
        x.label ?? '',
        x.createdAt ?? '-',
        x.expiresAt ?? '-',
        t.status[x.status] ?? x.status,
      ]),
    ];
    const widths = t.header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    io.out(
      rows
        .map((r) =>
          r
            .map((cell, i) => cell.padEnd(widths[i]!))
            .join('  ')
            .trimEnd(),
        )
        .join('\n'),
    );
    const unscoped = tokens.filter((x) => x.status === 'unscoped').length;
    if (unscoped > 0) io.err(t.unscopedHint(unscoped));
    return 0;
  } finally {
    await store.close();
  }
}

export async function runTokenRevoke(id: string, opts: TokenOptions, io: Io): Promise<number> {
  const t = T[opts.lang];
  const { store } = await openDb(opts.db, true);
  try {
    const found = findToken(await store.tokens(), id, opts.lang);
    if (typeof found === 'string') {
      io.err(found);
      return 1;
    }
    const shown = found.hash.slice(0, TOKEN_ID_LENGTH);
    if (!(await store.revokeToken(found.hash, new Date().toISOString()))) {
      io.err(t.alreadyRevoked(shown));
      return 1;
    }
    io.out(t.revoked(shown));
    return 0;
  } finally {
    await store.close();
  }
}

export async function runTokenScope(id: string, opts: TokenOptions, io: Io): Promise<number> {
  const t = T[opts.lang];
  if (opts.family === undefined) throw new UsageError('localized', { text: t.scopeUsage });
  const { store } = await openDb(opts.db, true);
  try {
    const found = findToken(await store.tokens(), id, opts.lang);
    if (typeof found === 'string') {
      io.err(found);
      return 1;
    }
    const shown = found.hash.slice(0, TOKEN_ID_LENGTH);
    const parties = await familyParties(store, opts.family);
    if (!parties) {
      io.err(t.noFamily(opts.family, (await store.families()).join(', ')));
      return 1;
    }
    if (found.party !== null && !parties.has(found.party)) {
      io.err(t.noParty(opts.family, found.party, [...parties].sort().join(', ')));
      return 1;
    }
    if (!(await store.scopeToken(found.hash, opts.family))) {
      io.err(t.notScopable(shown));
      return 1;
    }
    io.out(t.scoped(shown, opts.family));
    return 0;
  } finally {
    await store.close();
  }
}
