/** The shape of the checked tree in one place: the direct sub-expressions of an expression, and every expression of a norm. */
import type { Expr, Norm } from './ir.js';

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
    case 'list':
      return e.members.map((m) => m.test);
    case 'extended':
      return [e.init, ...e.extensions.flatMap((x) => (x.unless ? [x.by, x.unless] : [x.by]))];
    case 'listTest':
    case 'lit':
    case 'undisclosed':
    case 'def':
    case 'field':
    case 'exercised':
    case 'outcome':
    case 'account':
    case 'prev':
    case 'previous':
      return [];
  }
}

/** Whether a type holds an expression somewhere (a field, a list of them, or an object with such a field). */
type HoldsExpr<T> = [T] extends [Expr]
  ? true
  : T extends Expr
    ? true
    : T extends readonly (infer U)[]
      ? HoldsExpr<U>
      : T extends object
        ? true extends { [K in keyof T]-?: HoldsExpr<T[K]> }[keyof T]
          ? true
          : false
        : false;

/** The fields of a norm that hold expressions. */
export type NormExprField = { [K in keyof Norm]-?: true extends HoldsExpr<Norm[K]> ? K : never }[keyof Norm];

/**
 * Each expression field of a norm, and how to read its expressions. Declared over `NormExprField`, so a field added
 * to `Norm` that holds an expression fails to compile until it is listed here: the checker, the fold, the
 * explanations and the redline all read a norm's expressions through `normExprs`. The order is the order of the
 * clause's terms (it is the order of diagnostics and explanations).
 */
const NORM_EXPRS: { readonly [K in NormExprField]: (n: Norm) => readonly (Expr | null)[] } = {
  amount: (n) => [n.amount],
  where: (n) => [n.where],
  start: (n) => [n.start],
  when: (n) => [n.when],
  suspendedWhile: (n) => [n.suspendedWhile],
  cap: (n) => [n.cap],
  by: (n) => [n.by],
  within: (n) => [n.within],
  cure: (n) => [n.cure],
  trigger: (n) => [n.trigger?.where ?? null],
  ends: (n) => n.ends,
  lapsesAfter: (n) => [n.lapsesAfter],
  deemedGivenAfter: (n) => [n.deemedGivenAfter],
};

const NORM_EXPR_FIELDS = Object.keys(NORM_EXPRS) as NormExprField[];

/** Every expression of a norm (its terms, conditions, amounts, dates and delays), in the order of its terms. */
export function normExprs(n: Norm): Expr[] {
  const out: Expr[] = [];
  for (const field of NORM_EXPR_FIELDS) for (const e of NORM_EXPRS[field](n)) if (e) out.push(e);
  return out;
}
