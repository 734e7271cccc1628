/**
 * Obligations (`must`): a one-off obligation is performed by its deadline or violated; a recurring one (`for each`)
 * creates an instance per trigger, each with its amount (capped by `capped at`) and its due date (`within`, `by`),
 * and each instance is performed, violated or indeterminate on its own. Instances outlive their clause: an amount
 * accrued stays owed. Performance is shared among open obligations by allocation.ts. An obligation with a `when`
 * condition is suspended while it does not hold.
 */
import type { LedgerEvent } from '../../ledger/event.js';
import type { IsoDate } from '../../values/dates.js';
import { addDays } from '../../values/dates.js';
import { Decimal } from '../../values/decimal.js';
import { performObligations } from '../allocation.js';
import { evalExpr } from '../expr.js';
import type { FoldContext, FoldState } from '../fold-state.js';
import { violate } from '../fold-state.js';
import { firstActive } from '../instance-index.js';
import { durationAfter, env } from '../memo.js';
import type { Instance, NormState } from '../norm-state.js';
import { ENDS, forceUnknown, haunt, live, setStatus } from '../norm-state.js';
import type { Value } from '../../check/ir.js';
import type { Val } from '../val.js';
import { covers, dueFigure, isDoubt, isUnknown, not, truth } from '../val.js';
import type { NormRules } from './rules.js';
import { finalIn, DEFAULT_RULES } from './rules.js';
import { waitsMessages } from '../why.js';

const isFinal = finalIn([...ENDS, 'refused', 'lapsed', 'violated']);

const inForce = (n: NormState): boolean => live(n) && !isFinal(n);

/**
 * Whether the norm's version keeps the public record (`record: public`): there, a deadline passed with nothing
 * reported makes an obligation `unreported`, not violated: absence of a report is not proof of a breach.
 */
function publicRecord(ctx: FoldContext, n: NormState): boolean {
  return ctx.timeline.some((v) => v.id === n.norm.meta.version && v.record === 'public');
}

/** A deadline missed, as far as the ledger shows: violated, or, on the public record, unreported. */
function missed(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate, deadline: IsoDate): void {
  if (publicRecord(ctx, n)) {
    setStatus(n, 'unreported', day, { kind: 'deadline', date: deadline });
    n.maybe = ['fulfilled', 'violated'];
    return;
  }
  setStatus(n, 'violated', day, { kind: 'deadline', date: deadline });
  violate(s, n, 'missed-deadline', day, null);
}

/** An obligation without `for each`: one deadline, one performance. */
function oneOff(n: NormState): boolean {
  return !n.norm.trigger;
}

/** A one-off obligation in force whose deadline has passed is violated from `day` (or indeterminate on an undisclosed amount). */
function overdue(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate): void {
  if (!oneOff(n) || !n.started || n.dropped) return;
  const paidInPart = n.status === 'indeterminate' && n.indeterminateBy === 'amount';
  if (!n.deadline && n.norm.by && (n.status === 'active' || forceUnknown(n) || paidInPart)) {
    // An undisclosed deadline: certainly passed once its latest possible day has, possibly once its earliest has.
    const d = evalExpr(env(ctx, s), n.norm.by);
    if (!isDoubt(d)) return;
    const lo = d.bounds?.lo?.k === 'date' ? d.bounds.lo.v : null;
    const hi = d.bounds?.hi?.k === 'date' ? d.bounds.hi.v : null;
    if (hi !== null && hi < day && paidInPart) {
      // Paid perhaps in full: where it was not, the deadline has now been missed.
      n.maybe = [...new Set(n.maybe.map((x) => (x === 'active' ? 'violated' : x)))].sort();
    } else if (hi !== null && hi < day && n.status === 'active' && !performedInFull(ctx, s, n)) {
      missed(ctx, s, n, day, hi);
      n.sinceKnown = false;
    } else if ((lo === null || lo < day) && !n.maybe.includes('violated')) haunt(n, day, ['violated'], d.waitsFor);
    return;
  }
  if (!n.deadline || n.deadline >= day) return;
  const deadline = n.deadline;
  if (forceUnknown(n)) {
    // In force or not, it is not known: if it is, the deadline has been missed.
    if (!n.maybe.includes('violated')) haunt(n, day, ['violated'], n.waitsFor);
    return;
  }
  // Active, or paid but perhaps not in full (an undisclosed amount): the deadline decides.
  const partly = n.status === 'indeterminate' && n.indeterminateBy === 'amount' && !n.maybe.includes('violated');
  if (n.status !== 'active' && !partly) return;
  const amount = n.norm.amount ? evalExpr(env(ctx, s), n.norm.amount) : null;
  if (amount && isUnknown(amount) && covers(n.performed, amount) === null) {
    // Whether an undisclosed amount was paid in full cannot be known.
    // Where it was active, the deadline has now been missed; where fulfilled or suspended, it stays so.
    const before = partly ? n.maybe : ['fulfilled' as const, 'active' as const];
    setStatus(n, 'indeterminate', day, { kind: 'deadline', date: deadline });
    n.maybe = [...new Set(before.map((x) => (x === 'active' ? 'violated' : x)))].sort();
    n.indeterminateBy = 'amount';
    n.amountWaits = [...new Set([...n.amountWaits, ...amount.waitsFor])].sort();
    n.waitsFor = [...new Set([...n.waitsFor, ...amount.waitsFor])].sort();
    return;
  }
  const cureEnd = cureUntil(ctx, s, n, deadline);
  if (cureEnd !== null && day <= cureEnd) {
    n.cureUntil = cureEnd;
    return;
  }
  missed(ctx, s, n, day, deadline);
}

/** The last day a missed deadline may be cured (`cure within D` after it), or null without a cure period. */
function cureUntil(ctx: FoldContext, s: FoldState, n: NormState, deadline: IsoDate): IsoDate | null {
  if (!n.norm.cure) return null;
  const en = env(ctx, s);
  const d = evalExpr(en, n.norm.cure);
  return d.k === 'duration' ? durationAfter(deadline, d.v, en.version.holidays) : null;
}

/**
 * Instances whose due date has passed: violated from `day` (unreported on the public record), or indeterminate when
 * their amount is undisclosed.
 */
function overdueInstances(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate): void {
  const is = n.instances;
  // Read once an instance is overdue (this runs for every obligation on every day the fold visits).
  const unreported = (): boolean => publicRecord(ctx, n);
  for (let k = firstActive(n); k < is.length; k++) {
    const i = is[k]!;
    if (i.status === 'active' && !i.due && i.dueWaits) {
      // An undisclosed due date: certainly passed (violated), or possibly (indeterminate).
      if (i.dueHi && i.dueHi < day) {
        i.status = unreported() ? 'unreported' : 'violated';
        i.since = day;
        if (i.status === 'violated') violate(s, n, 'missed-deadline', day, i.trigger, i.n);
      } else if (i.dueLo === null || i.dueLo === undefined || i.dueLo < day) {
        i.status = 'indeterminate';
        i.since = day;
      }
      continue;
    }
    if (i.status === 'active' && i.due && i.due < day) {
      const cureEnd = cureUntil(ctx, s, n, i.due);
      if (cureEnd !== null && day <= cureEnd) {
        i.cureUntil = cureEnd;
        continue;
      }
      i.since = day;
      // Whether an amount that is undisclosed was paid in full cannot be known: the instance is indeterminate.
      if (i.amount && isUnknown(i.amount) && covers(i.performed, i.amount) === null) {
        i.status = 'indeterminate';
        continue;
      }
      i.status = unreported() ? 'unreported' : 'violated';
      if (i.status === 'violated') violate(s, n, 'missed-deadline', day, i.trigger, i.n);
    }
  }
}

/**
 * On the public record, a performance reported after a deadline that passed unreported shows that the deadline was
 * missed: the obligation (or instance) is violated from the day after its deadline.
 */
function reportedLate(ctx: FoldContext, s: FoldState, e: LedgerEvent): void {
  // A party's own record (the common case, and the long ledgers): nothing is ever unreported.
  if (!ctx.timeline.some((v) => v.record === 'public')) {
    performObligations(ctx, s, e);
    return;
  }
  const before: { n: NormState; i: Instance | null; count: number }[] = [];
  for (const n of s.norms.values()) {
    if (n.norm.kind !== 'obligation' || n.norm.verb !== e.type) continue;
    if (n.status === 'unreported') before.push({ n, i: null, count: n.events.length });
    for (const i of n.instances) if (i.status === 'unreported') before.push({ n, i, count: i.events.length });
  }
  performObligations(ctx, s, e);
  for (const { n, i, count } of before) {
    if ((i ?? n).events.length === count) continue;
    const due = i ? i.due : n.cause.kind === 'deadline' ? n.cause.date : null;
    const day = due ? addDays(due, 1) : e.date;
    if (i) {
      i.status = 'violated';
      i.since = day;
    } else {
      setStatus(n, 'violated', day, n.cause);
      n.maybe = [];
      n.waitsFor = [];
    }
    violate(s, n, 'missed-deadline', day, i ? i.trigger : null, i ? i.n : null);
  }
}

function performedInFull(ctx: FoldContext, s: FoldState, n: NormState): boolean {
  const amount = n.norm.amount ? evalExpr(env(ctx, s), n.norm.amount) : null;
  if (!amount || isUnknown(amount)) return false;
  const due = dueFigure(amount);
  return due !== null && n.performed.gte(due);
}

/** A trigger of a recurring obligation in force: a new instance, its amount (within the cap) and its due date. */
function trigger(ctx: FoldContext, s: FoldState, n: NormState, e: LedgerEvent): void {
  if (!inForce(n)) return;
  const norm = n.norm;
  // An instance that may not exist: its clause may not be in force, its filter or condition is unknown.
  const doubt: string[] = forceUnknown(n) ? [...n.waitsFor] : [];
  for (const [c, en] of [
    [norm.trigger?.where, env(ctx, s, e, e)],
    [norm.when, env(ctx, s, null, e)],
  ] as const) {
    if (!c) continue;
    const v = evalExpr(en, c);
    // No event yet to decide it (`latest x.flag` before any x): not met.
    if (truth(v) === false || (isUnknown(v) && !isDoubt(v))) return;
    if (isUnknown(v)) doubt.push(...v.waitsFor);
  }
  const en = env(ctx, s, null, e);
  let amount: Val | null = norm.amount ? evalExpr(en, norm.amount) : null;
  // What the cap leaves depends on earlier instances that may not exist: unknown. (Scanned only when one ever was in
  // doubt: a scan per trigger made a long capped ledger quadratic.)
  const capDoubt = norm.cap && n.instancesInDoubt ? n.instances.flatMap((i) => i.doubt ?? []) : [];
  if (amount && norm.cap && capDoubt.length > 0)
    amount = { k: 'unknown', waitsFor: [...new Set([...(isUnknown(amount) ? amount.waitsFor : []), ...capDoubt])].sort() };
  else if (amount && norm.cap) {
    const cap = evalExpr(en, norm.cap);
    if (isUnknown(cap))
      amount = { k: 'unknown', waitsFor: [...new Set([...(isUnknown(amount) ? amount.waitsFor : []), ...cap.waitsFor])].sort() };
    else if ((isUnknown(amount) || n.unknownAmounts) && cap.k === 'money') {
      // What the cap leaves depends on amounts not known (this one's or earlier ones'): between nothing and the cap.
      const earlier = n.instances.flatMap((i) => (i.amount && isUnknown(i.amount) ? i.amount.waitsFor : []));
      amount = {
        k: 'unknown',
        waitsFor: [...new Set([...(isUnknown(amount) ? amount.waitsFor : []), ...earlier])].sort(),
        bounds: { lo: { k: 'money', v: { currency: cap.v.currency, amount: new Decimal(0) } }, loOpen: false, hi: cap, hiOpen: false },
      };
    } else if (amount.k === 'money' && cap.k === 'money' && amount.v.currency !== cap.v.currency) {
      amount = {
        k: 'unknown',
        waitsFor: [waitsMessages.format('en', 'exchange-rate', { currencies: [amount.v.currency, cap.v.currency].sort().join(', ') })],
      };
    } else if (amount.k === 'money' && cap.k === 'money') {
      const room = Decimal.max(0, cap.v.amount.minus(n.instanced));
      const a = Decimal.min(room, amount.v.amount);
      amount = { k: 'money', v: { currency: amount.v.currency, amount: a } };
    }
  }
  if (amount?.k === 'money') n.instanced = n.instanced.plus(amount.v.amount);
  if (amount && isUnknown(amount)) n.unknownAmounts = true;
  let due: IsoDate | null = null;
  // An undisclosed due date: between its earliest and latest possible days (null: unbounded).
  let dueDoubt: { dueLo: IsoDate | null; dueHi: IsoDate | null; dueWaits: readonly string[] } | null = null;
  if (norm.within) {
    const d = evalExpr(en, norm.within);
    if (d.k === 'duration') due = durationAfter(e.date, d.v, en.version.holidays);
    else if (isDoubt(d)) {
      const after = (x: Value | null | undefined): IsoDate | null =>
        x?.k === 'duration' ? durationAfter(e.date, x.v, en.version.holidays) : null;
      dueDoubt = { dueLo: after(d.bounds?.lo) ?? e.date, dueHi: after(d.bounds?.hi), dueWaits: d.waitsFor };
    }
  } else if (norm.by) {
    const d = evalExpr(en, norm.by);
    if (d.k === 'date') due = d.v;
    else if (isDoubt(d)) {
      const date = (x: Value | null | undefined): IsoDate | null => (x?.k === 'date' ? x.v : null);
      dueDoubt = { dueLo: date(d.bounds?.lo), dueHi: date(d.bounds?.hi), dueWaits: d.waitsFor };
    }
  }
  // Nothing is due once a cap is reached: the instance is recorded, already fulfilled.
  const nothingDue = dueFigure(amount)?.isZero() === true;
  const inst: Instance = {
    n: n.instances.length + 1,
    trigger: e,
    due,
    amount,
    performed: new Decimal(0),
    status: nothingDue ? 'fulfilled' : 'active',
    since: e.date,
    events: [],
    doubt: doubt.length > 0 || (forceUnknown(n) && doubt.length === 0) ? [...new Set(doubt)].sort() : null,
    ...dueDoubt,
  };
  if (dueDoubt || inst.doubt) n.instancesInDoubt = true;
  // An instance that may not exist, or whose amount may be nothing (what a cap leaves after amounts not known).
  if (inst.doubt || (amount && isUnknown(amount) && covers(new Decimal(0), amount) !== false)) inst.status = 'indeterminate';
  n.instances.push(inst);
  if (inst.status === 'active' && due !== null && due < e.date) {
    // Due before it arose (`for each report by 2024-06-30`, reported later): overdue from the start.
    inst.status = amount && isUnknown(amount) ? 'indeterminate' : 'violated';
    if (inst.status === 'violated' && publicRecord(ctx, n)) inst.status = 'unreported';
    if (inst.status === 'violated') violate(s, n, 'missed-deadline', e.date, e, inst.n);
  }
}

/** The next deadline: a one-off obligation's own while in force, else the earliest due date of its active instances. */
function nextDeadline(n: NormState): IsoDate | null {
  if (oneOff(n)) return n.status === 'active' || n.status === 'suspended' ? (n.cureUntil ?? n.deadline) : null;
  let best: IsoDate | null = null;
  for (const i of n.instances) {
    const due = i.cureUntil ?? i.due;
    if (i.status === 'active' && due && (best === null || due < best)) best = due;
  }
  return best;
}

export const obligation: NormRules = {
  ...DEFAULT_RULES,
  isFinal,
  // Suspended while its `when` condition does not hold.
  pauses(e, n) {
    return n.norm.when ? [not(evalExpr(e, n.norm.when))] : [];
  },
  // A one-off obligation violated under the old text may be performed by a later deadline under the new one.
  reopens: (n) => n.status === 'violated' && oneOff(n),
  timers(_ctx, s, n, lastDay) {
    // Instances outlive their clause (an amount accrued stays due): their due dates count whatever the clause's status.
    // (Inlined: this loop runs for every open instance on every day the fold visits.)
    const is = n.instances;
    const today = s.day;
    let earliest: IsoDate | null = null;
    for (let k = firstActive(n); k < is.length; k++) {
      const i = is[k]!;
      const due = i.due;
      if (i.status === 'active' && due && (today === null || due >= today) && (earliest === null || due < earliest)) earliest = due;
      const cure = i.status === 'active' ? i.cureUntil : undefined;
      if (cure && (today === null || cure >= today) && (earliest === null || cure < earliest)) earliest = cure;
      const lo = i.status === 'active' && !due ? i.dueLo : null;
      if (lo && (today === null || lo >= today) && (earliest === null || lo < earliest)) earliest = lo;
    }
    lastDay(earliest);
    if (oneOff(n) && (n.status === 'active' || forceUnknown(n) || (n.status === 'indeterminate' && n.indeterminateBy === 'amount'))) {
      if (n.deadline) lastDay(n.deadline);
      if (n.cureUntil) lastDay(n.cureUntil);
      else if (n.deadlineBounds) {
        // An undisclosed deadline: looked at again once it may have passed, and once it certainly has.
        lastDay(n.deadlineBounds.lo?.k === 'date' ? n.deadlineBounds.lo.v : null);
        lastDay(n.deadlineBounds.hi?.k === 'date' ? n.deadlineBounds.hi.v : null);
      }
    }
  },
  due(ctx, s, n, day) {
    overdueInstances(ctx, s, n, day);
    // A deadline before the last day: a clause in force through its deadline is breached, not merely expired.
    overdue(ctx, s, n, day);
  },
  settled: overdue,
  restarted(ctx, s, n, day, cause) {
    if (oneOff(n) && n.status === 'active' && performedInFull(ctx, s, n)) setStatus(n, 'fulfilled', day, cause);
  },
  performed: reportedLate,
  act(ctx, s, n, e) {
    // Performance is allocated among all obligations at once (`performed`); an event here may trigger an instance.
    if (n.norm.trigger?.events.includes(e.type)) trigger(ctx, s, n, e);
  },
  json(n) {
    const next = nextDeadline(n);
    return { ...(n.deadline && oneOff(n) ? { deadline: n.deadline } : {}), ...(next ? { nextDeadline: next } : {}) };
  },
};
