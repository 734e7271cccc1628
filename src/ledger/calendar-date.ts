/**
 * `parseDate` (values/dates.ts, Temporal) remembered by its text: the events of a ledger, and those posted to a
 * server, carry few distinct dates (today's, a period's bounds). Bounded: forgotten all at once past 1024 texts.
 */
import { type IsoDate, parseDate } from '../values/dates.js';

const parsed = new Map<string, IsoDate | null>();

/** The date `text` writes (`YYYY-MM-DD`, a day of the calendar), or undefined. */
export function calendarDate(text: string): IsoDate | undefined {
  // Only `YYYY-MM-DD` (10 characters) can be a date: other texts are refused at once and not kept.
  if (text.length !== 10) return parseDate(text);
  let d = parsed.get(text);
  if (d === undefined) {
    d = parseDate(text) ?? null;
    if (parsed.size >= 1024) parsed.clear();
    parsed.set(text, d);
  }
  return d ?? undefined;
}
