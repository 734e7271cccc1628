/**
 * The evaluating requests as plain data (`Query`), and `answerQuery`, which answers one with the JSON text of its
 * response over the ledger as the principal sees it: the state (`pacte state --json`, a recurring clause's instances
 * summarized unless `instances` is 'all'), a page of one norm's instances, an explanation
 * (`pacte explain --json`), a what-if (hypothetical events overlaid, nothing written) or a redline (`pacte diff
 * --json`, with its impact as of a date) or a comparison (`pacte compare --json`: the baseline and each scenario). Each
 * may be asked under stored scenarios (`scenarios`, carried in the query with their text: scenarios.ts). It runs in an evaluation worker (worker.ts), or on the server's thread when
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
import { instancePage } from '../../engine/instance-page.js';
import { stateFor } from '../../engine/instance-summary.js';
import type { StateJson } from '../../engine/state.js';
import { compareStates } from '../../engine/compare.js';
import { compareWords } from '../../engine/render-compare.js';
import { ApiError, notFound } from '../errors.js';
import { checkEvents } from '../event-check.js';
import type { FamilyCache, PartyLedger, Principal } from '../family-cache.js';
import type { CheckedFamily } from '../family-cache.js';
import { LEDGER_NAME } from '../family-cache.js';
import type { OneOff, QueryScenario, ScenarioView } from '../scenarios.js';
import { nextSeq, underScenarios } from '../scenarios.js';

/** What every query as of a date has. */
export interface AsOfQuery {
  readonly family: string;
  readonly asOf: string;
  /** Evaluate under this version alone (counterfactual), or null for the versions that govern. */
  readonly version: string | null;
  readonly lang: Lang;
  /** The stored scenarios to apply, in order (absent or empty: reality). */
  readonly scenarios?: readonly QueryScenario[];
}

export type Query =
  /** `instances` 'all': every instance of a recurring clause (absent: the summary, instance-summary.ts). */
  | ({ readonly kind: 'state'; readonly instances?: 'all' } & AsOfQuery)
  /** One norm's instances, a page (instance-page.ts). */
  | ({ readonly kind: 'instances'; readonly norm: string; readonly offset: number; readonly limit: number } & AsOfQuery)
  | ({ readonly kind: 'explain'; readonly name: string } & AsOfQuery)
  | ({
      readonly kind: 'what-if';
      readonly events: readonly Record<string, unknown>[];
      /** One-off assumptions (`TERM=VALUE`) and retracted real event ids, after the scenarios (absent: none). */
      readonly oneOff?: OneOff;
      readonly instances?: 'all';
    } & AsOfQuery)
  | ({
      readonly kind: 'can';
      readonly party: string;
      readonly type: string;
      readonly data: Readonly<Record<string, unknown>>;
    } & AsOfQuery)
  | {
      readonly kind: 'diff';
      readonly family: string;
      readonly from: string;
      readonly to: string;
      /** The date of the impact, or null for the redline alone. */
      readonly asOf: string | null;
      /** The stored scenarios the impact is computed under, and the language of their diagnostics. */
      readonly scenarios?: readonly QueryScenario[];
      readonly lang?: Lang;
    }
  | {
      readonly kind: 'compare';
      readonly family: string;
      readonly asOf: string;
      readonly lang: Lang;
      /** One column each, after the baseline; each scenario applied alone. */
      readonly scenarios: readonly QueryScenario[];
      readonly all: boolean;
    };

/** Ledger rows that a later version no longer accepts are skipped; their warnings are added, as with `--lenient`. */
function withLedgerWarnings(st: StateJson, ledger: PartyLedger, lang: Lang): StateJson {
  if (ledger.diagnostics.length === 0) return st;
  return { ...st, diagnostics: [...ledger.diagnostics.map((d) => toJson(d, lang)), ...st.diagnostics] };
}

/** The family and the ledger the principal sees, under the query's scenarios (null when it names none). */
async function scenarioView(
  cache: FamilyCache,
  fam: CheckedFamily,
  ledger: PartyLedger,
  scenarios: readonly QueryScenario[] | undefined,
  lang: Lang,
  oneOff?: OneOff,
  version: string | null = null,
): Promise<ScenarioView | null> {
  const asked = oneOff !== undefined && (oneOff.assume.length > 0 || oneOff.retract.length > 0);
  if ((!scenarios || scenarios.length === 0) && !asked) return null;
  // Every real id of the family: a scenario may retract an event this principal does not see (it retracts nothing here).
  const known = new Set((await cache.rows(fam.name)).rows.map((r) => r.id));
  return underScenarios(fam.family, ledger.events, known, scenarios ?? [], lang, oneOff, version);
}

/** The state as of the query's date, under its scenarios when it names some. */
async function stateOf(cache: FamilyCache, fam: CheckedFamily, principal: Principal, q: AsOfQuery): Promise<StateJson> {
  const ledger = await cache.ledger(fam, principal);
  const view = await scenarioView(cache, fam, ledger, q.scenarios, q.lang);
  const st = view
    ? evaluate(view.family, view.events, q.asOf, { version: q.version ?? view.version, lang: q.lang, scenarios: view.scenarios })
    : ledger.evaluator(q.version).at(q.asOf, q.lang);
  return withLedgerWarnings(st, ledger, q.lang);
}

/** The response's JSON text: `JSON.stringify` of the object, the very bytes `c.json` would send. */
export async function answerQuery(cache: FamilyCache, principal: Principal, q: Query): Promise<string> {
  const fam = await cache.visibleFamily(q.family, principal);
  if (!fam) throw notFound('family', q.family);
  switch (q.kind) {
    case 'state':
      return JSON.stringify(stateFor(await stateOf(cache, fam, principal, q), q.instances ?? 'summary'));
    case 'instances': {
      const page = instancePage(await stateOf(cache, fam, principal, q), q.norm, q.offset, q.limit);
      if (!page) throw notFound('name', q.norm);
      return JSON.stringify(page);
    }
    case 'explain': {
      const r = explainJson(await stateOf(cache, fam, principal, q), q.name);
      if (!r) throw notFound('name', q.name);
      return JSON.stringify(r);
    }
    case 'what-if': {
      const ledger = await cache.ledger(fam, principal);
      // The stored scenarios first (their clauses may declare event types), then the events posted, after theirs.
      const view = await scenarioView(cache, fam, ledger, q.scenarios, q.lang, q.oneOff, q.version);
      const ids = new Map([...ledger.events, ...(view?.events ?? [])].map((e) => [e.id, { file: LEDGER_NAME, line: e.line }]));
      const overlay = checkEvents(view?.family ?? fam.family, q.events, q.lang, {
        prefix: (i) => `events[${i}].`,
        hypothetical: true,
        seqBase: view ? nextSeq(view.events) : ledger.rows.length,
        ids,
      });
      const st = view
        ? evaluate(view.family, [...view.events, ...overlay.events], q.asOf, {
            version: q.version ?? view.version,
            lang: q.lang,
            scenarios: view.scenarios,
          })
        : evaluate(fam.family, [...ledger.events, ...overlay.events], q.asOf, { version: q.version, lang: q.lang });
      return JSON.stringify(stateFor(withLedgerWarnings(st, ledger, q.lang), q.instances ?? 'summary'));
    }
    case 'can': {
      const ledger = await cache.ledger(fam, principal);
      // Under scenarios, the act is asked of the family and ledger as they see them (as `pacte can --scenario`).
      const view = await scenarioView(cache, fam, ledger, q.scenarios, q.lang);
      const family = view?.family ?? fam.family;
      const events = view?.events ?? ledger.events;
      const ids = new Map([...ledger.events, ...events].map((e) => [e.id, { file: LEDGER_NAME, line: e.line }]));
      const act = { id: PROBE_ID, type: q.type, date: q.asOf, actor: q.party, data: q.data };
      const seqBase = view ? nextSeq(events) : ledger.rows.length;
      const probe = checkEvents(family, [act], q.lang, { prefix: () => '', hypothetical: true, seqBase, ids }).events[0];
      if (!probe) throw new Error('checkEvents accepted no event and raised nothing');
      const under = view
        ? { version: q.version ?? view.version, lang: q.lang, scenarios: view.scenarios }
        : { version: q.version, lang: q.lang };
      return JSON.stringify(can(family, [...events, probe], probe, q.data, under));
    }
    case 'diff': {
      if (q.asOf === null) {
        const r = redlineJson(fam.family, q.from, q.to, [], null);
        if (!r) throw notFound('version', q.to);
        return JSON.stringify(r);
      }
      const ledger = await cache.ledger(fam, principal);
      const view = await scenarioView(cache, fam, ledger, q.scenarios, q.lang ?? 'en');
      const r = redlineJson(view?.family ?? fam.family, q.from, q.to, view?.events ?? ledger.events, q.asOf);
      if (!r) throw notFound('version', q.to);
      return JSON.stringify(r);
    }
    case 'compare': {
      const ledger = await cache.ledger(fam, principal);
      const columns = [{ label: compareWords.format(q.lang, 'baseline'), state: ledger.evaluator(null).at(q.asOf, q.lang) }];
      for (const s of q.scenarios) {
        const view = await scenarioView(cache, fam, ledger, [s], q.lang);
        if (!view) throw new ApiError('internal');
        columns.push({
          label: s.name,
          state: evaluate(view.family, view.events, q.asOf, { version: view.version, lang: q.lang, scenarios: view.scenarios }),
        });
      }
      return JSON.stringify(compareStates(columns, q.all));
    }
  }
}
