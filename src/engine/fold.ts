/**
 * The engine: a fold over the ledger, one day at a time. Each day: timers fire (starts, dated ends, deadlines,
 * consent delays), the version effective that day starts to govern, the day's events apply in ledger order, then
 * conditions are evaluated (a condition met by an event takes effect on that event's day). The fold visits only the
 * days on which something happens. What a day does to a norm is in lifecycle.ts and, by kind, in norms/.
 */
import type { Version } from '../check/ir.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { IsoDate } from '../values/dates.js';
import { DateRangeError, MAX_DATE } from '../values/dates.js';
import { accumulate, inWindow } from './aggregates.js';
import { evalExpr } from './expr.js';
import type { FoldContext, FoldState } from './fold-state.js';
import { governing } from './fold-state.js';
import { concerns, fireTimers, settle } from './lifecycle.js';
import type { NormState } from './norm-state.js';
import { changed, dayAfter, freshEnv } from './memo.js';
import { isFinal, KINDS, rulesOf } from './norms/index.js';
import { guarded } from './stall.js';
import { outsideCalendar, TRUE, unknown } from './val.js';
import { applyVersion } from './versions.js';
import { outcomeRefs } from '../check/deps.js';
import { normExprs } from '../check/walk.js';
import { trackConditions } from './conditions.js';
import { electiveExtension, extendPassedDates, extensionTimers } from './extensions.js';

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

/** The next day after the last one processed on which a timer fires: a version's effective date, a start, a last day passed. */
function nextTimer(ctx: FoldContext, s: FoldState): IsoDate | null {
  const today = s.day;
  let best: IsoDate | null = null;
  const consider = (d: IsoDate | null): void => {
    if (d !== null && (today === null || d > today) && (best === null || d < best)) best = d;
  };
  // Most timers fire the day after a date (a last day, a deadline, a due date): keep the earliest such date and add
  // the day once (d + 1 day > s.day exactly when d >= s.day), rather than doing date arithmetic for every candidate.
  let lastDay: IsoDate | null = null;
  const considerDayAfter = (d: IsoDate | null): void => {
    if (d !== null && (today === null || d >= today) && (lastDay === null || d < lastDay)) lastDay = d;
  };
  consider(ctx.timeline[s.versionIndex + 1]?.effective ?? null);
  for (const n of s.norms.values()) {
    guarded(n, today ?? ctx.timeline[0]?.effective ?? MAX_DATE, () => rulesOf(n).timers(ctx, s, n, considerDayAfter));
    if (n.dropped || isFinal(n)) continue;
    if (!n.started) {
      if (n.startDate) consider(n.startDate);
      considerDayAfter(n.untilDate);
      if (n.endWaits.length > 0) considerDayAfter(n.endLo);
      continue;
    }
    if (n.untilDate && n.status !== 'suspended') considerDayAfter(n.untilDate);
    // An undisclosed last day: the fold looks again once it may have passed, and once it certainly has.
    if (n.endWaits.length > 0) {
      considerDayAfter(n.endLo);
      considerDayAfter(n.endHi);
    }
  }
  extensionTimers(ctx, s, considerDayAfter);
  // Nothing happens after 9999-12-31, the last day of the calendar.
  const last = lastDay as IsoDate | null;
  if (last !== null && last < MAX_DATE) consider(dayAfter(last));
  return best;
}

function processDay(ctx: FoldContext, s: FoldState, day: IsoDate): void {
  // 0. A date in force that passed yesterday or before: its automatic extensions, judged on the state of that date.
  extendPassedDates(ctx, s, day);
  // 1. Timers: what the end of the previous day brought (a last day, a deadline passed, a delay run out), and starts.
  for (const n of s.norms.values()) guarded(n, day, () => fireTimers(ctx, s, n, day));
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
  // 4. Conditions, for every norm. Where a clause reads another's outcome (`c is violated`), again until nothing
  // changes: the checker rules out cycles (`cyclic-outcome`), so each pass settles at least one more link of a chain.
  // The day each condition of a list was met is kept up to date before each pass, and once more after.
  for (let pass = 0; pass <= s.norms.size; pass++) {
    if (pass === 0) trackConditions(ctx, s, day);
    const before = pass > 0 || readsOutcomes(ctx) ? outcomes(s) : null;
    for (const n of s.norms.values()) guarded(n, day, () => settle(ctx, s, n, day));
    if ((before === null || before === outcomes(s)) && !trackConditions(ctx, s, day)) break;
  }
  s.day = day;
}

const outcomeReaders = new WeakMap<FoldContext, boolean>();
const versionReadsOutcomes = new WeakMap<Version, boolean>();

/** Whether a clause of the timeline reads another's outcome (`c is S`, `in force c`, `date c became S`). */
function readsOutcomes(ctx: FoldContext): boolean {
  let r = outcomeReaders.get(ctx);
  if (r === undefined) {
    // Kept by version too: every evaluator of a family (one per placement, per scenario) has its own context.
    r = ctx.timeline.some((v) => {
      let reads = versionReadsOutcomes.get(v);
      if (reads === undefined) {
        reads = [...v.norms.values()].some((n) => normExprs(n).some((e) => outcomeRefs(e, v.definitions).size > 0));
        versionReadsOutcomes.set(v, reads);
      }
      return reads;
    });
    outcomeReaders.set(ctx, r);
  }
  return r;
}

/** What the norms came to, as one string to compare before and after a pass. */
function outcomes(s: FoldState): string {
  let out = '';
  for (const n of s.norms.values())
    out += `${n.id} ${n.status} ${n.since} ${n.sinceKnown} ${n.started} ${n.maybe.join(',')} ${n.performed};`;
  return out;
}

/** The accumulators of the aggregates over the event's type: a definition read later today sees today's events. */
function accumulateEvent(ctx: FoldContext, s: FoldState, e: LedgerEvent): void {
  const keys = ctx.aggregatesByType.get(e.type);
  if (!keys) return;
  changed(s);
  for (const key of keys) {
    const acc = s.aggregates.get(key)!;
    if (!inWindow(acc.agg, e.date)) continue;
    // The filter reads the definitions of the version governing at the event (the aggregate's own before any governs).
    const version = governing(ctx, s) ?? acc.version;
    const en = freshEnv(ctx, s, version, e);
    const member = acc.agg.where ? evalExpr(en, acc.agg.where) : TRUE;
    accumulate(acc, e, member);
    // A running definition: its new value from its value before the event (unknown once a date leaves the calendar).
    if (acc.agg.step && acc.agg.init) {
      try {
        const prev = acc.running ?? evalExpr(en, acc.agg.init);
        acc.before = { event: e, value: prev };
        acc.running = evalExpr({ ...en, prev }, acc.agg.step);
      } catch (x) {
        if (!(x instanceof DateRangeError)) throw x;
        acc.running = unknown([outsideCalendar(x)]);
      }
    }
  }
  changed(s);
}

function applyEvent(ctx: FoldContext, s: FoldState, e: LedgerEvent, day: IsoDate): void {
  // The norms this event concerns are brought up to date first, with what happened before it: a condition met by an
  // earlier event of the day is in effect, and the event itself is judged by the state before it (an exercise that
  // makes its power's own end condition true is an exercise, not an act out of force).
  for (const n of s.norms.values()) if (concerns(n, e)) guarded(n, day, () => settle(ctx, s, n, day));
  // An election to extend a date, judged before the event counts (its condition as it stood).
  electiveExtension(ctx, s, e);
  accumulateEvent(ctx, s, e);
  trackConditions(ctx, s, day);
  for (const kind of KINDS) kind.recorded(ctx, s, e);
  for (const kind of KINDS) kind.performed(ctx, s, e);
  // Acts first, then the instances the event triggers: an obligation `for each E when exercised P` sees the exercise of
  // P by this very event (a fee owed on a termination), once settled again after it.
  const triggered: NormState[] = [];
  for (const n of s.norms.values()) {
    if (n.dropped || !concerns(n, e)) continue;
    if (n.norm.trigger?.event === e.type) triggered.push(n);
    else guarded(n, day, () => rulesOf(n).act(ctx, s, n, e));
  }
  for (const n of triggered) {
    guarded(n, day, () => settle(ctx, s, n, day));
    guarded(n, day, () => rulesOf(n).act(ctx, s, n, e));
  }
}
