/**
 * `pacte compare <family-dir> --as-of <date> [--version v…] [--events file…] [--all]`: the baseline (the versions that
 * govern, the ledger) and each variant — a version alone, the ledger with a file of hypothetical events — side by side.
 */
import { basename } from 'node:path';
import { hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { renderAll, toJson } from '../diagnostics/render.js';
import type { LabelledState } from '../engine/compare.js';
import { compareStates } from '../engine/compare.js';
import { evaluate } from '../engine/evaluate.js';
import { compareWords, renderCompare } from '../engine/render-compare.js';
import { parseDate } from '../values/dates.js';
import type { Loaded } from './load.js';
import { loadForEvaluation } from './load.js';
import type { CommonOptions, Io } from './options.js';
import { UsageError } from './options.js';
import { requireVersion } from './state.js';

export interface CompareOptions extends CommonOptions {
  readonly asOf: string;
  readonly version?: string[];
  readonly events?: string[];
  readonly all?: boolean;
  readonly lenient?: boolean;
}

export function runCompare(dir: string, opts: CompareOptions, io: Io): number {
  const asOf = parseDate(opts.asOf);
  if (!asOf) throw new UsageError('bad-as-of', { text: JSON.stringify(opts.asOf) });
  const lenient = opts.lenient ?? false;
  const baseline = { label: compareWords.format(opts.lang, 'baseline'), loaded: loadForEvaluation(dir, [], lenient), version: null };
  const loads: { label: string; loaded: Loaded; version: string | null }[] = [baseline];
  for (const f of opts.events ?? []) loads.push({ label: basename(f), loaded: loadForEvaluation(dir, [f], lenient), version: null });
  const diags = sortDiagnostics(loads.flatMap((l) => l.loaded.diagnostics));
  const family = baseline.loaded.family;
  if (!family || hasErrors(diags) || loads.some((l) => !l.loaded.family)) {
    const files = new Map(loads.flatMap((l) => [...l.loaded.files]));
    if (opts.json)
      io.out(
        JSON.stringify(
          diags.map((d) => toJson(d, opts.lang)),
          null,
          2,
        ),
      );
    else io.err(renderAll(diags, opts.lang, files));
    return 1;
  }
  for (const v of opts.version ?? []) {
    requireVersion(family, v);
    loads.push({ label: v, loaded: baseline.loaded, version: v });
  }
  const states: LabelledState[] = loads.map((l) => ({
    label: l.label,
    state: evaluate(l.loaded.family ?? family, l.loaded.events, asOf, { version: l.version, lang: opts.lang }),
  }));
  const c = compareStates(states, opts.all ?? false);
  io.out(opts.json ? JSON.stringify(c, null, 2) : renderCompare(c, opts.lang));
  return 0;
}
