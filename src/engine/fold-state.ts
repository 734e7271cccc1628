/**
 * The fold's data: its context (the versions that govern, the sorted events, the aggregates to keep) and its state
 * (the day reached, each norm's lifecycle, the accumulators, violations). Plain data, cloned for checkpoints.
 */
import type { Aggregate, Expr, Version } from '../check/ir.js';
import type { Val } from './val.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { IsoDate } from '../values/dates.js';
import type { Accumulator } from './aggregates.js';
import { cloneAccumulator, newAccumulator } from './aggregates.js';
import type { NormState } from './norm-state.js';
import { cloneNormState } from './norm-state.js';

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

/** An act a prohibition forbids and another clause allows or asks for, neither overriding the other. */
export interface Conflict {
  readonly event: LedgerEvent;
  readonly prohibition: string;
  /** The other clause: a permission (`rule-conflict`), or a power or obligation the act performs (`act-conflict`). */
  readonly clause: string;
  readonly permits: boolean;
}

/** One extension the fold met: applied (`to` the new date), or kept out because its condition held (`to` null). */
export interface ExtensionStep {
  readonly index: number;
  readonly from: IsoDate;
  readonly to: IsoDate | null;
  /** The day it was judged: the day after `from` (automatic), or the event's day (elective). */
  readonly day: IsoDate;
  readonly event: LedgerEvent | null;
  /** Its condition was in doubt: the date is unknown from then on. */
  readonly doubt?: true;
}

/** A definition's date in force and the extensions met so far (replaced, never changed: checkpoints share it). */
export interface ExtendedState {
  readonly expr: Expr & { kind: 'extended' };
  readonly value: Val;
  readonly used: readonly boolean[];
  readonly steps: readonly ExtensionStep[];
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
  /** Powers that may have been exercised (an act while their force or condition was unknown), with the date. */
  maybeExercised: Map<string, IsoDate>;
  violations: Violation[];
  conflicts: Conflict[];
  /** The day each definition member of a list of conditions became true and has stayed so (engine/conditions.ts). */
  met: Map<string, IsoDate>;
  /** Dates with extensions, by definition: the date in force and the extensions met (engine/extensions.ts). */
  extended: Map<string, ExtendedState>;
}

export function initialState(ctx: FoldContext): FoldState {
  const aggregates = new Map<string, Accumulator>();
  for (const [key, a] of ctx.aggregates) aggregates.set(key, newAccumulator(a.agg, a.version));
  return {
    day: null,
    versionIndex: -1,
    eventIndex: 0,
    norms: new Map(),
    aggregates,
    exercised: new Map(),
    maybeExercised: new Map(),
    violations: [],
    conflicts: [],
    met: new Map(),
    extended: new Map(),
  };
}

export function cloneState(s: FoldState): FoldState {
  const aggregates = new Map<string, Accumulator>();
  for (const [k, a] of s.aggregates) aggregates.set(k, cloneAccumulator(a));
  const norms = new Map<string, NormState>();
  for (const [k, n] of s.norms) norms.set(k, cloneNormState(n));
  return {
    ...s,
    norms,
    aggregates,
    exercised: new Map(s.exercised),
    maybeExercised: new Map(s.maybeExercised),
    violations: [...s.violations],
    conflicts: [...s.conflicts],
    met: new Map(s.met),
    extended: new Map(s.extended),
  };
}

export function governing(ctx: FoldContext, s: FoldState): Version | null {
  return ctx.timeline[s.versionIndex] ?? null;
}

/** Records a violation of a norm on a date (by an event, of an instance, for a reason). */
export function violate(
  s: FoldState,
  n: NormState,
  kind: ViolationKind,
  date: IsoDate,
  event: LedgerEvent | null,
  instance: number | null = null,
  reason: string | null = null,
): void {
  s.violations.push({ kind, norm: n.id, version: n.norm.meta.version, date, event, instance, reason });
}
