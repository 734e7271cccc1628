/**
 * Expressions back to readable text. `exprText` cuts the expression out of its clause's own text (IR nodes carry
 * file offsets; the clause text starts at `meta.span.start.offset`), so the redline shows what the author wrote;
 * `printExpr` prints the IR when no text is at hand (built-in clauses, synthetic IR in tests).
 */
import type { Bounds, ClauseMeta, Expr, Value } from '../check/ir.js';
import { formatDecimal } from '../values/decimal.js';
import { humanMoney } from '../values/money.js';
import { humanPrice, humanQuantity } from '../values/quantity.js';

/** Collapses runs of white space (line breaks, indentation) into one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A clause's own text on one line, without the amending keyword `replace` (an instruction, not a term). */
export function clauseText(meta: ClauseMeta): string {
  return oneLine(meta.text).replace(/^replace\s+/, '');
}

export function printValue(v: Value): string {
  switch (v.k) {
    case 'money':
      return humanMoney(v.v);
    case 'quantity':
      return humanQuantity(v.v);
    case 'price':
      return humanPrice(v.v);
    case 'percent':
      return `${formatDecimal(v.v.times(100))}%`;
    case 'number':
      return formatDecimal(v.v);
    case 'date':
    case 'datetime':
      return v.v;
    case 'duration':
      return `${v.v.amount} ${v.v.amount === 1 ? v.v.unit.replace(/s$/, '') : v.v.unit}`;
    case 'period':
      return v.v.text;
    case 'bool':
      return String(v.v);
    case 'text':
      return JSON.stringify(v.v);
    case 'party':
      return v.v;
  }
}

/** What is known of an undisclosed value, in pacte's words: `undisclosed`, `undisclosed at least USD 1bn`, `… between A and B`. */
export function printUndisclosed(b: Bounds | undefined): string {
  if (!b || (!b.lo && !b.hi)) return 'undisclosed';
  if (b.lo && b.hi && !b.loOpen && !b.hiOpen) return `undisclosed between ${printValue(b.lo)} and ${printValue(b.hi)}`;
  const lo = b.lo ? `${b.loOpen ? 'more than' : 'at least'} ${printValue(b.lo)}` : null;
  const hi = b.hi ? `${b.hiOpen ? 'less than' : 'at most'} ${printValue(b.hi)}` : null;
  return `undisclosed ${[lo, hi].filter((x) => x !== null).join(' and ')}`;
}

const PRECEDENCE: Readonly<Record<string, number>> = {
  or: 1,
  and: 2,
  '==': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  of: 5,
};

/** Prints an IR expression in pacte syntax, with the parentheses its structure needs. */
export function printExpr(e: Expr, outer = 0, subject: string | null = null): string {
  const sub = (x: Expr, o = 0): string => printExpr(x, o, subject);
  switch (e.kind) {
    case 'lit':
      return e.approx ? `about ${printValue(e.value)}` : printValue(e.value);
    case 'undisclosed':
      return 'undisclosed';
    case 'def':
      return e.name;
    case 'field':
      return e.event === subject ? e.field : `${e.event}.${e.field}`;
    case 'binary': {
      const p = PRECEDENCE[e.op] ?? 0;
      const s = `${sub(e.left, p)} ${e.op} ${sub(e.right, p + 1)}`;
      return p < outer ? `(${s})` : s;
    }
    case 'unary':
      return e.op === '-' ? `-${sub(e.operand, 6)}` : `${e.op === 'not' ? 'not' : `${e.op} of`} ${sub(e.operand, 6)}`;
    case 'agg': {
      const a = e.agg;
      const what = a.field ? `${a.event}.${a.field}` : a.event;
      // Inside `where`, the fields of the aggregated event are written bare.
      const where = a.where ? ` where ${printExpr(a.where, 3, a.event)}` : '';
      const window = a.from && a.to ? ` between ${a.from} and ${a.to}` : a.from ? ` since ${a.from}` : a.to ? ` until ${a.to}` : '';
      if (a.fn === 'running') return `${a.init ? sub(a.init) : ''} then each ${a.event}: ${a.step ? printExpr(a.step, 0, a.event) : ''}`;
      return `${a.fn} ${what}${where}${window}`;
    }
    case 'exercised':
      return `exercised ${e.clause}`;
    case 'account':
      return `${e.sum} by ${e.party}${e.to ? ` to ${e.to}` : ''}`;
    case 'outcome':
      return e.test === 'amount'
        ? `amount of ${e.clause}`
        : e.test === 'in-force'
          ? `in force ${e.clause}`
          : e.test === 'is'
            ? `${e.clause} is ${e.status}`
            : `date ${e.clause} became ${e.status}`;
    case 'call':
      return `${e.fn}(${e.args.map((x) => sub(x)).join(', ')})`;
    case 'cond': {
      const s = `if ${sub(e.cond)} then ${sub(e.then)}${e.else ? ` else ${sub(e.else)}` : ''}`;
      return outer > 0 ? `(${s})` : s;
    }
    case 'prev':
      return e.name;
    case 'previous':
      return `previous ${e.name}`;
    case 'list':
      return `[${e.members.map((m) => m.name).join(', ')}]`;
    case 'listTest':
      return e.test === 'all-met' ? `all ${e.list} met` : e.test === 'date-all-met' ? `date all ${e.list} met` : `count pending ${e.list}`;
    case 'extended':
      return [
        sub(e.init),
        ...e.extensions.map(
          (x) => `extended by ${sub(x.by)}${x.event ? ` on ${x.event}` : ''}${x.unless ? ` unless ${sub(x.unless, 3)}` : ''}`,
        ),
      ].join(' ');
  }
}

/**
 * Widens `[start, end)` of `text` until its parentheses balance. A parenthesised sub-expression keeps the position
 * of what is inside the parentheses, so `(a or b) and c` starts at `a`: the `(` before it is taken back.
 */
export function balance(text: string, start: number, end: number): readonly [number, number] | null {
  let open = 0;
  let missing = 0;
  let quoted = false;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(') open++;
    else if (c === ')') {
      if (open > 0) open--;
      else missing++;
    }
  }
  let s = start;
  let e = end;
  for (; missing > 0; missing--) {
    do s--;
    while (s >= 0 && /\s/.test(text[s]!));
    if (s < 0 || text[s] !== '(') return null;
  }
  for (; open > 0; open--) {
    while (e < text.length && /\s/.test(text[e]!)) e++;
    if (text[e] !== ')') return null;
    e++;
  }
  return [s, e];
}

/** The text of `e` as written in its clause (on one line), else its printed form. */
export function exprText(e: Expr, meta: ClauseMeta): string {
  const base = meta.span.start.offset;
  const start = e.at[0] - base;
  const end = e.at[1] - base;
  if (meta.text === '' || start < 0 || end > meta.text.length || start >= end) return printExpr(e);
  const range = balance(meta.text, start, end);
  return range ? oneLine(meta.text.slice(range[0], range[1])) : printExpr(e);
}
