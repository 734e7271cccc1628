/**
 * Values during evaluation: a known value, or `unknown` (three-valued logic) naming the undisclosed terms it waits for.
 * Never a made-up number: arithmetic on an unknown is unknown, comparisons with it are unknown,
 * `false and unknown` is false, `true or unknown` is true.
 */
import type { Value } from '../check/ir.js';
import type { DurationValue, IsoDate } from '../values/dates.js';
import { addDuration, compareDurations, DateRangeError, fixedSeconds } from '../values/dates.js';
import { addToDateTime, epochMs, secondsBetween } from '../values/datetimes.js';
import { Decimal } from '../values/decimal.js';
import { formatMoney } from '../values/money.js';
import { waitsMessages } from './why.js';

export type Val = Value | { readonly k: 'unknown'; readonly waitsFor: readonly string[] };

export const TRUE: Val = { k: 'bool', v: true };
export const FALSE: Val = { k: 'bool', v: false };

export function unknown(...waits: (readonly string[])[]): Val {
  return { k: 'unknown', waitsFor: [...new Set(waits.flat())].sort() };
}

export function isUnknown(v: Val): v is { k: 'unknown'; waitsFor: readonly string[] } {
  return v.k === 'unknown';
}

export function truth(v: Val): boolean | null {
  return v.k === 'bool' ? v.v : null;
}

function num(v: Val): Decimal | null {
  if (v.k === 'money') return v.v.amount;
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
  return l.k === r.k && (l.k !== 'money' || r.k !== 'money' || l.v.currency === r.v.currency || l.v.currency === '' || r.v.currency === '');
}

export function compare(op: string, l: Val, r: Val): Val {
  if (isUnknown(l) || isUnknown(r)) return unknown(isUnknown(l) ? l.waitsFor : [], isUnknown(r) ? r.waitsFor : []);
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
    case 'number':
    case 'percent':
      return v.v.toString();
    case 'period':
      return v.v.text;
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
function moved(date: IsoDate, d: DurationValue, sign: 1 | -1, time = false): Val {
  try {
    return time ? { k: 'datetime', v: addToDateTime(date, d, sign) } : { k: 'date', v: addDuration(date, d, sign) };
  } catch (e) {
    if (e instanceof DateRangeError) return unknown([outsideCalendar(e)]);
    throw e;
  }
}

export function arith(op: string, l: Val, r: Val): Val {
  if (isUnknown(l) || isUnknown(r)) return unknown(isUnknown(l) ? l.waitsFor : [], isUnknown(r) ? r.waitsFor : []);
  const fx = op === '/' ? null : currencies(l, r);
  if (fx) return fx;
  if (op === '+' || op === '-') {
    if (l.k === 'date' && r.k === 'duration') return moved(l.v, r.v, op === '+' ? 1 : -1);
    if (l.k === 'duration' && r.k === 'date' && op === '+') return moved(r.v, l.v, 1);
    if (l.k === 'datetime' && r.k === 'duration') return moved(l.v, r.v, op === '+' ? 1 : -1, true);
    if (l.k === 'duration' && r.k === 'datetime' && op === '+') return moved(r.v, l.v, 1, true);
    if (l.k === 'datetime' && r.k === 'datetime' && op === '-') return { k: 'duration', v: secondsBetween(l.v, r.v) };
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

export function and(l: Val, r: () => Val): Val {
  if (l.k === 'bool' && !l.v) return FALSE;
  const rv = r();
  if (rv.k === 'bool' && !rv.v) return FALSE;
  if (l.k === 'bool' && rv.k === 'bool') return TRUE;
  return unknown(isUnknown(l) ? l.waitsFor : [], isUnknown(rv) ? rv.waitsFor : []);
}

export function or(l: Val, r: () => Val): Val {
  if (l.k === 'bool' && l.v) return TRUE;
  const rv = r();
  if (rv.k === 'bool' && rv.v) return TRUE;
  if (l.k === 'bool' && rv.k === 'bool') return FALSE;
  return unknown(isUnknown(l) ? l.waitsFor : [], isUnknown(rv) ? rv.waitsFor : []);
}

export function not(v: Val): Val {
  return v.k === 'bool' ? { k: 'bool', v: !v.v } : v;
}

export function negate(v: Val): Val {
  if (v.k === 'money') return { k: 'money', v: { currency: v.v.currency, amount: v.v.amount.neg() } };
  if (v.k === 'number' || v.k === 'percent') return { k: v.k, v: v.v.neg() };
  if (v.k === 'duration') return { k: 'duration', v: { amount: -v.v.amount, unit: v.v.unit } };
  return v;
}

export function zeroLike(v: Val): Val {
  if (v.k === 'money') return { k: 'money', v: { currency: v.v.currency, amount: new Decimal(0) } };
  return { k: 'number', v: new Decimal(0) };
}
