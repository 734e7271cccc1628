/** Calendar-correct dates (Temporal.PlainDate): no time zone, no wall clock. Dates travel as ISO strings `YYYY-MM-DD`. */
import { Temporal } from 'temporal-polyfill';

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`, rejecting impossible dates (2025-02-30). */
export function parseDate(text: string): IsoDate | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  try {
    return Temporal.PlainDate.from(
      { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
      { overflow: 'reject' },
    ).toString();
  } catch {
    return undefined;
  }
}

/** Date arithmetic is pure and its arguments repeat (the same deadlines, the same day + 1): results are memoised. */
const memo = new Map<string, IsoDate>();
const MEMO_LIMIT = 200_000;

function memoised(key: string, compute: () => IsoDate): IsoDate {
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const v = compute();
  memo.set(key, v);
  return v;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return memoised(`${date}|${days}d`, () => Temporal.PlainDate.from(date).add({ days }).toString());
}

export type DurationUnit = 'days' | 'weeks' | 'months' | 'years' | 'business days' | 'hours' | 'minutes' | 'seconds';

export interface DurationValue {
  /** A whole number, except for durations measured between two times (seconds, to the millisecond). */
  readonly amount: number;
  readonly unit: DurationUnit;
}

/** Seconds in one unit of the durations of fixed length. */
const FIXED_SECONDS: Partial<Record<DurationUnit, number>> = { seconds: 1, minutes: 60, hours: 3600, days: 86_400, weeks: 604_800 };

/** The length of a duration in seconds when it has a fixed length (not months, years or business days). */
export function fixedSeconds(d: DurationValue): number | null {
  const f = FIXED_SECONDS[d.unit];
  return f === undefined ? null : d.amount * f;
}

/** Adds business days: Monday to Friday (no public holidays), skipping weekends; 0 business days is the same day. */
function addBusinessDays(date: IsoDate, n: number): IsoDate {
  let d = Temporal.PlainDate.from(date);
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    d = d.add({ days: step });
    if (d.dayOfWeek <= 5) left--;
  }
  return d.toString();
}

/**
 * Adds a duration; months and years clamp to the month's end (2025-01-31 + 1 month = 2025-02-28); business days skip
 * Saturdays and Sundays; hours, minutes and seconds count whole days only (a date has no time of day).
 */
export function addDuration(date: IsoDate, d: DurationValue, sign: 1 | -1 = 1): IsoDate {
  return memoised(`${date}|${sign * d.amount}${d.unit}`, () => {
    if (d.unit === 'business days') return addBusinessDays(date, sign * d.amount);
    const seconds = d.unit === 'hours' || d.unit === 'minutes' || d.unit === 'seconds' ? fixedSeconds(d)! : null;
    const add = seconds === null ? { [d.unit]: sign * d.amount } : { days: sign * Math.trunc(seconds / 86_400) };
    return Temporal.PlainDate.from(date).add(add, { overflow: 'constrain' }).toString();
  });
}

/** Orders two durations: by length when both are fixed, else by the days each spans from 2000-01-01. */
export function compareDurations(a: DurationValue, b: DurationValue): number {
  const fa = fixedSeconds(a);
  const fb = fixedSeconds(b);
  if (fa !== null && fb !== null) return Math.sign(fa - fb);
  const base = '2000-01-01';
  const len = (d: DurationValue, f: number | null): number => (f !== null ? f : daysBetween(base, addDuration(base, d)) * 86_400);
  return Math.sign(len(a, fa) - len(b, fb));
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' }).days;
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}
