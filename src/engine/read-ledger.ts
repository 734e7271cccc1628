/**
 * `readLedger`: the ledger stage's `parseLedger` with the engine deciding each event type's condition
 * (`event … where C`) on the event's own fields. A condition that depends on undisclosed terms or on the ledger
 * (definitions, aggregates) is not decided here: the event is accepted. The engine also computes the dates the
 * clauses derive from the event (`for each invoice by invoice.issued + invoice.terms`, `within 30 days`, a consent's
 * `lapses after`): one outside the years 0001–9999 refuses the event, naming the clause.
 */
import type { EventType, Expr, Family, Version } from '../check/ir.js';
import { subExprs } from '../check/walk.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { LedgerOptions, LedgerResult } from '../ledger/ledger.js';
import { parseLedger } from '../ledger/ledger.js';
import type { SourceFile } from '../source/source-file.js';
import { addDuration, DateRangeError } from '../values/dates.js';
import type { Env } from './expr.js';
import { evalExpr } from './expr.js';
import { outsideCalendarDate } from './val.js';

export function eventConstraint(family: Family, type: EventType, event: LedgerEvent): boolean | null {
  const version = family.versions.find((v) => v.events.get(type.name) === type);
  if (!version || !type.constraint || readsLedger(version, type.constraint, new Set())) return null;
  const env = { version, currency: '', aggregates: new Map(), exercised: new Map(), cache: new Map(), subject: event, trigger: null };
  const ok = evalExpr(env, type.constraint);
  return ok.k === 'bool' ? ok.v : null;
}

/** Whether an expression reads the ledger (an aggregate, an exercised power), itself or through its definitions. */
function readsLedger(version: Version, e: Expr, seen: Set<string>): boolean {
  // A date with extensions is the fold's.
  if (e.kind === 'agg' || e.kind === 'exercised' || e.kind === 'outcome' || e.kind === 'previous' || e.kind === 'extended') return true;
  const name = e.kind === 'def' ? e.name : e.kind === 'listTest' ? e.list : null;
  if (name !== null && !seen.has(name)) {
    seen.add(name);
    const def = version.definitions.get(name);
    if (def && readsLedger(version, def.expr, seen)) return true;
  }
  return subExprs(e).some((x) => readsLedger(version, x, seen));
}

/** The first clause that computes, from `event`, a date outside the years 0001–9999: its id and the computation. */
export function eventDates(family: Family, event: LedgerEvent): { clause: string; date: string } | null {
  const clause = event.data.get('clause');
  for (const version of family.versions) {
    const env: Env = {
      version,
      currency: '',
      aggregates: new Map(),
      exercised: new Map(),
      cache: new Map(),
      subject: event,
      trigger: event,
    };
    // What reads the ledger (aggregates, exercised powers) depends on other events: the fold decides it.
    const own = (x: Expr | null): x is Expr => x !== null && !readsLedger(version, x, new Set());
    /** The out-of-calendar computation `x` makes (itself, or `after`: the event's date plus the duration it gives). */
    const outside = (x: Expr | null, after = false): string | null => {
      if (!own(x)) return null;
      const v = evalExpr(env, x);
      if (v.k === 'unknown') return v.waitsFor.map(outsideCalendarDate).find((w) => w !== null) ?? null;
      if (!after || v.k !== 'duration') return null;
      try {
        addDuration(event.date, v.v);
        return null;
      } catch (e) {
        if (e instanceof DateRangeError) return `${e.from} ${e.by}`;
        throw e;
      }
    };
    for (const n of version.norms.values()) {
      const exprs: [Expr | null, boolean][] = [];
      if (n.trigger?.events.includes(event.type))
        exprs.push([n.within, true], [n.by, false], [n.trigger.where, false], [n.when, false], [n.amount, false], [n.cap, false]);
      if (event.type === 'consent_request' && clause?.k === 'text' && clause.v === n.id)
        exprs.push([n.lapsesAfter, true], [n.deemedGivenAfter, true]);
      for (const [x, after] of exprs) {
        const date = outside(x, after);
        if (date !== null) return { clause: n.id, date };
      }
    }
  }
  return null;
}

export function readLedger(file: SourceFile, family: Family, options: Omit<LedgerOptions, 'constraint' | 'dates'> = {}): LedgerResult {
  return parseLedger(file, family, { ...options, constraint: eventConstraint, dates: eventDates });
}
