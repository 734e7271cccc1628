/**
 * Dates with extensions (`define outside_date = 2025-12-31 extended by 3 months unless all regulatory met`): the date
 * in force moves as the fold meets each extension, once each. An automatic one (no `on`) is judged on the day after
 * the date in force, with the state of that date: it applies unless its condition held then. An elective one
 * (`on EVENT`) applies on an event of that type recorded on or before the date in force, unless its condition holds at
 * the event. A condition in doubt leaves the date unknown from then on (at least the date in force).
 */
import type { Expr, Version } from '../check/ir.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { IsoDate } from '../values/dates.js';
import type { Env } from './expr.js';
import { evalExpr } from './expr.js';
import type { ExtendedState, FoldContext, FoldState } from './fold-state.js';
import { governing } from './fold-state.js';
import { changed, env } from './memo.js';
import type { Val } from './val.js';
import { arith, outsideCalendar, unknown } from './val.js';
import { DateRangeError } from '../values/dates.js';

import { definitionsOfKind } from './list-values.js';

export type ExtendedExpr = Expr & { kind: 'extended' };
export type { ExtendedState, ExtensionStep } from './fold-state.js';

export function extendedOf(version: Version): readonly ExtendedExpr[] {
  return definitionsOfKind(version, 'extended');
}

function current(ctx: FoldContext, s: FoldState, e: ExtendedExpr): ExtendedState {
  const st = s.extended.get(e.owner);
  if (st && st.expr === e) return st;
  return { expr: e, value: evalExpr(env(ctx, s), e.init), used: e.extensions.map(() => false), steps: [] };
}

/** `from + by`, unknown when it leaves the calendar. */
function later(from: IsoDate, by: Val, en: Env): Val {
  try {
    return arith('+', { k: 'date', v: from }, by, en.version.holidays);
  } catch (x) {
    if (!(x instanceof DateRangeError)) throw x;
    return unknown([outsideCalendar(x)]);
  }
}

/** Judges extension `i` of `st` (its date in force `from`) on `day`: applied, kept out, or in doubt. */
function judge(en: Env, st: ExtendedState, i: number, from: IsoDate, day: IsoDate, event: LedgerEvent | null): ExtendedState | null {
  const x = st.expr.extensions[i]!;
  const plain = { ...en, subject: null, trigger: null };
  const held = x.unless ? evalExpr(plain, x.unless) : ({ k: 'bool', v: false } as Val);
  const used = st.used.map((u, j) => u || j === i);
  if (held.k === 'bool' && held.v) {
    // An elective extension whose condition holds is no extension: the event is not one, and the right stays.
    if (event) return null;
    return { ...st, used, steps: [...st.steps, { index: i, from, to: null, day, event }] };
  }
  const to = held.k === 'bool' ? later(from, evalExpr(plain, x.by), en) : held;
  if (to.k === 'date') return { ...st, value: to, used, steps: [...st.steps, { index: i, from, to: to.v, day, event }] };
  const waits = to.k === 'unknown' ? to.waitsFor : [st.expr.owner];
  return {
    ...st,
    value: { k: 'unknown', waitsFor: waits, bounds: { lo: { k: 'date', v: from }, loOpen: false, hi: null, hiOpen: false } },
    used: used.map(() => true),
    steps: [...st.steps, { index: i, from, to: null, day, event, doubt: true }],
  };
}

/** At the start of a day the fold visits: the automatic extensions of a date in force that passed before it. */
export function extendPassedDates(ctx: FoldContext, s: FoldState, day: IsoDate): void {
  const version = governing(ctx, s);
  if (!version) return;
  for (const e of extendedOf(version)) {
    let st = current(ctx, s, e);
    const before = st;
    for (;;) {
      const from = st.value.k === 'date' ? st.value.v : null;
      const i = e.extensions.findIndex((x, j) => x.event === null && !st.used[j]);
      if (from === null || from >= day || i < 0) break;
      st = judge(env(ctx, s), st, i, from, day, null) ?? st;
    }
    if (st !== before) {
      s.extended.set(e.owner, st);
      changed(s);
    }
  }
}

/** An event that may extend a date (`on EVENT`), recorded on or before the date in force. */
export function electiveExtension(ctx: FoldContext, s: FoldState, ev: LedgerEvent): void {
  const version = governing(ctx, s);
  if (!version) return;
  for (const e of extendedOf(version)) {
    const st = current(ctx, s, e);
    const from = st.value.k === 'date' ? st.value.v : null;
    const i = e.extensions.findIndex((x, j) => x.event === ev.type && !st.used[j]);
    if (from === null || i < 0 || ev.date > from) continue;
    const next = judge(env(ctx, s), st, i, from, ev.date, ev);
    if (next) {
      s.extended.set(e.owner, next);
      changed(s);
    }
  }
}

/** The fold visits the day after a date in force that an automatic extension is still to judge. */
export function extensionTimers(ctx: FoldContext, s: FoldState, considerDayAfter: (d: IsoDate) => void): void {
  const version = governing(ctx, s);
  if (!version) return;
  for (const e of extendedOf(version)) {
    const st = current(ctx, s, e);
    if (st.value.k === 'date' && e.extensions.some((x, j) => x.event === null && !st.used[j])) considerDayAfter(st.value.v);
  }
}
