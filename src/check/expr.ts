/** Checks an expression: resolves names (with "did you mean"), computes and checks types, builds the IR expression. */
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticArgs, MessageCode } from '../diagnostics/messages.js';
import { aClause, hint } from '../diagnostics/terms.js';
import type { Ident, Expr as SExpr, Window } from '../syntax/ast.js';
import type { DurationValue, IsoDate } from '../values/dates.js';
import type { Period } from '../values/periods.js';
import { addDuration, compareDurations, DateRangeError, durationInRange } from '../values/dates.js';
import type { Bounds, CallFn, Expr, ListMember, Type, Value } from './ir.js';
import { Decimal } from '../values/decimal.js';
import { CALL_FNS } from './ir.js';
import { AGGREGATE_TYPES } from './aggregate-types.js';
import { checkLiteral, declaredUnit } from './literal.js';
import type { EventContext, Scope } from './scope.js';
import { ALL_OUTCOME_STATUSES, MET_STATUS, OUTCOME_STATUSES } from './outcome-statuses.js';
import { suggest } from './suggest.js';
import { fits, join, T, typeArg, typeFromName } from './types.js';

const LITERALS = new Set(['money', 'quantity', 'price', 'percent', 'number', 'date', 'period', 'duration', 'text', 'bool']);

function err<C extends MessageCode>(scope: Scope, at: readonly [number, number], code: C, ...args: DiagnosticArgs<C>): void {
  // The arguments were checked against `code` by this function's signature.
  scope.diagnostics.push(diagnostic<MessageCode>(scope.file, at, code, (args[0] ?? {}) as never, { trail: scope.trail }));
}

const BAD: Type = T.unknown;

/** Checks `e` and reports a type error when it does not fit one of `expected` (whose names go in the message as `what`). */
export function expectType(scope: Scope, e: Expr, expected: readonly Type[], what: string): void {
  if (expected.some((t) => fits(e.type, t))) return;
  err(scope, e.at, 'type-mismatch', { what, expected: expected.map(typeArg).join('|'), found: typeArg(e.type) });
}

function binaryType(scope: Scope, op: string, l: Type, r: Type, at: readonly [number, number]): Type {
  const bad = (): Type => {
    err(scope, at, 'bad-operands', { op, left: typeArg(l), right: typeArg(r) });
    return BAD;
  };
  if (op === 'and' || op === 'or') {
    if (!fits(l, T.bool) || !fits(r, T.bool)) return bad();
    return T.bool;
  }
  if (l.t === 'unknown' && r.t === 'unknown') return ['<', '<=', '>', '>=', '==', '!='].includes(op) ? T.bool : BAD;
  if (l.t === 'money' && r.t === 'money' && l.currency && r.currency && l.currency !== r.currency && op !== '/') {
    err(scope, at, 'currency-mismatch', { left: typeArg(l), right: typeArg(r) });
    return BAD;
  }
  // Quantities and prices of different units: `2 GW + 3 shares`, `USD 1 per share * 2 GW`.
  const ul = l.t === 'quantity' || l.t === 'price' ? l.unit : null;
  const ur = r.t === 'quantity' || r.t === 'price' ? r.unit : null;
  if (ul && ur && ul !== ur) {
    err(scope, at, 'unit-mismatch', { left: typeArg(l), right: typeArg(r) });
    return BAD;
  }
  if (l.t === 'price' && r.t === 'price' && l.currency && r.currency && l.currency !== r.currency) {
    err(scope, at, 'currency-mismatch', { left: typeArg(l), right: typeArg(r) });
    return BAD;
  }
  const lt = l.t === 'unknown' ? r.t : l.t;
  const rt = r.t === 'unknown' ? l.t : r.t;
  const units = unitsType(op, l, r, lt, rt);
  if (units) return units;
  switch (op) {
    case '==':
    case '!=':
      return lt === rt ? T.bool : bad();
    case '<':
    case '<=':
    case '>':
    case '>=':
      return lt === rt && ['money', 'percent', 'number', 'date', 'datetime', 'duration', 'quantity', 'price'].includes(lt) ? T.bool : bad();
    case '+':
    case '-':
      if (lt === rt && ['money', 'percent', 'number', 'quantity', 'price'].includes(lt)) return join(l, r);
      if ((lt === 'date' || lt === 'datetime') && rt === 'duration') return lt === 'date' ? T.date : T.datetime;
      if (op === '+' && lt === 'duration' && (rt === 'date' || rt === 'datetime')) return rt === 'date' ? T.date : T.datetime;
      // The time between two instants; the days between two dates.
      if (op === '-' && ((lt === 'datetime' && rt === 'datetime') || (lt === 'date' && rt === 'date'))) return T.duration;
      return bad();
    case '*':
      if (lt === 'number' && rt === 'number') return T.number;
      // A duration times a number (`2 * notice_period`).
      if ((lt === 'duration' && rt === 'number') || (lt === 'number' && rt === 'duration')) return T.duration;
      if ((lt === 'money' && (rt === 'number' || rt === 'percent')) || ((lt === 'number' || lt === 'percent') && rt === 'money')) {
        return l.t === 'money' ? l : r.t === 'money' ? r : T.money();
      }
      if ((lt === 'percent' && (rt === 'number' || rt === 'percent')) || (lt === 'number' && rt === 'percent')) return T.percent;
      return bad();
    case 'of':
      if (lt === 'percent' && (rt === 'money' || rt === 'number')) return r.t === 'unknown' ? (rt === 'money' ? T.money() : T.number) : r;
      return bad();
    case '/':
      if (lt === 'money' && rt === 'money') return T.number;
      // How many times a duration fits in another (`delay / 2 days`).
      if (lt === 'duration' && rt === 'duration') return T.number;
      if ((lt === 'money' || lt === 'number' || lt === 'percent') && rt === 'number') return l.t === 'unknown' ? BAD : l;
      return bad();
    default:
      return bad();
  }
}

/**
 * Products and quotients with quantities and prices (units already agree): a quantity or a price scaled by a number
 * (or a percentage `of` it), a price times a quantity is money, money over a quantity is a price per unit, a quantity
 * over a quantity (a price over a price) is a number. Null for every other operation.
 */
function unitsType(op: string, l: Type, r: Type, lt: Type['t'], rt: Type['t']): Type | null {
  const typed = (k: Type['t']): Type => (l.t === k ? l : r.t === k ? r : k === 'quantity' ? T.quantity() : T.price());
  const priced = (): Type => {
    const p = typed('price');
    return T.money(p.t === 'price' ? p.currency : null);
  };
  for (const k of ['quantity', 'price'] as const) {
    if (op === '*' && ((lt === k && rt === 'number') || (lt === 'number' && rt === k))) return typed(k);
    if (op === '/' && lt === k && rt === 'number') return typed(k);
    if (op === '/' && lt === k && rt === k) return T.number;
    if (op === 'of' && lt === 'percent' && rt === k) return typed(k);
  }
  if (op === '*' && ((lt === 'price' && rt === 'quantity') || (lt === 'quantity' && rt === 'price'))) return priced();
  if (op === '/' && lt === 'money' && rt === 'quantity') {
    const q = typed('quantity');
    return T.price(l.t === 'money' ? l.currency : null, q.t === 'quantity' ? q.unit : null);
  }
  return null;
}

/** The value of a period known when the document is written: a period literal or a definition of one. */
export function fixedPeriod(scope: Scope, e: Expr): Period | null {
  if (e.kind === 'lit') return e.value.k === 'period' ? e.value.v : null;
  return e.kind === 'def' ? (scope.definitions.get(e.name)?.fixedPeriod ?? null) : null;
}

/**
 * The value of a date known when the document is written: a date literal or a definition of one, the first or last
 * day of a fixed period, plus or minus duration literals.
 */
export function fixedDate(scope: Scope, e: Expr): IsoDate | null {
  if (e.kind === 'lit') return e.value.k === 'date' ? e.value.v : null;
  if (e.kind === 'def') return scope.definitions.get(e.name)?.fixedDate ?? null;
  if (e.kind === 'unary' && (e.op === 'start' || e.op === 'end')) {
    const p = fixedPeriod(scope, e.operand);
    return p && (e.op === 'start' ? p.start : p.end);
  }
  if (e.kind !== 'binary' || (e.op !== '+' && e.op !== '-')) return null;
  const duration = (x: Expr): DurationValue | null => (x.kind === 'lit' && x.value.k === 'duration' ? x.value.v : null);
  const left = fixedDate(scope, e.left);
  const right = duration(e.right);
  const dl = duration(e.left);
  const dr = left ? null : fixedDate(scope, e.right);
  try {
    if (left && right) return addDuration(left, right, e.op === '+' ? 1 : -1, scope.holidays);
    return e.op === '+' && dl && dr ? addDuration(dr, dl, 1, scope.holidays) : null;
  } catch (x) {
    if (!(x instanceof DateRangeError)) throw x;
    // A duration longer than the calendar is reported by itself (`duration-range`).
    if (
      ![right, dl].some((d) => d && !durationInRange(d)) &&
      !scope.diagnostics.some((d) => d.code === 'date-range' && d.start.offset === e.at[0] && d.file === scope.file.path)
    ) {
      err(scope, e.at, 'date-range', { date: `${x.from} ${x.by}` });
    }
    return null;
  }
}

function windowBounds(scope: Scope, w: Window | null, ctx: EventContext): { from: IsoDate | null; to: IsoDate | null } {
  if (!w) return { from: null, to: null };
  const dateOf = (se: SExpr): IsoDate | null => {
    const e = checkExpr(scope, se, ctx, '');
    const d = fixedDate(scope, e);
    if (d) return d;
    if (e.type.t === 'date' || se.kind === 'undisclosed') err(scope, e.at, 'window-not-fixed');
    else if (e.type.t !== 'unknown') expectType(scope, e, [T.date], '@window');
    return null;
  };
  switch (w.kind) {
    case 'within': {
      const e = checkExpr(scope, w.period, ctx, '');
      return e.kind === 'lit' && e.value.k === 'period' ? { from: e.value.v.start, to: e.value.v.end } : { from: null, to: null };
    }
    case 'between':
      return { from: dateOf(w.from), to: dateOf(w.to) };
    case 'since':
      return { from: dateOf(w.from), to: null };
  }
}

function fieldType(scope: Scope, event: string, field: string, at: readonly [number, number]): Type {
  if (field === 'date') return T.date;
  if (field === 'actor') return T.party;
  const ev = scope.events.get(event);
  const t = ev?.fields.get(field);
  if (t) return t;
  if (ev) err(scope, at, 'unknown-field', { event, name: field, hint: hint(suggest(field, [...ev.fields.keys(), 'date', 'actor'])) });
  return BAD;
}

/**
 * A field of the trigger of `for each a or b`: each type must declare it with one type; else a diagnostic naming the
 * type that lacks it (`trigger-field-missing`) or declares it with another type (`trigger-field-type`).
 */
function triggerFieldType(scope: Scope, types: readonly string[], field: string, at: readonly [number, number]): Type {
  if (field === 'date') return T.date;
  if (field === 'actor') return T.party;
  let found: { event: string; type: Type } | null = null;
  for (const event of types) {
    const t = scope.events.get(event)?.fields.get(field);
    if (t && (!found || found.type.t === t.t)) {
      found ??= { event, type: t };
      continue;
    }
    if (t && found) err(scope, at, 'trigger-field-type', { field, event, other: found.event, types: types.join(' or ') });
    else err(scope, at, 'trigger-field-missing', { field, event, types: types.join(' or ') });
    return BAD;
  }
  return found?.type ?? BAD;
}

function checkRef(scope: Scope, e: SExpr & { kind: 'ref' }, ctx: EventContext): Expr {
  const [head, second, ...rest] = e.path;
  if (!head) return { kind: 'lit', value: { k: 'bool', v: false }, type: BAD, at: e.at };
  if (ctx.self && !second && head.name === ctx.self.name) return { kind: 'prev', name: head.name, type: ctx.self.type, at: e.at };
  if (rest.length > 0) {
    err(scope, e.at, 'unknown-name', { name: e.path.map((p) => p.name).join('.'), hint: '' });
    return { kind: 'undisclosed', owner: '', type: BAD, at: e.at };
  }
  // `for each a or b`: the trigger, named by either type (or, in its own `where`, by a bare field).
  const types = ctx.triggerTypes;
  if (types && second && types.includes(head.name) && (ctx.trigger !== null || ctx.subject !== null)) {
    const event = ctx.trigger ?? head.name;
    return { kind: 'field', event, field: second.name, type: triggerFieldType(scope, types, second.name, second.at), types, at: e.at };
  }
  if (types && !second && ctx.subject !== null && ctx.subject === ctx.trigger) {
    const name = head.name;
    if (name === 'actor' || name === 'date' || types.some((t) => scope.events.get(t)?.fields.has(name))) {
      return { kind: 'field', event: ctx.subject, field: name, type: triggerFieldType(scope, types, name, head.at), types, at: e.at };
    }
  }
  if (second) {
    // event.field: the trigger (for each) or the event under test (where).
    if (head.name === ctx.trigger || head.name === ctx.subject) {
      return { kind: 'field', event: head.name, field: second.name, type: fieldType(scope, head.name, second.name, second.at), at: e.at };
    }
    if (scope.events.has(head.name)) {
      err(scope, e.at, 'field-outside-event', { name: `${head.name}.${second.name}` });
      return { kind: 'undisclosed', owner: '', type: BAD, at: e.at };
    }
    err(scope, head.at, 'unknown-event', { name: head.name, hint: hint(suggest(head.name, scope.events.keys())) });
    return { kind: 'undisclosed', owner: '', type: BAD, at: e.at };
  }
  const name = head.name;
  if (ctx.subject) {
    const ev = scope.events.get(ctx.subject);
    if (ev?.fields.has(name) || name === 'actor' || name === 'date') {
      return { kind: 'field', event: ctx.subject, field: name, type: fieldType(scope, ctx.subject, name, head.at), at: e.at };
    }
  }
  const def = scope.definitions.get(name);
  if (def) return { kind: 'def', name, type: def.type ?? BAD, at: e.at };
  if (scope.parties.has(name)) return { kind: 'lit', value: { k: 'party', v: name }, type: T.party, at: e.at };
  const known = [...scope.definitions.keys(), ...scope.parties.keys()];
  if (ctx.subject) known.push(...(scope.events.get(ctx.subject)?.fields.keys() ?? []), 'actor', 'date');
  err(scope, e.at, 'unknown-name', { name, hint: hint(suggest(name, known)) });
  return { kind: 'undisclosed', owner: '', type: BAD, at: e.at };
}

/** `round(x)`, `round(x, places)`, `ceil(x)`, `floor(x)`: an amount, a number or a percentage, rounded; places a whole number. */
function checkRounding(scope: Scope, fn: CallFn, args: readonly Expr[], at: readonly [number, number]): Expr {
  const max = fn === 'round' ? 2 : 1;
  if (args.length < 1 || args.length > max)
    err(scope, at, 'bad-arity', { name: fn, expected: max === 2 ? '1–2' : '1', found: args.length });
  const [x, places] = args;
  if (x) expectType(scope, x, [T.money(), T.number, T.percent, T.quantity()], '@operand');
  if (places) expectType(scope, places, [T.number], '@operand');
  return { kind: 'call', fn, args, type: x && ['money', 'number', 'percent', 'quantity', 'unknown'].includes(x.type.t) ? x.type : BAD, at };
}

/**
 * `undisclosed TYPE [bounds]`, `at least X`, `about X`…: the type is the one written, else the bounds'. Bounds are
 * literals of that type, the lower not above the upper (`bad-bounds`).
 */
function checkUndisclosed(scope: Scope, e: SExpr & { kind: 'undisclosed' }, owner: string): Expr {
  // `undisclosed GW`: an amount of a declared unit (an unknown one is reported as `unknown-unit`).
  const unitOf = (word: Ident): Type => {
    const unit = declaredUnit(scope, word);
    return unit ? T.quantity(unit) : BAD;
  };
  const written = e.type ? (e.type.unit ? unitOf(e.type) : (typeFromName(e.type.name) ?? BAD)) : null;
  const b = e.bounds;
  if (!b) {
    const type = written ?? BAD;
    return { kind: 'undisclosed', owner, type, ...defaultBounds(scope, type), at: e.at };
  }
  const lo = b.lo ? (checkLiteral(scope, b.lo) ?? null) : null;
  const hi = b.hi ? (checkLiteral(scope, b.hi) ?? null) : null;
  if ((b.lo && !lo) || (b.hi && !hi)) return { kind: 'undisclosed', owner, type: written ?? BAD, at: e.at };
  const type = written ?? lo?.type ?? hi?.type ?? BAD;
  const loV = lo?.kind === 'lit' ? lo.value : null;
  const hiV = hi?.kind === 'lit' ? hi.value : null;
  const ok = (x: Expr | null): boolean =>
    !x || (fits(x.type, type) && ['money', 'number', 'percent', 'date', 'duration', 'quantity', 'price'].includes(x.type.t));
  const ordered = !loV || !hiV || !isAbove(loV, hiV);
  if (!ok(lo) || !ok(hi) || !ordered) {
    err(scope, e.at, 'bad-bounds', { type: typeArg(type) });
    return { kind: 'undisclosed', owner, type, at: e.at };
  }
  // A side not written keeps its default (`up to USD 20bn` is still more than zero).
  // `undisclosed money at most USD 10m`: the default side takes the written bound's currency.
  const sideType = type.t === 'money' && !type.currency && hi ? hi.type : type;
  const byDefault = loV ? null : (defaultBounds(scope, sideType).bounds ?? null);
  return {
    kind: 'undisclosed',
    owner,
    type,
    bounds: { lo: loV ?? byDefault?.lo ?? null, loOpen: loV ? b.loOpen : (byDefault?.loOpen ?? false), hi: hiV, hiOpen: b.hiOpen },
    at: e.at,
  };
}

/**
 * What an undisclosed figure with no bounds written is known to be: an amount of money, of a unit (`undisclosed GW`)
 * or a duration is more than zero; a date is on or after the effective date of the version that states it (a term of an agreement is not in
 * its past). A bound written replaces the default on its side.
 */
function defaultBounds(scope: Scope, type: Type): { bounds?: Bounds } {
  if (type.t === 'money')
    return {
      bounds: { lo: { k: 'money', v: { currency: type.currency ?? '', amount: new Decimal(0) } }, loOpen: true, hi: null, hiOpen: false },
    };
  if (type.t === 'duration')
    return { bounds: { lo: { k: 'duration', v: { amount: 0, unit: 'days' } }, loOpen: true, hi: null, hiOpen: false } };
  if (type.t === 'quantity' && type.unit)
    return { bounds: { lo: { k: 'quantity', v: { unit: type.unit, amount: new Decimal(0) } }, loOpen: true, hi: null, hiOpen: false } };
  if (type.t === 'date' && scope.effective)
    return { bounds: { lo: { k: 'date', v: scope.effective }, loOpen: false, hi: null, hiOpen: false } };
  return {};
}

/** Whether literal `a` is above literal `b` (same kind). */
export function isAbove(a: Value, b: Value): boolean {
  if (a.k === 'date' && b.k === 'date') return a.v > b.v;
  if (a.k === 'money' && b.k === 'money') return a.v.amount.gt(b.v.amount);
  if ((a.k === 'quantity' && b.k === 'quantity') || (a.k === 'price' && b.k === 'price')) return a.v.amount.gt(b.v.amount);
  if ((a.k === 'number' || a.k === 'percent') && a.k === b.k) return a.v.gt(b.v);
  if (a.k === 'duration' && b.k === 'duration') return compareDurations(a.v, b.v) > 0;
  return false;
}

/** `owner` names the definition or clause being checked, so that an `undisclosed` value knows what it stands for. */
/** `c is S`, `in force c`, `date c became S`: `c` names a clause, and `S` a status that clause can have. */
function checkOutcome(scope: Scope, e: SExpr & { kind: 'is' | 'inForce' | 'became' }): Expr {
  const kind = scope.norms.get(e.clause.name);
  if (kind === undefined) {
    err(scope, e.clause.at, 'unknown-clause', { name: e.clause.name, hint: hint(suggest(e.clause.name, scope.norms.keys())) });
  }
  const status = e.kind === 'inForce' ? null : e.status;
  if (status && !ALL_OUTCOME_STATUSES.includes(status.name)) {
    err(scope, status.at, 'unknown-status', { name: status.name, hint: hint(suggest(status.name, ALL_OUTCOME_STATUSES)) });
  } else if (status && kind !== undefined && !(OUTCOME_STATUSES[kind] ?? []).includes(status.name)) {
    err(scope, status.at, 'status-not-applicable', { name: e.clause.name, kind: aClause(kind), status: status.name });
  }
  const test = e.kind === 'is' ? 'is' : e.kind === 'inForce' ? 'in-force' : 'became';
  return {
    kind: 'outcome',
    test,
    clause: e.clause.name,
    status: status?.name ?? null,
    type: test === 'became' ? T.date : T.bool,
    at: e.at,
  };
}

/**
 * `previous NAME`: a running definition's value before the trigger, in the amount or the `for each … where` of a
 * recurring clause only (`previous-outside-for-each`), of a running definition only (`previous-not-running`).
 */
function checkPrevious(scope: Scope, e: SExpr & { kind: 'previous' }, ctx: EventContext, owner: string): Expr {
  const name = e.name.name;
  const sig = scope.definitions.get(name);
  if (!sig) {
    const running = [...scope.definitions.values()].filter((d) => d.running).map((d) => d.name);
    err(scope, e.name.at, 'unknown-name', { name, hint: hint(suggest(name, running)) });
    return { kind: 'undisclosed', owner, type: BAD, at: e.at };
  }
  if (!ctx.previous) {
    err(scope, e.at, 'previous-outside-for-each', { name });
    return { kind: 'undisclosed', owner, type: BAD, at: e.at };
  }
  if (!sig.running) {
    err(scope, e.name.at, 'previous-not-running', { name });
    return { kind: 'undisclosed', owner, type: BAD, at: e.at };
  }
  return { kind: 'previous', name, type: sig.type ?? BAD, at: e.at };
}

/**
 * `[a, b, c]`: each member a yes-or-no definition, or a clause that can meet a condition (an obligation fulfilled,
 * a power exercised, a consent given).
 */
function checkList(scope: Scope, e: SExpr & { kind: 'list' }, owner: string): Expr {
  const seen = new Set<string>();
  const members = e.members.flatMap((m): ListMember[] => {
    if (seen.has(m.name)) {
      err(scope, m.at, 'list-duplicate', { name: m.name, list: owner });
      return [];
    }
    seen.add(m.name);
    const kind = scope.norms.get(m.name);
    if (kind !== undefined) {
      const status = MET_STATUS[kind];
      if (!status) {
        err(scope, m.at, 'list-member-kind', { name: m.name, kind: aClause(kind) });
        return [];
      }
      const test: Expr = { kind: 'outcome', test: 'is', clause: m.name, status, type: T.bool, at: m.at };
      return [{ name: m.name, clause: kind, test, at: m.at }];
    }
    const test = checkRef(scope, { kind: 'ref', path: [m], at: m.at }, NO_CONTEXT);
    expectType(scope, test, [T.bool], '@condition');
    return [{ name: m.name, clause: null, test, at: m.at }];
  });
  return { kind: 'list', owner, members, type: { t: 'list' }, at: e.at };
}

const NO_CONTEXT: EventContext = { subject: null, trigger: null };

export function checkExpr(scope: Scope, e: SExpr, ctx: EventContext, owner: string): Expr {
  if (LITERALS.has(e.kind)) {
    return checkLiteral(scope, e) ?? { kind: 'undisclosed', owner, type: BAD, at: e.at };
  }
  switch (e.kind) {
    case 'undisclosed':
      return checkUndisclosed(scope, e, owner);
    case 'about': {
      // Only a number can be about: money, a percentage, a number, a duration.
      const lit = LITERALS.has(e.value.kind) ? checkLiteral(scope, e.value) : undefined;
      if (lit?.kind !== 'lit' || !['money', 'percent', 'number', 'duration', 'quantity', 'price'].includes(lit.type.t)) {
        err(scope, e.at, 'bad-about');
        return { kind: 'undisclosed', owner, type: BAD, at: e.at };
      }
      return { ...lit, approx: true, at: e.at };
    }
    case 'ref':
      return checkRef(scope, e, ctx);
    case 'previous':
      return checkPrevious(scope, e, ctx, owner);
    case 'binary': {
      const before = scope.diagnostics.length;
      const left = checkExpr(scope, e.left, ctx, owner);
      const right = checkExpr(scope, e.right, ctx, owner);
      // An operand already in error (an unknown name, a field outside its event) has no type: no second error here.
      const failed = scope.diagnostics.slice(before).some((d) => d.severity === 'error') && (left.type === BAD || right.type === BAD);
      const type = (left.type === BAD && right.type === BAD) || failed ? BAD : binaryType(scope, e.op, left.type, right.type, e.at);
      const r: Expr = { kind: 'binary', op: e.op, left, right, type, at: e.at };
      // A date known when the document is written must be in the calendar (`9999-12-31 + 1 day` is reported here).
      if (type.t === 'date') fixedDate(scope, r);
      return r;
    }
    case 'unary': {
      const operand = checkExpr(scope, e.operand, ctx, owner);
      if (e.op === 'start' || e.op === 'end') {
        // The first or last day of a period: `start of 2026-H2`, `end of report.quarter`.
        expectType(scope, operand, [T.period], '@operand');
        return { kind: 'unary', op: e.op, operand, type: T.date, at: e.at };
      }
      if (e.op === 'not') {
        expectType(scope, operand, [T.bool], '@operand');
        return { kind: 'unary', op: 'not', operand, type: T.bool, at: e.at };
      }
      expectType(scope, operand, [T.money(), T.number, T.percent, T.duration, T.quantity(), T.price()], '@operand');
      return { kind: 'unary', op: '-', operand, type: operand.type, at: e.at };
    }
    case 'aggregate': {
      const ev = scope.events.get(e.event.name);
      if (!ev) {
        err(scope, e.event.at, 'unknown-event', { name: e.event.name, hint: hint(suggest(e.event.name, scope.events.keys())) });
        return { kind: 'undisclosed', owner, type: BAD, at: e.at };
      }
      const inner: EventContext = {
        subject: e.event.name,
        trigger: ctx.trigger,
        ...(ctx.triggerTypes ? { triggerTypes: ctx.triggerTypes } : {}),
      };
      const where = e.where ? checkExpr(scope, e.where, inner, owner) : null;
      if (where) expectType(scope, where, [T.bool], '@condition');
      const { from, to } = windowBounds(scope, e.window, ctx);
      const field = e.field?.name ?? null;
      const typing = AGGREGATE_TYPES[e.fn];
      let type = typing.type(T.unknown);
      if (typing.field !== 'none') {
        const ft = fieldType(scope, e.event.name, field ?? '', e.field?.at ?? e.at);
        if (typing.field !== 'any' && ft.t !== 'unknown' && !typing.field.types.includes(ft.t)) {
          err(scope, e.field?.at ?? e.at, 'type-mismatch', { what: '@aggregate', expected: typing.field.expected, found: typeArg(ft) });
        }
        type = typing.type(ft);
      }
      const key = `${scope.version}#${e.at[0]}`;
      scope.aggregateCount++;
      return { kind: 'agg', agg: { key, fn: e.fn, event: e.event.name, field, where, from, to }, type, at: e.at };
    }
    case 'exercised': {
      const kind = scope.norms.get(e.clause.name);
      if (kind !== undefined && kind !== 'power') {
        err(scope, e.clause.at, 'not-a-power', { name: e.clause.name, kind: aClause(kind) });
      } else if (kind !== 'power') {
        const powers = [...scope.norms].filter(([, k]) => k === 'power').map(([n]) => n);
        err(scope, e.clause.at, 'unknown-clause', { name: e.clause.name, hint: hint(suggest(e.clause.name, powers)) });
      }
      return { kind: 'exercised', clause: e.clause.name, type: T.bool, at: e.at };
    }
    case 'account':
      for (const p of [e.party, e.to]) {
        if (p && !scope.parties.has(p.name)) {
          err(scope, p.at, 'unknown-party', { name: p.name, hint: hint(suggest(p.name, scope.parties.keys())) });
        }
      }
      return { kind: 'account', sum: e.sum, party: e.party.name, to: e.to?.name ?? null, type: T.money(), at: e.at };
    case 'is':
    case 'inForce':
    case 'became':
      return checkOutcome(scope, e);
    case 'amountOf': {
      const kind = scope.norms.get(e.clause.name);
      // `amount of x` where `amount` is a figure in scope and `x` no clause: a percentage of a figure.
      const figure = scope.definitions.has('amount') || ctx.subject !== null || ctx.trigger !== null;
      if (kind === undefined && figure) {
        const amount = {
          kind: 'ref' as const,
          path: [{ name: 'amount', at: [e.at[0], e.at[0] + 6] as const }],
          at: [e.at[0], e.at[0] + 6] as const,
        };
        return checkExpr(
          scope,
          { kind: 'binary', op: 'of', left: amount, right: { kind: 'ref', path: [e.clause], at: e.clause.at }, at: e.at },
          ctx,
          owner,
        );
      }
      if (kind === undefined) {
        const obligations = [...scope.norms].filter(([, k]) => k === 'obligation').map(([n]) => n);
        err(scope, e.clause.at, 'unknown-clause', { name: e.clause.name, hint: hint(suggest(e.clause.name, obligations)) });
      } else if (kind !== 'obligation') {
        err(scope, e.clause.at, 'not-an-obligation', { name: e.clause.name, kind: aClause(kind) });
      } else if (scope.amountless.has(e.clause.name)) {
        // An obligation to act (`must deliver`), not to pay: it has no amount to read (it would wait forever).
        err(scope, e.clause.at, 'no-amount', { name: e.clause.name });
      }
      return { kind: 'outcome', test: 'amount', clause: e.clause.name, status: null, type: T.money(), at: e.at };
    }
    case 'if': {
      const cond = checkExpr(scope, e.cond, ctx, owner);
      expectType(scope, cond, [T.bool], '@condition');
      const then = checkExpr(scope, e.then, ctx, owner);
      const other = e.else ? checkExpr(scope, e.else, ctx, owner) : null;
      let type = then.type;
      if (other) {
        if (fits(other.type, then.type)) type = join(then.type, other.type);
        else err(scope, other.at, 'type-mismatch', { what: '@operand', expected: typeArg(then.type), found: typeArg(other.type) });
      }
      return { kind: 'cond', cond, then, else: other, owner, type, at: e.at };
    }
    case 'running': {
      // `INIT then each EVENT: STEP`: STEP reads the event's fields, and the value before the event by `owner`.
      const init = checkExpr(scope, e.init, ctx, owner);
      if (!scope.events.has(e.event.name)) {
        err(scope, e.event.at, 'unknown-event', { name: e.event.name, hint: hint(suggest(e.event.name, scope.events.keys())) });
        return { kind: 'undisclosed', owner, type: BAD, at: e.at };
      }
      const step = checkExpr(
        scope,
        e.step,
        {
          subject: e.event.name,
          trigger: ctx.trigger,
          ...(ctx.triggerTypes ? { triggerTypes: ctx.triggerTypes } : {}),
          self: { name: owner, type: init.type },
        },
        owner,
      );
      if (!fits(step.type, init.type))
        err(scope, step.at, 'type-mismatch', { what: '@operand', expected: typeArg(init.type), found: typeArg(step.type) });
      const key = `${scope.version}#${e.at[0]}`;
      scope.aggregateCount++;
      return {
        kind: 'agg',
        agg: { key, fn: 'running', event: e.event.name, field: null, where: null, from: null, to: null, init, step },
        type: join(init.type, step.type),
        at: e.at,
      };
    }
    case 'list':
      return checkList(scope, e, owner);
    case 'terminatedFor': {
      // The powers exercised for that reason: `terminated for R` is whether one of them has been validly exercised.
      const powers = [...scope.reasons].filter(([, r]) => r === e.reason.name).map(([id]) => id);
      if (powers.length === 0) {
        err(scope, e.reason.at, 'unknown-reason', {
          name: e.reason.name,
          hint: hint(suggest(e.reason.name, new Set(scope.reasons.values()))),
        });
        return { kind: 'lit', value: { k: 'bool', v: false }, type: T.bool, at: e.at };
      }
      return powers
        .map((p): Expr => ({ kind: 'exercised', clause: p, type: T.bool, at: e.at }))
        .reduce((l, r) => ({ kind: 'binary', op: 'or', left: l, right: r, type: T.bool, at: e.at }));
    }
    case 'listTest': {
      const def = scope.definitions.get(e.list.name);
      if (def?.type?.t !== 'list') {
        const lists = [...scope.definitions].filter(([, d]) => d.type?.t === 'list').map(([n]) => n);
        err(scope, e.list.at, 'not-a-list', { name: e.list.name, hint: hint(suggest(e.list.name, lists)) });
      }
      const type = e.test === 'all-met' ? T.bool : e.test === 'date-all-met' ? T.date : T.number;
      return { kind: 'listTest', test: e.test, list: e.list.name, type, at: e.at };
    }
    case 'extended': {
      const init = checkExpr(scope, e.init, ctx, owner);
      expectType(scope, init, [T.date], '@operand');
      const extensions = e.extensions.map((x) => {
        const by = checkExpr(scope, x.by, ctx, owner);
        expectType(scope, by, [T.duration], '@operand');
        if (x.on && !scope.events.has(x.on.name))
          err(scope, x.on.at, 'unknown-event', { name: x.on.name, hint: hint(suggest(x.on.name, scope.events.keys())) });
        const unless = x.unless ? checkExpr(scope, x.unless, ctx, owner) : null;
        if (unless) expectType(scope, unless, [T.bool], '@condition');
        return { by, event: x.on?.name ?? null, unless, at: x.at };
      });
      return { kind: 'extended', owner, init, extensions, type: T.date, at: e.at };
    }
    case 'call': {
      const args = e.args.map((a) => checkExpr(scope, a, ctx, owner));
      const fn = CALL_FNS.find((f) => f === e.fn.name);
      if (!fn) {
        err(scope, e.fn.at, 'unknown-function', { name: e.fn.name });
        return { kind: 'undisclosed', owner, type: BAD, at: e.at };
      }
      if (fn !== 'min' && fn !== 'max') return checkRounding(scope, fn, args, e.at);
      if (args.length < 2) err(scope, e.at, 'bad-arity', { name: e.fn.name, expected: '2+', found: args.length });
      let type: Type = T.unknown;
      for (const a of args) {
        if (!fits(a.type, type)) err(scope, a.at, 'type-mismatch', { what: '@operand', expected: typeArg(type), found: typeArg(a.type) });
        else type = join(type, a.type);
      }
      return { kind: 'call', fn, args, type, at: e.at };
    }
    default:
      return { kind: 'undisclosed', owner, type: BAD, at: e.at };
  }
}
