/** Periods: `2026-Q1`, `2026-H2`, `2026-03`, `FY2027` (a fiscal year, by default July–June as Microsoft's), as inclusive date ranges. */
import { Temporal } from 'temporal-polyfill';
import type { IsoDate } from './dates.js';

export interface Period {
  readonly text: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
}

function lastDay(year: number, month: number): IsoDate {
  return Temporal.PlainYearMonth.from({ year, month }).toPlainDate({ day: 1 }).add({ months: 1 }).subtract({ days: 1 }).toString();
}

function first(year: number, month: number): IsoDate {
  return Temporal.PlainDate.from({ year, month, day: 1 }).toString();
}

/** The first month of a fiscal year FYn is July of n-1 (FY2027 = 2026-07-01 .. 2027-06-30). */
export const FISCAL_YEAR_START_MONTH = 7;

export function parsePeriod(text: string): Period | undefined {
  let m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return { text, start: first(y, 3 * q - 2), end: lastDay(y, 3 * q) };
  }
  m = /^(\d{4})-H([12])$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    const h = Number(m[2]);
    return { text, start: first(y, 6 * h - 5), end: lastDay(y, 6 * h) };
  }
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return undefined;
    return { text, start: first(y, mo), end: lastDay(y, mo) };
  }
  m = /^FY(\d{4})$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    return { text, start: first(y - 1, FISCAL_YEAR_START_MONTH), end: lastDay(y, FISCAL_YEAR_START_MONTH - 1) };
  }
  m = /^CY(\d{4})$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    return { text, start: first(y, 1), end: lastDay(y, 12) };
  }
  return undefined;
}
