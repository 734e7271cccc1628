/**
 * A family's scenarios read from its directory: `scenarios/<name>.pacte.md` (check/scenario.ts) and its hypothetical
 * events `scenarios/<name>.jsonl` (either may be alone). `scenarioFiles` names the files (the events go with the
 * ledger into load-family-dir.ts), `withScenarios` checks the scenarios and the command line's `--assume` and
 * `--retract` against the loaded family and applies them (apply-scenarios.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assumeFromText } from '../check/assume.js';
import type { Assumption } from '../check/assume.js';
import type { Family, Version } from '../check/ir.js';
import { checkScenario } from '../check/scenario.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { hint } from '../diagnostics/terms.js';
import { suggest } from '../check/suggest.js';
import type { LedgerEvent } from '../ledger/event.js';
import { readTextFile } from '../source/read-text-file.js';
import type { SourceFile } from '../source/source-file.js';
import { sourceFile } from '../source/source-file.js';
import type { LoadedScenario, ScenarioView } from './apply-scenarios.js';
import { applyScenarios } from './apply-scenarios.js';
import { lastBinding } from '../check/last-binding.js';

export const SCENARIOS_DIR = 'scenarios';

export interface ScenarioFiles {
  readonly name: string;
  readonly document: string | null;
  readonly events: string | null;
  /** The document's text when it is given rather than read from `document` (a scenario a server stored). */
  readonly text?: string;
}

/** The names of a family's scenarios: each `scenarios/<name>.pacte.md` or `scenarios/<name>.jsonl`. */
export function scenarioNames(dir: string): string[] {
  const sdir = join(dir, SCENARIOS_DIR);
  if (!existsSync(sdir)) return [];
  const names = readdirSync(sdir).flatMap((f) =>
    f.endsWith('.pacte.md') ? [f.slice(0, -'.pacte.md'.length)] : f.endsWith('.jsonl') ? [f.slice(0, -'.jsonl'.length)] : [],
  );
  return [...new Set(names)].sort();
}

/** The files of a scenario (a name, or a path ending in `.pacte.md`); null when it has neither. */
export function scenarioFiles(dir: string, name: string): ScenarioFiles | null {
  const base = name.endsWith('.pacte.md') ? name.slice(0, -'.pacte.md'.length) : name;
  const short = base.replace(/^.*[\\/]/, '');
  const inDir = (x: string): boolean => existsSync(`${x}.pacte.md`) || existsSync(`${x}.jsonl`);
  const stem = !base.includes('/') ? join(dir, SCENARIOS_DIR, base) : inDir(base) ? base : join(dir, base);
  const document = `${stem}.pacte.md`;
  const events = `${stem}.jsonl`;
  if (!existsSync(document) && !existsSync(events)) return null;
  return { name: short, document: existsSync(document) ? document : null, events: existsSync(events) ? events : null };
}

export interface ScenarioRequest {
  readonly scenarios: readonly ScenarioFiles[];
  readonly assume: readonly string[];
  readonly retract: readonly string[];
  /**
   * The ids of every real event of the ledger, when the events given are only part of it (a party's view on a
   * server): a retraction of an event the party does not see is no mistake, it retracts nothing of that view.
   */
  readonly known?: ReadonlySet<string>;
  /**
   * The version asked alone (`--version`), if any: the assumptions set its terms. Else a scenario's version, else
   * the family's last binding version.
   */
  readonly version?: string | null;
}

/** The version whose undisclosed terms one-off assumptions set: the one asked, a scenario's, or the last binding one. */
export function assumedVersion(
  family: Family,
  asked: string | null | undefined,
  scenarioVersion: string | null = null,
): Version | undefined {
  const id = asked ?? scenarioVersion;
  const named = id ? family.versions.find((v) => v.id === id) : undefined;
  return named ?? lastBinding(family);
}

/** The family and ledger under the scenarios asked (the ledger already holds their hypothetical events). */
export function withScenarios(
  family: Family,
  events: readonly LedgerEvent[],
  request: ScenarioRequest,
): ScenarioView & { files: SourceFile[] } {
  const diagnostics: Diagnostic[] = [];
  const files: SourceFile[] = [];
  const real = request.known ?? new Set(events.filter((e) => !e.hypothetical).map((e) => e.id));
  const loaded: LoadedScenario[] = [];
  for (const s of request.scenarios) {
    if (!s.document) {
      loaded.push({
        scenario: {
          name: s.name,
          file: s.events ?? s.name,
          title: s.name,
          description: null,
          sources: new Map(),
          version: null,
          versionAt: null,
          branch: null,
          retract: [],
          assumptions: [],
          overlay: null,
          at: [0, 0],
        },
        source: sourceFile(s.events ?? s.name, ''),
      });
      continue;
    }
    const source = sourceFile(s.document, s.text ?? readTextFile(s.document));
    files.push(source);
    const r = checkScenario(source, family, s.name, real);
    diagnostics.push(...r.diagnostics);
    if (r.scenario) loaded.push({ scenario: r.scenario, source });
  }
  const governing = assumedVersion(family, request.version, loaded.find((l) => l.scenario.version)?.scenario.version ?? null);
  const assumptions: { assumption: Assumption; source: SourceFile }[] = [];
  for (const text of request.assume) {
    if (!governing) break;
    const r = assumeFromText(text, governing, diagnostics);
    files.push(r.file);
    for (const assumption of r.assumptions) assumptions.push({ assumption, source: r.file });
  }
  const retract: string[] = [];
  for (const id of request.retract) {
    if (real.has(id)) retract.push(id);
    else {
      const file = sourceFile('--retract', id);
      files.push(file);
      diagnostics.push(diagnostic(file, [0, id.length], 'scenario-unknown-event', { id, hint: hint(suggest(id, real)) }));
    }
  }
  const view = applyScenarios(family, events, loaded, { assumptions, retract });
  return { ...view, diagnostics: [...diagnostics, ...view.diagnostics], files };
}
