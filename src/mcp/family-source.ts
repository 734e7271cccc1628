/**
 * Where the MCP tools read families from: directories on disk (`pacte mcp`), or a store as one token sees it (the
 * server's `/mcp`, in server/mcp-route.ts). A source names the families its reader may see and loads one with its
 * ledger, hypothetical events overlaid; a family it does not name does not exist for the tools.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InputFile } from '../check/family.js';
import type { Family } from '../check/ir.js';
import { listDocuments, readInputs } from '../check/load.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedFamily } from '../engine/load-family-dir.js';
import { LEDGER_FILE, loadFamilyDir } from '../engine/load-family-dir.js';
import { readLedger } from '../engine/read-ledger.js';
import { scenarioFiles, scenarioNames, withScenarios } from '../engine/load-scenarios.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { AssumedJson, ScenarioJson } from '../engine/apply-scenarios.js';
import { sourceFile } from '../source/source-file.js';
import type { Families } from './families.js';

/** A family as a source loads it; under a scenario, what to evaluate it under (as `--scenario` does). */
export interface SourceLoaded extends LoadedFamily {
  readonly under?: {
    /** The scenario's `version`: evaluated under that version alone, unless the question names another. */
    readonly version: string | null;
    readonly scenarios: { readonly applied: readonly ScenarioJson[]; readonly assumed: readonly AssumedJson[] };
  };
}

export interface FamilySource {
  /** The families the reader may see. */
  names(): Promise<readonly string[]>;
  /** Where a family comes from, for the reader (its directory, or `store`). */
  where(name: string): string;
  /**
   * The family checked, with its ledger as the reader sees it, under the named scenario (applied whole: its
   * retractions, clauses, assumptions and hypothetical events) and with `overlay` (JSON lines); null if unknown.
   */
  load(name: string, overlay?: string, scenario?: string): Promise<SourceLoaded | null>;
  /** The family's named scenarios (`scenarios/<name>.pacte.md` and `.jsonl`; over HTTP, those stored with it). */
  scenarios(name: string): Promise<readonly string[]>;
  /** The documents' text (to check a draft among them); null if unknown. */
  documents(name: string): Promise<InputFile[] | null>;
  /** The ledger's text as the reader sees it; null if the family has none. */
  ledger(name: string): Promise<string | null>;
}

export const OVERLAY_FILE = 'hypothetical-events.jsonl';

/** Families in directories, read again on every call. */
export function dirSource(families: Families): FamilySource {
  return {
    names: () => Promise.resolve([...families.keys()]),
    where: (name) => families.get(name) ?? '',
    load(name, overlay, scenario) {
      const dir = families.get(name);
      if (dir === undefined) return Promise.resolve(null);
      const files = scenario ? scenarioFiles(dir, scenario) : null;
      const overlays = [...(files?.events ? [files.events] : []), ...(overlay ? [{ path: OVERLAY_FILE, text: overlay }] : [])];
      const loaded = loadFamilyDir(dir, overlays, false);
      if (!files || !loaded.family || hasErrors(loaded.diagnostics)) return Promise.resolve(loaded);
      // The scenario applied whole, as `--scenario`: its retractions, clauses and assumptions with its events.
      const view = withScenarios(loaded.family, loaded.events, { scenarios: [files], assume: [], retract: [] });
      const all = new Map(loaded.files);
      for (const f of view.files) all.set(f.path, f);
      const diagnostics = [...loaded.diagnostics, ...view.diagnostics];
      return Promise.resolve({
        family: hasErrors(diagnostics) ? null : view.family,
        events: view.events,
        files: all,
        diagnostics,
        under: { version: view.version, scenarios: { applied: view.scenarios, assumed: view.assumed } },
      });
    },
    scenarios(name) {
      const dir = families.get(name);
      return Promise.resolve(dir === undefined ? [] : scenarioNames(dir));
    },
    documents(name) {
      const dir = families.get(name);
      return Promise.resolve(dir === undefined ? null : readInputs(listDocuments(dir)));
    },
    ledger(name) {
      const dir = families.get(name);
      const path = dir === undefined ? null : join(dir, LEDGER_FILE);
      return Promise.resolve(path !== null && existsSync(path) ? readFileSync(path, 'utf8') : null);
    },
  };
}

/** Hypothetical events read against a family and put after `events` (for a source that does not read files). */
export function withOverlay(
  family: Family,
  events: readonly LedgerEvent[],
  overlay: string,
): { events: LedgerEvent[]; diagnostics: Diagnostic[]; file: ReturnType<typeof sourceFile> } {
  const file = sourceFile(OVERLAY_FILE, overlay);
  const seqBase = events.reduce((m, e) => Math.max(m, e.seq), 0) + 1;
  const ids = new Map(events.map((e) => [e.id, { file: e.file, line: e.line }]));
  const r = readLedger(file, family, { seqBase, hypothetical: true, ids });
  return { events: [...events, ...r.events], diagnostics: [...r.diagnostics], file };
}
