/**
 * `pacte verify [--db <url>] [--expect-head <family>=<hash>]…`: recomputes every family's chains — its ledger and its
 * versions — and the token log against the tokens table (store.verify()), and reports every damage found, by family
 * and seq or by version file or token id, with the reason; the exit code is 1 if there is any. `--expect-head`
 * checks a head published earlier (`pacte head`): the family's chains must have passed through it, so a ledger
 * rewritten and re-hashed behind the store's back, its head updated, is found. `@tokens=<hash>` does the same for
 * the token log (`pacte head`, head.ts, prints them). A head that a recorded re-chaining replaced (`pacte rechain`) is
 * not a damage: verify checks the record against the rows and says when the head was replaced and by which one. Events
 * still unsalted are named, with the command to run (a warning: exit 0).
 */
import type { Lang } from '../diagnostics/terms.js';
import type { ChainReport, Damage, RechainedHead } from '../store/store.js';
import { TOKENS_ANCHOR } from '../store/store.js';
import { openDb, redact } from './open-db.js';
import type { CommonOptions, Io } from './options.js';
import { UsageError } from './options.js';

export interface VerifyOptions extends CommonOptions {
  readonly db?: string;
  readonly expectHead?: readonly string[];
}

const REASONS: Record<Lang, Record<string, string>> = {
  en: {
    'seq-gap': 'a row is missing or out of place',
    'hash-mismatch': 'a body or hash was changed',
    'id-mismatch': "a row's id is not its event's id",
    'head-mismatch': 'the ledger no longer ends where it did (rows removed from its end, or its last hash changed)',
    'version-mismatch': "a version's text or hash was changed, or a version was removed or inserted before it",
    'versions-head-mismatch': 'the versions no longer end where they did (a version removed from the end, or the head changed)',
    'anchor-mismatch': 'the published head is not one this family ever had: its chains were rewritten',
    'rechain-mismatch':
      'a recorded re-chaining does not match the rows: the old chain recomputed from the bodies does not end at its old head',
    'unsalted-out-of-place': 'an unsalted row follows salted ones (rows stored before salts existed are the first ones)',
    'token-log-gap': 'an entry of the token log is missing or out of place',
    'token-log-mismatch': 'an entry of the token log was changed',
    'token-not-logged': 'a token is stored that the token log never added (added behind the store’s back)',
    'token-changed': "a token's family, party, admin flag, dates or revocation differ from the token log",
    'token-missing': 'a token the token log added is no longer stored',
  },
  fr: {
    'seq-gap': 'une ligne manque ou est déplacée',
    'hash-mismatch': 'un contenu ou une empreinte a été modifié',
    'id-mismatch': "l'identifiant d'une ligne n'est pas celui de son événement",
    'head-mismatch': 'le registre ne finit plus là où il finissait (lignes retirées à la fin, ou dernière empreinte modifiée)',
    'version-mismatch': "le texte ou l'empreinte d'une version a été modifié, ou une version a été retirée ou insérée avant elle",
    'versions-head-mismatch': 'les versions ne finissent plus là où elles finissaient (une version retirée à la fin, ou la tête modifiée)',
    'anchor-mismatch': "la tête publiée n'est aucune de celles que cette famille a eues : ses chaînes ont été réécrites",
    'rechain-mismatch':
      "un rechaînage enregistré ne correspond pas aux lignes : l'ancienne chaîne recalculée à partir des contenus ne finit pas à son ancienne tête",
    'unsalted-out-of-place': 'une ligne sans sel suit des lignes salées (les lignes enregistrées avant les sels sont les premières)',
    'token-log-gap': 'une entrée du journal des jetons manque ou est déplacée',
    'token-log-mismatch': 'une entrée du journal des jetons a été modifiée',
    'token-not-logged': "un jeton est enregistré sans que le journal des jetons l'ait jamais ajouté (ajouté dans le dos de la base)",
    'token-changed':
      "la famille, la partie, le statut administrateur, les dates ou la révocation d'un jeton diffèrent du journal des jetons",
    'token-missing': "un jeton ajouté par le journal des jetons n'est plus enregistré",
  },
};

const T = {
  en: {
    ok: (f: ChainReport) => `${f.family}: ${f.events} event(s), chain valid; ${f.versions} version(s), valid`,
    where: (d: Damage) =>
      d.what !== undefined && d.reason.startsWith('version')
        ? `version ${d.seq} (${d.what})`
        : d.what !== undefined
          ? d.what
          : `seq ${d.seq}`,
    bad: (family: string, where: string, reason: string, why: string) => `${family}: chain broken at ${where} (${reason}: ${why})`,
    replaced: (f: string, r: RechainedHead) =>
      `${f}: the published head ${r.oldHead} was replaced by a recorded re-chaining on ${r.at} (${r.resalted} event(s) salted); the same versions and events now have head ${r.newHead}`,
    unsalted: (f: string, n: number) =>
      `${f}: ${n} event(s) stored before salts existed: their hashes can confirm guesses about events hidden from a party; run pacte rechain ${f}`,
    tokens: 'tokens',
    summary: (db: string, fams: number, v: number, e: number, tk: number) =>
      `verified ${db}: ${fams} family(ies), ${v} version(s), ${e} event(s), ${tk} token(s)`,
    allOk: 'every chain is valid',
    damaged: (n: number) => `${n} damage(s) found`,
    badExpect: (s: string) => `--expect-head: expected <family>=<64 hex digits> (as pacte head prints), not ${JSON.stringify(s)}`,
  },
  fr: {
    ok: (f: ChainReport) => `${f.family} : ${f.events} événement(s), chaîne valide ; ${f.versions} version(s), valides`,
    where: (d: Damage) =>
      d.what !== undefined && d.reason.startsWith('version')
        ? `version ${d.seq} (${d.what})`
        : d.what !== undefined
          ? d.what
          : `numéro ${d.seq}`,
    bad: (family: string, where: string, reason: string, why: string) => `${family} : chaîne rompue au ${where} (${reason} : ${why})`,
    replaced: (f: string, r: RechainedHead) =>
      `${f} : la tête publiée ${r.oldHead} a été remplacée par un rechaînage enregistré le ${r.at} (${r.resalted} événement(s) salé(s)) ; les mêmes versions et événements ont maintenant la tête ${r.newHead}`,
    unsalted: (f: string, n: number) =>
      `${f} : ${n} événement(s) enregistré(s) avant les sels : leurs empreintes peuvent confirmer des suppositions sur des événements cachés à une partie ; lancez pacte rechain ${f}`,
    tokens: 'jetons',
    summary: (db: string, fams: number, v: number, e: number, tk: number) =>
      `${db} vérifiée : ${fams} famille(s), ${v} version(s), ${e} événement(s), ${tk} jeton(s)`,
    allOk: 'toutes les chaînes sont valides',
    damaged: (n: number) => `${n} dommage(s) trouvé(s)`,
    badExpect: (s: string) =>
      `--expect-head : <famille>=<64 chiffres hexadécimaux> est attendu (ce qu'imprime pacte head), pas ${JSON.stringify(s)}`,
  },
} satisfies Record<Lang, unknown>;

/** `--expect-head` values as a map family → hash. */
export function parseExpectHeads(values: readonly string[], lang: Lang): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of values) {
    const m = /^(.+)=([0-9a-fA-F]{64})$/.exec(v.trim());
    if (!m) throw new UsageError('localized', { text: T[lang].badExpect(v) });
    out.set(m[1]!, m[2]!.toLowerCase());
  }
  return out;
}

export async function runVerify(opts: VerifyOptions, io: Io): Promise<number> {
  const t = T[opts.lang];
  const expect = parseExpectHeads(opts.expectHead ?? [], opts.lang);
  const { store, url } = await openDb(opts.db, true);
  try {
    const r = await store.verify(expect);
    const count = r.families.reduce((n, f) => n + f.damages.length, 0) + r.tokenDamages.length;
    if (opts.json) io.out(JSON.stringify(r, null, 2));
    else {
      const why = (d: Damage): string => REASONS[opts.lang][d.reason] ?? '';
      for (const f of r.families) {
        if (f.ok) io.out(t.ok(f));
        else for (const d of f.damages) io.err(t.bad(f.family, t.where(d), d.reason, why(d)));
        if (f.replaced) io.out(t.replaced(f.family, f.replaced));
        if (f.unsalted > 0) io.err(t.unsalted(f.family, f.unsalted));
      }
      for (const d of r.tokenDamages) io.err(t.bad(t.tokens, d.what ?? `${TOKENS_ANCHOR} ${d.seq}`, d.reason, why(d)));
      io.out(t.summary(redact(url), r.families.length, r.versions, r.events, r.tokens));
      if (count === 0) io.out(t.allOk);
      else io.err(t.damaged(count));
    }
    return r.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}
