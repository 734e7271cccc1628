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

export function eventConstraint(family: Family, type: EventType, event: LedgerEvent): boolean | null {
  const version = family.versions.find((v) => v.events.get(type.name) === type);
  if (!version || !type.constraint || readsLedger(version, type.constraint, new Set())) return null;
  const env = { version, currency: '', aggregates: new Map(), exercised: new Map(), cache: new Map(), subject: event, trigger: null };
  const ok = evalExpr(env, type.constraint);
  return ok.k === 'bool' ? ok.v : null;
}

/** Whether an expression reads the ledger (an aggregate, an exercised power), itself or through its definitions. */
function readsLedger(version: Version, e: Expr, seen: Set<string>): boolean {
  if (e.kind === 'agg' || e.kind === 'exercised') return true;
  if (e.kind === 'def' && !seen.has(e.name)) {
    seen.add(e.name);
    const def = version.definitions.get(e.name);
    if (def && readsLedger(version, def.expr, seen)) return true;
  }
  return subExprs(e).some((x) => readsLedger(version, x, seen));
}

/** The first clause that computes, from `event`, a date outside the years 0001–9999: its id and the computation. */
export function eventDates(family: Family, event: LedgerEvent): { clause: string; date: string } | null {
  const clause = event.data.get('clause');
  for (const version of family.versions) {
    const env: Env = { version, currency: '', aggregates: new Map(), exercised: new Map(), cache: new Map(), subject: event, trigger: event };
    const ev = (x: Expr | null): void => {
      if (x) evalExpr(env, x);
    };
    const after = (x: Expr | null): void => {
      const d = x ? evalExpr(env, x) : null;
      if (d?.k === 'duration') addDuration(event.date, d.v);
    };
    for (const n of version.norms.values()) {
      try {
        if (n.trigger?.event === event.type) {
          after(n.within);
          for (const x of [n.by, n.trigger.where, n.when, n.amount, n.cap]) ev(x);
        }
        if (event.type === 'consent_request' && clause?.k === 'text' && clause.v === n.id) {
          after(n.lapsesAfter);
          after(n.deemedGivenAfter);
        }
      } catch (e) {
        if (e instanceof DateRangeError) return { clause: n.id, date: `${e.from} ${e.by}` };
        throw e;
      }
    }
  }
  return null;
}

export function readLedger(file: SourceFile, family: Family, options: Omit<LedgerOptions, 'constraint' | 'dates'> = {}): LedgerResult {
  return parseLedger(file, family, { ...options, constraint: eventConstraint, dates: eventDates });
}
