/**
 * `pacte compare <family-dir> --as-of <date> [--version v…] [--events file…] [--scenario s…] [--assume t=v…]
 * [--retract id…] [--all]`: the baseline (the versions that govern, the ledger) and each variant — a version alone, the
 * ledger with a file of hypothetical events, a scenario, the command line's assumptions and retractions together — side
 * by side.
 */
import { basename } from 'node:path';
import { hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { renderAll, toJson } from '../diagnostics/render.js';
import type { LabelledState } from '../engine/compare.js';
import { compareOverTime, compareStates } from '../engine/compare.js';
import { evaluate } from '../engine/evaluate.js';
import { compareWords, renderCompare, renderCompareRange } from '../engine/render-compare.js';
import type { DurationValue } from '../values/dates.js';
import { addDuration, parseDate } from '../values/dates.js';
import type { Loaded, LoadedUnder } from './load.js';
import { loadForEvaluation, loadUnderScenarios } from './load.js';
import type { CommonOptions, Io } from './options.js';
import { UsageError } from './options.js';
import { requireVersion } from './state.js';

export interface CompareOptions extends CommonOptions {
  readonly asOf?: string;
  readonly from?: string;
  readonly to?: string;
  readonly every?: string;
  readonly version?: string[];
  readonly events?: string[];
  readonly scenario?: string[];
  readonly assume?: string[];
  readonly retract?: string[];
  readonly all?: boolean;
  readonly lenient?: boolean;
}

/** The column of `--assume` and `--retract` together. */
export const ONE_OFF_COLUMN = 'command-line';

/** The steps of a range: `every` one of these units. */
const STEPS: Readonly<Record<string, DurationValue>> = {
  day: { amount: 1, unit: 'days' },
  week: { amount: 1, unit: 'weeks' },
  month: { amount: 1, unit: 'months' },
  quarter: { amount: 3, unit: 'months' },
  year: { amount: 1, unit: 'years' },
};

/** The most dates a range may have (each is a state per column). */
export const MAX_RANGE_DATES = 400;

/** The dates of `--from … --to … --every …`: from, each step after it (counted from `from`, so month ends clamp), and to. */
function rangeDates(opts: CompareOptions): { dates: string[]; every: string } {
  const from = parseDate(opts.from ?? '');
  const to = parseDate(opts.to ?? '');
  if (!from) throw new UsageError('bad-date-option', { option: '--from', text: JSON.stringify(opts.from ?? '') });
  if (!to) throw new UsageError('bad-date-option', { option: '--to', text: JSON.stringify(opts.to ?? '') });
  if (to < from) throw new UsageError('range-backwards', { from, to });
  const every = opts.every ?? 'month';
  const step = STEPS[every];
  if (!step) throw new UsageError('bad-every', { text: JSON.stringify(every), units: Object.keys(STEPS).join(', ') });
  const dates = [from];
  for (let k = 1; ; k++) {
    const d = addDuration(from, { amount: step.amount * k, unit: step.unit });
    if (d >= to) break;
    dates.push(d);
    if (dates.length >= MAX_RANGE_DATES) throw new UsageError('range-too-long', { max: MAX_RANGE_DATES });
  }
  if (to !== from) dates.push(to);
  return { dates, every };
}

export function runCompare(dir: string, opts: CompareOptions, io: Io): number {
  const ranged = opts.from !== undefined || opts.to !== undefined;
  if (ranged && opts.asOf !== undefined) throw new UsageError('as-of-or-range', {});
  if (!ranged && opts.asOf === undefined) throw new UsageError('as-of-or-range', {});
  const range = ranged ? rangeDates(opts) : null;
  const asOf = range ? range.dates[0]! : parseDate(opts.asOf ?? '');
  if (!asOf) throw new UsageError('bad-as-of', { text: JSON.stringify(opts.asOf) });
  const lenient = opts.lenient ?? false;
  const baseline = { label: compareWords.format(opts.lang, 'baseline'), loaded: loadForEvaluation(dir, [], lenient), version: null };
  const loads: { label: string; loaded: Loaded | LoadedUnder; version: string | null }[] = [baseline];
  for (const f of opts.events ?? []) loads.push({ label: basename(f), loaded: loadForEvaluation(dir, [f], lenient), version: null });
  // A scenario is a column of its own (applied alone); `--assume` and `--retract` together are one more.
  const under = (label: string, o: { scenario?: string[]; assume?: string[]; retract?: string[] }): void => {
    const loaded = loadUnderScenarios(dir, { ...o, lang: opts.lang, lenient });
    loads.push({ label, loaded, version: loaded.version });
  };
  for (const s of opts.scenario ?? []) under(s, { scenario: [s] });
  if ((opts.assume ?? []).length > 0 || (opts.retract ?? []).length > 0)
    under(ONE_OFF_COLUMN, { assume: opts.assume ?? [], retract: opts.retract ?? [] });
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
  const statesOn = (date: string): LabelledState[] =>
    loads.map((l) => ({
      label: l.label,
      state: evaluate(l.loaded.family ?? family, l.loaded.events, date, {
        version: l.version,
        lang: opts.lang,
        ...('scenarios' in l.loaded && l.loaded.scenarios ? { scenarios: l.loaded.scenarios } : {}),
      }),
    }));
  if (range) {
    const r = compareOverTime(
      family.agreement,
      range.every,
      range.dates.map((date) => ({ date, states: statesOn(date) })),
    );
    io.out(opts.json ? JSON.stringify(r, null, 2) : renderCompareRange(r, opts.lang));
    return 0;
  }
  const states = statesOn(asOf);
  const c = compareStates(states, opts.all ?? false);
  io.out(opts.json ? JSON.stringify(c, null, 2) : renderCompare(c, opts.lang));
  return 0;
}
