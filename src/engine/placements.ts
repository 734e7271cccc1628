/**
 * Events the ledger knows only to a period (`"date": "2021"`): the ways they may have happened that can change an
 * answer. Each event may have happened on any day of its period (or not yet, when the period runs past the date
 * asked). The state as of a date is evaluated for each placement that can differ, and what they agree on is definite
 * (`merge-states.ts`).
 *
 * Which days can differ: the fold's behaviour changes with an event's day only where that day crosses something
 * dated: a date the agreement names (a term's day, a period's ends, a bound of an undisclosed date, a version's
 * effective day), another event's day, the date asked, or one of those moved by a duration the agreement names (a
 * deadline `within 30 days` of the event, a window `within 30 days` before a date). Between two such crossings every
 * day gives the same answers, so the days tried are the crossings and their neighbours (a few days on each side
 * for months and years, which clamp at a month's end), the period's ends, and, on a day with other events, each place
 * among them. A period short enough is tried day by day. The soundness property
 * (tests/soundness-*.test.ts) draws the event's day at random in its period and holds every definite answer to it.
 */
import type { HolidayCalendar } from '../values/holidays.js';
import type { Expr, Version } from '../check/ir.js';
import { CONSENT_EVENTS } from '../check/ir.js';
import { normExprs, subExprs } from '../check/walk.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { DurationValue, IsoDate } from '../values/dates.js';
import { addDays, addDuration, daysBetween } from '../values/dates.js';

/** At most this many placements are evaluated; past it, the answers that could differ are all left in doubt. */
export const MAX_PLACEMENTS = 256;

/**
 * Where one imprecise event is placed: on `day` (`null`: after the date asked, so not yet), and where among that
 * day's events (`seq`: events order by date, then by sequence).
 */
export interface Spot {
  readonly day: IsoDate | null;
  readonly seq: number;
}

export interface Placement {
  /** The ledger with each imprecise event on one of its possible days. */
  readonly events: LedgerEvent[];
  /** Event id → where it was placed. */
  readonly spots: ReadonlyMap<string, Spot>;
}

export interface Placements {
  /** The events known only to a period that may have happened by the date asked. */
  readonly imprecise: readonly LedgerEvent[];
  readonly placements: readonly Placement[];
  /** True when there were more than MAX_PLACEMENTS: the placements are a sample, not every behaviour. */
  readonly sampled: boolean;
}

interface Marks {
  readonly dates: Set<IsoDate>;
  readonly durations: Map<string, DurationValue>;
  /** The holiday calendars of the versions (business days move differently under each), and none. */
  readonly calendars: Set<HolidayCalendar | null>;
}

function collect(e: Expr | null | undefined, m: Marks): void {
  if (!e) return;
  const add = (v: { k: string; v: unknown } | null): void => {
    if (!v) return;
    if (v.k === 'date') m.dates.add(v.v as IsoDate);
    else if (v.k === 'period') {
      const p = v.v as { start: IsoDate; end: IsoDate };
      m.dates.add(p.start);
      m.dates.add(p.end);
    } else if (v.k === 'duration') {
      const d = v.v as DurationValue;
      m.durations.set(`${d.amount} ${d.unit}`, d);
    }
  };
  if (e.kind === 'lit') add(e.value);
  else if (e.kind === 'undisclosed' && e.bounds) {
    add(e.bounds.lo);
    add(e.bounds.hi);
  } else if (e.kind === 'agg') {
    if (e.agg.from) m.dates.add(e.agg.from);
    if (e.agg.to) m.dates.add(e.agg.to);
  }
  for (const x of subExprs(e)) collect(x, m);
}

/** The dates and durations the versions name. */
function marksOf(timeline: readonly Version[]): Marks {
  const m: Marks = { dates: new Set(), durations: new Map(), calendars: new Set([null]) };
  for (const v of timeline) {
    m.dates.add(v.effective);
    m.calendars.add(v.holidays);
    for (const d of v.definitions.values()) collect(d.expr, m);
    for (const n of v.norms.values()) for (const e of normExprs(n)) collect(e, m);
    for (const t of v.events.values()) collect(t.constraint ?? null, m);
  }
  return m;
}

function shifted(date: IsoDate, d: DurationValue, sign: 1 | -1, cal: HolidayCalendar | null): IsoDate | null {
  try {
    return addDuration(date, d, sign, cal);
  } catch {
    return null;
  }
}

/** Event types the versions read: an event of another type changes no answer, whatever its day. */
function typesRead(timeline: readonly Version[]): Set<string> {
  const out = new Set<string>();
  const visit = (e: Expr | null | undefined): void => {
    if (!e) return;
    if (e.kind === 'agg') out.add(e.agg.event);
    // The events that elect an extension of a date.
    else if (e.kind === 'extended') for (const x of e.extensions) if (x.event) out.add(x.event);
    for (const x of subExprs(e)) visit(x);
  };
  for (const v of timeline) {
    for (const d of v.definitions.values()) visit(d.expr);
    for (const n of v.norms.values()) {
      out.add(n.verb);
      if (n.trigger) for (const t of n.trigger.events) out.add(t);
      if (n.kind === 'consent') for (const c of CONSENT_EVENTS) out.add(c);
      for (const e of normExprs(n)) visit(e);
    }
  }
  return out;
}

/** Adds to `out` the days within `reach` of `day` that fall in `from`…`to`. */
function near(out: Set<IsoDate>, day: IsoDate | null, reach: number, from: IsoDate, to: IsoDate): void {
  if (day === null) return;
  for (let i = -reach; i <= reach; i++) {
    const x = addDays(day, i);
    if (x >= from && x <= to) out.add(x);
  }
}

/** The days near `c` and near `c` moved by each duration the agreement names, within `from`…`to`. */
function crossings(out: Set<IsoDate>, c: IsoDate, marks: Marks, from: IsoDate, to: IsoDate): void {
  // A day more than 3 days outside the range has no neighbour in it.
  const lo = shifted(from, { amount: 3, unit: 'days' }, -1, null) ?? from;
  const hi = shifted(to, { amount: 3, unit: 'days' }, 1, null) ?? to;
  const around = (day: IsoDate | null, reach: number): void => {
    if (day !== null && day >= lo && day <= hi) near(out, day, reach, from, to);
  };
  around(c, 1);
  for (const d of marks.durations.values()) {
    const reach = d.unit === 'months' || d.unit === 'years' ? 3 : 1;
    for (const cal of d.unit === 'business days' ? marks.calendars : [null]) {
      around(shifted(c, d, -1, cal), reach);
      around(shifted(c, d, 1, cal), reach);
    }
  }
}

/** Every day of `from`…`to`. */
function allDays(from: IsoDate, to: IsoDate): IsoDate[] {
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i));
}

/**
 * The days `e` may have happened on, up to `asOf`, that can give different answers (and `null`: not yet). `fixed` is
 * what does not depend on the date asked: the days of the whole period near the landmarks of the ledger and versions.
 */
function daysOf(e: LedgerEvent, asOf: IsoDate, marks: Marks, fixed: readonly IsoDate[]): (IsoDate | null)[] {
  const p = e.period!;
  const last = p.to < asOf ? p.to : asOf;
  const tail: (IsoDate | null)[] = p.to > asOf ? [null] : [];
  const span = daysBetween(p.from, last) + 1;
  // A short period is tried day by day.
  if (span <= 31) return [...allDays(p.from, last), ...tail];
  const out = new Set<IsoDate>([p.from, last]);
  for (const d of fixed) if (d <= last) out.add(d);
  // The date asked and the day after are landmarks too.
  crossings(out, asOf, marks, p.from, last);
  crossings(out, addDays(asOf, 1), marks, p.from, last);
  if (out.size >= span) return [...allDays(p.from, last), ...tail];
  return [...[...out].sort(), ...tail];
}

/**
 * The placements of the events known only to a period that may have happened by the date asked: what does not depend
 * on that date (the event types read, the dates and durations named, each period's days near them) is computed once,
 * so that an evaluator asked many dates pays for it once.
 */
export function placer(timeline: readonly Version[], events: readonly LedgerEvent[]): (asOf: IsoDate) => Placements {
  const read = typesRead(timeline);
  const candidates = events.filter((e) => e.period && read.has(e.type));
  if (candidates.length === 0) return () => ({ imprecise: [], placements: [], sampled: false });
  const marks = marksOf(timeline);
  const landmarks = new Set<IsoDate>(marks.dates);
  const busy = new Map<IsoDate, number[]>();
  for (const e of events) {
    if (e.period) {
      landmarks.add(e.period.from);
      landmarks.add(e.period.to);
    } else {
      landmarks.add(e.date);
      busy.set(e.date, [...(busy.get(e.date) ?? []), e.seq]);
    }
  }
  for (const seqs of busy.values()) seqs.sort((a, b) => a - b);
  const fixed = new Map<string, IsoDate[]>();
  for (const e of candidates) {
    const out = new Set<IsoDate>();
    for (const c of landmarks) crossings(out, c, marks, e.period!.from, e.period!.to);
    fixed.set(e.id, [...out]);
  }
  return (asOf) => placementsAt(events, candidates, asOf, marks, fixed, busy);
}

/**
 * The placements of the events known only to a period that may have happened by `asOf` (empty when there are none:
 * the ledger is evaluated as it is).
 */
export function placementsOf(timeline: readonly Version[], events: readonly LedgerEvent[], asOf: IsoDate): Placements {
  return placer(timeline, events)(asOf);
}

function placementsAt(
  events: readonly LedgerEvent[],
  candidates: readonly LedgerEvent[],
  asOf: IsoDate,
  marks: Marks,
  fixed: ReadonlyMap<string, readonly IsoDate[]>,
  busy: ReadonlyMap<IsoDate, readonly number[]>,
): Placements {
  const imprecise = candidates.filter((e) => e.period!.from <= asOf);
  if (imprecise.length === 0) return { imprecise, placements: [], sampled: false };
  const spotsOf = (e: LedgerEvent, j: number): Spot[] => {
    const others = imprecise.filter((o) => o !== e);
    return daysOf(e, asOf, marks, fixed.get(e.id)!).flatMap((day): Spot[] => {
      if (day === null) return [{ day, seq: e.seq }];
      const seqs = busy.get(day) ?? [];
      const shared = others.some((o) => o.period!.from <= day && day <= o.period!.to);
      if (seqs.length === 0 && !shared) return [{ day, seq: e.seq }];
      // Its place among the day's events is unknown too: every gap between them, and in each gap before or after
      // the other imprecise events that may share it (`j` keeps them apart).
      const edges = seqs.length === 0 ? [e.seq - 1, e.seq + 1] : [seqs[0]! - 1, ...seqs, seqs[seqs.length - 1]! + 1];
      const out: Spot[] = [];
      for (let g = 0; g + 1 < edges.length; g++) {
        out.push({ day, seq: edges[g]! + 0.25 + j * 1e-4 });
        if (shared) out.push({ day, seq: edges[g + 1]! - 0.25 - j * 1e-4 });
      }
      return out;
    });
  };
  const choices = imprecise.map((e, j) => spotsOf(e, j));
  const total = choices.reduce((n, c) => n * c.length, 1);
  const sampled = total > MAX_PLACEMENTS;
  // Past the limit, each event keeps a spread of its spots (the period's ends always among them).
  const kept = sampled ? choices.map((c) => spread(c, Math.max(2, Math.floor(MAX_PLACEMENTS ** (1 / choices.length))))) : choices;
  const placements: Placement[] = [];
  const ids = new Set(imprecise.map((e) => e.id));
  const walk = (i: number, spots: Map<string, Spot>): void => {
    if (i === imprecise.length) {
      placements.push({ events: events.map((e) => (ids.has(e.id) ? placed(e, spots.get(e.id)!, asOf) : e)), spots: new Map(spots) });
      return;
    }
    for (const s of kept[i]!) {
      spots.set(imprecise[i]!.id, s);
      walk(i + 1, spots);
    }
  };
  walk(0, new Map());
  return { imprecise, placements, sampled };
}

function spread<T>(xs: readonly T[], n: number): T[] {
  if (xs.length <= n) return [...xs];
  return Array.from({ length: n }, (_, i) => xs[Math.round((i * (xs.length - 1)) / (n - 1))]!);
}

/**
 * The event on its spot; when not yet, on the last day of its period (after the date asked: such a spot exists only
 * when the period runs past it), so that the placement is the same whatever the date asked, and an evaluator can
 * answer several dates from it.
 */
function placed(e: LedgerEvent, s: Spot, asOf: IsoDate): LedgerEvent {
  return { ...e, date: s.day ?? (e.period && e.period.to > asOf ? e.period.to : addDays(asOf, 1)), seq: s.seq };
}
