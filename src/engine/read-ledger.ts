/**
 * `readLedger`: the ledger stage's `parseLedger` with the engine deciding each event type's condition
 * (`event … where C`) on the event's own fields. A condition that depends on undisclosed terms or on the ledger
 * (definitions, aggregates) is not decided here: the event is accepted.
 */
import type { EventType, Family } from '../check/ir.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { LedgerOptions, LedgerResult } from '../ledger/ledger.js';
import { parseLedger } from '../ledger/ledger.js';
import type { SourceFile } from '../source/source-file.js';
import { evalExpr } from './expr.js';

export function eventConstraint(family: Family, type: EventType, event: LedgerEvent): boolean | null {
  const version = family.versions.find((v) => v.events.get(type.name) === type);
  if (!version || !type.constraint) return null;
  const env = { version, currency: '', aggregates: new Map(), exercised: new Map(), cache: new Map(), subject: event, trigger: null };
  const ok = evalExpr(env, type.constraint);
  return ok.k === 'bool' ? ok.v : null;
}

export function readLedger(file: SourceFile, family: Family, options: Omit<LedgerOptions, 'constraint'> = {}): LedgerResult {
  return parseLedger(file, family, { ...options, constraint: eventConstraint });
}
