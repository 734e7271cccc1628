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

/**
 * What the checks below need of a family, computed once and kept with it (a checked family is never changed): for each
 * event type, the version that declares it with a condition the event's own fields decide; for each event type and
 * each consent clause, the clauses whose date computations read only the event, in the family's order.
 */
interface FamilyChecks {
  readonly constraints: Map<EventType, Version | null>;
  readonly byType: ReadonlyMap<string, readonly DatedClause[]>;
  readonly byConsent: ReadonlyMap<string, readonly DatedClause[]>;
}

/** A clause's own date computations (`[expression, after]`, see `eventDates`), `order` its place in the family. */
interface DatedClause {
  readonly order: number;
  readonly version: number;
  readonly clause: string;
  readonly exprs: readonly (readonly [Expr, boolean])[];
}

const familyChecks = new WeakMap<Family, FamilyChecks>();

function checksOf(family: Family): FamilyChecks {
  let checks = familyChecks.get(family);
  if (checks) return checks;
  const byType = new Map<string, DatedClause[]>();
  const byConsent = new Map<string, DatedClause[]>();
  const add = (index: Map<string, DatedClause[]>, key: string, c: DatedClause): void => {
    const list = index.get(key);
    if (list) list.push(c);
    else index.set(key, [c]);
  };
  let order = 0;
  family.versions.forEach((version, vi) => {
    // What reads the ledger (aggregates, exercised powers) depends on other events: the fold decides it.
    const own = (pairs: [Expr | null, boolean][]): [Expr, boolean][] =>
      pairs.filter((p): p is [Expr, boolean] => p[0] !== null && !readsLedger(version, p[0], new Set()));
    for (const n of version.norms.values()) {
      order++;
      if (n.trigger) {
        const exprs = own([
          [n.within, true],
          [n.by, false],
          [n.trigger.where, false],
          [n.when, false],
          [n.amount, false],
          [n.cap, false],
        ]);
        if (exprs.length > 0) for (const t of new Set(n.trigger.events)) add(byType, t, { order, version: vi, clause: n.id, exprs });
      }
      const consent = own([
        [n.lapsesAfter, true],
        [n.deemedGivenAfter, true],
      ]);
      if (consent.length > 0) add(byConsent, n.id, { order, version: vi, clause: n.id, exprs: consent });
    }
  });
  checks = { constraints: new Map(), byType, byConsent };
  familyChecks.set(family, checks);
  return checks;
}

export function eventConstraint(family: Family, type: EventType, event: LedgerEvent): boolean | null {
  const { constraints } = checksOf(family);
  let version = constraints.get(type);
  if (version === undefined) {
    const v = family.versions.find((x) => x.events.get(type.name) === type);
    version = !v || !type.constraint || readsLedger(v, type.constraint, new Set()) ? null : v;
    constraints.set(type, version);
  }
  if (version === null || !type.constraint) return null;
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

/**
 * The clauses whose dates `event` drives, in the family's order: those its type triggers, and for a consent request
 * the consent clause it names (after the trigger's computations when one clause is both).
 */
function datedClauses(checks: FamilyChecks, event: LedgerEvent): readonly DatedClause[] {
  const typed = checks.byType.get(event.type) ?? [];
  const clause = event.data.get('clause');
  if (event.type !== 'consent_request' || clause?.k !== 'text') return typed;
  const consent = checks.byConsent.get(clause.v);
  if (!consent) return typed;
  return [...typed, ...consent].sort((a, b) => a.order - b.order);
}

/** The first clause that computes, from `event`, a date outside the years 0001–9999: its id and the computation. */
export function eventDates(family: Family, event: LedgerEvent): { clause: string; date: string } | null {
  const envs = new Map<number, Env>();
  for (const c of datedClauses(checksOf(family), event)) {
    let env = envs.get(c.version);
    if (!env) {
      env = {
        version: family.versions[c.version]!,
        currency: '',
        aggregates: new Map(),
        exercised: new Map(),
        cache: new Map(),
        subject: event,
        trigger: event,
      };
      envs.set(c.version, env);
    }
    for (const [x, after] of c.exprs) {
      const date = outside(env, event, x, after);
      if (date !== null) return { clause: c.clause, date };
    }
  }
  return null;
}

/** The out-of-calendar computation `x` makes (itself, or `after`: the event's date plus the duration it gives). */
function outside(env: Env, event: LedgerEvent, x: Expr, after: boolean): string | null {
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
}

export function readLedger(file: SourceFile, family: Family, options: Omit<LedgerOptions, 'constraint' | 'dates'> = {}): LedgerResult {
  const { seqBase, hypothetical, ids } = options;
  return parseLedger(file, family, { seqBase, hypothetical, ids, constraint: eventConstraint, dates: eventDates });
}
