/** A ledger event, validated: typed data, its position in the ledger (sequence) and its line in the file. */
import type { Bounds, Value } from '../check/ir.js';
import type { IsoDate } from '../values/dates.js';

export interface EventSource {
  readonly id: string | null;
  readonly title: string;
  readonly url: string | null;
  readonly status: 'official' | 'reported' | 'unverified';
}

/**
 * What the ledger says of an undisclosed field: its bounds, and, for `{"undisclosed": "investment_2021"}`, the
 * agreement's undisclosed figure it equals (`term`): the investment paid is the amount due, whatever it is.
 */
export type UnknownField = Bounds & { readonly term?: string };

/** The days an event may have happened on, when the ledger knows only a period (`"2021"`, `{"between": […]}`). */
export interface EventPeriod {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** As the ledger writes it (`2021`, `2021-Q3`, `2021-03-01..2021-06-30`). */
  readonly text: string;
}

export interface LedgerEvent {
  readonly id: string;
  readonly type: string;
  /** The day it happened; for an event known only to a period, the period's first day (where it orders). */
  readonly date: IsoDate;
  /** Set when the day is known only to lie in a period: the engine reads every day of it as possible. */
  readonly period?: EventPeriod;
  readonly actor: string;
  readonly data: ReadonlyMap<string, Value>;
  /**
   * Fields the ledger gives as undisclosed (`"undisclosed"`, `{"atLeast": "USD 1bn"}`): what is known of each. They
   * are not in `data`; the engine reads them as unknown values within these bounds.
   */
  readonly unknown?: ReadonlyMap<string, UnknownField>;
  readonly source: EventSource | null;
  readonly visibility: readonly string[] | null;
  /** Position in the ledger (overlay events come after the ledger's). Events order by (date, seq). */
  readonly seq: number;
  /** Where it was read: file and 1-based line. */
  readonly file: string;
  readonly line: number;
  /** True for events of a what-if overlay (`--events`). */
  readonly hypothetical: boolean;
}

export function compareEvents(a: LedgerEvent, b: LedgerEvent): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq;
}
