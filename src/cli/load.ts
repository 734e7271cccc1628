/** Loads a family directory for the evaluating commands: a usage error for a missing directory or file, else `loadFamilyDir`. */
import { existsSync, statSync } from 'node:fs';
import { listDocuments } from '../check/load.js';
import type { LoadedFamily, Overlay } from '../engine/load-family-dir.js';
import { loadFamilyDir } from '../engine/load-family-dir.js';
import type { CommonOptions } from './options.js';
import { UsageError } from './options.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { AssumedJson, ScenarioJson } from '../engine/apply-scenarios.js';
import type { ScenarioFiles } from '../engine/load-scenarios.js';
import { scenarioFiles, scenarioNames, withScenarios } from '../engine/load-scenarios.js';

export type Loaded = LoadedFamily;
export { LEDGER_FILE } from '../engine/load-family-dir.js';

export function loadForEvaluation(dir: string, overlays: readonly Overlay[], lenient: boolean): Loaded {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError('not-a-family', { dir });
  if (listDocuments(dir).length === 0) throw new UsageError('no-documents', { dir });
  for (const o of overlays) if (typeof o === 'string' && !existsSync(o)) throw new UsageError('no-events-file', { path: o });
  return loadFamilyDir(dir, overlays, lenient);
}

/** `--scenario <name>`, `--assume <term>=<value>`, `--retract <event-id>` (each repeatable). */
export interface ScenarioOptions extends CommonOptions {
  readonly events?: string[];
  readonly lenient?: boolean;
  readonly scenario?: string[];
  readonly assume?: string[];
  readonly retract?: string[];
  /** `--version`: the version `--assume` sets terms of, when asked (else a scenario's, else the last binding one). */
  readonly version?: string;
}

export type LoadedUnder = Loaded & {
  /** The version a scenario is a counterfactual of. */
  readonly version: string | null;
  readonly scenarios: { readonly applied: ScenarioJson[]; readonly assumed: AssumedJson[] } | null;
};

/**
 * The family directory loaded, with the scenarios asked applied (`family` null when it has errors); `extra` overlays
 * come after the scenarios' events and the `--events` files (the probe of `pacte can`).
 */
export function loadUnderScenarios(dir: string, opts: ScenarioOptions, extra: readonly Overlay[] = []): LoadedUnder {
  const names = opts.scenario ?? [];
  const files: ScenarioFiles[] = [];
  for (const n of names) {
    const f = existsSync(dir) ? scenarioFiles(dir, n) : null;
    if (!f) {
      const known = existsSync(dir) ? scenarioNames(dir) : [];
      throw new UsageError('unknown-scenario', { name: n, scenarios: known.length > 0 ? known.join(', ') : '-' });
    }
    files.push(f);
  }
  const loaded = loadForEvaluation(
    dir,
    [...files.flatMap((f) => (f.events ? [f.events] : [])), ...(opts.events ?? []), ...extra],
    opts.lenient ?? false,
  );
  const asked = files.length > 0 || (opts.assume ?? []).length > 0 || (opts.retract ?? []).length > 0;
  if (!loaded.family || hasErrors(loaded.diagnostics) || !asked) return { ...loaded, version: null, scenarios: null };
  const view = withScenarios(loaded.family, loaded.events, {
    scenarios: files,
    assume: opts.assume ?? [],
    retract: opts.retract ?? [],
    version: opts.version ?? null,
  });
  const all = new Map(loaded.files);
  for (const f of view.files) all.set(f.path, f);
  const diagnostics = [...loaded.diagnostics, ...view.diagnostics];
  return {
    family: hasErrors(diagnostics) ? null : view.family,
    events: view.events,
    files: all,
    diagnostics,
    version: view.version,
    scenarios: { applied: view.scenarios, assumed: view.assumed },
  };
}
