/**
 * Periods: `2026-Q1`, `2026-H2`, `2026-03`, `CY2026`, `FY2027` (a fiscal year, by default July–June as Microsoft's)
 * and `FY2027 of acme` (the fiscal year of a party, as the front matter's `fiscal-year` sets it), as inclusive date
 * ranges within the years 0001 to 9999.
 */
import { Temporal } from 'temporal-polyfill';
import type { IsoDate } from './dates.js';

export interface Period {
  readonly text: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
}

/** The first day of a fiscal year, as a month and a day (`07-01`). */
export interface MonthDay {
  readonly month: number;
  readonly day: number;
}

/**
 * The fiscal years a document knows: `start`, the first day of `FYn` written alone and of every party's year unless
 * `years` gives the party its own (`FYn of party`); a party not in `parties` is unknown.
 */
export interface FiscalYears {
  readonly start: MonthDay;
  readonly years: ReadonlyMap<string, MonthDay>;
  readonly parties: ReadonlySet<string>;
}

/** The default fiscal year: July to June (FY2027 = 2026-07-01 .. 2027-06-30). */
export const JULY_FIRST: MonthDay = { month: 7, day: 1 };

/** What `FYn` means with no `fiscal-year` in the front matter, and no party known. */
export const DEFAULT_FISCAL_YEARS: FiscalYears = { start: JULY_FIRST, years: new Map(), parties: new Set() };

function lastDay(year: number, month: number): Temporal.PlainDate {
  return Temporal.PlainYearMonth.from({ year, month }).toPlainDate({ day: 1 }).add({ months: 1 }).subtract({ days: 1 });
}

function first(year: number, month: number): Temporal.PlainDate {
  return Temporal.PlainDate.from({ year, month, day: 1 });
}

/** `MM-DD`, a day that every year has (`02-29` is not: a fiscal year must start on the same day each year). */
export function parseMonthDay(text: string): MonthDay | undefined {
  const m = /^(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  try {
    // 2025 is not a leap year: 02-29 is refused with 02-30.
    Temporal.PlainDate.from({ year: 2025, month, day }, { overflow: 'reject' });
    return { month, day };
  } catch {
    return undefined;
  }
}

/** `07-01`. */
export function monthDayText(d: MonthDay): string {
  return `${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/**
 * The fiscal year `FYn` for a year that starts on `start`: the year that ends in calendar year n (FY2027 from 07-01
 * is 2026-07-01 .. 2027-06-30; from 01-01 it is the calendar year 2027).
 */
function fiscalYear(n: number, start: MonthDay): { start: Temporal.PlainDate; end: Temporal.PlainDate } {
  const calendar = start.month === 1 && start.day === 1;
  const s = Temporal.PlainDate.from({ year: calendar ? n : n - 1, month: start.month, day: start.day });
  return { start: s, end: s.add({ years: 1 }).subtract({ days: 1 }) };
}

/** The days of a period as written; undefined when the text is not a period or its days leave the years 0001 to 9999. */
export function parsePeriod(text: string, fiscal: FiscalYears = DEFAULT_FISCAL_YEARS): Period | undefined {
  const days = periodDays(text, fiscal);
  if (!days || days.start.year < 1 || days.end.year > 9999) return undefined;
  return { text, start: days.start.toString(), end: days.end.toString() };
}

function periodDays(text: string, fiscal: FiscalYears): { start: Temporal.PlainDate; end: Temporal.PlainDate } | undefined {
  let m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return { start: first(y, 3 * q - 2), end: lastDay(y, 3 * q) };
  }
  m = /^(\d{4})-H([12])$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    const h = Number(m[2]);
    return { start: first(y, 6 * h - 5), end: lastDay(y, 6 * h) };
  }
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return undefined;
    return { start: first(y, mo), end: lastDay(y, mo) };
  }
  m = /^FY(\d{4})(?: of ([A-Za-z_][A-Za-z0-9_]*))?$/.exec(text);
  if (m) {
    const party = m[2];
    if (party !== undefined && !fiscal.parties.has(party)) return undefined;
    return fiscalYear(Number(m[1]), (party === undefined ? undefined : fiscal.years.get(party)) ?? fiscal.start);
  }
  m = /^CY(\d{4})$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    return { start: first(y, 1), end: lastDay(y, 12) };
  }
  return undefined;
}

/** Whether `text` is written as a period (`FY2027 of acme` whatever the parties, since a tests file knows none). */
export function looksLikePeriod(text: string): boolean {
  return parsePeriod(text) !== undefined || /^FY\d{4} of [A-Za-z_][A-Za-z0-9_]*$/.test(text);
}
