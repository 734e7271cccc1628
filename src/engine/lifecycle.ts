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
import type { Cause, NormState, NormStatus } from './norm-state.js';
import { endUndatedInstances, haunt, setStatus } from './norm-state.js';
import { isFinal, rulesOf } from './norms/index.js';
import type { Val } from './val.js';
import { isDoubt, isUnknown, truth } from './val.js';

const NONE: readonly string[] = [];

/**
 * The norm may have ended (`end`) where undisclosed terms (`waits`) say so: indeterminate, among what it is and that
 * end. Made indeterminate here, it is so since `since` (null: the day it has).
 */
function mayHaveEnded(n: NormState, end: NormStatus, waits: readonly string[], since: IsoDate | null): void {
  if (n.status !== 'indeterminate') {
    n.base = n.status;
    n.maybe = [n.status];
    n.status = 'indeterminate';
    n.indeterminateBy = 'force';
    if (since !== null) n.since = since;
  }
  n.maybe = [...new Set([...n.maybe, end])].sort();
  if (waits.length > 0) n.waitsFor = [...new Set([...n.waitsFor, ...waits])].sort();
}

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
  const unknownAtStart: string[] = [];
  const datedDoubt = n.endWaits.length > 0 && (n.endLo === null || n.endLo < day);
  if (endCondition(ctx, s, n, day, true, unknownAtStart)) {
    // An undisclosed last day may have passed before it started: then it expired rather than ended by a condition.
    if (datedDoubt) haunt(n, day, ['expired'], n.endWaits);
    return;
  }
  // It may have ended as it started: in doubt before its kind's rules apply (a deadline already passed, say), and
  // when its start is in doubt already, these ends are among what it may be too.
  if (unknownAtStart.length > 0) mayHaveEnded(n, 'terminated', unknownAtStart, null);
  if (datedDoubt) mayHaveEnded(n, 'expired', n.endWaits, null);
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
  else if (isDoubt(v)) {
    const lo = v.bounds?.lo?.k === 'date' ? v.bounds.lo.v : null;
    const hi = v.bounds?.hi?.k === 'date' ? v.bounds.hi.v : null;
    if (lo !== null && lo > day) {
      // An undisclosed start that is certainly later: not started, looked at again on its earliest day.
      n.startDate = lo;
      n.waitsFor = [...v.waitsFor];
      return;
    }
    if (hi !== null && hi <= day) {
      // Certainly started by now, on a day not known.
      activate(ctx, s, n, day, { kind: 'start-condition' });
      n.sinceKnown = false;
      return;
    }
    // It may have started: it goes on as if it had, in doubt (indeterminate, possibly still pending) until its start
    // is known (settle).
    n.startWaits = [...v.waitsFor];
    activate(ctx, s, n, day, { kind: 'start-condition' });
  } else n.waitsFor = isUnknown(v) ? [...v.waitsFor] : [];
}

/**
 * Whether a started norm is known to have started: a start in doubt that is now met (a condition, a date reached),
 * or a start that was met but now depends on undisclosed terms (`if exists notice then hidden else 2023-03-01`
 * after a notice): then it may not have started after all.
 */
function startKnown(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate): void {
  if (!n.norm.start || n.norm.start.kind === 'lit') return;
  const v = evalExpr(env(ctx, s), n.norm.start);
  const hi = isDoubt(v) && v.bounds?.hi?.k === 'date' ? v.bounds.hi.v : null;
  if ((v.k === 'date' && v.v <= day) || truth(v) === true || (hi !== null && hi <= day)) n.startWaits = [];
  else if (isDoubt(v)) n.startWaits = [...v.waitsFor];
}

/** The statuses a norm may have instead of its own while whether it is in force is unknown. */
const ELSE_STATUSES: readonly NormStatus[] = ['active', 'pending', 'suspended', 'violated', 'requested'];

/** Re-reads the dated terms of a started norm: its known last day (`until DATE`) and its deadline (`by DATE`). */
export function refreshTerms(ctx: FoldContext, s: FoldState, n: NormState): void {
  const e = env(ctx, s);
  let until: IsoDate | null = null;
  let waits: readonly string[] = NONE;
  let endWaits: string[] | null = null;
  // Of the undisclosed last days: the earliest each could be (null: unbounded) and the earliest latest one.
  let endLo: IsoDate | null = null;
  let endHi: IsoDate | null = null;
  let unboundedLo = false;
  for (const end of n.norm.ends) {
    if (end.type.t !== 'date' && end.type.t !== 'unknown') continue;
    const v = evalExpr(e, end);
    if (v.k === 'date' && (until === null || v.v < (until as IsoDate))) until = v.v;
    else if (isDoubt(v) && end.type.t === 'date') {
      endWaits ??= [];
      endWaits.push(...v.waitsFor);
      const lo = v.bounds?.lo?.k === 'date' ? v.bounds.lo.v : null;
      const hi = v.bounds?.hi?.k === 'date' ? v.bounds.hi.v : null;
      if (lo === null) unboundedLo = true;
      else if (endLo === null || lo < endLo) endLo = lo;
      if (hi !== null && (endHi === null || hi < endHi)) endHi = hi;
    }
  }
  n.endLo = unboundedLo ? null : endLo;
  n.endHi = endHi;
  // Arrays are replaced, never changed in place: an empty one can stay as it is.
  n.endWaits = endWaits ?? (n.endWaits.length === 0 ? n.endWaits : []);
  n.untilDate = until;
  // A deadline read from the fields of each instance's event (`by invoice.due`) is each instance's, not the clause's.
  if (n.norm.by && !(n.norm.trigger && readsFields(n.norm.by))) {
    const d = evalExpr(e, n.norm.by);
    n.deadline = d.k === 'date' ? d.v : null;
    n.deadlineBounds = isDoubt(d) ? (d.bounds ?? null) : null;
    if (isUnknown(d)) waits = d.waitsFor;
  }
  const haunt = n.haunt?.waits ?? NONE;
  if (waits.length + n.endWaits.length + n.amountWaits.length + n.startWaits.length + haunt.length === 0)
    n.waitsFor = n.waitsFor.length === 0 ? n.waitsFor : [];
  else n.waitsFor = [...new Set([...waits, ...n.endWaits, ...n.amountWaits, ...n.startWaits, ...haunt])].sort();
}

/** In doubt, and possibly suspended: a suspended norm does not expire, so whether its last day ended it is unknown. */
function mayBeSuspended(n: NormState): boolean {
  return n.status === 'indeterminate' && n.maybe.includes('suspended');
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
  exercisedOnly = false,
): boolean {
  const e = env(ctx, s);
  for (let index = 0; index < n.norm.ends.length; index++) {
    const end = n.norm.ends[index]!;
    if (end.type.t !== 'bool' || (exercisedOnly && end.kind !== 'exercised')) continue;
    const v = evalExpr(e, end);
    if (truth(v) === true) {
      // An exercise ends the norm whether or not it had started (see settle): where its start is in doubt, it has
      // ended today in every world, though it may never have been in force.
      const startInDoubt = end.kind === 'exercised' && n.startWaits.length > 0;
      if (startInDoubt) n.startWaits = [];
      setStatus(n, 'terminated', day, { kind: 'end-condition', index }, end.kind === 'exercised' ? 'power' : 'condition');
      n.untilDate = atStart || startInDoubt ? null : addDays(day, -1);
      for (const ev of eventsBehind(e, end, { day: atStart ? null : day, followDefinitions: true }))
        if (!n.events.includes(ev)) n.events.push(ev);
      endUndatedInstances(n, day);
      return true;
    }
    if (isDoubt(v)) unknown.push(...v.waitsFor);
  }
  return false;
}

/** What the end of the previous day brought a norm (a last day, a deadline passed, a delay run out), and its start. */
/**
 * In doubt, and already expired where it is (its last day passed): not expired again on whichever later day the fold
 * visits, so that its status, and since when, do not depend on unrelated events.
 */
function expiredInDoubt(n: NormState): boolean {
  return n.status === 'indeterminate' && n.cause.kind === 'end-date' && n.cause.date === n.untilDate;
}

export function fireTimers(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate): void {
  const rules = rulesOf(n);
  rules.due(ctx, s, n, day);
  if (n.dropped || isFinal(n)) return;
  if (!n.started) {
    if (n.startDate && n.startDate <= day) {
      tryStart(ctx, s, n, day, { kind: 'start', date: n.startDate });
      // Started by its date: settled at once (suspended from its first day, say), so that a clause that reads it
      // before the end of the day (a clause an event of the day concerns) never sees it in force for a moment.
      if (n.started) settle(ctx, s, n, day);
    } else if (n.untilDate !== null && n.untilDate < day) setStatus(n, 'expired', day, { kind: 'end-date', date: n.untilDate });
    return;
  }
  if (n.untilDate !== null && n.untilDate < day && n.status !== 'suspended' && !expiredInDoubt(n)) {
    if (mayBeSuspended(n)) haunt(n, day, ['expired'], n.waitsFor);
    else expire(n, day, n.untilDate);
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
      const exercisedWaits: string[] = [];
      if (n.untilDate !== null && n.untilDate < day) setStatus(n, 'expired', day, { kind: 'end-date', date: n.untilDate });
      // Never started, and the power whose exercise ends it was exercised: it ends without having been in force (a
      // right "until the agreement is terminated by mutual consent" never arises once it is).
      else if (endCondition(ctx, s, n, day, true, exercisedWaits, true)) return;
      // The power whose exercise ends it may have been exercised: it may have ended without having been in force.
      else if (exercisedWaits.length > 0) mayHaveEnded(n, 'terminated', exercisedWaits, day);
      // Not started, and its last day is undisclosed: it may already have expired.
      else if (n.endWaits.length > 0 && (n.endLo === null || n.endLo < day) && n.status !== 'indeterminate')
        mayHaveEnded(n, 'expired', [], day);
      return;
    }
    // Started today: settled today like any norm in force (an end that depends on undisclosed terms, a suspension),
    // not on whichever day the fold happens to visit next.
    if (isFinal(n)) return;
  }
  refreshTerms(ctx, s, n);
  if (n.untilDate !== null && n.untilDate < day && n.status !== 'suspended' && !mayBeSuspended(n) && !expiredInDoubt(n)) {
    // A last day that a definition moved into the past: the norm ends now, not retroactively.
    const last = addDays(day, -1);
    expire(n, day, last);
    n.untilDate = last;
    return;
  }
  // An undisclosed last day: certainly passed once its latest possible day has, possibly once its earliest has.
  if (n.endWaits.length > 0 && n.endHi !== null && n.endHi < day && n.status !== 'suspended' && !mayBeSuspended(n)) {
    expire(n, day, n.endHi);
    n.sinceKnown = false;
    return;
  }
  const endedMaybe = n.endWaits.length > 0 && (n.endLo === null || n.endLo < day);
  const unknownEnds: string[] = endedMaybe ? [...n.endWaits] : [];
  const datedDoubts = unknownEnds.length;
  // Its undisclosed last day may have passed before today: where it did, it has expired, whatever ends it today.
  if (endedMaybe && n.status !== 'indeterminate' && ELSE_STATUSES.includes(n.status)) {
    n.base = n.status;
    n.maybe = [n.status, 'expired'];
    n.status = 'indeterminate';
    n.since = day;
    n.indeterminateBy = 'force';
  } else if (endedMaybe && n.status === 'indeterminate' && !n.maybe.includes('expired')) n.maybe = [...n.maybe, 'expired' as const].sort();
  if (endCondition(ctx, s, n, day, false, unknownEnds)) return;
  // Suspended while `suspended while` holds, and while what its kind adds holds (an obligation's `when` does not).
  const e = env(ctx, s);
  const pauses: Val[] = [];
  if (n.norm.suspendedWhile) pauses.push(evalExpr(e, n.norm.suspendedWhile));
  pauses.push(...rules.pauses(e, n));
  const paused = pauses.some((p) => truth(p) === true);
  const pauseWaits = paused ? [] : pauses.flatMap((p) => (isDoubt(p) ? p.waitsFor : []));
  const maybePaused = !paused && pauses.some(isDoubt);
  startKnown(ctx, s, n, day);
  // Whether it is in force depends on undisclosed terms: its start, an end, a suspension. Then it is indeterminate,
  // among the status it has if in force and those it has if not, until they are known.
  const doubts = [...unknownEnds, ...n.startWaits, ...pauseWaits];
  if ((doubts.length > 0 || maybePaused) && n.status !== 'indeterminate' && ELSE_STATUSES.includes(n.status)) {
    n.base = paused && rules.suspendable(n) ? 'suspended' : n.status;
    n.maybe = [n.base];
    n.status = 'indeterminate';
    n.since = day;
    n.indeterminateBy = 'force';
  }
  if (n.status === 'indeterminate') {
    // What each possible world brings today: an end, a start not yet made, a suspension begun or ended.
    const others: NormStatus[] = [];
    if (endedMaybe) others.push('expired');
    if (unknownEnds.length > datedDoubts) others.push('terminated');
    if (n.startWaits.length > 0) others.push('pending');
    // Where it is in force (or suspended), a suspension begins or ends as for any norm.
    const swap = (x: NormStatus): NormStatus[] =>
      maybePaused && x === 'suspended'
        ? ['suspended', rules.startStatus]
        : maybePaused && rules.suspendable({ ...n, status: x })
          ? ['suspended', x]
          : paused && rules.suspendable({ ...n, status: x })
            ? ['suspended']
            : !paused && !maybePaused && pauses.length > 0 && x === 'suspended'
              ? [rules.startStatus]
              : [x];
    // Its status in force follows a suspension known to begin or end (a breached prohibition is suspended too).
    if (n.base && paused && rules.suspendable({ ...n, status: n.base })) n.base = 'suspended';
    else if (n.base === 'suspended' && !paused && !maybePaused && pauses.length > 0) n.base = rules.startStatus;
    n.maybe = [...new Set([...n.maybe.flatMap(swap), ...others])].sort();
    if (doubts.length > 0) n.waitsFor = [...new Set([...n.waitsFor, ...doubts])].sort();
    // Known again to be in force (or suspended), and no act in doubt since: its status in force.
    if (doubts.length === 0 && !maybePaused && n.indeterminateBy === 'force') setStatus(n, n.base ?? rules.startStatus, day, n.cause);
  } else if (paused && rules.suspendable(n)) setStatus(n, 'suspended', day, { kind: 'suspension' });
  else if (pauses.length > 0 && !paused && !maybePaused && n.status === 'suspended') {
    setStatus(n, rules.startStatus, day, { kind: 'suspension' });
    // Its last day passed while it was suspended: it expires as it resumes, not on whichever day the fold visits next.
    if (n.untilDate !== null && n.untilDate < day) {
      expire(n, day, n.untilDate);
      return;
    }
  }
  rules.settled(ctx, s, n, day);
}

/** The norms an event concerns (its act or its trigger), brought up to date before it applies. */
export function concerns(n: NormState, e: LedgerEvent): boolean {
  return n.norm.verb === e.type || (n.norm.trigger?.events.includes(e.type) ?? false);
}
