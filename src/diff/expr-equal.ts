/**
 * Structural equality of checked IR expressions and values. Positions (`at`), types and aggregate keys (which are
 * text positions) are ignored: two expressions are equal when they compute the same thing the same way.
 */
import type { Aggregate, Citation, Expr, Value } from '../check/ir.js';

export function valueEqual(a: Value, b: Value): boolean {
  switch (a.k) {
    case 'money':
      return b.k === 'money' && a.v.currency === b.v.currency && a.v.amount.eq(b.v.amount);
    case 'quantity':
      return b.k === 'quantity' && a.v.unit === b.v.unit && a.v.amount.eq(b.v.amount);
    case 'price':
      return b.k === 'price' && a.v.unit === b.v.unit && a.v.currency === b.v.currency && a.v.amount.eq(b.v.amount);
    case 'percent':
    case 'number':
      return b.k === a.k && a.v.eq(b.v);
    case 'date':
      return b.k === 'date' && a.v === b.v;
    case 'datetime':
      return b.k === 'datetime' && a.v === b.v;
    case 'duration':
      return b.k === 'duration' && a.v.amount === b.v.amount && a.v.unit === b.v.unit;
    case 'period':
      return b.k === 'period' && a.v.start === b.v.start && a.v.end === b.v.end;
    case 'bool':
      return b.k === 'bool' && a.v === b.v;
    case 'text':
      return b.k === 'text' && a.v === b.v;
    case 'party':
      return b.k === 'party' && a.v === b.v;
  }
}

function aggregateEqual(a: Aggregate, b: Aggregate): boolean {
  return (
    a.fn === b.fn &&
    a.event === b.event &&
    a.field === b.field &&
    a.from === b.from &&
    a.to === b.to &&
    exprEqual(a.where, b.where) &&
    exprEqual(a.init ?? null, b.init ?? null) &&
    exprEqual(a.step ?? null, b.step ?? null)
  );
}

/** True when both are null or both are structurally equal expressions. */
export function exprEqual(a: Expr | null, b: Expr | null): boolean {
  if (a === null || b === null) return a === b;
  switch (a.kind) {
    case 'lit':
      return b.kind === 'lit' && valueEqual(a.value, b.value) && a.approx === b.approx;
    case 'undisclosed':
      return b.kind === 'undisclosed' && a.owner === b.owner;
    case 'def':
      return b.kind === 'def' && a.name === b.name;
    case 'field':
      return b.kind === 'field' && a.event === b.event && a.field === b.field;
    case 'binary':
      return b.kind === 'binary' && a.op === b.op && exprEqual(a.left, b.left) && exprEqual(a.right, b.right);
    case 'unary':
      return b.kind === 'unary' && a.op === b.op && exprEqual(a.operand, b.operand);
    case 'agg':
      return b.kind === 'agg' && aggregateEqual(a.agg, b.agg);
    case 'exercised':
      return b.kind === 'exercised' && a.clause === b.clause;
    case 'account':
      return b.kind === 'account' && a.sum === b.sum && a.party === b.party && a.to === b.to;
    case 'outcome':
      return b.kind === 'outcome' && a.test === b.test && a.clause === b.clause && a.status === b.status;
    case 'call':
      return b.kind === 'call' && a.fn === b.fn && a.args.length === b.args.length && a.args.every((x, i) => exprEqual(x, b.args[i]!));
    case 'cond':
      return b.kind === 'cond' && exprEqual(a.cond, b.cond) && exprEqual(a.then, b.then) && exprEqual(a.else, b.else);
    case 'prev':
      return b.kind === 'prev' && a.name === b.name;
    case 'previous':
      return b.kind === 'previous' && a.name === b.name;
    case 'list':
      return b.kind === 'list' && a.members.length === b.members.length && a.members.every((m, i) => m.name === b.members[i]!.name);
    case 'listTest':
      return b.kind === 'listTest' && a.test === b.test && a.list === b.list;
    case 'extended':
      return (
        b.kind === 'extended' &&
        exprEqual(a.init, b.init) &&
        a.extensions.length === b.extensions.length &&
        a.extensions.every((x, i) => {
          const y = b.extensions[i]!;
          return x.event === y.event && exprEqual(x.by, y.by) && exprEqual(x.unless, y.unless);
        })
      );
  }
}

export function exprListEqual(a: readonly Expr[], b: readonly Expr[]): boolean {
  return a.length === b.length && a.every((x, i) => exprEqual(x, b[i]!));
}

export function citationEqual(a: Citation | null, b: Citation | null): boolean {
  if (a === null || b === null) return a === b;
  return a.source.id === b.source.id && a.status === b.status;
}
