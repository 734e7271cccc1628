/**
 * The engine: a fold over the ledger, one day at a time. Each day: the version effective that day starts to govern,
 * timers fire (starts, dated ends, deadlines, consent delays), the day's events apply in ledger order, then
 * conditions are evaluated (a condition met by an event takes effect on that event's day).
 * The fold state is plain data, cloned for checkpoints.
 */
import type { Aggregate, Expr, Norm, Version } from '../check/ir.js';
import { subExprs } from '../check/walk.js';
import { eventsBehind } from './events-behind.js';
import { addDays, addDuration, type DurationValue, type IsoDate } from '../values/dates.js';
import { Decimal } from '../values/decimal.js';
import type { Accumulator } from './aggregates.js';
import { accumulate, cloneAccumulator, inWindow, newAccumulator } from './aggregates.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { Env } from './expr.js';
import { evalExpr } from './expr.js';
import type { Instance, NormState } from './norm-state.js';
import { cloneNormState, inForce, isFinal, newNormState } from './norm-state.js';
import type { Val } from './val.js';
import { isUnknown, TRUE, truth } from './val.js';

export type ViolationKind = 'breach' | 'possible-breach' | 'missed-deadline' | 'without-consent' | 'invalid-exercise' | 'not-entitled';

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

/**
 * The environment without a subject event, and the one whose subject is the event being applied, kept per state
 * while what definitions read stays the same (aggregates, exercised powers, the governing version): the norms
 * settled on one day, or matched against one event, share one, and its cache of definition values. `changed(s)`
 * drops them whenever one of these changes.
 */
const baseEnvs = new WeakMap<FoldState, { base: Env | null; subject: LedgerEvent | null; subjectEnv: Env | null }>();

function changed(s: FoldState): void {
  baseEnvs.delete(s);
}

function env(ctx: FoldContext, s: FoldState, subject: LedgerEvent | null = null, trigger: LedgerEvent | null = null): Env {
  // Kept: the environment without a subject, and the one whose subject is the event being applied.
  let kept = null;
  if (trigger === null) {
    kept = baseEnvs.get(s);
    if (!kept) baseEnvs.set(s, (kept = { base: null, subject: null, subjectEnv: null }));
    if (subject === null && kept.base) return kept.base;
    if (subject !== null && kept.subject === subject && kept.subjectEnv) return kept.subjectEnv;
  }
  const version = governing(ctx, s) ?? ctx.timeline[0]!;
  const en: Env = { version, currency: ctx.currency, aggregates: s.aggregates, exercised: s.exercised, cache: new Map(), subject, trigger };
  if (kept && subject === null) kept.base = en;
  else if (kept) (kept.subject = subject), (kept.subjectEnv = en);
  return en;
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
  const today = s.day;
  for (const n of s.norms.values()) {
    // Instances outlive their clause (an amount accrued stays due): their due dates count whatever the clause's status.
    // (Inlined: this loop runs for every open instance on every day the fold visits.)
    const is = n.instances;
    for (let k = firstActive(n); k < is.length; k++) {
      const i = is[k]!;
      const due = i.due;
      if (i.status === 'active' && due && (today === null || due >= today) && (lastDay === null || due < lastDay)) lastDay = due;
    }
    if (n.dropped || isFinal(n)) continue;
    if (!n.started) {
      if (n.startDate) consider(n.startDate);
      considerDayAfter(n.untilDate);
      continue;
    }
    if (n.untilDate && n.status !== 'suspended') considerDayAfter(n.untilDate);
    if (n.deadline && oneOff(n) && (n.status === 'active' || (n.status === 'indeterminate' && n.indeterminateBy === 'end'))) considerDayAfter(n.deadline);
    if (n.status === 'requested' && n.requestedAt) {
      for (const d of [n.norm.lapsesAfter, n.norm.deemedGivenAfter]) considerDayAfter(delayEnd(ctx, s, n.requestedAt, d));
    }
  }
  if (lastDay !== null) consider(dayAfter(lastDay));
  return best;
}

/** `addDays(d, 1)`, the fold's most frequent date arithmetic, with a cache keyed by the date alone. */
const dayAfterCache = new Map<IsoDate, IsoDate>();
function dayAfter(d: IsoDate): IsoDate {
  let next = dayAfterCache.get(d);
  if (next === undefined) {
    if (dayAfterCache.size >= 100_000) dayAfterCache.clear();
    next = addDays(d, 1);
    dayAfterCache.set(d, next);
  }
  return next;
}

/** `addDuration(date, d)` for a `within` duration, cached by the duration's value object (a clause's literal), then the date. */
const durationCache = new WeakMap<DurationValue, Map<IsoDate, IsoDate>>();
function durationAfter(date: IsoDate, d: DurationValue): IsoDate {
  let byDate = durationCache.get(d);
  if (!byDate) durationCache.set(d, (byDate = new Map()));
  let due = byDate.get(date);
  if (due === undefined) {
    if (byDate.size >= 100_000) byDate.clear();
    due = addDuration(date, d);
    byDate.set(date, due);
  }
  return due;
}

function oneOff(n: NormState): boolean {
  return n.norm.kind === 'obligation' && !n.norm.trigger;
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
  if (status !== 'indeterminate') n.indeterminateBy = null;
}

function processDay(ctx: FoldContext, s: FoldState, day: IsoDate): void {
  // 1. Timers: what the end of the previous day brought (a last day, a deadline passed, a delay run out), and starts.
  for (const n of s.norms.values()) fireTimers(ctx, s, n, day);
  // 2. A version effective on `day` governs on `day`.
  while (ctx.timeline[s.versionIndex + 1] && ctx.timeline[s.versionIndex + 1]!.effective <= day) {
    s.versionIndex++;
    changed(s);
    applyVersion(ctx, s, ctx.timeline[s.versionIndex]!, day);
    changed(s);
  }
  // 3. The day's events, in ledger order (each norm an event concerns is settled first: see applyEvent).
  while (ctx.events[s.eventIndex] && ctx.events[s.eventIndex]!.date === day) {
    applyEvent(ctx, s, ctx.events[s.eventIndex]!, day);
    s.eventIndex++;
  }
  // 4. Conditions, for every norm.
  for (const n of s.norms.values()) settle(ctx, s, n, day);
  s.day = day;
}

/** Starts a norm on `day`: its terms are read, an end already reached or a deadline already passed applies at once. */
function activate(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate, cause: NormState['cause']): void {
  n.started = true;
  n.startDate = null;
  setStatus(n, n.norm.kind === 'consent' ? 'pending' : 'active', day, cause);
  refreshTerms(ctx, s, n);
  const until = n.untilDate as IsoDate | null;
  if (until !== null && until < day) {
    // Its last day had passed before it could start: it never was in force.
    setStatus(n, 'expired', day, { kind: 'end-date', date: until });
    return;
  }
  if (endCondition(ctx, s, n, day, true)) return;
  overdue(ctx, s, n, day);
  if (n.norm.kind === 'consent') for (const e of n.early.splice(0)) consentEvent(s, n, e);
}

/** Evaluates a start that is not yet known (a date computed from events, or a condition) and starts the norm when due. */
function tryStart(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate, cause: NormState['cause']): void {
  const start = n.norm.start;
  if (!start) return activate(ctx, s, n, day, cause);
  const v = evalExpr(env(ctx, s), start);
  if (v.k === 'date') {
    if (v.v <= day) activate(ctx, s, n, day, n.startDate === null && cause.kind === 'version' ? cause : { kind: 'start', date: v.v });
    else n.startDate = v.v;
  } else if (truth(v) === true) activate(ctx, s, n, day, { kind: 'start-condition' });
  else n.waitsFor = isUnknown(v) ? [...v.waitsFor] : [];
}

function applyVersion(ctx: FoldContext, s: FoldState, v: Version, day: IsoDate): void {
  for (const n of s.norms.values()) {
    if (n.dropped || v.norms.has(n.id)) continue;
    n.dropped = true;
    if (!isFinal(n)) {
      setStatus(n, 'terminated', day, { kind: 'superseded', version: v.id }, 'superseded');
      n.untilDate = n.started ? addDays(day, -1) : null;
      endUndatedInstances(n, day);
    }
  }
  for (const norm of v.norms.values()) {
    const existing = s.norms.get(norm.id);
    if (existing && !existing.dropped) {
      if (existing.norm === norm) continue; // carried over unchanged
      existing.norm = norm;
      reopen(ctx, s, existing, v, day);
      continue;
    }
    if (existing) {
      s.norms.delete(norm.id);
      s.exercised.delete(norm.id); // a clause added again is a new clause: the old one's exercise is not its own
      changed(s);
    }
    const n = newNormState(norm, day, v.id);
    s.norms.set(norm.id, n);
    tryStart(ctx, s, n, day, { kind: 'version', version: v.id });
  }
}

/**
 * A clause whose text a new version replaces continues under the new text from `day`. What was done stays done
 * (performed, exercised, consented); a clause that had ended or been breached under the old text may live again
 * under the new one (a later end, a later deadline); a shortened term ends it from `day`, not retroactively.
 */
function reopen(ctx: FoldContext, s: FoldState, n: NormState, v: Version, day: IsoDate): void {
  const cause: NormState['cause'] = { kind: 'version', version: v.id };
  if (!n.started) {
    n.startDate = null;
    return tryStart(ctx, s, n, day, cause);
  }
  const ended = n.status === 'expired' || n.status === 'terminated' || (n.status === 'violated' && oneOff(n));
  if (ended) {
    activate(ctx, s, n, day, cause);
    if (oneOff(n) && n.status === 'active' && performedInFull(ctx, s, n)) setStatus(n, 'fulfilled', day, cause);
    return;
  }
  if (isFinal(n)) return;
  refreshTerms(ctx, s, n);
  if (n.untilDate !== null && n.untilDate < day) {
    setStatus(n, 'expired', day, { kind: 'end-date', date: addDays(day, -1) });
    n.untilDate = addDays(day, -1);
    return;
  }
  overdue(ctx, s, n, day);
}

function performedInFull(ctx: FoldContext, s: FoldState, n: NormState): boolean {
  const amount = n.norm.amount ? evalExpr(env(ctx, s), n.norm.amount) : null;
  if (!amount || isUnknown(amount)) return false;
  const due = amount.k === 'money' ? amount.v.amount : amount.k === 'number' ? amount.v : null;
  return due !== null && n.performed.gte(due);
}

/** Re-reads the dated terms of a started norm: its known last day (`until DATE`) and its deadline (`by DATE`). */
function refreshTerms(ctx: FoldContext, s: FoldState, n: NormState): void {
  const e = env(ctx, s);
  let until: IsoDate | null = null;
  let waits: readonly string[] = NONE;
  let endWaits: string[] | null = null;
  for (const end of n.norm.ends) {
    if (end.type.t !== 'date' && end.type.t !== 'unknown') continue;
    const v = evalExpr(e, end);
    if (v.k === 'date' && (until === null || v.v < (until as IsoDate))) until = v.v;
    else if (isUnknown(v) && end.type.t === 'date') (endWaits ??= []).push(...v.waitsFor);
  }
  // Arrays are replaced, never changed in place: an empty one can stay as it is.
  n.endWaits = endWaits ?? (n.endWaits.length === 0 ? n.endWaits : []);
  n.untilDate = until;
  // A deadline read from the fields of each instance's event (`by invoice.due`) is each instance's, not the clause's.
  if (n.norm.by && !(n.norm.trigger && readsFields(n.norm.by))) {
    const d = evalExpr(e, n.norm.by);
    n.deadline = d.k === 'date' ? d.v : null;
    if (isUnknown(d)) waits = d.waitsFor;
  }
  if (waits.length === 0 && n.endWaits.length === 0 && n.amountWaits.length === 0) n.waitsFor = n.waitsFor.length === 0 ? n.waitsFor : [];
  else n.waitsFor = [...new Set([...waits, ...n.endWaits, ...n.amountWaits])].sort();
}

const readsFieldsCache = new WeakMap<Expr, boolean>();

/** Whether an expression reads event fields (cached: refreshTerms asks on every day the fold visits). */
function readsFields(x: Expr): boolean {
  let r = readsFieldsCache.get(x);
  if (r === undefined) readsFieldsCache.set(x, (r = x.kind === 'field' || subExprs(x).some(readsFields)));
  return r;
}

const NONE: readonly string[] = [];

/** Instances without a due date end with their clause; those with one stay due (an amount accrued stays owed). */
function endUndatedInstances(n: NormState, day: IsoDate): void {
  for (const i of n.instances) {
    if (i.status === 'active' && !i.due) {
      i.status = 'terminated';
      i.since = day;
    }
  }
}

/** A one-off obligation in force whose deadline has passed is violated from `day` (or indeterminate on an undisclosed amount). */
function overdue(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate): void {
  if (!oneOff(n) || !n.started || n.dropped || !n.deadline || n.deadline >= day) return;
  if (n.status !== 'active' && !(n.status === 'indeterminate' && n.indeterminateBy === 'end')) return;
  const amount = n.norm.amount ? evalExpr(env(ctx, s), n.norm.amount) : null;
  const deadline = n.deadline;
  if (amount && isUnknown(amount)) {
    // Whether an undisclosed amount was paid in full cannot be known.
    setStatus(n, 'indeterminate', day, { kind: 'deadline', date: deadline });
    n.indeterminateBy = 'amount';
    n.amountWaits = [...new Set([...n.amountWaits, ...amount.waitsFor])].sort();
    n.waitsFor = [...new Set([...n.waitsFor, ...amount.waitsFor])].sort();
    return;
  }
  setStatus(n, 'violated', day, { kind: 'deadline', date: deadline });
  s.violations.push({ kind: 'missed-deadline', norm: n.id, version: n.norm.meta.version, date: day, event: null, instance: null, reason: null });
}

function fireTimers(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate): void {
  const is = n.instances;
  for (let k = firstActive(n); k < is.length; k++) {
    const i = is[k]!;
    if (i.status === 'active' && i.due && i.due < day) {
      i.since = day;
      // Whether an amount that is undisclosed was paid in full cannot be known: the instance is indeterminate.
      if (i.amount && isUnknown(i.amount)) {
        i.status = 'indeterminate';
        continue;
      }
      i.status = 'violated';
      s.violations.push({ kind: 'missed-deadline', norm: n.id, version: n.norm.meta.version, date: day, event: i.trigger, instance: i.n, reason: null });
    }
  }
  if (n.dropped || isFinal(n)) return;
  if (!n.started) {
    if (n.startDate && n.startDate <= day) activate(ctx, s, n, day, { kind: 'start', date: n.startDate });
    else if (n.untilDate !== null && n.untilDate < day) setStatus(n, 'expired', day, { kind: 'end-date', date: n.untilDate });
    return;
  }
  // A deadline before the last day: a clause in force through its deadline is breached, not merely expired.
  overdue(ctx, s, n, day);
  if (isFinal(n)) return;
  if (n.untilDate !== null && n.untilDate < day && n.status !== 'suspended') {
    setStatus(n, 'expired', day, { kind: 'end-date', date: n.untilDate });
    endUndatedInstances(n, day);
    return;
  }
  if (n.status === 'requested' && n.requestedAt) {
    const deemed = delayEnd(ctx, s, n.requestedAt, n.norm.deemedGivenAfter);
    const lapse = delayEnd(ctx, s, n.requestedAt, n.norm.lapsesAfter);
    if (deemed && deemed < day && (!lapse || deemed <= lapse)) setStatus(n, 'given', day, { kind: 'lapse', date: deemed, deemed: true });
    else if (lapse && lapse < day) setStatus(n, 'lapsed', day, { kind: 'lapse', date: lapse, deemed: false });
  }
}

/**
 * Applies a norm's end conditions on `day`: the first that holds terminates it (`endedBy` condition, or power for
 * `exercised p`). `atStart`: the norm is starting today, so it never was in force (no last day). Unknown conditions
 * are added to `unknown`. Returns whether the norm ended.
 */
function endCondition(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate, atStart: boolean, unknown: string[] = []): boolean {
  const e = env(ctx, s);
  for (let index = 0; index < n.norm.ends.length; index++) {
    const end = n.norm.ends[index]!;
    if (end.type.t !== 'bool') continue;
    const v = evalExpr(e, end);
    if (truth(v) === true) {
      setStatus(n, 'terminated', day, { kind: 'end-condition', index }, end.kind === 'exercised' ? 'power' : 'condition');
      n.untilDate = atStart ? null : addDays(day, -1);
      for (const ev of eventsBehind(e, end, { day: atStart ? null : day, followDefinitions: true })) if (!n.events.includes(ev)) n.events.push(ev);
      endUndatedInstances(n, day);
      return true;
    }
    if (isUnknown(v)) unknown.push(...v.waitsFor);
  }
  return false;
}

/**
 * Brings one norm up to date on `day`: a start now known or met, dated terms re-read, end conditions, undisclosed
 * ends (indeterminate), suspension, a deadline passed. Run for every norm at the end of the day, and for the norms an
 * event concerns just before the event applies (so that a condition met earlier the same day is in effect).
 */
function settle(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate): void {
  if (n.dropped || isFinal(n)) return;
  if (!n.started) {
    tryStart(ctx, s, n, day, { kind: 'start-condition' });
    if (n.started) return;
    // Never started, and its last day has passed: it expires without having been in force.
    refreshTerms(ctx, s, n);
    if (n.untilDate !== null && n.untilDate < day) setStatus(n, 'expired', day, { kind: 'end-date', date: n.untilDate });
    return;
  }
  refreshTerms(ctx, s, n);
  if (n.untilDate !== null && n.untilDate < day && n.status !== 'suspended') {
    // A last day that a definition moved into the past: the norm ends now, not retroactively.
    setStatus(n, 'expired', day, { kind: 'end-date', date: addDays(day, -1) });
    n.untilDate = addDays(day, -1);
    endUndatedInstances(n, day);
    return;
  }
  const unknownEnds: string[] = [...n.endWaits];
  if (endCondition(ctx, s, n, day, false, unknownEnds)) return;
  if (unknownEnds.length > 0) {
    if (n.status === 'active') {
      setStatus(n, 'indeterminate', day, n.cause);
      n.indeterminateBy = 'end';
    }
    n.waitsFor = [...new Set([...n.waitsFor, ...unknownEnds])].sort();
  } else if (n.status === 'indeterminate' && n.indeterminateBy === 'end') setStatus(n, 'active', day, n.cause);
  // Suspended while `suspended while` holds, and (for an obligation) while its `when` condition does not.
  const e = env(ctx, s);
  const pauses: (boolean | null)[] = [];
  if (n.norm.suspendedWhile) pauses.push(truth(evalExpr(e, n.norm.suspendedWhile)));
  if (n.norm.kind === 'obligation' && n.norm.when) {
    const w = truth(evalExpr(e, n.norm.when));
    pauses.push(w === null ? null : !w);
  }
  const suspendable = n.status === 'active' || (n.status === 'violated' && n.norm.kind === 'prohibition');
  if (pauses.some((p) => p === true) && suspendable) setStatus(n, 'suspended', day, { kind: 'suspension' });
  else if (pauses.length > 0 && pauses.every((p) => p === false) && n.status === 'suspended') {
    setStatus(n, n.norm.kind === 'consent' ? 'pending' : 'active', day, { kind: 'suspension' });
  }
  overdue(ctx, s, n, day);
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
    const mentions = (e: Expr): boolean => (e.kind === 'field' && e.event === t) || subExprs(e).some(mentions);
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

/** `x <= 0`, without the allocation of `x.lte(0)` (decimal.js converts its argument to a new Decimal). */
function notPositive(x: Decimal): boolean {
  return x.isZero() || x.isNegative();
}

/** Statuses of an obligation or instance that performance can still change (a payment during a suspension counts). */
function isOpen(status: string): boolean {
  return status === 'active' || status === 'indeterminate' || status === 'violated' || status === 'suspended';
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
  if (a.k !== 'money' && a.k !== 'number') return true;
  const amount = a.k === 'money' ? a.v.amount : a.v;
  // Nothing performed yet (the common case): spent only if nothing was due (0 >= amount), without a comparison's allocation.
  return i.performed.isZero() ? notPositive(amount) : i.performed.gte(amount);
}

/** The first instance that may still be active (see InstanceIndex), without the rest of `instanceIndex`'s upkeep. */
function firstActive(n: NormState): number {
  let x = instanceIndexes.get(n);
  if (!x) instanceIndexes.set(n, (x = { active: 0, live: 0, checked: 0, sorted: true }));
  const is = n.instances;
  while (x.active < is.length && is[x.active]!.status !== 'active') x.active++;
  return x.active;
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
    // Removed clauses count too: what they made due stays due, and paying it counts.
    if (n.norm.kind !== 'obligation' || n.norm.verb !== e.type) continue;
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
    const due = u.amount.k === 'money' ? u.amount.v.amount : u.amount.k === 'number' ? u.amount.v : null;
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
      if (from === null || (compareDue(due, headDue) || st.order - from.order) < 0) (from = st), (head = i), (headDue = due);
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
    const due = best.amount.k === 'money' ? best.amount.v.amount : best.amount.k === 'number' ? best.amount.v : null;
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

function applyEvent(ctx: FoldContext, s: FoldState, e: LedgerEvent, day: IsoDate): void {
  // Aggregates first: a definition read later today sees today's events.
  const keys = ctx.aggregatesByType.get(e.type);
  if (keys) changed(s);
  for (const key of keys ?? []) {
    const acc = s.aggregates.get(key)!;
    if (!inWindow(acc.agg, e.date)) continue;
    // The filter reads the definitions of the version governing at the event (the aggregate's own before any governs).
    const version = governing(ctx, s) ?? acc.version;
    const en: Env = { version, currency: ctx.currency, aggregates: s.aggregates, exercised: s.exercised, cache: new Map(), subject: e, trigger: null };
    const member = acc.agg.where ? evalExpr(en, acc.agg.where) : TRUE;
    accumulate(acc, e, member);
    // A running definition: its new value from its value before the event.
    if (acc.agg.step && acc.agg.init) acc.running = evalExpr({ ...en, prev: acc.running ?? evalExpr(en, acc.agg.init) }, acc.agg.step);
  }
  if (keys) changed(s);
  if (e.type === 'consent_request' || e.type === 'consent_given' || e.type === 'consent_refused') {
    const clause = e.data.get('clause');
    const n = clause?.k === 'text' ? s.norms.get(clause.v) : undefined;
    if (n && n.norm.kind === 'consent' && !n.dropped) consentEvent(s, n, e);
  }
  // The norms this event concerns are brought up to date first: a condition met earlier today is in effect.
  for (const n of s.norms.values()) if (n.norm.verb === e.type || n.norm.trigger?.event === e.type) settle(ctx, s, n, day);
  performObligations(ctx, s, e);
  for (const n of s.norms.values()) {
    if (n.dropped) continue;
    if (n.norm.verb === e.type) act(ctx, s, n, e);
    if (n.norm.trigger?.event === e.type && n.norm.kind === 'obligation') trigger(ctx, s, n, e);
  }
}

function consentEvent(s: FoldState, n: NormState, e: LedgerEvent): void {
  const holder = n.norm.holder;
  if (e.type !== 'consent_request' && e.actor !== holder) {
    s.violations.push({ kind: 'not-entitled', norm: n.id, version: n.norm.meta.version, date: e.date, event: e, instance: null, reason: 'not-holder' });
    return;
  }
  if (e.type === 'consent_request' && e.actor !== n.norm.counterparty && e.actor !== holder) return;
  if (!n.started) {
    // Asked or answered before the clause starts: it applies when the clause starts.
    n.early.push(e);
    return;
  }
  if (isFinal(n) || n.status === 'suspended') return;
  if (e.type === 'consent_request') {
    // A first request, or a new one after a refusal or a lapse; a pending request stays as it was made.
    if (n.status === 'requested') return;
    setStatus(n, 'requested', e.date, { kind: 'event', event: e });
    n.requestedAt = e.date;
  } else setStatus(n, e.type === 'consent_given' ? 'given' : 'refused', e.date, { kind: 'event', event: e });
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
  if (norm.kind === 'obligation') return; // see performObligations
  const actor = norm.kind === 'consent' ? norm.counterparty : norm.holder;
  const m = truth(matches(ctx, s, norm, e, actor));
  const viol = (kind: Violation['kind'], reason: string | null): void => {
    s.violations.push({ kind, norm: n.id, version: norm.meta.version, date: e.date, event: e, instance: null, reason });
  };
  if (m === null && norm.kind === 'prohibition' && inForce(n) && !exceptions(ctx, s, n, e).exempt) {
    // Whether the act is the prohibited one depends on undisclosed terms: a possible breach, not a breach.
    return viol('possible-breach', 'condition-unknown');
  }
  if (m !== true) return;
  switch (norm.kind) {
    case 'permission':
      if (inForce(n)) {
        n.uses++;
        if (n.events.length < 12) n.events.push(e);
      }
      return;
    case 'prohibition': {
      if (!inForce(n)) return;
      if (norm.when) {
        const w = truth(evalExpr(env(ctx, s, e), norm.when));
        // Prohibited only under a condition that depends on undisclosed terms: a possible breach, not a breach.
        if (w === null && !exceptions(ctx, s, n, e).exempt) return viol('possible-breach', 'condition-unknown');
        if (w !== true) return;
      }
      const { exempt, conflict } = exceptions(ctx, s, n, e);
      if (exempt) return;
      if (conflict) s.conflicts.push({ event: e, prohibition: n.id, permission: conflict.id });
      viol('breach', null);
      n.events.push(e);
      if (n.status !== 'violated') setStatus(n, 'violated', e.date, { kind: 'event', event: e });
      return;
    }
    case 'power': {
      if (n.status === 'exercised') return viol('invalid-exercise', 'already-exercised');
      if (!inForce(n)) return viol('invalid-exercise', 'not-in-force');
      if (norm.when) {
        const w = truth(evalExpr(env(ctx, s, e), norm.when));
        if (w !== true) return viol('invalid-exercise', w === false ? 'condition-false' : 'condition-unknown');
      }
      setStatus(n, 'exercised', e.date, { kind: 'event', event: e });
      n.events.push(e);
      s.exercised.set(n.id, e.date);
      changed(s);
      return;
    }
    case 'consent': {
      if (!n.started || n.dropped || n.status === 'expired' || n.status === 'terminated' || n.status === 'suspended') return;
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
    else if (amount.k === 'money' && cap.k === 'money' && amount.v.currency !== cap.v.currency) {
      amount = { k: 'unknown', waitsFor: [`an exchange rate (${[amount.v.currency, cap.v.currency].sort().join(', ')})`] };
    } else if (amount.k === 'money' && cap.k === 'money') {
      const room = Decimal.max(0, cap.v.amount.minus(n.instanced));
      const a = Decimal.min(room, amount.v.amount);
      amount = { k: 'money', v: { currency: amount.v.currency, amount: a } };
    }
  }
  if (amount?.k === 'money') n.instanced = n.instanced.plus(amount.v.amount);
  let due: IsoDate | null = null;
  if (norm.within) {
    const d = evalExpr(en, norm.within);
    if (d.k === 'duration') due = durationAfter(e.date, d.v);
  } else if (norm.by) {
    const d = evalExpr(en, norm.by);
    if (d.k === 'date') due = d.v;
  }
  // Nothing is due once a cap is reached: the instance is recorded, already fulfilled.
  const nothingDue = amount !== null && (amount.k === 'money' || amount.k === 'number') && (amount.k === 'money' ? amount.v.amount : amount.v).isZero();
  const inst: Instance = { n: n.instances.length + 1, trigger: e, due, amount, performed: new Decimal(0), status: nothingDue ? 'fulfilled' : 'active', since: e.date, events: [] };
  n.instances.push(inst);
  if (inst.status === 'active' && due !== null && due < e.date) {
    // Due before it arose (`for each report by 2024-06-30`, reported later): overdue from the start.
    inst.status = amount && isUnknown(amount) ? 'indeterminate' : 'violated';
    if (inst.status === 'violated') s.violations.push({ kind: 'missed-deadline', norm: n.id, version: norm.meta.version, date: e.date, event: e, instance: inst.n, reason: null });
  }
}
