/**
 * Values during evaluation: a known value, or `unknown` (three-valued logic) naming the undisclosed terms it waits for.
 * Never a made-up number: arithmetic on an unknown is unknown, comparisons with it are unknown,
 * `false and unknown` is false, `true or unknown` is true.
 */
import type { Bounds, Value } from '../check/ir.js';
import type { DurationValue, IsoDate } from '../values/dates.js';
import type { HolidayCalendar } from '../values/holidays.js';
import { addDuration, compareDurations, DateRangeError, daysBetween, fixedSeconds } from '../values/dates.js';
import { addToDateTime, epochMs, secondsBetween } from '../values/datetimes.js';
import { Decimal } from '../values/decimal.js';
import { formatMoney } from '../values/money.js';
import { waitsMessages } from './why.js';

/**
 * `none`: not known because no event has happened yet (`latest report.amount` before any report), not because a term
 * is undisclosed: the lifecycle reads it as "not yet" (a start not reached, a condition not met), never as a doubt.
 */
export type Val = Value | Unknown;

/** An unknown value: what it waits for, and what is known of it (`bounds`: an interval, open or closed at each end). */
export interface Unknown {
  readonly k: 'unknown';
  readonly waitsFor: readonly string[];
  readonly none?: true;
  readonly bounds?: Bounds;
  /** The undisclosed figure it is (`investment_2021`): two unknowns with one term are equal, whatever the value. */
  readonly term?: string;
}

export const TRUE: Val = { k: 'bool', v: true };
export const FALSE: Val = { k: 'bool', v: false };

export function unknown(...waits: (readonly string[])[]): Val {
  return { k: 'unknown', waitsFor: [...new Set(waits.flat())].sort() };
}

export function isUnknown(v: Val): v is Unknown {
  return v.k === 'unknown';
}

/**
 * A data field of an event: its value, or an unknown naming the event and field (`2021-invest.amount`) with what the
 * ledger says of it (`{"atLeast": "USD 1bn"}`). A field the event lacks is unknown too, without bounds.
 */
export function eventField(
  e: {
    readonly id: string;
    readonly data: ReadonlyMap<string, Value>;
    readonly unknown?: ReadonlyMap<string, Bounds & { readonly term?: string }>;
  },
  name: string,
): Val {
  const v = e.data.get(name);
  if (v) return v;
  const known = e.unknown?.get(name);
  // `{"undisclosed": "investment_2021"}`: the agreement's figure itself, named as the clauses name it.
  if (known?.term) return { k: 'unknown', waitsFor: [known.term], term: known.term, ...(known.lo || known.hi ? { bounds: known } : {}) };
  const waitsFor = [`${e.id}.${name}`];
  return known && (known.lo || known.hi) ? { k: 'unknown', waitsFor, bounds: known } : { k: 'unknown', waitsFor };
}

/** No event of the type yet: `latest`, `first`, `min`, `max` over no event. */
export function noneYet(event: string): Val {
  return { k: 'unknown', waitsFor: [event], none: true };
}

/** Unknown because of undisclosed terms (what an answer must not guess), rather than because no event came yet. */
export function isDoubt(v: Val): v is Unknown & { readonly none?: undefined } {
  return v.k === 'unknown' && v.none !== true;
}

/** The unknown that a computation over `vs` gives: "none yet" only when every unknown among them is. */
export function unknownOf(...vs: Val[]): Val {
  const us = vs.filter(isUnknown);
  const waitsFor = [...new Set(us.flatMap((x) => x.waitsFor))].sort();
  return us.length > 0 && us.every((x) => x.none) ? { k: 'unknown', waitsFor, none: true } : { k: 'unknown', waitsFor };
}

export function truth(v: Val): boolean | null {
  return v.k === 'bool' ? v.v : null;
}

function num(v: Val): Decimal | null {
  if (v.k === 'money' || v.k === 'quantity' || v.k === 'price') return v.v.amount;
  if (v.k === 'number' || v.k === 'percent') return v.v;
  return null;
}

/** Two amounts in different currencies: no operation on them has a value without an exchange rate. */
function currencies(l: Val, r: Val): Val | null {
  if (l.k === 'money' && r.k === 'money' && l.v.currency !== '' && r.v.currency !== '' && l.v.currency !== r.v.currency) {
    return unknown([waitsMessages.format('en', 'exchange-rate', { currencies: [l.v.currency, r.v.currency].sort().join(', ') })]);
  }
  return null;
}

function sameKind(l: Val, r: Val): boolean {
  if (l.k === 'quantity' && r.k === 'quantity') return l.v.unit === r.v.unit;
  if (l.k === 'price' && r.k === 'price') return l.v.unit === r.v.unit && l.v.currency === r.v.currency;
  return l.k === r.k && (l.k !== 'money' || r.k !== 'money' || l.v.currency === r.v.currency || l.v.currency === '' || r.v.currency === '');
}

/** A quantity or a price like `like`, of amount `amount`. */
function withAmount(like: Value & { k: 'quantity' | 'price' }, amount: Decimal): Value {
  return like.k === 'quantity' ? { k: 'quantity', v: { ...like.v, amount } } : { k: 'price', v: { ...like.v, amount } };
}

/**
 * `l op r` with a quantity or a price (the checker has matched their units): sums within a unit, scaling by a number
 * or a percentage, a price times a quantity (money), money over a quantity (a price per unit), a ratio of two
 * quantities (a number). Null when neither side is a quantity or a price.
 */
function unitsArith(op: string, l: Value, r: Value): Val | null {
  const unit = (v: Value): string | null => (v.k === 'quantity' || v.k === 'price' ? v.v.unit : null);
  if (unit(l) === null && unit(r) === null) return null;
  if (unit(l) !== null && unit(r) !== null && unit(l) !== unit(r)) return unknown([]);
  const a = num(l);
  const b = num(r);
  if (!a || !b) return unknown([]);
  const q = l.k === 'quantity' || l.k === 'price' ? l : r.k === 'quantity' || r.k === 'price' ? r : null;
  if (!q) return null;
  if (op === '+' || op === '-') return sameKind(l, r) ? withAmount(q, op === '+' ? a.plus(b) : a.minus(b)) : unknown([]);
  if (op === '*' || op === 'of') {
    if (l.k === 'price' && r.k === 'quantity') return { k: 'money', v: { currency: l.v.currency, amount: a.times(b) } };
    if (l.k === 'quantity' && r.k === 'price') return { k: 'money', v: { currency: r.v.currency, amount: a.times(b) } };
    return l.k === r.k ? unknown([]) : withAmount(q, a.times(b));
  }
  if (op === '/') {
    if (b.isZero()) return unknown([waitsMessages.format('en', 'division-by-zero')]);
    if (sameKind(l, r)) return { k: 'number', v: a.div(b) };
    if (l.k === 'money' && r.k === 'quantity') return { k: 'price', v: { currency: l.v.currency, unit: r.v.unit, amount: a.div(b) } };
    return r.k === 'number' ? withAmount(q, a.div(b)) : unknown([]);
  }
  return unknown([]);
}

/** An interval for a value: itself, or an unknown's bounds (null when nothing is known). */
function interval(v: Val): Bounds | null {
  if (!isUnknown(v)) return { lo: v as Value, loOpen: false, hi: v as Value, hiOpen: false };
  return v.bounds ?? null;
}

/** `a` compared with `b`, both known (-1, 0, 1), or null when they do not compare. */
function order(a: Value, b: Value): number | null {
  const c = compare('<', a, b);
  if (c.k !== 'bool') return null;
  if (c.v) return -1;
  const d = compare('>', a, b);
  return d.k === 'bool' ? (d.v ? 1 : 0) : null;
}

/**
 * Whether `l < r` (or `<=`) holds for every value in their intervals (true), for none (false), or is not decided
 * (null): `undisclosed date after 2028-12-31` is certainly after 2027-06-01.
 */
function decideLess(l: Bounds, r: Bounds, orEqual: boolean): boolean | null {
  // Certainly true: l's top is below r's bottom.
  if (l.hi && r.lo) {
    const c = order(l.hi, r.lo);
    if (c !== null && (c < 0 || (c === 0 && (orEqual || l.hiOpen || r.loOpen)))) return true;
  }
  // Certainly false: l's bottom is above r's top (or equal to it, for `<`).
  if (l.lo && r.hi) {
    const c = order(l.lo, r.hi);
    if (c !== null && (c > 0 || (c === 0 && (!orEqual || l.loOpen || r.hiOpen)))) return false;
  }
  return null;
}

/** A comparison with an unknown that its bounds decide, or null. */
function boundedCompare(op: string, l: Val, r: Val): boolean | null {
  const a = interval(l);
  const b = interval(r);
  if (!a || !b) return null;
  switch (op) {
    case '<':
      return decideLess(a, b, false);
    case '<=':
      return decideLess(a, b, true);
    case '>':
      return decideLess(b, a, false);
    case '>=':
      return decideLess(b, a, true);
    case '==':
    case '!=': {
      // Disjoint intervals: certainly different.
      const apart = decideLess(a, b, false) === true || decideLess(b, a, false) === true;
      return apart ? op === '!=' : null;
    }
    default:
      return null;
  }
}

export function compare(op: string, l: Val, r: Val): Val {
  if (isUnknown(l) || isUnknown(r)) {
    const known = boundedCompare(op, l, r);
    return known === null ? unknownOf(l, r) : { k: 'bool', v: known };
  }
  const fx = currencies(l, r);
  if (fx) return fx;
  let c: number;
  if (l.k === 'date' && r.k === 'date') c = l.v < r.v ? -1 : l.v > r.v ? 1 : 0;
  else if (l.k === 'datetime' && r.k === 'datetime') c = Math.sign(epochMs(l.v) - epochMs(r.v));
  else if (l.k === 'duration' && r.k === 'duration') c = compareDurations(l.v, r.v);
  else if (sameKind(l, r) && num(l) && num(r)) c = num(l)!.comparedTo(num(r)!);
  else if (op === '==' || op === '!=') {
    const eq = JSON.stringify(keyOf(l as Value)) === JSON.stringify(keyOf(r as Value));
    return { k: 'bool', v: op === '==' ? eq : !eq };
  } else return unknown([]);
  const v = op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '==' ? c === 0 : c !== 0;
  return { k: 'bool', v };
}

function keyOf(v: Value): unknown {
  switch (v.k) {
    case 'money':
      return formatMoney(v.v);
    case 'quantity':
    case 'price':
      return `${v.v.amount.toString()} ${v.v.unit}`;
    case 'number':
    case 'percent':
      return v.v.toString();
    case 'period':
      // A period is its days: `FY2027 of acme` is `CY2027` when acme's year starts on 01-01.
      return `${v.v.start}/${v.v.end}`;
    case 'datetime':
      return epochMs(v.v);
    default:
      return v.v;
  }
}

/** What a date computed outside the calendar waits for (`2025-01-10 + 9000 years`): reported as `date-range`. */
const OUTSIDE = 'a date within the years 0001 to 9999, not ';
export function outsideCalendar(e: DateRangeError): string {
  return `${OUTSIDE}${e.from} ${e.by}`;
}

/** The computation a waits-for of `outsideCalendar` names (`2025-01-10 + 9000 years`), or null for any other. */
export function outsideCalendarDate(wait: string): string | null {
  return wait.startsWith(OUTSIDE) ? wait.slice(OUTSIDE.length) : null;
}

/** `date ± duration`: a date outside the years 0001–9999 is unknown (waiting for a date in the calendar), never thrown. */
function moved(date: IsoDate, d: DurationValue, sign: 1 | -1, cal: HolidayCalendar | null, time = false): Val {
  try {
    return time ? { k: 'datetime', v: addToDateTime(date, d, sign, cal) } : { k: 'date', v: addDuration(date, d, sign, cal) };
  } catch (e) {
    if (e instanceof DateRangeError) return unknown([outsideCalendar(e)]);
    throw e;
  }
}

/**
 * One of two values, which one depending on unknown `c` (`if c then a else b`): the value if both are the same,
 * else unknown, within the smallest interval that holds both (`if x then 2028-12-31 else 2028-12-30` is unknown,
 * but certainly after 2027).
 */
export function either(c: Val, a: Val, b: Val): Val {
  if (!isUnknown(a) && !isUnknown(b) && truth(compare('==', a, b)) === true) return a;
  const u = unknownOf(c, a, b);
  if (!isUnknown(u) || u.none) return u;
  const x = interval(a);
  const y = interval(b);
  if (!x || !y) return u;
  const pick = (p: Value | null, q: Value | null, low: boolean): Value | null => {
    if (!p || !q) return null;
    const o = order(p, q);
    return o === null ? null : o < 0 === low ? p : q;
  };
  const lo = pick(x.lo, y.lo, true);
  const hi = pick(x.hi, y.hi, false);
  return lo || hi ? { ...u, bounds: { lo, loOpen: false, hi, hiOpen: false } } : u;
}

/** A known result of `arith`, or null. */
function knownArith(op: string, a: Value | null, b: Value | null, cal: HolidayCalendar | null = null): Value | null {
  if (!a || !b) return null;
  const v = arith(op, a, b, cal);
  return isUnknown(v) ? null : (v as Value);
}

function nonNegative(v: Value | null): boolean {
  if (v !== null && (v.k === 'quantity' || v.k === 'price')) return !v.v.amount.isNegative();
  return v !== null && (v.k === 'number' || v.k === 'percent') && !v.v.isNegative();
}

/**
 * The bounds of `l op r` when one side is unknown within bounds: sums and differences of intervals (a date moved by
 * a duration included: moving is monotone), products and quotients by a known non-negative figure. The bounds
 * found are closed (wider, hence still true). Null when nothing is known.
 */
function boundedArith(op: string, l: Val, r: Val, cal: HolidayCalendar | null): Bounds | null {
  const a = interval(l);
  const b = interval(r);
  if (!a || !b) return null;
  let lo: Value | null = null;
  let hi: Value | null = null;
  // Sums and differences of amounts and numbers keep a strict bound strict; dates moved by a duration do not
  // (2025-01-30 and 2025-01-31 plus one month are the same day).
  let loOpen = false;
  let hiOpen = false;
  const strict = (a.lo ?? a.hi)?.k !== 'date' && (a.lo ?? a.hi)?.k !== 'datetime';
  if (op === '+') {
    lo = knownArith('+', a.lo, b.lo, cal);
    hi = knownArith('+', a.hi, b.hi, cal);
    loOpen = strict && (a.loOpen || b.loOpen);
    hiOpen = strict && (a.hiOpen || b.hiOpen);
  } else if (op === '-') {
    lo = knownArith('-', a.lo, b.hi, cal);
    hi = knownArith('-', a.hi, b.lo, cal);
    loOpen = strict && (a.loOpen || b.hiOpen);
    hiOpen = strict && (a.hiOpen || b.loOpen);
  } else if ((op === '*' || op === 'of') && positiveFactor(l, r)) {
    // A known positive factor keeps the bounds of the other side, strict or not.
    const x = isUnknown(l) ? a : b;
    lo = knownArith(op, a.lo, b.lo);
    hi = knownArith(op, a.hi, b.hi);
    loOpen = x.loOpen;
    hiOpen = x.hiOpen;
  } else if (op === '*' || op === 'of') {
    // A known non-negative factor on either side, or two non-negative intervals.
    const k = !isUnknown(l) && nonNegative(l as Value) ? 'left' : !isUnknown(r) && nonNegative(r as Value) ? 'right' : null;
    if (k || (nonNegative(a.lo) && nonNegative(b.lo))) {
      lo = knownArith(op, a.lo, b.lo);
      hi = knownArith(op, a.hi, b.hi);
    } else if (a.lo?.k === 'money' && !a.lo.v.amount.isNegative() && nonNegative(b.lo)) {
      lo = knownArith(op, a.lo, b.lo);
      hi = knownArith(op, a.hi, b.hi);
    }
  } else if (op === '/' && !isUnknown(r) && (r as Value).k !== 'duration') {
    const k = r as Value;
    const positive = ((k.k === 'number' || k.k === 'percent') && k.v.isPositive()) || (k.k === 'quantity' && k.v.amount.isPositive());
    if (positive) {
      lo = knownArith('/', a.lo, k);
      hi = knownArith('/', a.hi, k);
    }
  }
  return lo || hi ? { lo, loOpen: lo !== null && loOpen, hi, hiOpen: hi !== null && hiOpen } : null;
}

/** One side of a product is a known positive figure. */
function positiveFactor(l: Val, r: Val): boolean {
  const k = !isUnknown(l) ? l : !isUnknown(r) ? r : null;
  return k !== null && (k.k === 'number' || k.k === 'percent') && k.v.isPositive();
}

/** `l op r`; `cal` is the holidays business days skip (the version's `holidays`). */
export function arith(op: string, l: Val, r: Val, cal: HolidayCalendar | null = null): Val {
  if (isUnknown(l) || isUnknown(r)) {
    const u = unknownOf(l, r);
    const bounds = isUnknown(u) && !u.none ? boundedArith(op, l, r, cal) : null;
    return bounds ? { ...(u as Unknown), bounds } : u;
  }
  const fx = op === '/' ? null : currencies(l, r);
  if (fx) return fx;
  const u = unitsArith(op, l, r);
  if (u) return u;
  if (op === '+' || op === '-') {
    if (l.k === 'date' && r.k === 'duration') return moved(l.v, r.v, op === '+' ? 1 : -1, cal);
    if (l.k === 'duration' && r.k === 'date' && op === '+') return moved(r.v, l.v, 1, cal);
    if (l.k === 'datetime' && r.k === 'duration') return moved(l.v, r.v, op === '+' ? 1 : -1, cal, true);
    if (l.k === 'duration' && r.k === 'datetime' && op === '+') return moved(r.v, l.v, 1, cal, true);
    if (l.k === 'datetime' && r.k === 'datetime' && op === '-') return { k: 'duration', v: secondsBetween(l.v, r.v) };
    if (l.k === 'date' && r.k === 'date' && op === '-') return { k: 'duration', v: { amount: daysBetween(r.v, l.v), unit: 'days' } };
    const a = num(l);
    const b = num(r);
    if (!a || !b) return unknown([]);
    const v = op === '+' ? a.plus(b) : a.minus(b);
    if (l.k === 'money') return { k: 'money', v: { currency: l.v.currency || (r.k === 'money' ? r.v.currency : ''), amount: v } };
    return l.k === 'percent' ? { k: 'percent', v } : { k: 'number', v };
  }
  if (op === '/' && l.k === 'duration' && r.k === 'duration') {
    // How many times `r` fits in `l`: both need a fixed length (seconds to weeks), or the same unit.
    const a = fixedSeconds(l.v);
    const b = fixedSeconds(r.v);
    const [x, y] = a !== null && b !== null ? [a, b] : l.v.unit === r.v.unit ? [l.v.amount, r.v.amount] : [null, null];
    if (x === null || y === null) return unknown([waitsMessages.format('en', 'conversion', { from: l.v.unit, to: r.v.unit })]);
    if (y === 0) return unknown([waitsMessages.format('en', 'division-by-zero')]);
    return { k: 'number', v: new Decimal(x).div(y) };
  }
  if (op === '*' && (l.k === 'duration' || r.k === 'duration')) return scaled(l, r);
  const a = num(l);
  const b = num(r);
  if (!a || !b) return unknown([]);
  if (op === '*' || op === 'of') {
    const v = a.times(b);
    if (l.k === 'money') return { k: 'money', v: { currency: l.v.currency, amount: v } };
    if (r.k === 'money') return { k: 'money', v: { currency: r.v.currency, amount: v } };
    if (l.k === 'percent' && r.k === 'percent') return { k: 'percent', v };
    if (l.k === 'percent' || r.k === 'percent') return op === 'of' ? { k: 'number', v } : { k: 'percent', v };
    return { k: 'number', v };
  }
  if (op === '/') {
    if (b.isZero()) return unknown([waitsMessages.format('en', 'division-by-zero')]);
    const v = a.div(b);
    if (l.k === 'money' && r.k === 'money') return { k: 'number', v };
    if (l.k === 'money') return { k: 'money', v: { currency: l.v.currency, amount: v } };
    return l.k === 'percent' ? { k: 'percent', v } : { k: 'number', v };
  }
  return unknown([]);
}

/**
 * A duration times a number: a whole number of its unit (`2 * 45 days` is 90 days), else of seconds when the unit has a
 * fixed length (`1.5 * 1 day` is 129600 seconds); else unknown, waiting for a whole number (`1.5 * 1 month`).
 */
function scaled(l: Val, r: Val): Val {
  const d = l.k === 'duration' ? l.v : r.k === 'duration' ? r.v : null;
  const k = l.k === 'number' ? l.v : r.k === 'number' ? r.v : null;
  if (!d || !k) return unknown([]);
  const amount = k.times(d.amount);
  if (amount.isInteger()) return { k: 'duration', v: { amount: amount.toNumber(), unit: d.unit } };
  const seconds = fixedSeconds(d);
  const inSeconds = seconds === null ? null : k.times(seconds);
  if (inSeconds?.isInteger()) return { k: 'duration', v: { amount: inSeconds.toNumber(), unit: 'seconds' } };
  return unknown([waitsMessages.format('en', 'whole-duration', { unit: d.unit })]);
}

export function and(l: Val, r: () => Val): Val {
  if (l.k === 'bool' && !l.v) return FALSE;
  const rv = r();
  if (rv.k === 'bool' && !rv.v) return FALSE;
  if (l.k === 'bool' && rv.k === 'bool') return TRUE;
  return unknownOf(l, rv);
}

export function or(l: Val, r: () => Val): Val {
  if (l.k === 'bool' && l.v) return TRUE;
  const rv = r();
  if (rv.k === 'bool' && rv.v) return TRUE;
  if (l.k === 'bool' && rv.k === 'bool') return FALSE;
  return unknownOf(l, rv);
}

export function not(v: Val): Val {
  return v.k === 'bool' ? { k: 'bool', v: !v.v } : v;
}

export function negate(v: Val): Val {
  if (v.k === 'money') return { k: 'money', v: { currency: v.v.currency, amount: v.v.amount.neg() } };
  if (v.k === 'number' || v.k === 'percent') return { k: v.k, v: v.v.neg() };
  if (v.k === 'duration') return { k: 'duration', v: { amount: -v.v.amount, unit: v.v.unit } };
  if (v.k === 'quantity' || v.k === 'price') return withAmount(v, v.v.amount.neg());
  return v;
}

/** The figure an amount due or performed counts in: money's amount, a number, a quantity's amount; else null. */
export function dueFigure(v: Val | null | undefined): Decimal | null {
  if (!v) return null;
  if (v.k === 'money' || v.k === 'quantity') return v.v.amount;
  return v.k === 'number' ? v.v : null;
}

export function zeroLike(v: Val): Val {
  if (v.k === 'money') return { k: 'money', v: { currency: v.v.currency, amount: new Decimal(0) } };
  return { k: 'number', v: new Decimal(0) };
}

/**
 * Whether `performed` covers `amount` (an amount of money or a number): true, false, or null when an undisclosed
 * amount's bounds do not decide it (nothing paid never covers an undisclosed amount, which is more than zero).
 */
export function covers(performed: Decimal, amount: Val): boolean | null {
  const unit: Val =
    amount.k === 'money'
      ? { k: 'money', v: { currency: amount.v.currency, amount: performed } }
      : amount.k === 'quantity'
        ? { k: 'quantity', v: { unit: amount.v.unit, amount: performed } }
        : isUnknown(amount) && amount.bounds?.lo?.k === 'quantity'
          ? { k: 'quantity', v: { unit: amount.bounds.lo.v.unit, amount: performed } }
          : isUnknown(amount) && amount.bounds?.hi?.k === 'quantity'
            ? { k: 'quantity', v: { unit: amount.bounds.hi.v.unit, amount: performed } }
            : isUnknown(amount) && amount.bounds?.lo?.k === 'money'
              ? { k: 'money', v: { currency: amount.bounds.lo.v.currency, amount: performed } }
              : isUnknown(amount) && amount.bounds?.hi?.k === 'money'
                ? { k: 'money', v: { currency: amount.bounds.hi.v.currency, amount: performed } }
                : { k: 'number', v: performed };
  return truth(compare('>=', unit, amount));
}
