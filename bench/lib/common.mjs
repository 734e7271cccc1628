/**
 * What every benchmark shares: the seeded generator, timing and statistics, memory sampling, formatting, and the
 * result rows a benchmark hands to the runner (bench/run.mjs). A benchmark calls `emit(row)` for each figure; the
 * runner collects the rows of every benchmark into bench/results.json and bench/results.md.
 *
 * A row: { id, title, figure, unit, comparator: { name, figure, unit }, ratio, higherIsBetter, target, met, notes }.
 * `ratio` is always "how many times better pacte is" (>1 = pacte better), so one target reads the same way for
 * throughputs and latencies; `target` is the minimum ratio asked for (null: reported, no target).
 */
import { appendFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';

/** mulberry32: a small, fast, seeded generator (the same inputs on every machine for a given seed). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  return { next, int, pick };
}

export const now = () => performance.now();
export const sorted = (xs) => [...xs].sort((a, b) => a - b);
export const median = (xs) => {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** The p-quantile (nearest rank). */
export const quantile = (xs, p) => {
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
};

export const fmt = (x, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const mb = (bytes) => bytes / 1048576;

/** Peak resident memory, sampled when asked (a synchronous loop gives timers no chance to run). */
export function memorySampler() {
  let peak = 0;
  return {
    sample() {
      const r = process.memoryUsage.rss();
      if (r > peak) peak = r;
    },
    reset() {
      globalThis.gc?.();
      peak = process.memoryUsage.rss();
    },
    get peak() {
      return peak;
    },
  };
}

export function log(...xs) {
  console.log(...xs);
}

/**
 * Hands one result row to the runner (and prints it). `pacte` and `comparator` are figures in `unit`; `higherIsBetter`
 * says which way the ratio goes.
 */
export function emit({ id, title, figure, unit, comparator = null, higherIsBetter = true, target = null, notes = '', extra = {} }) {
  let ratio = null;
  if (comparator && comparator.figure > 0 && figure > 0) ratio = higherIsBetter ? figure / comparator.figure : comparator.figure / figure;
  const met = target === null || ratio === null ? null : ratio >= target;
  const row = { id, title, figure, unit, comparator, ratio, higherIsBetter, target, met, notes, ...extra };
  const cmp = comparator
    ? ` vs ${comparator.name} ${fmt(comparator.figure, comparator.figure < 100 ? 2 : 0)} ${comparator.unit ?? unit}`
    : '';
  const r =
    ratio === null ? '' : `  ratio ${ratio.toFixed(2)}×${target === null ? '' : ` (target ≥ ${target}×: ${met ? 'met' : 'MISSED'})`}`;
  log(`RESULT ${id}: ${fmt(figure, figure < 100 ? 2 : 0)} ${unit}${cmp}${r}`);
  if (process.env.BENCH_OUT) appendFileSync(process.env.BENCH_OUT, `${JSON.stringify(row)}\n`);
}

/** Loads a module of the built project (dist/). */
export async function dist(path) {
  return import(join(ROOT, 'dist', path));
}
