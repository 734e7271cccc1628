/**
 * The fold's memo caches, each keyed so that it can never be stale: the evaluation environments of a state (dropped
 * by `changed(s)` whenever what definitions read changes), the day after a date, a due date after a duration, and
 * whether an expression reads event fields.
 */
import type { HolidayCalendar } from '../values/holidays.js';
import type { Expr, Version } from '../check/ir.js';
import { subExprs } from '../check/walk.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { DurationValue, IsoDate } from '../values/dates.js';
import { addDays, addDuration } from '../values/dates.js';
import { accountValue } from './accounts.js';
import type { Env } from './expr.js';
import type { FoldContext, FoldState } from './fold-state.js';
import { governing } from './fold-state.js';

/**
 * The environment without a subject event, and the one whose subject is the event being applied, kept per state
 * while what definitions read stays the same (aggregates, exercised powers, the governing version): the norms
 * settled on one day, or matched against one event, share one, and its cache of definition values. `changed(s)`
 * drops them whenever one of these changes.
 */
const baseEnvs = new WeakMap<FoldState, { base: Env | null; subject: LedgerEvent | null; subjectEnv: Env | null }>();

export function changed(s: FoldState): void {
  baseEnvs.delete(s);
}

/** A new environment over the fold state (its aggregates, exercised powers), with an empty cache of definitions. */
export function freshEnv(
  ctx: FoldContext,
  s: FoldState,
  version: Version,
  subject: LedgerEvent | null = null,
  trigger: LedgerEvent | null = null,
): Env {
  const en: Env = {
    version,
    currency: ctx.currency,
    aggregates: s.aggregates,
    exercised: s.exercised,
    maybeExercised: s.maybeExercised,
    norms: s.norms,
    cache: new Map(),
    subject,
    trigger,
    met: s.met,
    extended: s.extended,
    account: (sum, party, to) => accountValue(en, s.norms.values(), sum, party, to),
  };
  return en;
}

export function env(ctx: FoldContext, s: FoldState, subject: LedgerEvent | null = null, trigger: LedgerEvent | null = null): Env {
  // Kept: the environment without a subject, and the one whose subject is the event being applied.
  let kept = null;
  if (trigger === null) {
    kept = baseEnvs.get(s);
    if (!kept) {
      kept = { base: null, subject: null, subjectEnv: null };
      baseEnvs.set(s, kept);
    }
    if (subject === null && kept.base) return kept.base;
    if (subject !== null && kept.subject === subject && kept.subjectEnv) return kept.subjectEnv;
  }
  const en = freshEnv(ctx, s, governing(ctx, s) ?? ctx.timeline[0]!, subject, trigger);
  if (kept && subject === null) kept.base = en;
  else if (kept) {
    kept.subject = subject;
    kept.subjectEnv = en;
  }
  return en;
}

/** `addDays(d, 1)`, the fold's most frequent date arithmetic, with a cache keyed by the date alone. */
const dayAfterCache = new Map<IsoDate, IsoDate>();
export function dayAfter(d: IsoDate): IsoDate {
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
export function durationAfter(date: IsoDate, d: DurationValue, cal: HolidayCalendar | null = null): IsoDate {
  // Business days depend on the holidays: not cached by the literal alone.
  if (cal && d.unit === 'business days') return addDuration(date, d, 1, cal);
  let byDate = durationCache.get(d);
  if (!byDate) {
    byDate = new Map();
    durationCache.set(d, byDate);
  }
  let due = byDate.get(date);
  if (due === undefined) {
    if (byDate.size >= 100_000) byDate.clear();
    due = addDuration(date, d);
    byDate.set(date, due);
  }
  return due;
}

const readsFieldsCache = new WeakMap<Expr, boolean>();

/** Whether an expression reads event fields (cached: the terms of a norm are re-read on every day the fold visits). */
export function readsFields(x: Expr): boolean {
  let r = readsFieldsCache.get(x);
  if (r === undefined) {
    r = x.kind === 'field' || subExprs(x).some(readsFields);
    readsFieldsCache.set(x, r);
  }
  return r;
}
