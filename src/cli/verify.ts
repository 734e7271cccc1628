/**
 * `pacte verify [--db <url>]`: recomputes every family's hash chain (store.verify()) and reports counts; a damaged
 * chain is named by family and first bad seq, with the reason, and the exit code is 1.
 */
import type { Lang } from '../diagnostics/terms.js';
import type { ChainReport } from '../store/store.js';
import { openDb, redact } from './open-db.js';
import type { CommonOptions, Io } from './options.js';

export interface VerifyOptions extends CommonOptions {
  readonly db?: string;
}

const REASONS: Record<Lang, Record<string, string>> = {
  en: {
    'seq-gap': 'a row is missing or out of place',
    'hash-mismatch': 'a body or hash was changed',
    'id-mismatch': "a row's id is not its event's id",
    'head-mismatch': 'the ledger no longer ends where it did (rows removed from its end, or its last hash changed)',
  },
  fr: {
    'seq-gap': 'une ligne manque ou est déplacée',
    'hash-mismatch': 'un contenu ou une empreinte a été modifié',
    'id-mismatch': "l'identifiant d'une ligne n'est pas celui de son événement",
    'head-mismatch': "le registre ne finit plus là où il finissait (lignes retirées à la fin, ou dernière empreinte modifiée)",
  },
};

const T = {
  en: {
    ok: (f: ChainReport) => `${f.family}: ${f.events} event(s), chain valid`,
    bad: (f: ChainReport, why: string) => `${f.family}: chain broken at seq ${f.firstBadSeq} (${f.reason}: ${why})`,
    summary: (db: string, fams: number, v: number, e: number, tk: number) => `verified ${db}: ${fams} family(ies), ${v} version(s), ${e} event(s), ${tk} token(s)`,
    allOk: 'every chain is valid',
    damaged: (n: number) => `${n} damaged chain(s)`,
  },
  fr: {
    ok: (f: ChainReport) => `${f.family} : ${f.events} événement(s), chaîne valide`,
    bad: (f: ChainReport, why: string) => `${f.family} : chaîne rompue au numéro ${f.firstBadSeq} (${f.reason} : ${why})`,
    summary: (db: string, fams: number, v: number, e: number, tk: number) => `${db} vérifiée : ${fams} famille(s), ${v} version(s), ${e} événement(s), ${tk} jeton(s)`,
    allOk: 'toutes les chaînes sont valides',
    damaged: (n: number) => `${n} chaîne(s) endommagée(s)`,
  },
} satisfies Record<Lang, unknown>;

export async function runVerify(opts: VerifyOptions, io: Io): Promise<number> {
  const t = T[opts.lang];
  const { store, url } = await openDb(opts.db, true);
  try {
    const r = await store.verify();
    if (opts.json) io.out(JSON.stringify(r, null, 2));
    else {
      for (const f of r.families) {
        if (f.ok) io.out(t.ok(f));
        else io.err(t.bad(f, REASONS[opts.lang][f.reason ?? ''] ?? ''));
      }
      io.out(t.summary(redact(url), r.families.length, r.versions, r.events, r.tokens));
      const bad = r.families.filter((f) => !f.ok).length;
      if (bad === 0) io.out(t.allOk);
      else io.err(t.damaged(bad));
    }
    return r.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}
