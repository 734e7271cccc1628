/**
 * Incremental aggregates: one accumulator per aggregate of the agreement (`sum`, `count`, `exists`, `latest`,
 * `first`, `min`, `max` over an event type, a `where` filter and a date window, and running definitions), updated
 * once per event by the fold. What each function adds, what its value is and which events it rests on is one entry
 * of `AGGREGATES`, a `Record<AggregateFn, …>`: a function added to the language does not compile until it has one
 * (its typing is check/aggregate-types.ts, the checker's own table).
 */
import type { Aggregate, Type, Version } from '../check/ir.js';
import type { AggregateFn } from '../syntax/ast.js';
import { Decimal } from '../values/decimal.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { Val } from './val.js';
import { compare, eventField, isUnknown, noneYet, unknown } from './val.js';
import { waitsMessages } from './why.js';

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
  /** A running definition's value before its last event, and that event (`previous NAME`); null before any. */
  before: { readonly event: LedgerEvent; readonly value: Val } | null;
  /** The last KEEP_EVENTS contributing events. */
  recent: LedgerEvent[];
  /** Undisclosed terms that made some event's membership unknown. */
  waitsFor: string[];
}

export function newAccumulator(agg: Aggregate, version: Version): Accumulator {
  return {
    agg,
    version,
    count: 0,
    total: new Decimal(0),
    currency: '',
    currencies: [],
    first: null,
    latest: null,
    lowest: null,
    highest: null,
    running: null,
    before: null,
    recent: [],
    waitsFor: [],
  };
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
  const value: Val =
    field === null
      ? { k: 'bool', v: true }
      : field === 'date'
        ? { k: 'date', v: e.date }
        : field === 'actor'
          ? { k: 'party', v: e.actor }
          : eventField(e, field);
  acc.count++;
  AGGREGATES[acc.agg.fn].add(acc, value);
  if (!acc.first) acc.first = { event: e, value };
  acc.latest = { event: e, value };
  acc.recent.push(e);
  if (acc.recent.length > KEEP_EVENTS) acc.recent.shift();
}

/** What an aggregate function means: each entry of `AGGREGATES`. */
export interface AggregateRules {
  /** What one contributing event's value adds, beyond what every accumulator keeps (count, first, latest, recent). */
  add(acc: Accumulator, value: Val): void;
  /**
   * Its value now, of type `type`; `zero` is the currency of a sum over no event, `init` a running definition's
   * initial value. Unknown while some event's membership is (it could count).
   */
  value(acc: Accumulator, type: Type, currency: string, init: () => Val): Val;
  /** The events its value rests on (what explanations cite): the first, the latest or the most recent ones. */
  behind(acc: Accumulator): readonly LedgerEvent[];
}

const nothing = (): void => {};
const firstEvent = (acc: Accumulator): readonly LedgerEvent[] => (acc.first ? [acc.first.event] : []);
const latestEvent = (acc: Accumulator): readonly LedgerEvent[] => (acc.latest ? [acc.latest.event] : []);
const recentEvents = (acc: Accumulator): readonly LedgerEvent[] => acc.recent;

/** `min` and `max` keep both extremes (unknown once a compared value is). */
function addExtremes(acc: Accumulator, value: Val): void {
  const pick = (best: Val | null, op: '<' | '>'): Val => {
    if (!best || isUnknown(best)) return best ?? value;
    const c = compare(op, value, best);
    return isUnknown(c) ? c : c.k === 'bool' && c.v ? value : best;
  };
  acc.lowest = pick(acc.lowest, '<');
  acc.highest = pick(acc.highest, '>');
}

/** An event whose membership is unknown could be the latest (or the first): the value is then unknown too. */
function kept(acc: Accumulator, v: Val | null | undefined): Val {
  return acc.waitsFor.length > 0 ? unknown(acc.waitsFor) : (v ?? noneYet(acc.agg.event));
}

export const AGGREGATES: Readonly<Record<AggregateFn, AggregateRules>> = {
  sum: {
    add(acc, value) {
      if (value.k === 'money') {
        acc.total = acc.total.plus(value.v.amount);
        if (acc.currency !== '' && acc.currency !== value.v.currency) {
          for (const c of [acc.currency, value.v.currency]) if (!acc.currencies.includes(c)) acc.currencies.push(c);
          acc.currencies.sort();
        }
        acc.currency = value.v.currency;
      } else if (value.k === 'number' || value.k === 'percent') acc.total = acc.total.plus(value.v);
      else if (value.k === 'quantity') acc.total = acc.total.plus(value.v.amount);
      // An undisclosed figure of the ledger (`"amount": "undisclosed"`): the sum is unknown from then on.
      else if (isUnknown(value)) for (const w of value.waitsFor) if (!acc.waitsFor.includes(w)) acc.waitsFor.push(w);
    },
    value(acc, type, currency) {
      if (acc.waitsFor.length > 0) return unknown(acc.waitsFor);
      if (acc.currencies.length > 0)
        return unknown([waitsMessages.format('en', 'exchange-rate', { currencies: acc.currencies.join(', ') })]);
      if (type.t === 'money') return { k: 'money', v: { currency: acc.currency || (type.currency ?? currency), amount: acc.total } };
      if (type.t === 'quantity' && type.unit) return { k: 'quantity', v: { unit: type.unit, amount: acc.total } };
      return type.t === 'percent' ? { k: 'percent', v: acc.total } : { k: 'number', v: acc.total };
    },
    behind: recentEvents,
  },
  count: {
    add: nothing,
    value: (acc) => (acc.waitsFor.length > 0 ? unknown(acc.waitsFor) : { k: 'number', v: new Decimal(acc.count) }),
    behind: recentEvents,
  },
  exists: {
    add: nothing,
    value: (acc) => (acc.count > 0 ? { k: 'bool', v: true } : acc.waitsFor.length > 0 ? unknown(acc.waitsFor) : { k: 'bool', v: false }),
    behind: firstEvent,
  },
  latest: { add: nothing, value: (acc) => kept(acc, acc.latest?.value), behind: latestEvent },
  first: { add: nothing, value: (acc) => kept(acc, acc.first?.value), behind: firstEvent },
  min: { add: addExtremes, value: (acc) => kept(acc, acc.lowest), behind: recentEvents },
  max: { add: addExtremes, value: (acc) => kept(acc, acc.highest), behind: recentEvents },
  // A running definition's value after each event is computed by the fold from its step (fold.ts accumulateEvent).
  running: { add: nothing, value: (acc, _type, _currency, init) => acc.running ?? init(), behind: recentEvents },
};
