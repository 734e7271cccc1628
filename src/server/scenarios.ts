/**
 * A family's scenarios on a server (issue 14): a stored scenario (store.ts `ScenarioRow`: its Markdown and its
 * hypothetical events as JSON text) checked before it is stored — its document with check/scenario.ts, its events
 * with the ledger's own validation — and, when a query names scenarios, the family and ledger as they see them
 * (engine/load-scenarios.ts `withScenarios`, as the command line's `--scenario`), over the events the token may see;
 * a what-if may add one-off assumptions and retractions (`--assume`, `--retract`).
 */
import { assumeFromText } from '../check/assume.js';
import { assumedVersion } from '../engine/load-scenarios.js';
import type { Family } from '../check/ir.js';
import { checkScenario } from '../check/scenario.js';
import { suggest } from '../check/suggest.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic, hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { toJson } from '../diagnostics/render.js';
import type { Lang } from '../diagnostics/terms.js';
import { hint } from '../diagnostics/terms.js';
import type { AssumedJson, ScenarioJson } from '../engine/apply-scenarios.js';
import { SCENARIOS_DIR, withScenarios } from '../engine/load-scenarios.js';
import type { LedgerEvent } from '../ledger/event.js';
import { sourceFile } from '../source/source-file.js';
import type { ScenarioRow } from '../store/store.js';
import { ApiError } from './errors.js';
import { checkEvents } from './event-check.js';
import { LEDGER_NAME } from './family-cache.js';
import type { ScenarioInfo } from './version-info.js';

export type { ScenarioInfo };

/** A stored scenario as a query carries it (to a worker too): its name, its Markdown and its events' JSON text. */
export interface QueryScenario {
  readonly name: string;
  readonly source: string;
  readonly events: string;
}

/** Where a stored scenario's document is said to be, in diagnostics and in the state's `scenarios[].file`. */
export function scenarioPath(name: string): string {
  return `${SCENARIOS_DIR}/${name}.pacte.md`;
}

/** The ledger's ids as the ledger validation wants them (a hypothetical event may not reuse one). */
function idsOf(events: readonly { readonly id: string }[]): Map<string, { file: string; line: number }> {
  return new Map(events.map((e, i) => [e.id, { file: LEDGER_NAME, line: i + 1 }]));
}

/**
 * Checks a scenario to be stored against the family and every real event id of its ledger: its document (422
 * `invalid-scenario` with the diagnostics and their positions) and its events (422 `invalid-event` with `path`
 * `events[i]…`, or 400 when malformed). Returns the events' canonical JSON text to store.
 */
export function checkScenarioInput(
  family: Family,
  known: readonly { readonly id: string }[],
  name: string,
  source: string,
  events: readonly Record<string, unknown>[],
  lang: Lang,
): string {
  const r = checkScenario(sourceFile(scenarioPath(name), source), family, name, new Set(known.map((e) => e.id)));
  if (hasErrors(r.diagnostics) || !r.scenario) {
    const diagnostics = sortDiagnostics(r.diagnostics).map((d) => toJson(d, lang));
    throw new ApiError(
      'invalid-scenario',
      { name, count: diagnostics.filter((d) => d['severity'] === 'error').length || diagnostics.length },
      { diagnostics },
    );
  }
  const checked = checkEvents(family, events, lang, {
    prefix: (i) => `events[${i}].`,
    hypothetical: true,
    seqBase: known.length,
    ids: idsOf(known),
  });
  return `[${checked.bodies.join(',')}]`;
}

/** What a stored scenario's document says of it (checked when stored; what a later version no longer accepts is left out). */
export function scenarioInfo(family: Family, row: ScenarioRow, known: readonly { readonly id: string }[]): ScenarioInfo {
  const r = checkScenario(sourceFile(scenarioPath(row.name), row.source), family, row.name, new Set(known.map((e) => e.id)));
  const s = r.scenario;
  let events = 0;
  try {
    const parsed: unknown = JSON.parse(row.events);
    events = Array.isArray(parsed) ? parsed.length : 0;
  } catch {
    events = 0;
  }
  return {
    name: row.name,
    title: s?.title ?? row.name,
    description: s?.description ?? null,
    version: s?.version ?? null,
    branch: s?.branch ?? null,
    retract: s?.retract.map((x) => x.id) ?? [],
    events,
    addedAt: row.addedAt,
  };
}

/** A sequence number after every one of `events` (a skipped ledger row leaves a gap, so not their count). */
export function nextSeq(events: readonly LedgerEvent[]): number {
  return events.reduce((m, e) => Math.max(m, e.seq), 0) + 1;
}

/** A what-if's one-off assumptions (`TERM=VALUE`, as `--assume`) and retractions (real event ids, as `--retract`). */
export interface OneOff {
  readonly assume: readonly string[];
  readonly retract: readonly string[];
}

export const NO_ONE_OFF: OneOff = { assume: [], retract: [] };

/**
 * Checks each assumption and retraction alone, so that its diagnostics say which one (`path` `assume[i]`,
 * `retract[i]`): a term that is not undisclosed or a value out of its bounds, an id that is no real event of the
 * family (`known`). 422 `invalid-scenario` with the diagnostics.
 */
function checkOneOff(family: Family, known: ReadonlySet<string>, oneOff: OneOff, lang: Lang, version: string | null): void {
  const out: Record<string, unknown>[] = [];
  const governing = assumedVersion(family, version);
  oneOff.assume.forEach((text, i) => {
    const diags: Diagnostic[] = [];
    if (governing) assumeFromText(text, governing, diags);
    for (const d of diags) if (d.severity === 'error') out.push({ ...toJson(d, lang), path: `assume[${i}]` });
  });
  oneOff.retract.forEach((id, i) => {
    if (known.has(id)) return;
    const file = sourceFile('--retract', id);
    const d = diagnostic(file, [0, id.length], 'scenario-unknown-event', { id, hint: hint(suggest(id, known)) });
    out.push({ ...toJson(d, lang), path: `retract[${i}]` });
  });
  if (out.length > 0) throw new ApiError('invalid-one-off', { count: out.length }, { diagnostics: out });
}

export interface ScenarioView {
  readonly family: Family;
  readonly events: LedgerEvent[];
  /** The version a scenario is a counterfactual of, or null. */
  readonly version: string | null;
  readonly scenarios: { readonly applied: ScenarioJson[]; readonly assumed: AssumedJson[] };
}

/**
 * The family and the ledger `events` (what the token may see; `known` every real event id of the family) under the
 * scenarios, applied in the order given. Their events are checked again (a version added since may refuse one:
 * 422), their documents too (422 `invalid-scenario`, e.g. two scenarios that set the same term differently).
 */
export function underScenarios(
  family: Family,
  events: readonly LedgerEvent[],
  known: ReadonlySet<string>,
  scenarios: readonly QueryScenario[],
  lang: Lang,
  oneOff: OneOff = NO_ONE_OFF,
  version: string | null = null,
): ScenarioView {
  checkOneOff(family, known, oneOff, lang, version);
  const ids = new Map(events.map((e) => [e.id, { file: LEDGER_NAME, line: e.line }]));
  const hypothetical: LedgerEvent[] = [];
  // After every real event of the day (overlays follow the ledger), each scenario's after the one before.
  let seqBase = nextSeq(events);
  for (const s of scenarios) {
    const objs = JSON.parse(s.events) as Record<string, unknown>[];
    const checked = checkEvents(family, objs, lang, {
      prefix: (i) => `scenario.${s.name}.events[${i}].`,
      hypothetical: true,
      seqBase,
      ids,
    });
    seqBase += objs.length + 1;
    hypothetical.push(...checked.events);
  }
  const view = withScenarios(family, [...events, ...hypothetical], {
    scenarios: scenarios.map((s) => ({
      name: s.name,
      document: s.source === '' ? null : scenarioPath(s.name),
      events: null,
      text: s.source,
    })),
    assume: oneOff.assume,
    retract: oneOff.retract,
    known,
    version,
  });
  if (hasErrors(view.diagnostics)) {
    const diagnostics = view.diagnostics.map((d) => toJson(d, lang));
    throw new ApiError(
      'invalid-scenario',
      { name: scenarios.map((s) => s.name).join(', '), count: diagnostics.filter((d) => d['severity'] === 'error').length },
      { diagnostics },
    );
  }
  return { family: view.family, events: view.events, version: view.version, scenarios: { applied: view.scenarios, assumed: view.assumed } };
}
