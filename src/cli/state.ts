/** `pacte state <family-dir> --as-of <date>` and `pacte explain <family-dir> <name> --as-of <date>`. */
import type { Family } from '../check/ir.js';
import { hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { renderAll, toJson } from '../diagnostics/render.js';
import { evaluate } from '../engine/evaluate.js';
import type { StateJson } from '../engine/state.js';
import { parseDate } from '../values/dates.js';
import { suggest } from '../check/suggest.js';
import { explainJson } from '../engine/explain-json.js';
import type { ScenarioOptions } from './load.js';
import { loadUnderScenarios } from './load.js';
import { scenarioFiles, scenarioNames } from '../engine/load-scenarios.js';
import { readTextFile } from '../source/read-text-file.js';
import type { Io } from './options.js';
import { UsageError } from './options.js';
import { renderBecause, renderState } from '../engine/render-state.js';
import { statusWord } from '../engine/why.js';
import type { InstancesMode } from '../engine/instance-summary.js';
import { stateFor } from '../engine/instance-summary.js';

export interface StateOptions extends ScenarioOptions {
  readonly asOf: string;
  readonly version?: string;
  readonly events?: string[];
  readonly lenient?: boolean;
  /** `--instances all|summary` (`pacte state` only): every instance of a recurring clause, or the summary past 20. */
  readonly instances?: string;
}

/** `--instances`: summary (the default) or all; anything else is a usage error. */
function instancesMode(text: string | undefined): InstancesMode {
  if (text === undefined || text === 'summary') return 'summary';
  if (text === 'all') return 'all';
  throw new UsageError('bad-instances', { text: JSON.stringify(text) });
}

/** A usage error when `--version` names no version of the family (with a suggestion). */
export function requireVersion(family: Family, version: string | undefined): void {
  if (!version || family.versions.some((v) => v.id === version)) return;
  const ids = family.versions.map((v) => v.id);
  const s = suggest(version, ids);
  throw s
    ? new UsageError('unknown-version-hint', { id: version, suggestion: s, versions: ids.join(', ') })
    : new UsageError('unknown-version', { id: version, versions: ids.join(', ') });
}

function evaluateDir(dir: string, opts: StateOptions, io: Io): StateJson | number {
  const asOf = parseDate(opts.asOf);
  if (!asOf) throw new UsageError('bad-as-of', { text: JSON.stringify(opts.asOf) });
  const loaded = loadUnderScenarios(dir, opts);
  const diags = sortDiagnostics(loaded.diagnostics);
  if (!loaded.family || hasErrors(diags)) {
    if (opts.json)
      io.out(
        JSON.stringify(
          diags.map((d) => toJson(d, opts.lang)),
          null,
          2,
        ),
      );
    else io.err(renderAll(diags, opts.lang, loaded.files));
    return 1;
  }
  const version = opts.version ?? loaded.version ?? undefined;
  requireVersion(loaded.family, opts.version);
  if (diags.length > 0 && !opts.json) io.err(renderAll(diags, opts.lang, loaded.files));
  // One query: a replay up to the date (checkpoints pay off only over many queries, as in `story`).
  const st = evaluate(loaded.family, loaded.events, asOf, {
    version: version ?? null,
    lang: opts.lang,
    ...(loaded.scenarios ? { scenarios: loaded.scenarios } : {}),
  });
  return diags.length > 0 ? { ...st, diagnostics: [...diags.map((d) => toJson(d, opts.lang)), ...st.diagnostics] } : st;
}

export function runState(dir: string, opts: StateOptions, io: Io): number {
  const mode = instancesMode(opts.instances);
  const full = evaluateDir(dir, opts, io);
  if (typeof full === 'number') return full;
  const st = stateFor(full, mode);
  io.out(opts.json ? JSON.stringify(st, null, 2) : renderState(st, opts.lang));
  return 0;
}

export function runExplain(dir: string, name: string, opts: StateOptions, io: Io): number {
  const st = evaluateDir(dir, opts, io);
  if (typeof st === 'number') return st;
  const r = explainJson(st, name);
  if (!r) {
    const elsewhere = whereElse(dir, name, opts);
    if (elsewhere?.kind === 'proposal') throw new UsageError('name-in-proposal', { name, date: st.asOf, version: elsewhere.id });
    if (elsewhere?.kind === 'scenario') throw new UsageError('name-in-scenario', { name, date: st.asOf, scenario: elsewhere.id });
    const s = suggest(name, [...st.norms.map((n) => n.id), ...Object.keys(st.values)]);
    throw s
      ? new UsageError('unknown-name-hint', { name, date: st.asOf, suggestion: s })
      : new UsageError('unknown-name', { name, date: st.asOf });
  }
  if (opts.json) io.out(JSON.stringify(r, null, 2));
  else {
    const head = 'status' in r ? `${name}: ${statusWord(opts.lang, r.status)} (${r.since})` : `${name}`;
    io.out(`${head}\n${renderBecause(r.because, opts.lang, '  ')}`);
  }
  return 0;
}

/** Where a clause absent from the state is written: a non-binding version (a proposal), or a scenario of the family. */
function whereElse(dir: string, name: string, opts: StateOptions): { kind: 'proposal' | 'scenario'; id: string } | null {
  const loaded = loadUnderScenarios(dir, { ...opts, scenario: [], assume: [], retract: [] });
  const proposal = loaded.family?.versions.find((v) => !v.binding && (v.norms.has(name) || v.definitions.has(name)));
  if (proposal && proposal.id !== opts.version) return { kind: 'proposal', id: proposal.id };
  const declared = new RegExp(
    `^\\s*(?:replace\\s+)?(?:obligation|permission|prohibition|power|consent|define)\\s+${name.replace(/[^A-Za-z0-9_]/g, '')}\\b`,
    'm',
  );
  for (const s of scenarioNames(dir)) {
    const f = scenarioFiles(dir, s);
    if (f?.document && !(opts.scenario ?? []).includes(s) && declared.test(readTextFile(f.document))) return { kind: 'scenario', id: s };
  }
  return null;
}
