/**
 * Obligations (`must`): a one-off obligation is performed by its deadline or violated; a recurring one (`for each`)
 * creates an instance per trigger, each with its amount (capped by `capped at`) and its due date (`within`, `by`),
 * and each instance is performed, violated or indeterminate on its own. Instances outlive their clause: an amount
 * accrued stays owed. Performance is shared among open obligations by allocation.ts. An obligation with a `when`
 * condition is suspended while it does not hold.
 */
import type { LedgerEvent } from '../../ledger/event.js';
import type { IsoDate } from '../../values/dates.js';
import { Decimal } from '../../values/decimal.js';
import { performObligations } from '../allocation.js';
import { evalExpr } from '../expr.js';
import type { FoldContext, FoldState } from '../fold-state.js';
import { violate } from '../fold-state.js';
import { firstActive } from '../instance-index.js';
import { durationAfter, env } from '../memo.js';
import type { Instance, NormState } from '../norm-state.js';
import { ENDS, live, setStatus } from '../norm-state.js';
import type { Val } from '../val.js';
import { isUnknown, truth } from '../val.js';
import type { NormRules } from './rules.js';
import { finalIn, DEFAULT_RULES } from './rules.js';
import { waitsMessages } from '../why.js';

const isFinal = finalIn([...ENDS, 'refused', 'lapsed', 'violated']);

const inForce = (n: NormState): boolean => live(n) && !isFinal(n);

/** An obligation without `for each`: one deadline, one performance. */
function oneOff(n: NormState): boolean {
  return !n.norm.trigger;
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
  violate(s, n, 'missed-deadline', day, null);
}

/** Instances whose due date has passed: violated from `day`, or indeterminate when their amount is undisclosed. */
function overdueInstances(s: FoldState, n: NormState, day: IsoDate): void {
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
      violate(s, n, 'missed-deadline', day, i.trigger, i.n);
    }
  }
}

function performedInFull(ctx: FoldContext, s: FoldState, n: NormState): boolean {
  const amount = n.norm.amount ? evalExpr(env(ctx, s), n.norm.amount) : null;
  if (!amount || isUnknown(amount)) return false;
  const due = amount.k === 'money' ? amount.v.amount : amount.k === 'number' ? amount.v : null;
  return due !== null && n.performed.gte(due);
}

/** A trigger of a recurring obligation in force: a new instance, its amount (within the cap) and its due date. */
function trigger(ctx: FoldContext, s: FoldState, n: NormState, e: LedgerEvent): void {
  if (!inForce(n)) return;
  const norm = n.norm;
  if (norm.trigger?.where && truth(evalExpr(env(ctx, s, e, e), norm.trigger.where)) !== true) return;
  if (norm.when && truth(evalExpr(env(ctx, s, null, e), norm.when)) !== true) return;
  const en = env(ctx, s, null, e);
  let amount: Val | null = norm.amount ? evalExpr(en, norm.amount) : null;
  if (amount && norm.cap) {
    const cap = evalExpr(en, norm.cap);
    if (isUnknown(cap))
      amount = { k: 'unknown', waitsFor: [...new Set([...(isUnknown(amount) ? amount.waitsFor : []), ...cap.waitsFor])].sort() };
    else if (amount.k === 'money' && cap.k === 'money' && amount.v.currency !== cap.v.currency) {
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
  let due: IsoDate | null = null;
  if (norm.within) {
    const d = evalExpr(en, norm.within);
    if (d.k === 'duration') due = durationAfter(e.date, d.v);
  } else if (norm.by) {
    const d = evalExpr(en, norm.by);
    if (d.k === 'date') due = d.v;
  }
  // Nothing is due once a cap is reached: the instance is recorded, already fulfilled.
  const nothingDue =
    amount !== null && (amount.k === 'money' || amount.k === 'number') && (amount.k === 'money' ? amount.v.amount : amount.v).isZero();
  const inst: Instance = {
    n: n.instances.length + 1,
    trigger: e,
    due,
    amount,
    performed: new Decimal(0),
    status: nothingDue ? 'fulfilled' : 'active',
    since: e.date,
    events: [],
  };
  n.instances.push(inst);
  if (inst.status === 'active' && due !== null && due < e.date) {
    // Due before it arose (`for each report by 2024-06-30`, reported later): overdue from the start.
    inst.status = amount && isUnknown(amount) ? 'indeterminate' : 'violated';
    if (inst.status === 'violated') violate(s, n, 'missed-deadline', e.date, e, inst.n);
  }
}

/** The next deadline: a one-off obligation's own while in force, else the earliest due date of its active instances. */
function nextDeadline(n: NormState): IsoDate | null {
  if (oneOff(n)) return n.status === 'active' || n.status === 'suspended' ? n.deadline : null;
  let best: IsoDate | null = null;
  for (const i of n.instances) if (i.status === 'active' && i.due && (best === null || i.due < best)) best = i.due;
  return best;
}

export const obligation: NormRules = {
  ...DEFAULT_RULES,
  isFinal,
  // Suspended while its `when` condition does not hold.
  pauses(e, n) {
    if (!n.norm.when) return [];
    const w = truth(evalExpr(e, n.norm.when));
    return [w === null ? null : !w];
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
    }
    lastDay(earliest);
    if (n.deadline && oneOff(n) && (n.status === 'active' || (n.status === 'indeterminate' && n.indeterminateBy === 'end')))
      lastDay(n.deadline);
  },
  due(ctx, s, n, day) {
    overdueInstances(s, n, day);
    // A deadline before the last day: a clause in force through its deadline is breached, not merely expired.
    overdue(ctx, s, n, day);
  },
  settled: overdue,
  restarted(ctx, s, n, day, cause) {
    if (oneOff(n) && n.status === 'active' && performedInFull(ctx, s, n)) setStatus(n, 'fulfilled', day, cause);
  },
  performed: performObligations,
  act(ctx, s, n, e) {
    // Performance is allocated among all obligations at once (`performed`); an event here may trigger an instance.
    if (n.norm.trigger?.event === e.type) trigger(ctx, s, n, e);
  },
  json(n) {
    const next = nextDeadline(n);
    return { ...(n.deadline && oneOff(n) ? { deadline: n.deadline } : {}), ...(next ? { nextDeadline: next } : {}) };
  },
};
