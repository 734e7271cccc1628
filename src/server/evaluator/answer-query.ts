/**
 * The evaluating requests as plain data (`Query`), and `answerQuery`, which answers one with the JSON text of its
 * response over the ledger as the principal sees it: the state (`pacte state --json`), an explanation
 * (`pacte explain --json`), a what-if (hypothetical events overlaid, nothing written) or a redline (`pacte diff
 * --json`, with its impact as of a date). It runs in an evaluation worker (worker.ts), or on the server's thread when
 * the pool has no worker; the routes (routes/queries.ts) have checked the request and the family before.
 * Throws ApiError for what the request asks that does not exist (404) or that the agreement refuses (400, 422).
 */
import { toJson } from '../../diagnostics/render.js';
import type { Lang } from '../../diagnostics/terms.js';
import { redlineJson } from '../../diff/redline.js';
import { can } from '../../engine/can.js';
import { evaluate } from '../../engine/evaluate.js';
import { PROBE_ID } from '../../engine/probe-event.js';
import { explainJson } from '../../engine/explain-json.js';
import type { StateJson } from '../../engine/state.js';
import { notFound } from '../errors.js';
import { checkEvents } from '../event-check.js';
import type { FamilyCache, PartyLedger, Principal } from '../family-cache.js';
import { LEDGER_NAME } from '../family-cache.js';

interface AsOf {
  readonly family: string;
  readonly asOf: string;
  /** Evaluate under this version alone (counterfactual), or null for the versions that govern. */
  readonly version: string | null;
  readonly lang: Lang;
}

export type Query =
  | ({ readonly kind: 'state' } & AsOf)
  | ({ readonly kind: 'explain'; readonly name: string } & AsOf)
  | ({ readonly kind: 'what-if'; readonly events: readonly Record<string, unknown>[] } & AsOf)
  | ({
      readonly kind: 'can';
      readonly party: string;
      readonly type: string;
      readonly data: Readonly<Record<string, unknown>>;
    } & AsOf)
  | {
      readonly kind: 'diff';
      readonly family: string;
      readonly from: string;
      readonly to: string;
      /** The date of the impact, or null for the redline alone. */
      readonly asOf: string | null;
    };

/** Ledger rows that a later version no longer accepts are skipped; their warnings are added, as with `--lenient`. */
function withLedgerWarnings(st: StateJson, ledger: PartyLedger, lang: Lang): StateJson {
  if (ledger.diagnostics.length === 0) return st;
  return { ...st, diagnostics: [...ledger.diagnostics.map((d) => toJson(d, lang)), ...st.diagnostics] };
}

/** The response's JSON text: `JSON.stringify` of the object, the very bytes `c.json` would send. */
export async function answerQuery(cache: FamilyCache, principal: Principal, q: Query): Promise<string> {
  const fam = await cache.visibleFamily(q.family, principal);
  if (!fam) throw notFound('family', q.family);
  switch (q.kind) {
    case 'state': {
      const ledger = await cache.ledger(fam, principal);
      return JSON.stringify(withLedgerWarnings(ledger.evaluator(q.version).at(q.asOf, q.lang), ledger, q.lang));
    }
    case 'explain': {
      const ledger = await cache.ledger(fam, principal);
      const r = explainJson(ledger.evaluator(q.version).at(q.asOf, q.lang), q.name);
      if (!r) throw notFound('name', q.name);
      return JSON.stringify(r);
    }
    case 'what-if': {
      const ledger = await cache.ledger(fam, principal);
      const ids = new Map(ledger.events.map((e) => [e.id, { file: LEDGER_NAME, line: e.line }]));
      const overlay = checkEvents(fam.family, q.events, q.lang, {
        prefix: (i) => `events[${i}].`,
        hypothetical: true,
        seqBase: ledger.rows.length,
        ids,
      });
      const st = evaluate(fam.family, [...ledger.events, ...overlay.events], q.asOf, { version: q.version, lang: q.lang });
      return JSON.stringify(withLedgerWarnings(st, ledger, q.lang));
    }
    case 'can': {
      const ledger = await cache.ledger(fam, principal);
      const ids = new Map(ledger.events.map((e) => [e.id, { file: LEDGER_NAME, line: e.line }]));
      const act = { id: PROBE_ID, type: q.type, date: q.asOf, actor: q.party, data: q.data };
      const probe = checkEvents(fam.family, [act], q.lang, { prefix: () => '', hypothetical: true, seqBase: ledger.rows.length, ids })
        .events[0];
      if (!probe) throw new Error('checkEvents accepted no event and raised nothing');
      return JSON.stringify(can(fam.family, [...ledger.events, probe], probe, q.data, { version: q.version, lang: q.lang }));
    }
    case 'diff': {
      const events = q.asOf !== null ? (await cache.ledger(fam, principal)).events : [];
      const r = redlineJson(fam.family, q.from, q.to, events, q.asOf);
      if (!r) throw notFound('version', q.to);
      return JSON.stringify(r);
    }
  }
}
