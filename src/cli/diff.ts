/**
 * `pacte diff <family-dir> <from> <to> [--impact --as-of <date>] [--events <files...>]`: the redline between two
 * versions of a family, and optionally the norms whose status differs on the same ledger under each version.
 */
import { existsSync, statSync } from 'node:fs';
import type { Family } from '../check/ir.js';
import { listDocuments, loadFamily } from '../check/load.js';
import { suggest } from '../check/suggest.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { renderAll, toJson } from '../diagnostics/render.js';
import { renderRedline } from '../diff/render-redline.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { SourceFile } from '../source/source-file.js';
import type { IsoDate } from '../values/dates.js';
import { parseDate } from '../values/dates.js';
import { redlineJson } from '../diff/redline.js';
import type { ScenarioOptions } from './load.js';
import { loadUnderScenarios } from './load.js';
import type { Io } from './options.js';
import { UsageError } from './options.js';

export interface DiffOptions extends ScenarioOptions {
  readonly impact?: boolean;
  readonly asOf?: string;
}

interface Loaded {
  readonly family: Family | null;
  readonly events: readonly LedgerEvent[];
  readonly files: ReadonlyMap<string, SourceFile>;
  readonly diagnostics: readonly Diagnostic[];
}

function impactDate(opts: DiffOptions): IsoDate | null {
  if (!opts.impact) {
    if ([opts.asOf, opts.events, opts.scenario, opts.assume, opts.retract].some((x) => x !== undefined))
      throw new UsageError('impact-options');
    return null;
  }
  if (opts.asOf === undefined) throw new UsageError('impact-needs-as-of');
  const asOf = parseDate(opts.asOf);
  if (!asOf) throw new UsageError('bad-as-of', { text: JSON.stringify(opts.asOf) });
  return asOf;
}

function load(dir: string, opts: DiffOptions, withLedger: boolean): Loaded {
  if (withLedger) return loadUnderScenarios(dir, opts);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError('not-a-family', { dir });
  if (listDocuments(dir).length === 0) throw new UsageError('no-documents', { dir });
  const r = loadFamily(dir);
  return { family: hasErrors(r.diagnostics) ? null : r.family, events: [], files: r.files, diagnostics: r.diagnostics };
}

function checkVersion(family: Family, id: string): void {
  const ids = family.versions.map((v) => v.id);
  if (ids.includes(id)) return;
  const s = suggest(id, ids);
  throw s
    ? new UsageError('unknown-version-hint', { id, suggestion: s, versions: ids.join(', ') })
    : new UsageError('unknown-version', { id, versions: ids.join(', ') });
}

export function runDiff(dir: string, from: string, to: string, opts: DiffOptions, io: Io): number {
  const asOf = impactDate(opts);
  const loaded = load(dir, opts, asOf !== null);
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
  const family = loaded.family;
  checkVersion(family, from);
  checkVersion(family, to);
  if (diags.length > 0 && !opts.json) io.err(renderAll(diags, opts.lang, loaded.files));
  const r = redlineJson(family, from, to, loaded.events, asOf);
  if (!r) throw new Error(`versions ${from} and ${to} were checked but not found`);
  io.out(opts.json ? JSON.stringify(r, null, 2) : renderRedline(r, opts.lang));
  return 0;
}
