/**
 * Holiday calendars for business days: a family names its calendar in the front matter (`holidays: us-federal`,
 * `holidays: [target2, 2026-12-24]`), and `N business days` then skips those holidays besides Saturdays and Sundays.
 * The named calendars are rules, not lists, so they hold for every year:
 * - `us-federal`: the legal public holidays of 5 U.S.C. § 6103(a), with the observed day of § 6103(b) and Executive
 *   Order 11582 (a Saturday holiday is observed the Friday before, a Sunday one the Monday after). Juneteenth counts
 *   from 2021 (Pub. L. 117-17), Martin Luther King Jr. Day from 1986 (Pub. L. 98-144); the Monday holidays follow the
 *   Uniform Monday Holiday Act (from 1971).
 * - `target2`: the days the ECB's TARGET2 (now T2) payment system is closed, besides weekends: New Year's Day, Good
 *   Friday, Easter Monday, 1 May, Christmas Day and 26 December (ECB, "TARGET2 closing days", fixed since 2002).
 */
import { Temporal } from 'temporal-polyfill';

/** A date `YYYY-MM-DD` (dates.ts's `IsoDate`; not imported, since dates.ts reads the calendars). */
type IsoDate = string;

export interface HolidayCalendar {
  /** What the front matter said, for memo keys and messages (`us-federal+2026-12-24`). */
  readonly id: string;
  /** The holidays of `year` that fall on a weekday, sorted. */
  holidaysIn(year: number): readonly IsoDate[];
}

export const CALENDAR_NAMES = ['us-federal', 'target2'] as const;
export type CalendarName = (typeof CALENDAR_NAMES)[number];

export const CALENDAR_SOURCES: Readonly<Record<CalendarName, { title: string; url: string }>> = {
  'us-federal': {
    title: '5 U.S.C. § 6103, Holidays (with Executive Order 11582 for the observed day)',
    url: 'https://www.law.cornell.edu/uscode/text/5/6103',
  },
  target2: {
    title: 'European Central Bank, TARGET2 closing days',
    url: 'https://www.ecb.europa.eu/paym/target/target2/profuse/calendar/html/index.en.html',
  },
};

function iso(year: number, month: number, day: number): IsoDate {
  return Temporal.PlainDate.from({ year, month, day }).toString();
}

/** The `n`th `dow` (1 = Monday) of a month, or the last one for `n` = -1. */
function nth(year: number, month: number, dow: number, n: number): IsoDate {
  if (n > 0) {
    const first = Temporal.PlainDate.from({ year, month, day: 1 });
    return first.add({ days: ((dow - first.dayOfWeek + 7) % 7) + 7 * (n - 1) }).toString();
  }
  const last = Temporal.PlainDate.from({ year, month, day: 1 }).add({ months: 1 }).subtract({ days: 1 });
  return last.subtract({ days: (last.dayOfWeek - dow + 7) % 7 }).toString();
}

/** A fixed-date holiday's observed day: a Saturday one the Friday before, a Sunday one the Monday after. */
function observed(date: IsoDate): IsoDate {
  const d = Temporal.PlainDate.from(date);
  if (d.dayOfWeek === 6) return d.subtract({ days: 1 }).toString();
  if (d.dayOfWeek === 7) return d.add({ days: 1 }).toString();
  return date;
}

/** Easter Sunday of the Gregorian calendar (the anonymous Gregorian computus, Meeus/Jones/Butcher). */
export function easter(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

function usFederal(year: number): IsoDate[] {
  const days = [
    observed(iso(year, 1, 1)),
    nth(year, 2, 1, 3),
    nth(year, 5, 1, -1),
    observed(iso(year, 7, 4)),
    nth(year, 9, 1, 1),
    nth(year, 10, 1, 2),
    observed(iso(year, 11, 11)),
    nth(year, 11, 4, 4),
    observed(iso(year, 12, 25)),
  ];
  if (year >= 1986) days.push(nth(year, 1, 1, 3));
  if (year >= 2021) days.push(observed(iso(year, 6, 19)));
  // New Year's Day of the next year observed on 31 December (a Saturday 1 January).
  if (year < 9999 && Temporal.PlainDate.from({ year: year + 1, month: 1, day: 1 }).dayOfWeek === 6) days.push(iso(year, 12, 31));
  return days.filter((d) => d.startsWith(String(year).padStart(4, '0')));
}

function target2(year: number): IsoDate[] {
  const e = Temporal.PlainDate.from(easter(year));
  return [
    iso(year, 1, 1),
    e.subtract({ days: 2 }).toString(),
    e.add({ days: 1 }).toString(),
    iso(year, 5, 1),
    iso(year, 12, 25),
    iso(year, 12, 26),
  ];
}

const RULES: Readonly<Record<CalendarName, (year: number) => IsoDate[]>> = { 'us-federal': usFederal, target2 };

/** A calendar from named calendars and dates; the holidays of each year are computed once. */
export function holidayCalendar(names: readonly CalendarName[], dates: readonly IsoDate[]): HolidayCalendar {
  const byYear = new Map<number, IsoDate[]>();
  const id = [...names, ...[...dates].sort()].join('+');
  return {
    id,
    holidaysIn(year) {
      let list = byYear.get(year);
      if (!list) {
        const all = new Set<IsoDate>(dates.filter((d) => Number(d.slice(0, 4)) === year));
        for (const n of names) for (const d of RULES[n](year)) all.add(d);
        list = [...all].filter((d) => Temporal.PlainDate.from(d).dayOfWeek <= 5).sort();
        if (byYear.size > 2_000) byYear.clear();
        byYear.set(year, list);
      }
      return list;
    },
  };
}

/** How many of the calendar's weekday holidays fall in `from` … `to` (both included; `from` ≤ `to`). */
export function holidaysBetween(cal: HolidayCalendar, from: IsoDate, to: IsoDate): number {
  let n = 0;
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
    for (const d of cal.holidaysIn(y)) if (d >= from && d <= to) n += 1;
  return n;
}
