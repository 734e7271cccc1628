/**
 * Payment allocation: how an event that performs obligations (a payment, a delivery) is shared among the open
 * obligations and instances it matches — earliest due first (overdue ones included), then clause order, then
 * instance; an obligation without an amount is performed by the act itself; one whose amount is undisclosed takes
 * what is left, and becomes indeterminate.
 */
import type { Expr, Norm } from '../check/ir.js';
import { subExprs } from '../check/walk.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { IsoDate } from '../values/dates.js';
import { Decimal } from '../values/decimal.js';
import { evalExpr } from './expr.js';
import type { FoldContext, FoldState } from './fold-state.js';
import { compareDue, instanceIndex, isOpen, notPositive, spent } from './instance-index.js';
import { matches } from './matches.js';
import { env } from './memo.js';
import type { Instance, NormState } from './norm-state.js';
import { forceUnknown, haunt, setStatus } from './norm-state.js';
import type { Val } from './val.js';
import { covers, dueFigure, eventField, isDoubt, isUnknown, truth } from './val.js';

const triggerFilters = new WeakMap<Norm, boolean>();

/** True when a recurring obligation's `where` names fields of its trigger: performance is then matched per instance. */
function filtersByTrigger(norm: Norm): boolean {
  let x = triggerFilters.get(norm);
  if (x === undefined) {
    const trig = norm.trigger;
    const mentions = (e: Expr): boolean =>
      (e.kind === 'field' && (e.event === trig?.event || e.types !== undefined)) || subExprs(e).some(mentions);
    x = trig !== null && !trig.events.includes(norm.verb) && norm.where !== null && mentions(norm.where);
    triggerFilters.set(norm, x);
  }
  return x;
}

/** The currency an event pays in (its amount field), or null. */
function currencyOf(e: LedgerEvent, field: string | null): string | null {
  const v = field ? e.data.get(field) : undefined;
  return v?.k === 'money' ? v.v.currency : null;
}

/** A payment in one currency performs no amount due in another. */
function otherCurrency(amount: Val | null, currency: string | null): boolean {
  return currency !== null && amount !== null && amount.k === 'money' && amount.v.currency !== '' && amount.v.currency !== currency;
}

function amountOf(e: LedgerEvent, field: string | null): Decimal | null {
  if (!field) return null;
  return dueFigure(e.data.get(field));
}

/**
 * Whether what `e` pays is all taken by the units before the `k`-th (known amounts, in the payment's currency): then
 * nothing reaches the units from the `k`-th on, whatever their amounts.
 */
function usedUpBefore(e: LedgerEvent, units: readonly Unit[], k: number): boolean {
  const field = units[0]?.n.norm.amountField ?? null;
  const paid = amountOf(e, field);
  if (paid === null) return false;
  const paidIn = currencyOf(e, field);
  let left = new Decimal(0);
  for (const u of units.slice(0, k)) {
    // An act without an amount takes nothing; an amount in another currency is not paid by this event.
    if (u.amount === null || otherCurrency(u.amount, paidIn)) continue;
    const due = dueFigure(u.amount);
    if (!due) return false;
    const l = due.minus((u.instance ?? u.n).performed);
    if (l.gt(0)) left = left.plus(l);
  }
  return left.gte(paid);
}

interface Unit {
  readonly n: NormState;
  readonly instance: Instance | null;
  readonly due: IsoDate | null;
  readonly amount: Val | null;
  readonly order: number;
}

/** The order in which a performing event is allocated: earliest due first (no due last), then clause order, then instance. */
function compareUnits(a: Unit, b: Unit): number {
  return compareDue(a.due, b.due) || a.order - b.order || (a.instance?.n ?? 0) - (b.instance?.n ?? 0);
}

/** Switches for tests: `allocateInOrder: false` makes every allocation take the general path (to compare both). */
export const foldTuning = { allocateInOrder: true };

/** Records that `e` performs a unit (an obligation or one of its instances), with the amount it takes, if any. */
function record(e: LedgerEvent, u: Unit, take: Decimal | null, status: 'fulfilled' | 'indeterminate' | null): void {
  const t = u.instance ?? u.n;
  if (take) t.performed = t.performed.plus(take);
  t.events.push(e);
  if (u.instance && take) u.n.performed = u.n.performed.plus(take);
  // A missed deadline stays missed; one that passed unreported is decided by the obligation (norms/obligation.ts).
  if (!status || t.status === 'violated' || t.status === 'unreported') return;
  const before = u.n.status;
  // An undisclosed amount that the bounds show is covered, or not, by what was paid.
  if (status === 'indeterminate' && u.amount && isUnknown(u.amount)) {
    const c = covers(t.performed, u.amount);
    if (c === false) return;
    if (c === true) status = 'fulfilled';
  }
  // Paid in full after an undisclosed due date may have passed, or after its due date while it was in doubt:
  // fulfilled, or violated.
  const i = u.instance;
  if (i && i.status === 'indeterminate' && (i.dueWaits || (i.due !== null && i.due < e.date))) status = 'indeterminate';
  if (u.instance) {
    u.instance.status = status;
    u.instance.since = e.date;
  } else setStatus(u.n, status, e.date, { kind: 'event', event: e });
  if (status === 'indeterminate' && u.amount && isUnknown(u.amount)) {
    if (!u.instance) {
      // Paid in full, or not yet: either.
      u.n.indeterminateBy = 'amount';
      u.n.maybe = [...new Set([...(before === 'indeterminate' ? u.n.maybe : [before]), 'fulfilled' as const])].sort();
      u.n.amountWaits = [...new Set([...u.n.amountWaits, ...u.amount.waitsFor])].sort();
      u.n.waitsFor = [...new Set([...u.n.waitsFor, ...u.amount.waitsFor])].sort();
    }
  }
}

/**
 * An event that may or may not perform a unit (an obligation or one of its instances): the unit is indeterminate for
 * good, and what it was paid is not counted in the accounts (accounts.ts). The event is kept among its events.
 */
function inDoubt(e: LedgerEvent, u: Unit, waits: readonly string[]): void {
  const all = [...new Set(waits)].sort();
  if (u.instance) {
    u.instance.events.push(e);
    u.instance.status = 'indeterminate';
    u.instance.since = e.date;
    u.instance.doubt = [...new Set([...(u.instance.doubt ?? []), ...all])].sort();
    u.n.instancesInDoubt = true;
  } else {
    u.n.events.push(e);
    haunt(u.n, e.date, ['fulfilled'], all);
    u.n.paymentDoubt = true;
  }
}

/**
 * Applies a performing event to the obligations it matches. A payment goes to the earliest-due open obligation or
 * instance first (overdue ones included), then to the next, until its amount is used up; an obligation without an
 * amount is performed by the act itself; an obligation whose amount is undisclosed takes what is left, and its
 * status becomes indeterminate.
 */
export function performObligations(ctx: FoldContext, s: FoldState, e: LedgerEvent): void {
  if (foldTuning.allocateInOrder && performInOrder(ctx, s, e)) return;
  const units: Unit[] = [];
  let order = 0;
  const en = env(ctx, s);
  // Whether the allocation depends on undisclosed terms: a unit that may not exist or not be in force, a match or a
  // deadline that is unknown. Then every unit it may touch is in doubt (see `inDoubt`).
  const doubts: string[] = [];
  const orderDoubts: string[] = [];
  for (const n of s.norms.values()) {
    // Removed clauses count too: what they made due stays due, and paying it counts.
    if (n.norm.kind !== 'obligation' || n.norm.verb !== e.type) continue;
    order++;
    const perInstance = filtersByTrigger(n.norm);
    if (!n.started) continue;
    const m = matches(ctx, s, n.norm, e, n.norm.holders, null, !perInstance);
    if (truth(m) === false) continue;
    if (isUnknown(m)) doubts.push(...m.waitsFor, n.id);
    if (n.norm.trigger) {
      for (const i of n.instances) {
        if (!isOpen(i.status) && !(i.status === 'indeterminate' && i.doubt)) continue;
        const mi = perInstance ? matches(ctx, s, n.norm, e, n.norm.holders, i.trigger) : m;
        if (truth(mi) === false) continue;
        if (isUnknown(mi)) doubts.push(...mi.waitsFor);
        if (i.doubt) doubts.push(...i.doubt, n.id);
        // An undisclosed due date: where it comes in the order is not known.
        if (i.due === null && i.dueWaits) orderDoubts.push(...i.dueWaits);
        units.push({ n, instance: i, due: i.due, amount: i.amount, order });
      }
    } else if (isOpen(n.status) || forceUnknown(n)) {
      if (forceUnknown(n)) doubts.push(...n.waitsFor, n.id);
      else if (n.norm.by && !n.deadline) {
        // An undisclosed deadline: where it comes in the order is not known.
        const d = evalExpr(en, n.norm.by);
        if (isDoubt(d)) orderDoubts.push(...d.waitsFor);
      }
      units.push({ n, instance: null, due: n.deadline, amount: n.norm.amount ? evalExpr(en, n.norm.amount) : null, order });
    }
  }
  units.sort(compareUnits);
  if (units.length > 1) doubts.push(...orderDoubts);
  if (doubts.length > 0) {
    // Which obligations this event performs, and how much of each, is not known: each it may perform is in doubt.
    for (const u of units) inDoubt(e, u, doubts);
    return;
  }
  const paidField = units[0]?.n.norm.amountField ?? null;
  if (paidField !== null && e.unknown?.has(paidField)) {
    // The undisclosed figure a unit owes, paid as such (`{"undisclosed": "investment_2021"}`): when that unit comes
    // first in the order (units are sorted, and no order is in doubt here) and nothing was paid of it yet, the
    // payment is exactly what it owes: it is paid in full, and nothing is left for the others, whatever the figure.
    const paid = eventField(e, paidField);
    const first = units.find((u) => u.amount !== null);
    const exact =
      isUnknown(paid) &&
      paid.term !== undefined &&
      first?.amount &&
      isUnknown(first.amount) &&
      first.amount.term === paid.term &&
      (first.instance ?? first.n).performed.isZero();
    // Otherwise which of the units it performs, and how much of each, is not known. An act without an amount is
    // performed by the event whatever it paid.
    const performedActs = new Set<NormState>();
    for (const u of units) {
      if (u.amount === null) {
        if (!performedActs.has(u.n)) record(e, u, null, 'fulfilled');
        performedActs.add(u.n);
      } else if (exact) {
        if (u === first) record(e, u, null, 'fulfilled');
      } else inDoubt(e, u, [`${e.id}.${paidField}`]);
    }
    return;
  }
  // An undisclosed amount takes what is left when it comes in the order, which is not known: it takes what is left at
  // the end, and the units after it are in doubt (they may get less).
  // (An amount unknown for want of an exchange rate, with no bounds, still takes what is left at the end.)
  const firstUnknown = units.findIndex((u) => u.amount !== null && isUnknown(u.amount) && u.amount.bounds !== undefined);
  if (firstUnknown >= 0 && !usedUpBefore(e, units, firstUnknown)) {
    const waits = (units[firstUnknown]!.amount as { waitsFor: readonly string[] }).waitsFor;
    for (const u of units.slice(firstUnknown + 1)) inDoubt(e, u, waits.length > 0 ? waits : [units[firstUnknown]!.n.id]);
    units.splice(firstUnknown + 1);
  }
  const field = units[0]?.n.norm.amountField ?? null;
  let remaining = amountOf(e, field);
  const paidIn = currencyOf(e, field);
  const deferred: Unit[] = [];
  // An act without an amount performs one instance of each obligation (the earliest due), not all of them.
  const performedActs = new Set<NormState>();
  for (const u of units) {
    if (otherCurrency(u.amount, paidIn)) continue;
    if (u.amount === null) {
      if (performedActs.has(u.n)) continue;
      performedActs.add(u.n);
      record(e, u, null, 'fulfilled');
      continue;
    }
    if (isUnknown(u.amount)) {
      deferred.push(u);
      continue;
    }
    const due = dueFigure(u.amount);
    if (!due) continue;
    if (remaining === null) {
      // The event carries no amount: it performs the first open obligation, whatever its amount.
      record(e, u, null, 'fulfilled');
      return;
    }
    const t = u.instance ?? u.n;
    const left = due.minus(t.performed);
    if (notPositive(left) || notPositive(remaining)) continue;
    const take = Decimal.min(left, remaining);
    remaining = remaining.minus(take);
    record(e, u, take, t.performed.plus(take).gte(due) ? 'fulfilled' : null);
  }
  const u = deferred[0];
  if (u && (remaining === null || !notPositive(remaining))) record(e, u, remaining, 'indeterminate');
}

/**
 * The allocation of `performObligations` without collecting and sorting every open instance on every event (which
 * made a long ledger quadratic), in the common case where it gives exactly the same result: every matching
 * obligation has an amount read from the same field, the event carries that amount, and each matching norm's
 * instances are in due order. Then spent instances can be skipped (they take nothing), the norms' instances are
 * merged in allocation order, and the walk stops once the amount is used up. Returns false otherwise.
 */
function performInOrder(ctx: FoldContext, s: FoldState, e: LedgerEvent): boolean {
  const streams: { n: NormState; order: number; next: number; single: Unit | null }[] = [];
  let field: string | null = null;
  let order = 0;
  const en = env(ctx, s);
  for (const n of s.norms.values()) {
    // Removed clauses count too: what they made due stays due, and paying it counts.
    if (n.norm.kind !== 'obligation' || n.norm.verb !== e.type) continue;
    order++;
    if (filtersByTrigger(n.norm) || forceUnknown(n) || n.instancesInDoubt || n.unknownAmounts) return false;
    if (!n.started) continue;
    const m = matches(ctx, s, n.norm, e, n.norm.holders);
    if (isUnknown(m)) return false;
    if (truth(m) !== true) continue;
    const f = n.norm.amountField;
    if (f === null || (field !== null && f !== field)) return false;
    field = f;
    if (n.norm.trigger) {
      const x = instanceIndex(n);
      if (!x.sorted) return false;
      streams.push({ n, order, next: x.live, single: null });
    } else if (isOpen(n.status)) {
      const amount = n.norm.amount ? evalExpr(en, n.norm.amount) : null;
      if (amount && isUnknown(amount)) return false;
      if (n.norm.by && !n.deadline && isDoubt(evalExpr(en, n.norm.by))) return false;
      streams.push({ n, order, next: 0, single: { n, instance: null, due: n.deadline, amount, order } });
    }
  }
  if (streams.length === 0) return true;
  let remaining = amountOf(e, field);
  if (remaining === null) return false;
  const paidIn = currencyOf(e, field);
  let deferred: Unit | null = null;
  while (!notPositive(remaining)) {
    // The head of each stream (its first unit still open to this payment); the earliest due wins, then clause order
    // (the order of compareUnits: streams are distinct clauses, so instance numbers never decide between them).
    let from: (typeof streams)[number] | null = null;
    let head: Instance | null = null;
    let headDue: IsoDate | null = null;
    for (const st of streams) {
      let i: Instance | null = null;
      let due: IsoDate | null;
      if (st.single) {
        if (st.next !== 0 || otherCurrency(st.single.amount, paidIn)) continue;
        due = st.single.due;
      } else {
        const is = st.n.instances;
        while (st.next < is.length && (spent(is[st.next]!) || otherCurrency(is[st.next]!.amount, paidIn))) st.next++;
        const x = is[st.next];
        if (!x) continue;
        i = x;
        due = x.due;
      }
      if (from === null || (compareDue(due, headDue) || st.order - from.order) < 0) {
        from = st;
        head = i;
        headDue = due;
      }
    }
    if (!from) break;
    const best: Unit = from.single ?? { n: from.n, instance: head, due: headDue, amount: head!.amount, order: from.order };
    from.next++;
    if (best.amount === null) {
      // Not reached (an obligation with an amount field has an amount); as in the general case.
      record(e, best, null, 'fulfilled');
      continue;
    }
    if (isUnknown(best.amount)) {
      deferred ??= best;
      continue;
    }
    const due = dueFigure(best.amount);
    if (!due) continue;
    const t = best.instance ?? best.n;
    const left = due.minus(t.performed);
    if (notPositive(left)) continue;
    // take = min(left, remaining); performed + take >= due exactly when the payment covers what is left.
    const full = remaining.gte(left);
    const take = full ? left : remaining;
    remaining = remaining.minus(take);
    record(e, best, take, full ? 'fulfilled' : null);
  }
  if (deferred && !notPositive(remaining)) record(e, deferred, remaining, 'indeterminate');
  return true;
}
