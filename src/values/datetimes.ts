/**
 * Date-times: an instant written with its UTC offset (RFC 3339, `2018-01-01T16:34:30Z`, `2019-01-31T16:34:00-05:00`),
 * kept as written so that a result reads in the offset of its input. Arithmetic is exact to the millisecond
 * (Temporal); calendar units (days, months, business days) apply to the local date in the value's own offset.
 */
import type { HolidayCalendar } from './holidays.js';
import { Temporal } from 'temporal-polyfill';
import type { DurationValue } from './dates.js';
import { addDuration, DateRangeError, durationInRange, fixedSeconds, parseDate } from './dates.js';

export type IsoDateTime = string;

const RFC3339 = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Parses an RFC 3339 date-time with an offset (`Z` or `±HH:MM`), rejecting impossible dates; undefined otherwise. */
export function parseDateTime(text: string): IsoDateTime | undefined {
  const m = RFC3339.exec(text);
  if (!m || !parseDate(m[1]!)) return undefined;
  return text;
}

function zoned(dt: IsoDateTime): Temporal.ZonedDateTime {
  const offset = /(Z|[+-]\d{2}:\d{2})$/.exec(dt)![1]!;
  return Temporal.ZonedDateTime.from(`${dt}[${offset === 'Z' ? 'UTC' : offset}]`);
}

export function epochMs(dt: IsoDateTime): number {
  return Temporal.Instant.from(dt).epochMilliseconds;
}

/** `a - b` as a duration in seconds (to the millisecond). */
export function secondsBetween(a: IsoDateTime, b: IsoDateTime): DurationValue {
  return { amount: (epochMs(a) - epochMs(b)) / 1000, unit: 'seconds' };
}

/** Adds a duration, in the value's own offset: fixed lengths exactly, calendar units on its local date. */
export function addToDateTime(dt: IsoDateTime, d: DurationValue, sign: 1 | -1 = 1, cal: HolidayCalendar | null = null): IsoDateTime {
  const by = `${sign * d.amount < 0 ? '-' : '+'} ${Math.abs(d.amount)} ${d.unit}`;
  if (!durationInRange(d)) throw new DateRangeError(dt, by);
  const z = zoned(dt);
  const seconds = fixedSeconds(d);
  let moved: Temporal.ZonedDateTime;
  if (seconds !== null && d.unit !== 'days' && d.unit !== 'weeks') moved = z.add({ milliseconds: Math.round(sign * seconds * 1000) });
  else {
    const p = Temporal.PlainDate.from(addDuration(z.toPlainDate().toString(), d, sign, cal));
    moved = z.with({ year: p.year, month: p.month, day: p.day });
  }
  if (moved.year < 1 || moved.year > 9999) throw new DateRangeError(dt, by);
  const text = moved.toString({ timeZoneName: 'never', fractionalSecondDigits: 'auto' });
  return dt.endsWith('Z') ? text.replace(/\+00:00$/, 'Z') : text;
}
