/** Evaluates checked expressions against the fold's current state, in three-valued logic (see val.ts). */
import type { Expr, Value, Version } from '../check/ir.js';
import { Decimal } from '../values/decimal.js';
import type { Accumulator } from './aggregates.js';
import { AGGREGATES } from './aggregates.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { Val } from './val.js';
import { and, arith, compare, either, eventField, isUnknown, negate, not, or, unknown, unknownOf } from './val.js';
import { waitsMessages } from './why.js';
import type { NormState } from './norm-state.js';
import { outcomeValue } from './outcome.js';
import { outcomeRefs } from '../check/deps.js';
import type { IsoDate } from '../values/dates.js';
import type { ExtendedState } from './fold-state.js';
import type { ListReader } from './list-values.js';
import { allMet, countPending, dateAllMet } from './list-values.js';

export interface Env {
  readonly version: Version;
  /** The currency of a sum of money over no event. */
  readonly currency: string;
  readonly aggregates: ReadonlyMap<string, Accumulator>;
  /** Powers validly exercised so far, with the date. */
  readonly exercised: ReadonlyMap<string, string>;
  /** Powers that may have been exercised: `exercised p` is unknown, waiting for `p`. */
  readonly maybeExercised?: ReadonlyMap<string, string>;
  /** The norms' lifecycle states, for `c is S`, `in force c`, `date c became S` (absent where no norm has one). */
  readonly norms?: ReadonlyMap<string, NormState>;
  /** A party's account on the day (`paid by a`, `owed by a to b`): absent where no norm has a state. */
  readonly account?: (sum: 'paid' | 'owed' | 'committed', party: string, to: string | null) => Val;
  /** Definition values already computed for the current state (cleared whenever the state changes). */
  readonly cache: Map<string, Val>;
  readonly subject: LedgerEvent | null;
  readonly trigger: LedgerEvent | null;
  /** In the step of a running definition: its value before the event. */
  readonly prev?: Val;
  /** The day each definition member of a list of conditions was met (the fold's). */
  readonly met?: ReadonlyMap<string, IsoDate>;
  /** Dates with extensions: the date in force, by definition (the fold's). */
  readonly extended?: ReadonlyMap<string, ExtendedState>;
}

/** The texts of `noCase`, by owner (asked for every definition and clause of every state). */
const noCases = new Map<string, string>();

/** What an `if` without `else` waits for when its condition is false: a gap in the agreement, reported as `no-case`. */
export function noCase(owner: string): string {
  let text = noCases.get(owner);
  if (text === undefined) {
    if (noCases.size >= 10_000) noCases.clear();
    text = waitsMessages.format('en', 'no-case', { name: owner });
    noCases.set(owner, text);
  }
  return text;
}

/** `round`, `ceil`, `floor` of an amount, a number or a percentage (in percentage points); half-up for `round`. */
function rounded(fn: 'round' | 'ceil' | 'floor', v: Val, places: Val | null): Val {
  if (isUnknown(v)) return v;
  if (places && isUnknown(places)) return places;
  const n = places && places.k === 'number' ? places.v.toNumber() : 0;
  if (!Number.isInteger(n) || n < 0 || n > 20) return unknown([waitsMessages.format('en', 'decimal-places', { n })]);
  const mode = fn === 'round' ? Decimal.ROUND_HALF_UP : fn === 'ceil' ? Decimal.ROUND_CEIL : Decimal.ROUND_FLOOR;
  const r = (d: Decimal): Decimal => d.toDecimalPlaces(n, mode);
  switch (v.k) {
    case 'money':
      return { k: 'money', v: { currency: v.v.currency, amount: r(v.v.amount) } };
    case 'number':
      return { k: 'number', v: r(v.v) };
    case 'quantity':
      return { k: 'quantity', v: { unit: v.v.unit, amount: r(v.v.amount) } };
    case 'percent':
      return { k: 'percent', v: r(v.v.times(100)).div(100) };
    default:
      return unknown([]);
  }
}

const outcomeReaders = new WeakMap<object, boolean>();

/** Whether a definition reads a clause's outcome, itself or through other definitions (cached by definition). */
function readsOutcome(version: Version, name: string): boolean {
  const def = version.definitions.get(name)!;
  let r = outcomeReaders.get(def);
  if (r === undefined) {
    r = outcomeRefs(def.expr, version.definitions).size > 0;
    outcomeReaders.set(def, r);
  }
  return r;
}

export function evalDefinition(env: Env, name: string): Val {
  const cached = env.cache.get(name);
  if (cached) return cached;
  const def = env.version.definitions.get(name);
  if (!def) return unknown([name]);
  env.cache.set(name, unknown([name])); // guards against cycles (reported by the checker)
  const v = evalExpr(env.subject === null && env.trigger === null ? env : { ...env, subject: null, trigger: null }, def.expr);
  // What reads a clause's outcome may change within one state (norms settle one after the other): never kept.
  if (readsOutcome(env.version, name)) env.cache.delete(name);
  else env.cache.set(name, v);
  return v;
}

function field(e: LedgerEvent | null, name: string): Val {
  if (!e) return unknown([name]);
  if (name === 'date') return { k: 'date', v: e.date };
  if (name === 'actor') return { k: 'party', v: e.actor };
  return eventField(e, name);
}

/**
 * `amount of c`: the amount of obligation `c` in the governing version, as of the day; for a `for each` obligation,
 * the sum of its instances' amounts so far (USD 0 before the first).
 */
function amountOf(env: Env, clause: string): Val {
  const norm = env.version.norms.get(clause);
  if (!norm?.amount) return unknown([clause]);
  if (!norm.trigger) return evalExpr({ ...env, subject: null, trigger: null }, norm.amount);
  const zero: Val = { k: 'money', v: { currency: env.currency, amount: new Decimal(0) } };
  // An instance that may not exist makes the sum unknown (at least what the others add up to).
  return (env.norms?.get(clause)?.instances ?? []).reduce<Val>(
    (sum, i) =>
      arith(
        '+',
        sum,
        i.doubt
          ? { k: 'unknown', waitsFor: [...i.doubt], bounds: { lo: zero as Value, loOpen: false, hi: null, hiOpen: false } }
          : (i.amount ?? unknown([clause])),
      ),
    zero,
  );
}

/**
 * `previous NAME`: running definition NAME's value before the trigger (the event in `env.trigger`): the value the
 * fold kept before that event stepped it; its value now when the trigger is not of its event type (the trigger did
 * not change it). Unknown, waiting for NAME, when it cannot be told (a trigger not the last event it stepped on).
 */
function previousValue(env: Env, name: string): Val {
  const def = env.version.definitions.get(name);
  const t = env.trigger;
  if (def?.expr.kind !== 'agg' || !def.expr.agg.step || !t) return unknown([name]);
  if (t.type !== def.expr.agg.event) return evalDefinition(env, name);
  const acc = env.aggregates.get(def.expr.agg.key);
  return acc?.before?.event.id === t.id ? acc.before.value : unknown([name]);
}

/** How a list of conditions is read in this environment (engine/list-values.ts). */
export function listReader(env: Env): ListReader {
  const plain = { ...env, subject: null, trigger: null };
  return {
    test: (x) => evalExpr(plain, x),
    ...(env.norms ? { norms: env.norms } : {}),
    ...(env.met ? { met: env.met } : {}),
  };
}

export function evalExpr(env: Env, e: Expr): Val {
  switch (e.kind) {
    case 'lit':
      return e.value;
    case 'undisclosed':
      return e.bounds
        ? { k: 'unknown', waitsFor: [e.owner], bounds: e.bounds, term: e.owner }
        : { k: 'unknown', waitsFor: [e.owner], term: e.owner };
    case 'def':
      return evalDefinition(env, e.name);
    case 'field': {
      // `for each a or b`: a field of the trigger, whichever of its types it is.
      const is = (ev: LedgerEvent | null): ev is LedgerEvent =>
        ev !== null && (ev.type === e.event || (e.types?.includes(ev.type) ?? false));
      return field(is(env.subject) ? env.subject : is(env.trigger) ? env.trigger : env.subject, e.field);
    }
    case 'binary': {
      const l = evalExpr(env, e.left);
      switch (e.op) {
        case 'and':
          return and(l, () => evalExpr(env, e.right));
        case 'or':
          return or(l, () => evalExpr(env, e.right));
        case '<':
        case '<=':
        case '>':
        case '>=':
        case '==':
        case '!=':
          return compare(e.op, l, evalExpr(env, e.right));
        default:
          return arith(e.op, l, evalExpr(env, e.right), env.version.holidays);
      }
    }
    case 'unary': {
      const v = evalExpr(env, e.operand);
      if (e.op === 'not') return not(v);
      if (e.op === '-') return negate(v);
      // The first or last day of a period; of an unknown period (undisclosed, a field left out), unknown.
      if (v.k === 'period') return { k: 'date', v: e.op === 'start' ? v.v.start : v.v.end };
      return isUnknown(v) ? unknownOf(v) : unknown([]);
    }
    case 'agg': {
      const acc = env.aggregates.get(e.agg.key);
      // The fold registers every aggregate of every definition and norm term (check/walk.ts): none missing is a bug.
      if (!acc) throw new Error(`no accumulator for the aggregate ${e.agg.key}`);
      const init = e.agg.init;
      return AGGREGATES[e.agg.fn].value(acc, e.type, env.currency, () => (init ? evalExpr(env, init) : unknown([e.agg.key])));
    }
    case 'exercised':
      if (env.exercised.has(e.clause)) return { k: 'bool', v: true };
      return env.maybeExercised?.has(e.clause) ? unknown([e.clause]) : { k: 'bool', v: false };
    case 'outcome':
      return e.test === 'amount' ? amountOf(env, e.clause) : outcomeValue(env.norms, e);
    case 'account':
      return env.account ? env.account(e.sum, e.party, e.to) : unknown([`${e.sum} by ${e.party}`]);
    case 'prev':
      return env.prev ?? unknown([e.name]);
    case 'previous':
      return previousValue(env, e.name);
    case 'list':
      return allMet(listReader(env), e);
    case 'listTest': {
      const list = env.version.definitions.get(e.list)?.expr;
      if (list?.kind !== 'list') return unknown([e.list]);
      if (e.test === 'all-met') return evalDefinition(env, e.list);
      return e.test === 'date-all-met' ? dateAllMet(listReader(env), list) : countPending(listReader(env), list);
    }
    case 'extended': {
      // The date in force: the fold's, or the date as written before any extension was met.
      const st = env.extended?.get(e.owner);
      return st && st.expr === e ? st.value : evalExpr({ ...env, subject: null, trigger: null }, e.init);
    }
    case 'cond': {
      const c = evalExpr(env, e.cond);
      if (c.k === 'bool') return c.v ? evalExpr(env, e.then) : e.else ? evalExpr(env, e.else) : unknown([noCase(e.owner)]);
      // An undisclosed condition: the value is known only if both branches give the same one; else it is within both.
      const a = evalExpr(env, e.then);
      const b = e.else ? evalExpr(env, e.else) : null;
      return b ? either(c, a, b) : c;
    }
    case 'call': {
      if (e.fn === 'round' || e.fn === 'ceil' || e.fn === 'floor') {
        return rounded(e.fn, evalExpr(env, e.args[0]!), e.args[1] ? evalExpr(env, e.args[1]) : null);
      }
      const vals = e.args.map((a) => evalExpr(env, a));
      if (vals.some(isUnknown)) return unknownOf(...vals);
      let best: Val | null = null;
      for (const v of vals) {
        if (!best) best = v;
        else {
          const c = compare('<', v, best);
          if (isUnknown(c)) return c;
          if (c.k === 'bool' && c.v === (e.fn === 'min')) best = v;
        }
      }
      return best ?? unknown([]);
    }
  }
}
