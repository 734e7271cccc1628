/**
 * Where two expressions differ. `exprDelta` walks both while they have the same shape and returns the smallest
 * differing sub-expressions, each with its polarity (does raising it raise the whole?) and whether it is the
 * threshold of a comparison; `literalChange` says whether a literal moved up or down. Together they tell
 * `20% of revenue` → `15% of revenue` apart from a rewritten formula.
 */
import type { Expr, Value } from '../check/ir.js';
import type { DurationValue } from '../values/dates.js';
import { exprEqual } from './expr-equal.js';

/** +1: raising the part raises the whole; -1: lowers it; 0: no monotone relation known. */
export type Polarity = 1 | -1 | 0;

export interface Delta {
  readonly from: Expr;
  readonly to: Expr;
  readonly polarity: Polarity;
  /** The part is the bound of a comparison (`profit >= USD 100bn`). */
  readonly threshold: boolean;
}

const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

function flip(p: Polarity): Polarity {
  return p === 0 ? 0 : p === 1 ? -1 : 1;
}

function walk(a: Expr, b: Expr, polarity: Polarity, threshold: boolean, out: Delta[]): void {
  if (exprEqual(a, b)) return;
  if (a.kind === 'binary' && b.kind === 'binary' && a.op === b.op) {
    if (COMPARISONS.has(a.op)) {
      walk(a.left, b.left, 0, a.right.kind !== 'lit', out);
      walk(a.right, b.right, 0, true, out);
      return;
    }
    const [l, r]: [Polarity, Polarity] =
      a.op === '+' || a.op === '*' || a.op === 'of'
        ? [polarity, polarity]
        : a.op === '-' || a.op === '/'
          ? [polarity, flip(polarity)]
          : [0, 0];
    walk(a.left, b.left, l, threshold && (a.op === 'and' || a.op === 'or') ? false : threshold, out);
    walk(a.right, b.right, r, threshold && (a.op === 'and' || a.op === 'or') ? false : threshold, out);
    return;
  }
  if (a.kind === 'unary' && b.kind === 'unary' && a.op === b.op) {
    walk(a.operand, b.operand, a.op === '-' ? flip(polarity) : 0, threshold, out);
    return;
  }
  if (a.kind === 'call' && b.kind === 'call' && a.fn === b.fn && a.args.length === b.args.length) {
    for (const [i, x] of a.args.entries()) walk(x, b.args[i]!, polarity, threshold, out);
    return;
  }
  if (
    a.kind === 'agg' &&
    b.kind === 'agg' &&
    a.agg.fn === b.agg.fn &&
    a.agg.event === b.agg.event &&
    a.agg.field === b.agg.field &&
    a.agg.from === b.agg.from &&
    a.agg.to === b.agg.to &&
    a.agg.where &&
    b.agg.where
  ) {
    walk(a.agg.where, b.agg.where, 0, false, out);
    return;
  }
  out.push({ from: a, to: b, polarity, threshold });
}

/** The smallest sub-expressions in which `a` and `b` differ (empty when they are equal). */
export function exprDelta(a: Expr, b: Expr): Delta[] {
  const out: Delta[] = [];
  walk(a, b, 1, false, out);
  return out;
}

const DAYS: Readonly<Record<DurationValue['unit'], number>> = {
  seconds: 1 / 86_400,
  minutes: 1 / 1440,
  hours: 1 / 24,
  days: 1,
  'business days': 7 / 5,
  weeks: 7,
  months: 30.436875,
  years: 365.2425,
};

/** Approximate length in days, for ordering durations written in different units. */
export function durationDays(d: DurationValue): number {
  return d.amount * DAYS[d.unit];
}

/** -1, 0 or 1 as `b` is below, equal to or above `a`; null when they cannot be ordered (other kinds, currencies). */
export function compareValues(a: Value, b: Value): -1 | 0 | 1 | null {
  const sign = (n: number): -1 | 0 | 1 => (n < 0 ? -1 : n > 0 ? 1 : 0);
  switch (a.k) {
    case 'money':
      return b.k === 'money' && a.v.currency === b.v.currency ? sign(b.v.amount.cmp(a.v.amount)) : null;
    case 'quantity':
      return b.k === 'quantity' && a.v.unit === b.v.unit ? sign(b.v.amount.cmp(a.v.amount)) : null;
    case 'price':
      return b.k === 'price' && a.v.unit === b.v.unit && a.v.currency === b.v.currency ? sign(b.v.amount.cmp(a.v.amount)) : null;
    case 'percent':
    case 'number':
      return b.k === a.k ? sign(b.v.cmp(a.v)) : null;
    case 'date':
      return b.k === 'date' ? (b.v < a.v ? -1 : b.v > a.v ? 1 : 0) : null;
    case 'duration':
      return b.k === 'duration' ? sign(durationDays(b.v) - durationDays(a.v)) : null;
    case 'period':
      return b.k === 'period' ? (b.v.end < a.v.end ? -1 : b.v.end > a.v.end ? 1 : 0) : null;
    default:
      return null;
  }
}

/** How a single changed literal moved. */
export interface LiteralChange {
  readonly value: Value['k'];
  /** The literal itself went up (+1) or down (-1). */
  readonly moved: 1 | -1;
  /** The effect on the whole expression: the move times the polarity. */
  readonly effect: Polarity;
  readonly threshold: boolean;
}

/** When `a` and `b` differ in exactly one ordered literal, how it moved; otherwise null. */
export function literalChange(a: Expr, b: Expr): LiteralChange | null {
  const d = exprDelta(a, b);
  if (d.length !== 1) return null;
  const { from, to, polarity, threshold } = d[0]!;
  if (from.kind !== 'lit' || to.kind !== 'lit') return null;
  const c = compareValues(from.value, to.value);
  if (c === null || c === 0) return null;
  return { value: from.value.k, moved: c, effect: (c * polarity) as Polarity, threshold };
}

/**
 * When `b` is `a` with one term added (`x` → `x + y`), +1 times the polarity of the place; one term taken away, -1
 * times it; otherwise null. Terms are taken as non-negative amounts (revenue, profit, prices).
 */
export function termChange(a: Expr, b: Expr): Polarity | null {
  const d = exprDelta(a, b);
  if (d.length !== 1) return null;
  const { from, to, polarity } = d[0]!;
  const extends_ = (short: Expr, long: Expr): boolean =>
    long.kind === 'binary' && long.op === '+' && (exprEqual(long.left, short) || exprEqual(long.right, short));
  if (extends_(from, to)) return polarity;
  if (extends_(to, from)) return flip(polarity);
  return null;
}
