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

export interface DurationValue {
  readonly amount: number;
  readonly unit: 'days' | 'weeks' | 'months' | 'years';
}

/** Adds a duration; months and years clamp to the month's end (2025-01-31 + 1 month = 2025-02-28). */
export function addDuration(date: IsoDate, d: DurationValue, sign: 1 | -1 = 1): IsoDate {
  return memoised(`${date}|${sign * d.amount}${d.unit}`, () =>
    Temporal.PlainDate.from(date)
      .add({ [d.unit]: sign * d.amount }, { overflow: 'constrain' })
      .toString(),
  );
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
