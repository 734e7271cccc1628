/**
 * The engine: a fold over the ledger, one day at a time. Each day: the version effective that day starts to govern,
 * timers fire (starts, dated ends, deadlines, consent delays), the day's events apply in ledger order, then
 * conditions are evaluated (a condition met by an event takes effect on that event's day).
 * The fold state is plain data, cloned for checkpoints.
 */
import type { Aggregate, Expr, Norm, Version } from '../check/ir.js';
import { addDays, addDuration, type IsoDate } from '../values/dates.js';
import { Decimal } from '../values/decimal.js';
import type { Accumulator } from './aggregates.js';
import { accumulate, cloneAccumulator, inWindow, newAccumulator } from './aggregates.js';
import type { LedgerEvent } from './event.js';
import type { Env } from './expr.js';
import { evalExpr } from './expr.js';
import type { Instance, NormState } from './norm-state.js';
import { cloneNormState, inForce, isFinal, newNormState } from './norm-state.js';
import type { Val } from './val.js';
import { isUnknown, TRUE, truth } from './val.js';

export type ViolationKind = 'breach' | 'missed-deadline' | 'without-consent' | 'invalid-exercise' | 'not-entitled';

export interface Violation {
  readonly kind: ViolationKind;
  readonly norm: string;
  readonly version: string;
  readonly date: IsoDate;
  readonly event: LedgerEvent | null;
  readonly instance: number | null;
  /** For invalid acts: why (`not-in-force`, `condition-false`, `condition-unknown`, `not-requested`, `refused`…). */
  readonly reason: string | null;
}

export interface Conflict {
  readonly event: LedgerEvent;
  readonly prohibition: string;
  readonly permission: string;
}

export interface FoldContext {
  /** The versions that govern, in order of effective date. */
  readonly timeline: readonly Version[];
  readonly events: readonly LedgerEvent[];
  /** Every aggregate of every version of the timeline, by key, with the version whose definitions its filter reads. */
  readonly aggregates: ReadonlyMap<string, { readonly agg: Aggregate; readonly version: Version }>;
  readonly aggregatesByType: ReadonlyMap<string, readonly string[]>;
  /** The agreement's main currency (the most used in its clauses): the currency of a sum over no event. */
  readonly currency: string;
}

export interface FoldState {
  /** The last day processed. */
  day: IsoDate | null;
  versionIndex: number;
  eventIndex: number;
  norms: Map<string, NormState>;
  aggregates: Map<string, Accumulator>;
  exercised: Map<string, IsoDate>;
  violations: Violation[];
  conflicts: Conflict[];
}

export function initialState(ctx: FoldContext): FoldState {
  const aggregates = new Map<string, Accumulator>();
  for (const [key, a] of ctx.aggregates) aggregates.set(key, newAccumulator(a.agg, a.version));
  return { day: null, versionIndex: -1, eventIndex: 0, norms: new Map(), aggregates, exercised: new Map(), violations: [], conflicts: [] };
}

export function cloneState(s: FoldState): FoldState {
  const aggregates = new Map<string, Accumulator>();
  for (const [k, a] of s.aggregates) aggregates.set(k, cloneAccumulator(a));
  const norms = new Map<string, NormState>();
  for (const [k, n] of s.norms) norms.set(k, cloneNormState(n));
  return { ...s, norms, aggregates, exercised: new Map(s.exercised), violations: [...s.violations], conflicts: [...s.conflicts] };
}

export function governing(ctx: FoldContext, s: FoldState): Version | null {
  return ctx.timeline[s.versionIndex] ?? null;
}

function env(ctx: FoldContext, s: FoldState, subject: LedgerEvent | null = null, trigger: LedgerEvent | null = null): Env {
  const version = governing(ctx, s) ?? ctx.timeline[0]!;
  return { version, currency: ctx.currency, aggregates: s.aggregates, exercised: s.exercised, cache: new Map(), subject, trigger };
}

/** Runs the fold up to and including `asOf`. */
export function runUntil(ctx: FoldContext, s: FoldState, asOf: IsoDate): void {
  for (;;) {
    const nextEvent = ctx.events[s.eventIndex];
    let day: IsoDate | null = nextEvent && nextEvent.date <= asOf ? nextEvent.date : null;
    const timer = nextTimer(ctx, s);
    if (timer !== null && timer <= asOf && (day === null || timer < day)) day = timer;
    if (day === null) return;
    processDay(ctx, s, day);
  }
}

function after(s: FoldState, d: IsoDate | null): IsoDate | null {
  return d !== null && (s.day === null || d > s.day) ? d : null;
}

function nextTimer(ctx: FoldContext, s: FoldState): IsoDate | null {
  let best: IsoDate | null = null;
  const consider = (d: IsoDate | null): void => {
    const a = after(s, d);
    if (a !== null && (best === null || a < best)) best = a;
  };
  // Most timers fire the day after a date (a last day, a deadline, a due date): keep the earliest such date and add
  // the day once (d + 1 day > s.day exactly when d >= s.day), rather than doing date arithmetic for every candidate.
  let lastDay: IsoDate | null = null;
  const considerDayAfter = (d: IsoDate | null): void => {
    if (d !== null && (s.day === null || d >= s.day) && (lastDay === null || d < lastDay)) lastDay = d;
  };
  consider(ctx.timeline[s.versionIndex + 1]?.effective ?? null);
  for (const n of s.norms.values()) {
    if (n.dropped || isFinal(n)) continue;
    if (!n.started && n.startDate) consider(n.startDate);
    if (n.started && n.untilDate) considerDayAfter(n.untilDate);
    if (n.started && n.deadline && n.norm.kind === 'obligation' && !n.norm.trigger) considerDayAfter(n.deadline);
    const is = n.instances;
    for (let k = instanceIndex(n).active; k < is.length; k++) {
      const i = is[k]!;
      if (i.status === 'active' && i.due) considerDayAfter(i.due);
    }
    if (n.status === 'requested' && n.requestedAt) {
      for (const d of [n.norm.lapsesAfter, n.norm.deemedGivenAfter]) considerDayAfter(delayEnd(ctx, s, n.requestedAt, d));
    }
  }
  if (lastDay !== null) consider(addDays(lastDay, 1));
  return best;
}

function delayEnd(ctx: FoldContext, s: FoldState, from: IsoDate, d: Expr | null): IsoDate | null {
  if (!d) return null;
  const v = evalExpr(env(ctx, s), d);
  return v.k === 'duration' ? addDuration(from, v.v) : null;
}

function setStatus(n: NormState, status: NormState['status'], since: IsoDate, cause: NormState['cause'], endedBy: NormState['endedBy'] = null): void {
  n.status = status;
  n.since = since;
  n.cause = cause;
  n.endedBy = endedBy;
}

export function processDay(ctx: FoldContext, s: FoldState, day: IsoDate): void {
  // 1. A version effective on `day` governs on `day`.
  while (ctx.timeline[s.versionIndex + 1] && ctx.timeline[s.versionIndex + 1]!.effective <= day) {
    s.versionIndex++;
    applyVersion(ctx, s, ctx.timeline[s.versionIndex]!, day);
  }
  // 2. Timers.
  for (const n of s.norms.values()) fireTimers(ctx, s, n, day);
  // 3. The day's events, in ledger order.
  while (ctx.events[s.eventIndex] && ctx.events[s.eventIndex]!.date === day) {
    applyEvent(ctx, s, ctx.events[s.eventIndex]!);
    s.eventIndex++;
  }
  // 4. Conditions.
  evaluateConditions(ctx, s, day);
  s.day = day;
}

function activate(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate, cause: NormState['cause']): void {
  n.started = true;
  setStatus(n, n.norm.kind === 'consent' ? 'pending' : 'active', day, cause);
  refreshTerms(ctx, s, n);
  const until = n.untilDate as IsoDate | null;
  if (until !== null && until < day) setStatus(n, 'expired', day, { kind: 'end-date', date: until });
}

function applyVersion(ctx: FoldContext, s: FoldState, v: Version, day: IsoDate): void {
  for (const n of s.norms.values()) {
    if (n.dropped || v.norms.has(n.id)) continue;
    n.dropped = true;
    if (!isFinal(n)) {
      setStatus(n, 'terminated', day, { kind: 'superseded', version: v.id }, 'superseded');
      n.untilDate = addDays(day, -1);
      for (const i of n.instances) if (i.status === 'active') i.status = 'terminated';
    }
  }
  const e = env(ctx, s);
  for (const norm of v.norms.values()) {
    const existing = s.norms.get(norm.id);
    if (existing && !existing.dropped) {
      existing.norm = norm;
      if (existing.started && !isFinal(existing)) refreshTerms(ctx, s, existing);
      continue;
    }
    if (existing) s.norms.delete(norm.id);
    const n = newNormState(norm, day, v.id);
    s.norms.set(norm.id, n);
    if (!norm.start) {
      activate(ctx, s, n, day, { kind: 'version', version: v.id });
      continue;
    }
    const start = evalExpr(e, norm.start);
    if (start.k === 'date') {
      if (start.v <= day) activate(ctx, s, n, day, { kind: 'version', version: v.id });
      else n.startDate = start.v;
    } else if (isUnknown(start)) n.waitsFor = [...start.waitsFor];
  }
}

/** Re-evaluates dated terms of a started norm: its known last day (`until DATE`) and its deadline (`by DATE`). */
function refreshTerms(ctx: FoldContext, s: FoldState, n: NormState): void {
  const e = env(ctx, s);
  let until: IsoDate | null = null;
  const waits: string[] = [];
  for (const end of n.norm.ends) {
    if (end.type.t !== 'date' && end.type.t !== 'unknown') continue;
    const v = evalExpr(e, end);
    if (v.k === 'date' && (until === null || v.v < (until as IsoDate))) until = v.v;
    else if (isUnknown(v) && end.type.t === 'date') waits.push(...v.waitsFor);
  }
  n.untilDate = until;
  if (n.norm.by) {
    const d = evalExpr(e, n.norm.by);
    n.deadline = d.k === 'date' ? d.v : null;
    if (isUnknown(d)) waits.push(...d.waitsFor);
  }
  n.waitsFor = [...new Set([...waits, ...n.amountWaits])].sort();
}

function fireTimers(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate): void {
  if (n.dropped || isFinal(n)) return;
  if (!n.started) {
    if (n.startDate && n.startDate <= day) activate(ctx, s, n, day, { kind: 'start', date: n.startDate });
    return;
  }
  if (n.untilDate !== null && n.untilDate < day) {
    setStatus(n, 'expired', addDays(n.untilDate, 1), { kind: 'end-date', date: n.untilDate });
    for (const i of n.instances) if (i.status === 'active' && !i.due) i.status = 'terminated';
    return;
  }
  if (n.norm.kind === 'obligation' && !n.norm.trigger && n.deadline && n.deadline < day && (n.status === 'active' || n.status === 'indeterminate')) {
    const amount = n.norm.amount ? evalExpr(env(ctx, s), n.norm.amount) : null;
    if (amount && isUnknown(amount)) {
      if (n.status !== 'indeterminate') setStatus(n, 'indeterminate', addDays(n.deadline, 1), { kind: 'deadline', date: n.deadline });
      n.amountWaits = [...new Set([...n.amountWaits, ...amount.waitsFor])].sort();
      n.waitsFor = [...new Set([...n.waitsFor, ...amount.waitsFor])].sort();
      n.deadline = null;
      return;
    }
    setStatus(n, 'violated', addDays(n.deadline, 1), { kind: 'deadline', date: n.deadline });
    s.violations.push({ kind: 'missed-deadline', norm: n.id, version: n.norm.meta.version, date: addDays(n.deadline, 1), event: null, instance: null, reason: null });
  }
  const is = n.instances;
  for (let k = instanceIndex(n).active; k < is.length; k++) {
    const i = is[k]!;
    if (i.status === 'active' && i.due && i.due < day) {
      i.since = addDays(i.due, 1);
      // Whether an amount that is undisclosed was paid in full cannot be known: the instance is indeterminate.
      if (i.amount && isUnknown(i.amount)) {
        i.status = 'indeterminate';
        continue;
      }
      i.status = 'violated';
      s.violations.push({ kind: 'missed-deadline', norm: n.id, version: n.norm.meta.version, date: i.since, event: i.trigger, instance: i.n, reason: null });
    }
  }
  if (n.status === 'requested' && n.requestedAt) {
    const deemed = delayEnd(ctx, s, n.requestedAt, n.norm.deemedGivenAfter);
    const lapse = delayEnd(ctx, s, n.requestedAt, n.norm.lapsesAfter);
    if (deemed && deemed < day && (!lapse || deemed <= lapse)) setStatus(n, 'given', addDays(deemed, 1), { kind: 'lapse', date: deemed, deemed: true });
    else if (lapse && lapse < day) setStatus(n, 'lapsed', addDays(lapse, 1), { kind: 'lapse', date: lapse, deemed: false });
  }
}

/**
 * Whether `e` is the norm's act: its type, its actor, its counterparty and its `where` filter. With `trigger`, the
 * filter may compare the act with the event that created an instance (`pay where invoice == invoice.number`);
 * `filter: false` leaves the filter out (it is then tested per instance).
 */
function matches(ctx: FoldContext, s: FoldState, norm: Norm, e: LedgerEvent, actor: string | null, trigger: LedgerEvent | null = null, filter = true): Val {
  if (e.type !== norm.verb) return { k: 'bool', v: false };
  if (actor !== null && e.actor !== actor) return { k: 'bool', v: false };
  if (norm.to && norm.toField) {
    const to = e.data.get(norm.toField);
    if (!to || to.k !== 'party' || to.v !== norm.to) return { k: 'bool', v: false };
  }
  if (!norm.where || !filter) return TRUE;
  return evalExpr(env(ctx, s, e, trigger), norm.where);
}

const triggerFilters = new WeakMap<Norm, boolean>();

/** True when a recurring obligation's `where` names fields of its trigger: performance is then matched per instance. */
function filtersByTrigger(norm: Norm): boolean {
  let x = triggerFilters.get(norm);
  if (x === undefined) {
    const t = norm.trigger?.event;
    const mentions = (e: Expr): boolean => {
      switch (e.kind) {
        case 'field':
          return e.event === t;
        case 'binary':
          return mentions(e.left) || mentions(e.right);
        case 'unary':
          return mentions(e.operand);
        case 'call':
          return e.args.some(mentions);
        default:
          return false;
      }
    };
    x = t !== undefined && t !== norm.verb && norm.where !== null && mentions(norm.where);
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
  const v = e.data.get(field);
  if (v?.k === 'money') return v.v.amount;
  if (v?.k === 'number') return v.v;
  return null;
}

interface Unit {
  readonly n: NormState;
  readonly instance: Instance | null;
  readonly due: IsoDate | null;
  readonly amount: Val | null;
  readonly order: number;
}

function isOpen(status: string): boolean {
  return status === 'active' || status === 'indeterminate' || status === 'violated';
}

function compareDue(a: IsoDate | null, b: IsoDate | null): number {
  return a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
}

/** The order in which a performing event is allocated: earliest due first (no due last), then clause order, then instance. */
function compareUnits(a: Unit, b: Unit): number {
  return compareDue(a.due, b.due) || a.order - b.order || (a.instance?.n ?? 0) - (b.instance?.n ?? 0);
}

/** Switches for tests: `allocateInOrder: false` makes every allocation take the general path (to compare both). */
export const foldTuning = { allocateInOrder: true };

/**
 * What the fold knows about a norm's instances, to avoid rescanning all of them on every event and every day
 * (instances only accumulate). Kept beside the state, so a cloned state starts without it and rebuilds it.
 * - `active`: every instance before it is no longer active (never again: an instance leaves `active` for good);
 * - `live`: every instance before it is spent (see `spent`: never again open to performance);
 * - `sorted`: the instances' due dates never decrease in trigger order (checked up to `checked`).
 */
interface InstanceIndex {
  active: number;
  live: number;
  checked: number;
  sorted: boolean;
}

const instanceIndexes = new WeakMap<NormState, InstanceIndex>();

/** An instance that no performing event can change when the event carries an amount: closed, or its known amount performed in full. */
function spent(i: Instance): boolean {
  if (!isOpen(i.status)) return true;
  const a = i.amount;
  if (a === null || isUnknown(a)) return false;
  if (a.k === 'money') return i.performed.gte(a.v.amount);
  if (a.k === 'number') return i.performed.gte(a.v);
  return true;
}

function instanceIndex(n: NormState): InstanceIndex {
  let x = instanceIndexes.get(n);
  if (!x) instanceIndexes.set(n, (x = { active: 0, live: 0, checked: 0, sorted: true }));
  const is = n.instances;
  while (x.active < is.length && is[x.active]!.status !== 'active') x.active++;
  while (x.live < is.length && spent(is[x.live]!)) x.live++;
  for (; x.checked + 1 < is.length; x.checked++) if (compareDue(is[x.checked]!.due, is[x.checked + 1]!.due) > 0) x.sorted = false;
  return x;
}

/** Records that `e` performs a unit (an obligation or one of its instances), with the amount it takes, if any. */
function record(e: LedgerEvent, u: Unit, take: Decimal | null, status: 'fulfilled' | 'indeterminate' | null): void {
  const t = u.instance ?? u.n;
  if (take) t.performed = t.performed.plus(take);
  t.events.push(e);
  if (u.instance && take) u.n.performed = u.n.performed.plus(take);
  if (!status || t.status === 'violated') return;
  if (u.instance) {
    u.instance.status = status;
    u.instance.since = e.date;
  } else setStatus(u.n, status, e.date, { kind: 'event', event: e });
  if (status === 'indeterminate' && u.amount && isUnknown(u.amount)) {
    if (!u.instance) {
      u.n.amountWaits = [...new Set([...u.n.amountWaits, ...u.amount.waitsFor])].sort();
      u.n.waitsFor = [...new Set([...u.n.waitsFor, ...u.amount.waitsFor])].sort();
    }
  }
}

/**
 * Applies a performing event to the obligations it matches. A payment goes to the earliest-due open obligation or
 * instance first (overdue ones included), then to the next, until its amount is used up; an obligation without an
 * amount is performed by the act itself; an obligation whose amount is undisclosed takes what is left, and its
 * status becomes indeterminate.
 */
function performObligations(ctx: FoldContext, s: FoldState, e: LedgerEvent): void {
  if (foldTuning.allocateInOrder && performInOrder(ctx, s, e)) return;
  const units: Unit[] = [];
  let order = 0;
  const en = env(ctx, s);
  for (const n of s.norms.values()) {
    if (n.dropped || n.norm.kind !== 'obligation' || n.norm.verb !== e.type) continue;
    order++;
    const perInstance = filtersByTrigger(n.norm);
    if (!n.started || truth(matches(ctx, s, n.norm, e, n.norm.holder, null, !perInstance)) !== true) continue;
    if (n.norm.trigger) {
      for (const i of n.instances) {
        if (!isOpen(i.status)) continue;
        if (perInstance && truth(matches(ctx, s, n.norm, e, n.norm.holder, i.trigger)) !== true) continue;
        units.push({ n, instance: i, due: i.due, amount: i.amount, order });
      }
    } else if (isOpen(n.status)) {
      units.push({ n, instance: null, due: n.deadline, amount: n.norm.amount ? evalExpr(en, n.norm.amount) : null, order });
    }
  }
  units.sort(compareUnits);
  const field = units[0]?.n.norm.amountField ?? null;
  let remaining = amountOf(e, field);
  const paidIn = currencyOf(e, field);
  const deferred: Unit[] = [];
  for (const u of units) {
    if (otherCurrency(u.amount, paidIn)) continue;
    if (u.amount === null) {
      record(e, u, null, 'fulfilled');
      continue;
    }
    if (isUnknown(u.amount)) {
      deferred.push(u);
      continue;
    }
    const due = u.amount.k === 'money' ? u.amount.v.amount : u.amount.k === 'number' ? u.amount.v : null;
    if (!due) continue;
    if (remaining === null) {
      // The event carries no amount: it performs the first open obligation, whatever its amount.
      record(e, u, null, 'fulfilled');
      return;
    }
    const t = u.instance ?? u.n;
    const left = due.minus(t.performed);
    if (left.lte(0) || remaining.lte(0)) continue;
    const take = Decimal.min(left, remaining);
    remaining = remaining.minus(take);
    record(e, u, take, t.performed.plus(take).gte(due) ? 'fulfilled' : null);
  }
  const u = deferred[0];
  if (u && (remaining === null || remaining.gt(0))) record(e, u, remaining, 'indeterminate');
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
    if (n.dropped || n.norm.kind !== 'obligation' || n.norm.verb !== e.type) continue;
    order++;
    if (filtersByTrigger(n.norm)) return false;
    if (!n.started || truth(matches(ctx, s, n.norm, e, n.norm.holder)) !== true) continue;
    const f = n.norm.amountField;
    if (f === null || (field !== null && f !== field)) return false;
    field = f;
    if (n.norm.trigger) {
      const x = instanceIndex(n);
      if (!x.sorted) return false;
      streams.push({ n, order, next: x.live, single: null });
    } else if (isOpen(n.status)) {
      streams.push({ n, order, next: 0, single: { n, instance: null, due: n.deadline, amount: n.norm.amount ? evalExpr(en, n.norm.amount) : null, order } });
    }
  }
  if (streams.length === 0) return true;
  let remaining = amountOf(e, field);
  if (remaining === null) return false;
  const paidIn = currencyOf(e, field);
  const head = (st: (typeof streams)[number]): Unit | null => {
    if (st.single) return st.next === 0 && !otherCurrency(st.single.amount, paidIn) ? st.single : null;
    const is = st.n.instances;
    while (st.next < is.length && (spent(is[st.next]!) || otherCurrency(is[st.next]!.amount, paidIn))) st.next++;
    const i = is[st.next];
    return i ? { n: st.n, instance: i, due: i.due, amount: i.amount, order: st.order } : null;
  };
  let deferred: Unit | null = null;
  while (remaining.gt(0)) {
    let best: Unit | null = null;
    let from: (typeof streams)[number] | null = null;
    for (const st of streams) {
      const u = head(st);
      if (u && (!best || compareUnits(u, best) < 0)) (best = u), (from = st);
    }
    if (!best || !from) break;
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
    const due = best.amount.k === 'money' ? best.amount.v.amount : best.amount.k === 'number' ? best.amount.v : null;
    if (!due) continue;
    const t = best.instance ?? best.n;
    const left = due.minus(t.performed);
    if (left.lte(0)) continue;
    const take = Decimal.min(left, remaining);
    remaining = remaining.minus(take);
    record(e, best, take, t.performed.plus(take).gte(due) ? 'fulfilled' : null);
  }
  if (deferred && remaining.gt(0)) record(e, deferred, remaining, 'indeterminate');
  return true;
}

function applyEvent(ctx: FoldContext, s: FoldState, e: LedgerEvent): void {
  // Aggregates first: a definition read later today sees today's events.
  for (const key of ctx.aggregatesByType.get(e.type) ?? []) {
    const acc = s.aggregates.get(key)!;
    if (!inWindow(acc.agg, e.date)) continue;
    const member = acc.agg.where ? evalExpr({ version: acc.version, currency: ctx.currency, aggregates: s.aggregates, exercised: s.exercised, cache: new Map(), subject: e, trigger: null }, acc.agg.where) : TRUE;
    accumulate(acc, e, member);
  }
  if (e.type === 'consent_request' || e.type === 'consent_given' || e.type === 'consent_refused') {
    const clause = e.data.get('clause');
    const n = clause?.k === 'text' ? s.norms.get(clause.v) : undefined;
    if (n && n.norm.kind === 'consent' && !n.dropped) consentEvent(s, n, e);
  }
  performObligations(ctx, s, e);
  for (const n of s.norms.values()) {
    if (n.dropped) continue;
    if (n.norm.verb === e.type) act(ctx, s, n, e);
    if (n.norm.trigger?.event === e.type && n.norm.kind === 'obligation') trigger(ctx, s, n, e);
  }
}

function consentEvent(s: FoldState, n: NormState, e: LedgerEvent): void {
  const holder = n.norm.holder;
  if (e.type === 'consent_request') {
    if (e.actor !== n.norm.counterparty && e.actor !== holder) return;
    if (inForce(n) && n.status === 'pending') {
      setStatus(n, 'requested', e.date, { kind: 'event', event: e });
      n.requestedAt = e.date;
      n.events.push(e);
    }
    return;
  }
  if (e.actor !== holder) {
    s.violations.push({ kind: 'not-entitled', norm: n.id, version: n.norm.meta.version, date: e.date, event: e, instance: null, reason: 'not-holder' });
    return;
  }
  if (!inForce(n)) return;
  setStatus(n, e.type === 'consent_given' ? 'given' : 'refused', e.date, { kind: 'event', event: e });
  n.events.push(e);
}

/** Permissions in force that match the event and the relation (override) between them and a norm. */
function exceptions(ctx: FoldContext, s: FoldState, n: NormState, e: LedgerEvent): { exempt: NormState | null; conflict: NormState | null } {
  let conflict: NormState | null = null;
  for (const p of s.norms.values()) {
    if (p === n || p.norm.kind !== 'permission' || !inForce(p)) continue;
    if (truth(matches(ctx, s, p.norm, e, p.norm.holder)) !== true) continue;
    if (p.norm.when && truth(evalExpr(env(ctx, s, e), p.norm.when)) !== true) continue;
    if (p.norm.overrides.includes(n.id)) return { exempt: p, conflict: null };
    if (!n.norm.overrides.includes(p.id)) conflict = p;
  }
  return { exempt: null, conflict };
}

function act(ctx: FoldContext, s: FoldState, n: NormState, e: LedgerEvent): void {
  const norm = n.norm;
  const actor = norm.kind === 'consent' ? norm.counterparty : norm.holder;
  const m = truth(matches(ctx, s, norm, e, actor));
  if (m !== true) return;
  const viol = (kind: Violation['kind'], reason: string | null): void => {
    s.violations.push({ kind, norm: n.id, version: norm.meta.version, date: e.date, event: e, instance: null, reason });
  };
  switch (norm.kind) {
    case 'obligation':
      return; // see performObligations
    case 'permission':
      if (inForce(n)) {
        n.uses++;
        if (n.events.length < 12) n.events.push(e);
      }
      return;
    case 'prohibition': {
      if (!inForce(n)) return;
      if (norm.when && truth(evalExpr(env(ctx, s, e), norm.when)) !== true) return;
      const { exempt, conflict } = exceptions(ctx, s, n, e);
      if (exempt) return;
      if (conflict) s.conflicts.push({ event: e, prohibition: n.id, permission: conflict.id });
      viol('breach', null);
      n.events.push(e);
      if (n.status !== 'violated') setStatus(n, 'violated', e.date, { kind: 'event', event: e });
      return;
    }
    case 'power': {
      if (!inForce(n)) return viol('invalid-exercise', 'not-in-force');
      if (norm.when) {
        const w = truth(evalExpr(env(ctx, s, e), norm.when));
        if (w !== true) return viol('invalid-exercise', w === false ? 'condition-false' : 'condition-unknown');
      }
      setStatus(n, 'exercised', e.date, { kind: 'event', event: e });
      n.events.push(e);
      s.exercised.set(n.id, e.date);
      return;
    }
    case 'consent': {
      if (!n.started || n.dropped || n.status === 'expired' || n.status === 'terminated') return;
      if (n.status === 'given') {
        n.events.push(e);
        return;
      }
      const { exempt } = exceptions(ctx, s, n, e);
      if (exempt) return;
      viol('without-consent', n.status === 'refused' ? 'refused' : n.status === 'requested' ? 'not-answered' : n.status === 'lapsed' ? 'lapsed' : 'not-requested');
      return;
    }
  }
}

function trigger(ctx: FoldContext, s: FoldState, n: NormState, e: LedgerEvent): void {
  if (!inForce(n)) return;
  const norm = n.norm;
  if (norm.trigger?.where && truth(evalExpr(env(ctx, s, e, e), norm.trigger.where)) !== true) return;
  if (norm.when && truth(evalExpr(env(ctx, s, null, e), norm.when)) !== true) return;
  const en = env(ctx, s, null, e);
  let amount: Val | null = norm.amount ? evalExpr(en, norm.amount) : null;
  if (amount && norm.cap) {
    const cap = evalExpr(en, norm.cap);
    if (isUnknown(cap)) amount = { k: 'unknown', waitsFor: [...new Set([...(isUnknown(amount) ? amount.waitsFor : []), ...cap.waitsFor])].sort() };
    else if (amount.k === 'money' && cap.k === 'money') {
      const room = Decimal.max(0, cap.v.amount.minus(n.instanced));
      const a = Decimal.min(room, amount.v.amount);
      amount = { k: 'money', v: { currency: amount.v.currency, amount: a } };
    }
  }
  if (amount?.k === 'money') n.instanced = n.instanced.plus(amount.v.amount);
  let due: IsoDate | null = null;
  if (norm.within) {
    const d = evalExpr(en, norm.within);
    if (d.k === 'duration') due = addDuration(e.date, d.v);
  } else if (norm.by) {
    const d = evalExpr(en, norm.by);
    if (d.k === 'date') due = d.v;
  }
  // Nothing is due once a cap is reached: the instance is recorded, already fulfilled.
  const nothingDue = amount !== null && (amount.k === 'money' || amount.k === 'number') && (amount.k === 'money' ? amount.v.amount : amount.v).isZero();
  const inst: Instance = { n: n.instances.length + 1, trigger: e, due, amount, performed: new Decimal(0), status: nothingDue ? 'fulfilled' : 'active', since: e.date, events: [] };
  n.instances.push(inst);
}

function evaluateConditions(ctx: FoldContext, s: FoldState, day: IsoDate): void {
  for (const n of s.norms.values()) {
    if (n.dropped || isFinal(n)) continue;
    const e = env(ctx, s);
    if (!n.started) {
      if (n.norm.start && n.norm.start.type.t === 'bool') {
        const v = evalExpr(e, n.norm.start);
        if (truth(v) === true) activate(ctx, s, n, day, { kind: 'start-condition' });
        else n.waitsFor = isUnknown(v) ? [...v.waitsFor] : [];
      }
      if (!n.started) continue;
    }
    refreshTerms(ctx, s, n);
    let unknownEnd: string[] | null = null;
    let ended = false;
    n.norm.ends.forEach((end, index) => {
      if (ended || end.type.t !== 'bool') return;
      const v = evalExpr(e, end);
      if (truth(v) === true) {
        ended = true;
        setStatus(n, 'terminated', day, { kind: 'end-condition', index }, end.kind === 'exercised' ? 'power' : 'condition');
        n.untilDate = addDays(day, -1);
        const ev = ctx.events[s.eventIndex - 1];
        if (ev && ev.date === day) n.events.push(ev);
        for (const i of n.instances) if (i.status === 'active' && !i.due) i.status = 'terminated';
      } else if (isUnknown(v)) unknownEnd = [...(unknownEnd ?? []), ...v.waitsFor];
    });
    if (ended) continue;
    if (unknownEnd) {
      if (n.status === 'active') setStatus(n, 'indeterminate', day, n.cause);
      n.waitsFor = [...new Set([...n.waitsFor, ...(unknownEnd as string[])])].sort();
    } else if (!unknownEnd && n.status === 'indeterminate' && n.cause.kind !== 'event') setStatus(n, 'active', day, n.cause);
    // Suspended while `suspended while` holds, and (for an obligation) while its `when` condition does not.
    const pauses: (boolean | null)[] = [];
    if (n.norm.suspendedWhile) pauses.push(truth(evalExpr(e, n.norm.suspendedWhile)));
    if (n.norm.kind === 'obligation' && n.norm.when) {
      const w = truth(evalExpr(e, n.norm.when));
      pauses.push(w === null ? null : !w);
    }
    if (pauses.some((p) => p === true) && n.status === 'active') setStatus(n, 'suspended', day, { kind: 'suspension' });
    else if (pauses.length > 0 && pauses.every((p) => p === false) && n.status === 'suspended') {
      setStatus(n, n.norm.kind === 'consent' ? 'pending' : 'active', day, { kind: 'suspension' });
    }
  }
}
