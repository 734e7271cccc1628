/**
 * `pacte rechain [<family>…] [--db <url>]`: gives every event stored before salts existed a new random salt and
 * recomputes its family's hash chain, one transaction per family (store.rechain(), rechain.ts), so that the hashes a
 * party sees no longer confirm guesses about events hidden from it (issue 16 finding 3). Every stored family when none
 * is named. A command on the database, not on the API: whoever may open the database is its administrator.
 * Each re-chaining is recorded, so `pacte verify --expect-head <family>=<old head>` says the old head was replaced (when,
 * by which head) instead of reporting a rewritten chain. A second run re-salts nothing; a family whose chain does not
 * verify is left as it is (exit 1: re-hashing it would hide the damage).
 */
import type { Lang } from '../diagnostics/terms.js';
import { defineMessages } from '../messages/define-messages.js';
import type { RechainResult } from '../store/store.js';
import { openDb } from './open-db.js';
import type { CommonOptions, Io } from './options.js';

export interface RechainOptions extends CommonOptions {
  readonly db?: string;
}

export const rechainWords = defineMessages({
  en: {
    rechained:
      '{family}: {resalted} of {events} event(s) salted and the chain recomputed; head {oldHead} replaced by {newHead} (recorded on {at})',
    nothing: '{family}: every event is salted, nothing to re-chain',
    damaged: '{family}: chain broken at {where} ({reason}): not re-chained; see pacte verify',
    'no-family': 'no stored family {family}; families: {known}',
    none: '(none)',
    'at-seq': 'seq {seq}',
    publish: 'publish the new heads (pacte head); pacte verify --expect-head <family>=<old head> reports each old one as replaced',
  },
  fr: {
    rechained:
      '{family} : {resalted} événement(s) sur {events} salé(s) et la chaîne recalculée ; tête {oldHead} remplacée par {newHead} (enregistré le {at})',
    nothing: '{family} : chaque événement est salé, rien à rechaîner',
    damaged: '{family} : chaîne rompue au {where} ({reason}) : pas rechaînée ; voyez pacte verify',
    'no-family': 'aucune famille enregistrée {family} ; familles : {known}',
    none: '(aucune)',
    'at-seq': 'numéro {seq}',
    publish:
      'publiez les nouvelles têtes (pacte head) ; pacte verify --expect-head <famille>=<ancienne tête> signale chaque ancienne comme remplacée',
  },
});

function line(r: RechainResult, lang: Lang): string {
  const w = rechainWords;
  switch (r.kind) {
    case 'rechained': {
      const x = r.record;
      return w.format(lang, 'rechained', {
        family: x.family,
        resalted: x.resalted,
        events: x.events,
        oldHead: x.oldHead,
        newHead: x.newHead,
        at: x.at,
      });
    }
    case 'nothing':
      return w.format(lang, 'nothing', { family: r.family });
    case 'damaged': {
      const d = r.damages[0]!;
      return w.format(lang, 'damaged', { family: r.family, where: w.format(lang, 'at-seq', { seq: d.seq ?? '?' }), reason: d.reason });
    }
  }
}

export async function runRechain(families: readonly string[], opts: RechainOptions, io: Io): Promise<number> {
  const { store } = await openDb(opts.db, true);
  try {
    const stored = [...new Set([...(await store.families()), ...(await store.unsalted()).keys()])].sort();
    const missing = families.filter((f) => !stored.includes(f));
    if (missing.length > 0) {
      io.err(
        rechainWords.format(opts.lang, 'no-family', {
          family: missing.join(', '),
          known: stored.join(', ') || rechainWords.format(opts.lang, 'none'),
        }),
      );
      return 1;
    }
    const results: RechainResult[] = [];
    for (const f of families.length > 0 ? families : stored) results.push(await store.rechain(f));
    if (opts.json) io.out(JSON.stringify({ families: results }, null, 2));
    else {
      for (const r of results)
        if (r.kind === 'damaged') io.err(line(r, opts.lang));
        else io.out(line(r, opts.lang));
      if (results.some((r) => r.kind === 'rechained')) io.out(rechainWords.format(opts.lang, 'publish'));
    }
    return results.some((r) => r.kind === 'damaged') ? 1 : 0;
  } finally {
    await store.close();
  }
}
