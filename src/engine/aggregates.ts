/**
 * Incremental aggregates: one accumulator per aggregate of the agreement (`sum`, `count`, `exists`, `latest`,
 * `first`, `min`, `max` over an event type, a `where` filter and a date window, and running definitions), updated
 * once per event by the fold.
 */
import type { Aggregate, Version } from '../check/ir.js';
import { Decimal } from '../values/decimal.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { Val } from './val.js';
import { compare, isUnknown } from './val.js';

/** How many contributing events an accumulator keeps for explanations (the count is always exact). */
export const KEEP_EVENTS = 12;

export interface Accumulator {
  readonly agg: Aggregate;
  /** The version whose definitions the `where` condition reads. */
  readonly version: Version;
  count: number;
  total: Decimal;
  currency: string;
  /** Every currency summed, when more than one: such a sum has no value without an exchange rate. */
  currencies: string[];
  first: { readonly event: LedgerEvent; readonly value: Val } | null;
  latest: { readonly event: LedgerEvent; readonly value: Val } | null;
  /** `min`, `max`: the lowest and highest value so far (unknown once a compared value is). */
  lowest: Val | null;
  highest: Val | null;
  /** A running definition's value after the last event (null before any: its initial value applies). */
  running: Val | null;
  /** The last KEEP_EVENTS contributing events. */
  recent: LedgerEvent[];
  /** Undisclosed terms that made some event's membership unknown. */
  waitsFor: string[];
}

export function newAccumulator(agg: Aggregate, version: Version): Accumulator {
  return { agg, version, count: 0, total: new Decimal(0), currency: '', currencies: [], first: null, latest: null, lowest: null, highest: null, running: null, recent: [], waitsFor: [] };
}

export function cloneAccumulator(a: Accumulator): Accumulator {
  return { ...a, recent: [...a.recent], waitsFor: [...a.waitsFor], currencies: [...a.currencies] };
}

export function inWindow(agg: Aggregate, date: string): boolean {
  return (agg.from === null || date >= agg.from) && (agg.to === null || date <= agg.to);
}

/** Adds one event already known to match the type, window and filter (`member` = true) or of unknown membership. */
export function accumulate(acc: Accumulator, e: LedgerEvent, member: Val): void {
  if (isUnknown(member)) {
    for (const w of member.waitsFor) if (!acc.waitsFor.includes(w)) acc.waitsFor.push(w);
    return;
  }
  if (!(member.k === 'bool' && member.v)) return;
  const field = acc.agg.field;
  const value: Val = field === null ? { k: 'bool', v: true } : field === 'date' ? { k: 'date', v: e.date } : field === 'actor' ? { k: 'party', v: e.actor } : (e.data.get(field) ?? { k: 'unknown', waitsFor: [`${e.id}.${field}`] });
  acc.count++;
  if (acc.agg.fn === 'sum') {
    if (value.k === 'money') {
      acc.total = acc.total.plus(value.v.amount);
      if (acc.currency !== '' && acc.currency !== value.v.currency) {
        for (const c of [acc.currency, value.v.currency]) if (!acc.currencies.includes(c)) acc.currencies.push(c);
        acc.currencies.sort();
      }
      acc.currency = value.v.currency;
    } else if (value.k === 'number' || value.k === 'percent') acc.total = acc.total.plus(value.v);
  }
  if (acc.agg.fn === 'min' || acc.agg.fn === 'max') {
    const pick = (best: Val | null, op: '<' | '>'): Val => {
      if (!best || isUnknown(best)) return best ?? value;
      const c = compare(op, value, best);
      return isUnknown(c) ? c : c.k === 'bool' && c.v ? value : best;
    };
    acc.lowest = pick(acc.lowest, '<');
    acc.highest = pick(acc.highest, '>');
  }
  if (!acc.first) acc.first = { event: e, value };
  acc.latest = { event: e, value };
  acc.recent.push(e);
  if (acc.recent.length > KEEP_EVENTS) acc.recent.shift();
}
