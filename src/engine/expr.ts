/** Evaluates checked expressions against the fold's current state, in three-valued logic (see val.ts). */
import type { Expr, Type, Version } from '../check/ir.js';
import { Decimal } from '../values/decimal.js';
import type { Accumulator } from './aggregates.js';
import type { LedgerEvent } from './event.js';
import type { Val } from './val.js';
import { and, arith, compare, isUnknown, negate, not, or, unknown } from './val.js';

export interface Env {
  readonly version: Version;
  /** The currency of a sum of money over no event. */
  readonly currency: string;
  readonly aggregates: ReadonlyMap<string, Accumulator>;
  /** Powers validly exercised so far, with the date. */
  readonly exercised: ReadonlyMap<string, string>;
  /** Definition values already computed for the current state (cleared whenever the state changes). */
  readonly cache: Map<string, Val>;
  readonly subject: LedgerEvent | null;
  readonly trigger: LedgerEvent | null;
}

function zero(type: Type, currency: string): Val {
  return type.t === 'money' ? { k: 'money', v: { currency: type.currency ?? currency, amount: new Decimal(0) } } : { k: 'number', v: new Decimal(0) };
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
  return e.data.get(name) ?? unknown([`${e.id}.${name}`]);
}

export function evalExpr(env: Env, e: Expr): Val {
  switch (e.kind) {
    case 'lit':
      return e.value;
    case 'undisclosed':
      return unknown([e.owner]);
    case 'def':
      return evalDefinition(env, e.name);
    case 'field':
      return field(env.subject && env.subject.type === e.event ? env.subject : env.trigger && env.trigger.type === e.event ? env.trigger : env.subject, e.field);
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
      return e.op === 'not' ? not(v) : negate(v);
    }
    case 'agg': {
      const acc = env.aggregates.get(e.agg.key);
      if (!acc) return unknown([e.agg.key]);
      const waits = acc.waitsFor;
      switch (e.agg.fn) {
        case 'exists':
          if (acc.count > 0) return { k: 'bool', v: true };
          return waits.length > 0 ? unknown(waits) : { k: 'bool', v: false };
        case 'count':
          return waits.length > 0 ? unknown(waits) : { k: 'number', v: new Decimal(acc.count) };
        case 'sum': {
          if (waits.length > 0) return unknown(waits);
          if (acc.currencies.length > 0) return unknown([`an exchange rate (${acc.currencies.join(', ')})`]);
          const z = zero(e.type, env.currency);
          if (z.k === 'money') return { k: 'money', v: { currency: acc.currency || z.v.currency, amount: acc.total } };
          return e.type.t === 'percent' ? { k: 'percent', v: acc.total } : { k: 'number', v: acc.total };
        }
        // An event whose membership is unknown could be the latest (or the first): the value is then unknown too.
        case 'latest':
          return waits.length > 0 ? unknown(waits) : acc.latest ? acc.latest.value : unknown([e.agg.event]);
        case 'first':
          return waits.length > 0 ? unknown(waits) : acc.first ? acc.first.value : unknown([e.agg.event]);
      }
      return unknown([]);
    }
    case 'exercised':
      return { k: 'bool', v: env.exercised.has(e.clause) };
    case 'call': {
      const vals = e.args.map((a) => evalExpr(env, a));
      const waits = vals.flatMap((v) => (isUnknown(v) ? v.waitsFor : []));
      if (waits.length > 0 || vals.some(isUnknown)) return unknown(waits);
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
