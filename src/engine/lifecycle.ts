/**
 * What every norm shares, whatever its kind: it starts (on its version, on a date, or when a condition is met), its
 * dated terms are read (its last day, its deadline), it ends (its last day passed, an end condition met), it is
 * indeterminate while an end depends on undisclosed terms, and it is suspended while a condition holds. At fixed
 * points the kind's own rules (norms/) are called.
 */
import type { LedgerEvent } from '../ledger/event.js';
import type { IsoDate } from '../values/dates.js';
import { addDays } from '../values/dates.js';
import { eventsBehind } from './events-behind.js';
import { evalExpr } from './expr.js';
import type { FoldContext, FoldState } from './fold-state.js';
import { env, readsFields } from './memo.js';
import type { Cause, NormState } from './norm-state.js';
import { endUndatedInstances, setStatus } from './norm-state.js';
import { isFinal, rulesOf } from './norms/index.js';
import { isUnknown, truth } from './val.js';

const NONE: readonly string[] = [];

/** Starts a norm on `day`: its terms are read, an end already reached or a deadline already passed applies at once. */
export function activate(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate, cause: Cause): void {
  const rules = rulesOf(n);
  n.started = true;
  n.startDate = null;
  setStatus(n, rules.startStatus, day, cause);
  refreshTerms(ctx, s, n);
  const until = n.untilDate as IsoDate | null;
  if (until !== null && until < day) {
    // Its last day had passed before it could start: it never was in force.
    setStatus(n, 'expired', day, { kind: 'end-date', date: until });
    return;
  }
  if (endCondition(ctx, s, n, day, true)) return;
  rules.settled(ctx, s, n, day);
  rules.started(ctx, s, n, day);
}

/** Evaluates a start that is not yet known (a date computed from events, or a condition) and starts the norm when due. */
export function tryStart(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate, cause: Cause): void {
  const start = n.norm.start;
  if (!start) {
    activate(ctx, s, n, day, cause);
    return;
  }
  const v = evalExpr(env(ctx, s), start);
  if (v.k === 'date') {
    if (v.v <= day) activate(ctx, s, n, day, n.startDate === null && cause.kind === 'version' ? cause : { kind: 'start', date: v.v });
    else n.startDate = v.v;
  } else if (truth(v) === true) activate(ctx, s, n, day, { kind: 'start-condition' });
  else n.waitsFor = isUnknown(v) ? [...v.waitsFor] : [];
}

/** Re-reads the dated terms of a started norm: its known last day (`until DATE`) and its deadline (`by DATE`). */
export function refreshTerms(ctx: FoldContext, s: FoldState, n: NormState): void {
  const e = env(ctx, s);
  let until: IsoDate | null = null;
  let waits: readonly string[] = NONE;
  let endWaits: string[] | null = null;
  for (const end of n.norm.ends) {
    if (end.type.t !== 'date' && end.type.t !== 'unknown') continue;
    const v = evalExpr(e, end);
    if (v.k === 'date' && (until === null || v.v < (until as IsoDate))) until = v.v;
    else if (isUnknown(v) && end.type.t === 'date') {
      endWaits ??= [];
      endWaits.push(...v.waitsFor);
    }
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

/** The norm has expired from `day`: its last day was the day before (`reason`: the known last day). */
export function expire(n: NormState, day: IsoDate, lastDay: IsoDate): void {
  setStatus(n, 'expired', day, { kind: 'end-date', date: lastDay });
  endUndatedInstances(n, day);
}

/**
 * Applies a norm's end conditions on `day`: the first that holds terminates it (`endedBy` condition, or power for
 * `exercised p`). `atStart`: the norm is starting today, so it never was in force (no last day). Unknown conditions
 * are added to `unknown`. Returns whether the norm ended.
 */
export function endCondition(
  ctx: FoldContext,
  s: FoldState,
  n: NormState,
  day: IsoDate,
  atStart: boolean,
  unknown: string[] = [],
): boolean {
  const e = env(ctx, s);
  for (let index = 0; index < n.norm.ends.length; index++) {
    const end = n.norm.ends[index]!;
    if (end.type.t !== 'bool') continue;
    const v = evalExpr(e, end);
    if (truth(v) === true) {
      setStatus(n, 'terminated', day, { kind: 'end-condition', index }, end.kind === 'exercised' ? 'power' : 'condition');
      n.untilDate = atStart ? null : addDays(day, -1);
      for (const ev of eventsBehind(e, end, { day: atStart ? null : day, followDefinitions: true }))
        if (!n.events.includes(ev)) n.events.push(ev);
      endUndatedInstances(n, day);
      return true;
    }
    if (isUnknown(v)) unknown.push(...v.waitsFor);
  }
  return false;
}

/** What the end of the previous day brought a norm (a last day, a deadline passed, a delay run out), and its start. */
export function fireTimers(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate): void {
  const rules = rulesOf(n);
  rules.due(ctx, s, n, day);
  if (n.dropped || isFinal(n)) return;
  if (!n.started) {
    if (n.startDate && n.startDate <= day) activate(ctx, s, n, day, { kind: 'start', date: n.startDate });
    else if (n.untilDate !== null && n.untilDate < day) setStatus(n, 'expired', day, { kind: 'end-date', date: n.untilDate });
    return;
  }
  if (n.untilDate !== null && n.untilDate < day && n.status !== 'suspended') {
    expire(n, day, n.untilDate);
    return;
  }
  rules.delays(ctx, s, n, day);
}

/**
 * Brings one norm up to date on `day`: a start now known or met, dated terms re-read, end conditions, undisclosed
 * ends (indeterminate), suspension, then its kind's own rules (a deadline passed). Run for every norm at the end of
 * the day, and for the norms an event concerns just before the event applies (so that a condition met earlier the
 * same day is in effect).
 */
export function settle(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate): void {
  if (n.dropped || isFinal(n)) return;
  const rules = rulesOf(n);
  if (!n.started) {
    tryStart(ctx, s, n, day, { kind: 'start-condition' });
    if (!n.started) {
      // Never started, and its last day has passed: it expires without having been in force.
      refreshTerms(ctx, s, n);
      if (n.untilDate !== null && n.untilDate < day) setStatus(n, 'expired', day, { kind: 'end-date', date: n.untilDate });
      return;
    }
    // Started today: settled today like any norm in force (an end that depends on undisclosed terms, a suspension),
    // not on whichever day the fold happens to visit next.
    if (isFinal(n)) return;
  }
  refreshTerms(ctx, s, n);
  if (n.untilDate !== null && n.untilDate < day && n.status !== 'suspended') {
    // A last day that a definition moved into the past: the norm ends now, not retroactively.
    const last = addDays(day, -1);
    expire(n, day, last);
    n.untilDate = last;
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
  // Suspended while `suspended while` holds, and while what its kind adds holds (an obligation's `when` does not).
  const e = env(ctx, s);
  const pauses: (boolean | null)[] = [];
  if (n.norm.suspendedWhile) pauses.push(truth(evalExpr(e, n.norm.suspendedWhile)));
  pauses.push(...rules.pauses(e, n));
  if (pauses.some((p) => p === true) && rules.suspendable(n)) setStatus(n, 'suspended', day, { kind: 'suspension' });
  else if (pauses.length > 0 && pauses.every((p) => p === false) && n.status === 'suspended')
    setStatus(n, rules.startStatus, day, { kind: 'suspension' });
  rules.settled(ctx, s, n, day);
}

/** The norms an event concerns (its act or its trigger), brought up to date before it applies. */
export function concerns(n: NormState, e: LedgerEvent): boolean {
  return n.norm.verb === e.type || n.norm.trigger?.event === e.type;
}
