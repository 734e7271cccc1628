/**
 * Calendar-correct dates (Temporal.PlainDate): no time zone, no wall clock. Dates travel as ISO strings `YYYY-MM-DD`,
 * bounded to the years 0001–9999 (so that they sort as text): arithmetic whose result falls outside throws
 * `DateRangeError`, which the checker, the ledger and the engine turn into a diagnostic.
 */
import { Temporal } from 'temporal-polyfill';
import type { Lang } from '../messages/define-messages.js';
import { humanDecimal, NBSP } from './decimal.js';
import type { HolidayCalendar } from './holidays.js';
import { holidaysBetween } from './holidays.js';

export type IsoDate = string;

export const MIN_DATE: IsoDate = '0001-01-01';
export const MAX_DATE: IsoDate = '9999-12-31';

/** A computed date outside 0001-01-01 … 9999-12-31 (`2025-01-01 + 999999 years`). */
export class DateRangeError extends Error {
  constructor(
    readonly from: IsoDate,
    readonly by: string,
  ) {
    super(`${from} ${by} is outside the years 0001 to 9999`);
    this.name = 'DateRangeError';
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`, rejecting impossible dates (2025-02-30). */
export function parseDate(text: string): IsoDate | undefined {
  const m = ISO_DATE.exec(text);
  if (!m || m[1] === '0000') return undefined;
  try {
    return Temporal.PlainDate.from({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, { overflow: 'reject' }).toString();
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

/** The date as text, or DateRangeError when its year is outside 0001–9999. */
function checked(result: Temporal.PlainDate, from: IsoDate, by: string): IsoDate {
  if (result.year < 1 || result.year > 9999) throw new DateRangeError(from, by);
  return result.toString();
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return memoised(`${date}|${days}d`, () => {
    const by = `${days < 0 ? '-' : '+'} ${Math.abs(days)} days`;
    if (!Number.isSafeInteger(days) || Math.abs(days) > MAX_SPAN_DAYS) throw new DateRangeError(date, by);
    return checked(Temporal.PlainDate.from(date).add({ days }), date, by);
  });
}

export type DurationUnit = 'days' | 'weeks' | 'months' | 'years' | 'business days' | 'hours' | 'minutes' | 'seconds';

/** French names of the units, singular (below 2, as French counts) and plural. */
const UNIT_FR: Record<DurationUnit, readonly [string, string]> = {
  days: ['jour', 'jours'],
  weeks: ['semaine', 'semaines'],
  months: ['mois', 'mois'],
  years: ['an', 'ans'],
  'business days': ['jour ouvré', 'jours ouvrés'],
  hours: ['heure', 'heures'],
  minutes: ['minute', 'minutes'],
  seconds: ['seconde', 'secondes'],
};

/** A duration for people: `60 days` in English (as written in pacte), `60 jours` (`1 jour`, `0 jour`) in French. */
export function humanDuration(d: DurationValue, lang: Lang): string {
  if (lang === 'en') return `${d.amount} ${d.unit}`;
  const [one, many] = UNIT_FR[d.unit];
  return `${humanDecimal(String(d.amount), lang)}${NBSP}${Math.abs(d.amount) < 2 ? one : many}`;
}

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

/** The days from 0001-01-01 to 9999-12-31: no duration longer than this moves a date and stays in range. */
const MAX_SPAN_DAYS = 3_652_058;

/** The largest amount of each unit a duration may have: the span of the years 0001–9999 (`docs/format.md`). */
export const MAX_DURATION: Readonly<Record<DurationUnit, number>> = {
  days: MAX_SPAN_DAYS,
  weeks: Math.floor(MAX_SPAN_DAYS / 7),
  months: 9998 * 12 + 11,
  years: 9998,
  'business days': Math.floor(MAX_SPAN_DAYS / 7) * 5 + 5,
  hours: MAX_SPAN_DAYS * 24,
  minutes: MAX_SPAN_DAYS * 1440,
  seconds: MAX_SPAN_DAYS * 86_400,
};

/** Whether a duration is within the bounds of its unit (`MAX_DURATION`); a longer one cannot move any date in range. */
export function durationInRange(d: DurationValue): boolean {
  return Number.isFinite(d.amount) && Math.abs(d.amount) <= MAX_DURATION[d.unit];
}

/**
 * The calendar days `n` business days (Monday to Friday, no public holidays) move a date whose day of the week is
 * `dow` (1 = Monday … 7 = Sunday): whole weeks plus the remainder, in constant time. Forward, a Saturday or a Sunday
 * counts as the Friday before it; backward, the week is mirrored (Monday ↔ Friday, Saturday ↔ Sunday).
 */
export function businessDaySpan(dow: number, n: number): number {
  if (n === 0) return 0;
  if (n < 0) return -businessDaySpan(dow <= 5 ? 6 - dow : 13 - dow, -n);
  const from = Math.min(dow, 5);
  const rem = n % 5;
  const days = 7 * Math.floor(n / 5) + rem + (from + rem > 5 ? 2 : 0);
  return days - (dow - from);
}

/**
 * Adds business days, skipping Saturdays, Sundays and the calendar's holidays; 0 business days is the same day.
 * With holidays, the weekdays moved grow by the holidays passed over until none is left (each pass counts them in the
 * new span by year, so a long span costs its years, not its days).
 */
function addBusinessDays(date: IsoDate, n: number, cal: HolidayCalendar | null): IsoDate {
  const d = Temporal.PlainDate.from(date);
  const by = `${n < 0 ? '-' : '+'} ${Math.abs(n)} business days`;
  const move = (k: number): IsoDate => checked(d.add({ days: businessDaySpan(d.dayOfWeek, k) }), date, by);
  if (!cal || n === 0) return move(n);
  let skipped = 0;
  for (;;) {
    const to = move(n > 0 ? n + skipped : n - skipped);
    const span = n > 0 ? holidaysBetween(cal, addDays(date, 1), to) : holidaysBetween(cal, to, addDays(date, -1));
    if (span === skipped) return to;
    skipped = span;
  }
}

/**
 * Adds a duration; months and years clamp to the month's end (2025-01-31 + 1 month = 2025-02-28); business days skip
 * Saturdays and Sundays; hours, minutes and seconds count whole days only (a date has no time of day).
 */
export function addDuration(date: IsoDate, d: DurationValue, sign: 1 | -1 = 1, cal: HolidayCalendar | null = null): IsoDate {
  const holidays = cal && d.unit === 'business days' ? cal : null;
  return memoised(`${date}|${sign * d.amount}${d.unit}${holidays ? `|${holidays.id}` : ''}`, () => {
    const by = `${sign * d.amount < 0 ? '-' : '+'} ${Math.abs(d.amount)} ${Math.abs(d.amount) === 1 ? d.unit.replace(/s$/, '') : d.unit}`;
    // Checked first: Temporal itself throws a RangeError past the year 275760.
    if (!durationInRange(d)) throw new DateRangeError(date, by);
    if (d.unit === 'business days') return addBusinessDays(date, sign * d.amount, holidays);
    const seconds = d.unit === 'hours' || d.unit === 'minutes' || d.unit === 'seconds' ? fixedSeconds(d)! : null;
    const add = seconds === null ? { [d.unit]: sign * d.amount } : { days: sign * Math.trunc(seconds / 86_400) };
    return checked(Temporal.PlainDate.from(date).add(add, { overflow: 'constrain' }), date, by);
  });
}

/** Orders two durations: by length when both are fixed, else by the days each spans from 2000-01-01. */
export function compareDurations(a: DurationValue, b: DurationValue): number {
  const fa = fixedSeconds(a);
  const fb = fixedSeconds(b);
  if (fa !== null && fb !== null) return Math.sign(fa - fb);
  const base = '2000-01-01';
  // Past the calendar's range from 2000 (thousands of years), the average length of a month, a year, a business day.
  const AVERAGE_DAYS: Partial<Record<DurationUnit, number>> = { months: 30.436875, years: 365.2425, 'business days': 1.4 };
  const len = (d: DurationValue, f: number | null): number => {
    if (f !== null) return f;
    try {
      return daysBetween(base, addDuration(base, d)) * 86_400;
    } catch (e) {
      if (!(e instanceof DateRangeError)) throw e;
      return d.amount * AVERAGE_DAYS[d.unit]! * 86_400;
    }
  };
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
