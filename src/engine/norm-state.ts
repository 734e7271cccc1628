/** The lifecycle state of one norm (and of its instances) during the fold. Mutable inside the fold; cloned for checkpoints. */
import type { Norm } from '../check/ir.js';
import type { IsoDate } from '../values/dates.js';
import { Decimal } from '../values/decimal.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { Val } from './val.js';

export type NormStatus =
  | 'pending'
  | 'active'
  | 'suspended'
  | 'fulfilled'
  | 'violated'
  | 'expired'
  | 'terminated'
  | 'indeterminate'
  | 'exercised'
  | 'requested'
  | 'given'
  | 'refused'
  | 'lapsed';

export type EndedBy = 'condition' | 'power' | 'deadline' | 'superseded';

export interface Instance {
  readonly n: number;
  readonly trigger: LedgerEvent;
  readonly due: IsoDate | null;
  readonly amount: Val | null;
  performed: Decimal;
  status: 'active' | 'fulfilled' | 'violated' | 'indeterminate' | 'terminated';
  since: IsoDate;
  events: LedgerEvent[];
}

/** Why the norm's current status holds: what started it and what ended it. */
export type Cause =
  | { readonly kind: 'version'; readonly version: string }
  | { readonly kind: 'start'; readonly date: IsoDate }
  | { readonly kind: 'start-condition' }
  | { readonly kind: 'end-date'; readonly date: IsoDate }
  | { readonly kind: 'end-condition'; readonly index: number }
  | { readonly kind: 'superseded'; readonly version: string }
  | { readonly kind: 'deadline'; readonly date: IsoDate }
  | { readonly kind: 'event'; readonly event: LedgerEvent }
  | { readonly kind: 'lapse'; readonly date: IsoDate; readonly deemed: boolean }
  | { readonly kind: 'suspension' };

export interface NormState {
  readonly id: string;
  norm: Norm;
  status: NormStatus;
  since: IsoDate;
  endedBy: EndedBy | null;
  cause: Cause;
  /** The first day of the continuous run of governing versions that contain the norm. */
  presentSince: IsoDate;
  startDate: IsoDate | null;
  /** Known last day in force (from a dated end), or null. */
  untilDate: IsoDate | null;
  deadline: IsoDate | null;
  /** Undisclosed terms the status, end or deadline waits for. */
  waitsFor: string[];
  /** Undisclosed amounts an act of performance could not be measured against. */
  amountWaits: string[];
  /** Undisclosed terms of its dated ends (`until undisclosed date`). */
  endWaits: string[];
  /** Why the status is `indeterminate`: an end that depends on undisclosed terms (it may become known), or an amount. */
  indeterminateBy: 'end' | 'amount' | null;
  /** Consent events recorded before the clause started, applied when it starts. */
  early: LedgerEvent[];
  performed: Decimal;
  /** Sum of instance amounts so far (for `capped at`). */
  instanced: Decimal;
  requestedAt: IsoDate | null;
  /** Events behind the status (performance, breach, request, answer, exercise, the event that met a condition). */
  events: LedgerEvent[];
  instances: Instance[];
  dropped: boolean;
  /**
   * A date the norm needed fell outside the years 0001–9999 (what it waits for, `outsideCalendar`): it stays
   * `indeterminate` and the fold leaves it alone, while the other norms go on (reported as `date-range`).
   */
  stalled: string | null;
  /** True once the norm has started (a consent then waits, `pending`, for a request). */
  started: boolean;
  /** Uses of a permission (count). */
  uses: number;
}

export function newNormState(norm: Norm, day: IsoDate, version: string): NormState {
  return {
    id: norm.id,
    norm,
    status: 'pending',
    since: day,
    endedBy: null,
    cause: { kind: 'version', version },
    presentSince: day,
    startDate: null,
    untilDate: null,
    deadline: null,
    waitsFor: [],
    amountWaits: [],
    endWaits: [],
    indeterminateBy: null,
    early: [],
    performed: new Decimal(0),
    instanced: new Decimal(0),
    requestedAt: null,
    events: [],
    instances: [],
    dropped: false,
    stalled: null,
    started: false,
    uses: 0,
  };
}

/**
 * A copy for a checkpoint. Fulfilled and terminated instances never change again, so the copy shares them: the
 * memory of checkpoints grows with the instances still open, not with every instance ever created.
 */
export function cloneNormState(s: NormState): NormState {
  return {
    ...s,
    waitsFor: [...s.waitsFor],
    amountWaits: [...s.amountWaits],
    endWaits: [...s.endWaits],
    early: [...s.early],
    events: [...s.events],
    instances: s.instances.map((i) => (i.status === 'fulfilled' || i.status === 'terminated' ? i : { ...i, events: [...i.events] })),
  };
}

/** Sets a norm's status, since a date, with its cause (and, for an end, what ended it). */
export function setStatus(n: NormState, status: NormStatus, since: IsoDate, cause: Cause, endedBy: EndedBy | null = null): void {
  n.status = status;
  n.since = since;
  n.cause = cause;
  n.endedBy = endedBy;
  if (status !== 'indeterminate') n.indeterminateBy = null;
}

/** Instances without a due date end with their clause; those with one stay due (an amount accrued stays owed). */
export function endUndatedInstances(n: NormState, day: IsoDate): void {
  for (const i of n.instances) {
    if (i.status === 'active' && !i.due) {
      i.status = 'terminated';
      i.since = day;
    }
  }
}

/** The statuses that end a norm of any kind: nothing changes it any more. Each kind adds its own (norms/). */
export const ENDS: readonly NormStatus[] = ['fulfilled', 'expired', 'terminated', 'exercised', 'given'];

/** Started, still in the governing version and not suspended: in force unless its status is final for its kind. */
export function live(n: NormState): boolean {
  return !n.dropped && n.stalled === null && n.started && n.status !== 'suspended';
}
