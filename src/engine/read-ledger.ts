/**
 * `readLedger`: the ledger stage's `parseLedger` with the engine deciding each event type's condition
 * (`event … where C`) on the event's own fields. A condition that depends on undisclosed terms or on the ledger
 * (definitions, aggregates) is not decided here: the event is accepted.
 */
import type { EventType, Expr, Family, Version } from '../check/ir.js';
import { subExprs } from '../check/walk.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { LedgerOptions, LedgerResult } from '../ledger/ledger.js';
import { parseLedger } from '../ledger/ledger.js';
import type { SourceFile } from '../source/source-file.js';
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

export function readLedger(file: SourceFile, family: Family, options: Omit<LedgerOptions, 'constraint'> = {}): LedgerResult {
  return parseLedger(file, family, { ...options, constraint: eventConstraint });
}
