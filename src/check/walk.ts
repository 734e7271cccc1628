/** The direct sub-expressions of a checked expression (an aggregate's filter included): the one place that knows the tree's shape. */
import type { Expr } from './ir.js';

export function subExprs(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'binary':
      return [e.left, e.right];
    case 'unary':
      return [e.operand];
    case 'call':
      return e.args;
    case 'agg':
      return [e.agg.where, e.agg.init ?? null, e.agg.step ?? null].filter((x): x is Expr => x !== null);
    case 'cond':
      return e.else ? [e.cond, e.then, e.else] : [e.cond, e.then];
    case 'lit':
    case 'undisclosed':
    case 'def':
    case 'field':
    case 'exercised':
    case 'prev':
      return [];
  }
}
