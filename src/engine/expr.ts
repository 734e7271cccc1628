/** Evaluates checked expressions against the fold's current state, in three-valued logic (see val.ts). */
import type { Expr, Version } from '../check/ir.js';
import { Decimal } from '../values/decimal.js';
import type { Accumulator } from './aggregates.js';
import { AGGREGATES } from './aggregates.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { Val } from './val.js';
import { and, arith, compare, either, eventField, isUnknown, negate, not, or, unknown, unknownOf } from './val.js';
import { waitsMessages } from './why.js';

export interface Env {
  readonly version: Version;
  /** The currency of a sum of money over no event. */
  readonly currency: string;
  readonly aggregates: ReadonlyMap<string, Accumulator>;
  /** Powers validly exercised so far, with the date. */
  readonly exercised: ReadonlyMap<string, string>;
  /** Powers that may have been exercised: `exercised p` is unknown, waiting for `p`. */
  readonly maybeExercised?: ReadonlyMap<string, string>;
  /** Definition values already computed for the current state (cleared whenever the state changes). */
  readonly cache: Map<string, Val>;
  readonly subject: LedgerEvent | null;
  readonly trigger: LedgerEvent | null;
  /** In the step of a running definition: its value before the event. */
  readonly prev?: Val;
}

/** What an `if` without `else` waits for when its condition is false: a gap in the agreement, reported as `no-case`. */
export function noCase(owner: string): string {
  return waitsMessages.format('en', 'no-case', { name: owner });
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
    case 'percent':
      return { k: 'percent', v: r(v.v.times(100)).div(100) };
    default:
      return unknown([]);
  }
}

export function evalDefinition(env: Env, name: string): Val {
  const cached = env.cache.get(name);
  if (cached) return cached;
  const def = env.version.definitions.get(name);
  if (!def) return unknown([name]);
  env.cache.set(name, unknown([name])); // guards against cycles (reported by the checker)
  const v = evalExpr({ ...env, subject: null, trigger: null }, def.expr);
  env.cache.set(name, v);
  return v;
}

function field(e: LedgerEvent | null, name: string): Val {
  if (!e) return unknown([name]);
  if (name === 'date') return { k: 'date', v: e.date };
  if (name === 'actor') return { k: 'party', v: e.actor };
  return eventField(e, name);
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
          return arith(e.op, l, evalExpr(env, e.right));
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
    case 'prev':
      return env.prev ?? unknown([e.name]);
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
