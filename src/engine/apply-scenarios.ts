/**
 * `applyScenarios(family, events, scenarios, oneOff)`: the family and ledger as a scenario sees them, never the real
 * ones. Scenarios compose in the order given: each one's retractions and branch date set real events aside, its
 * overlay's clauses hold in its base version and every version that amends it, and its assumptions give undisclosed
 * terms a labelled value (`ASSUMED-n`, numbered in that order). Two scenarios that set the same term differently, or
 * change the same clause differently, are a diagnostic naming both positions. Their hypothetical events are read with
 * the ledger (load-family-dir.ts) and kept here.
 */
import { definitionOrder } from '../check/deps.js';
import type { Assumption } from '../check/assume.js';
import { printValue } from '../check/expr-text.js';
import type { Definition, Family, Norm, Version } from '../check/ir.js';
import type { Scenario } from '../check/scenario.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { SourceFile } from '../source/source-file.js';
import { pointAt } from '../source/source-file.js';
import { ancestry } from './timeline.js';

/** What the state JSON says of the scenarios applied (docs/state.md, `scenarios` and `assumed`). */
export interface ScenarioJson {
  readonly name: string;
  readonly title: string;
  readonly file: string;
  readonly version?: string;
  readonly branch?: string;
  readonly retracted?: readonly string[];
  readonly overlay?: {
    readonly base: string;
    readonly added: readonly string[];
    readonly replaced: readonly string[];
    readonly removed: readonly string[];
  };
}

export interface AssumedJson {
  readonly label: string;
  readonly term: string;
  readonly value: string;
  /** The scenario it comes from; null for `--assume`. */
  readonly scenario: string | null;
}

export interface ScenarioView {
  readonly family: Family;
  readonly events: LedgerEvent[];
  /** The version to evaluate alone (a scenario's `version`), or null. */
  readonly version: string | null;
  readonly scenarios: ScenarioJson[];
  readonly assumed: AssumedJson[];
  readonly diagnostics: Diagnostic[];
}

/** A checked scenario with the file it was read from (for diagnostics). */
export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly source: SourceFile;
}

/** What the command line adds: `--assume` and `--retract`. */
export interface OneOff {
  readonly assumptions: readonly { readonly assumption: Assumption; readonly source: SourceFile }[];
  readonly retract: readonly string[];
}

function where(path: string, line: number): string {
  return `@in-file:${path}:${line}`;
}

export function applyScenarios(
  family: Family,
  events: readonly LedgerEvent[],
  scenarios: readonly LoadedScenario[],
  oneOff: OneOff = { assumptions: [], retract: [] },
): ScenarioView {
  const diagnostics: Diagnostic[] = [];
  // Assumptions, in order; a term set twice to different values is a conflict (the first one holds).
  const assumed: AssumedJson[] = [];
  const byTerm = new Map<string, { a: Assumption; label: string; source: SourceFile }>();
  let n = 0;
  const all = [
    ...scenarios.flatMap((s) => s.scenario.assumptions.map((assumption) => ({ assumption, source: s.source }))),
    ...oneOff.assumptions,
  ];
  for (const { assumption: a, source } of all) {
    const prior = byTerm.get(a.term);
    if (prior) {
      if (printValue(prior.a.value) !== printValue(a.value))
        diagnostics.push(
          diagnostic(source, a.at, 'assume-conflict', {
            name: a.term,
            value: printValue(a.value),
            other: printValue(prior.a.value),
            where: where(prior.a.file, pointAt(prior.source, prior.a.at[0]).line),
          }),
        );
      continue;
    }
    n += 1;
    const label = a.label ?? `ASSUMED-${n}`;
    byTerm.set(a.term, { a, label, source });
    assumed.push({ label, term: a.term, value: printValue(a.value), scenario: a.scenario });
  }
  // Overlays: a clause changed by two scenarios differently is a conflict (the first one holds).
  const changedBy = new Map<string, { text: string; scenario: Scenario; line: number; action: string }>();
  const overlays: { base: Version; version: Version; names: string[] }[] = [];
  for (const { scenario: s, source } of scenarios) {
    const o = s.overlay;
    if (!o) continue;
    const names: string[] = [];
    const own = o.version.own;
    for (const [action, list] of [
      ['@sc-added', own.added],
      ['@sc-replaced', own.replaced],
      ['@sc-removed', own.removed],
    ] as const) {
      for (const name of list) {
        const meta = o.version.norms.get(name)?.meta ?? o.version.definitions.get(name)?.meta;
        const text = action === '@sc-removed' ? '' : (meta?.text ?? '');
        const line = meta?.span.start.line ?? pointAt(source, s.at[0]).line;
        const prior = changedBy.get(name);
        if (prior) {
          if (prior.text !== text)
            diagnostics.push(
              diagnostic(source, meta ? [source.lineStarts[line - 1] ?? 0, source.lineStarts[line - 1] ?? 0] : s.at, 'scenario-conflict', {
                what: '@sc-clause',
                name,
                action,
                otherAction: prior.action,
                where: where(prior.scenario.file, prior.line),
              }),
            );
          continue;
        }
        changedBy.set(name, { text, scenario: s, line, action });
        names.push(name);
      }
    }
    overlays.push({ base: o.base, version: o.version, names });
  }
  // Events: retracted ones and real ones after a branch date are set aside; a retracted event that a scenario's own
  // overlay needs is not checked (the overlay reads event types, not events).
  const retracted = new Set<string>(oneOff.retract);
  for (const { scenario: s } of scenarios) for (const r of s.retract) retracted.add(r.id);
  const branches = scenarios.map((s) => s.scenario.branch).filter((b): b is string => b !== null);
  const branch = branches.length > 0 ? branches.sort()[0]! : null;
  const kept = events.filter((e) => !retracted.has(e.id) && (e.hypothetical || branch === null || e.date <= branch));
  // The versions as the scenarios see them.
  const assumedDefs = new Map<Definition, Definition>();
  const assumedDef = (d: Definition): Definition => {
    const a = byTerm.get(d.name);
    if (!a || d.expr.kind !== 'undisclosed') return d;
    const done = assumedDefs.get(d);
    if (done) return done;
    const x: Definition = {
      ...d,
      expr: {
        kind: 'lit',
        value: a.a.value,
        type: d.type,
        at: d.expr.at,
        assumed: { label: a.label, term: a.a.term, scenario: a.a.scenario },
      },
    };
    assumedDefs.set(d, x);
    return x;
  };
  const patch = (v: Version): Version => {
    const line = ancestry(family, v.id).map((x) => x.id);
    const mine = overlays.filter((o) => line.includes(o.base.id));
    if (mine.length === 0 && byTerm.size === 0) return v;
    const definitions = new Map(v.definitions);
    const norms = new Map<string, Norm>(v.norms);
    const eventTypes = new Map(v.events);
    for (const o of mine) {
      for (const [name, t] of o.version.events) if (!eventTypes.has(name)) eventTypes.set(name, t);
      for (const name of o.names) {
        const d = o.version.definitions.get(name);
        const m = o.version.norms.get(name);
        definitions.delete(name);
        norms.delete(name);
        if (d) definitions.set(name, d);
        if (m) norms.set(name, m);
      }
    }
    for (const [name, d] of definitions) definitions.set(name, assumedDef(d));
    return { ...v, events: eventTypes, definitions, norms, definitionOrder: definitionOrder(definitions) };
  };
  // One evaluation has one version: a second scenario that names another one is a conflict (the first one holds).
  const withVersion = scenarios.filter((s) => s.scenario.version !== null);
  const versionOf = withVersion[0]?.scenario.version ?? null;
  for (const { scenario: s, source } of withVersion.slice(1)) {
    const first = withVersion[0]!;
    if (s.version !== versionOf)
      diagnostics.push(
        diagnostic(source, s.versionAt ?? s.at, 'scenario-version-conflict', {
          version: s.version ?? '',
          other: versionOf ?? '',
          where: where(first.scenario.file, pointAt(first.source, first.scenario.versionAt?.[0] ?? 0).line),
        }),
      );
  }
  const json: ScenarioJson[] = scenarios.map(({ scenario: s }) => ({
    name: s.name,
    title: s.title,
    file: s.file,
    ...(s.version ? { version: s.version } : {}),
    ...(s.branch ? { branch: s.branch } : {}),
    ...(s.retract.length > 0 ? { retracted: s.retract.map((r) => r.id) } : {}),
    ...(s.overlay
      ? {
          overlay: {
            base: s.overlay.base.id,
            added: s.overlay.version.own.added,
            replaced: s.overlay.version.own.replaced,
            removed: s.overlay.version.own.removed,
          },
        }
      : {}),
  }));
  if (oneOff.retract.length > 0 || oneOff.assumptions.length > 0)
    json.push({
      name: 'command-line',
      title: '--assume, --retract',
      file: '',
      ...(oneOff.retract.length > 0 ? { retracted: [...oneOff.retract] } : {}),
    });
  return {
    family: { ...family, versions: family.versions.map(patch) },
    events: kept,
    version: versionOf,
    scenarios: json,
    assumed,
    diagnostics,
  };
}
