/** The lifecycle state of one norm (and of its instances) during the fold. Mutable inside the fold; cloned for checkpoints. */
import type { Bounds, Norm } from '../check/ir.js';
import type { IsoDate } from '../values/dates.js';
import { Decimal } from '../values/decimal.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { Val } from './val.js';

/**
 * Every status a norm may have (docs/state.md). `unreported`: an obligation of a public-record family whose deadline
 * passed with no performance reported.
 */
export const NORM_STATUSES = [
  'pending',
  'active',
  'suspended',
  'fulfilled',
  'violated',
  'expired',
  'terminated',
  'indeterminate',
  'unreported',
  'exercised',
  'requested',
  'given',
  'refused',
  'lapsed',
] as const;

export type NormStatus = (typeof NORM_STATUSES)[number];

export type EndedBy = 'condition' | 'power' | 'deadline' | 'superseded';

export interface Instance {
  readonly n: number;
  readonly trigger: LedgerEvent;
  readonly due: IsoDate | null;
  readonly amount: Val | null;
  performed: Decimal;
  status: 'active' | 'fulfilled' | 'violated' | 'indeterminate' | 'terminated' | 'unreported';
  since: IsoDate;
  events: LedgerEvent[];
  /**
   * Set when the instance may not exist (its clause's force, its filter or condition unknown), or an event may or
   * may not have performed it: what that waits for. It stays indeterminate.
   */
  doubt: readonly string[] | null;
  /** An undisclosed due date (`within undisclosed duration`): its earliest and latest possible days, and its terms. */
  readonly dueLo?: IsoDate | null;
  readonly dueHi?: IsoDate | null;
  readonly dueWaits?: readonly string[];
  /** `cure within D`: its due date passed without full performance; it may still be cured until this day. */
  cureUntil?: IsoDate;
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
  /** What is known of those ends: the earliest day one could be (null: any), and the earliest day one certainly is by. */
  endLo: IsoDate | null;
  endHi: IsoDate | null;
  /** What is known of an undisclosed deadline (`by undisclosed date after …`). */
  deadlineBounds: Bounds | null;
  /**
   * Why the status is `indeterminate`: whether it is in force depends on undisclosed terms (`force`: its start, an end
   * or a suspension; it may become known), an undisclosed amount (`amount`), or an act that may have changed it
   * (`act`: a possible exercise, a possible breach, a deadline passed while in doubt; see `haunt`).
   */
  indeterminateBy: 'force' | 'amount' | 'act' | null;
  /** While `indeterminate`: the other statuses it could have (`possibleStatuses`). */
  maybe: NormStatus[];
  /**
   * What a doubtful act left behind: the statuses it may have brought (`exercised`, `violated`) and the terms it waits
   * for. Once set, the norm's status stays indeterminate, whatever comes next, among those statuses and the next one.
   */
  haunt: { readonly statuses: readonly NormStatus[]; readonly waits: readonly string[] } | null;
  /** Undisclosed terms its start waits for, while it may or may not have started. */
  startWaits: string[];
  /**
   * False when the day its status began is not known (it was among its possible statuses while in doubt, or its
   * start is in doubt): `since` is then one day it may have begun.
   */
  sinceKnown: boolean;
  /** `cure within D`: the deadline passed without full performance; it may still be cured until this day. */
  cureUntil: IsoDate | null;
  /** Whether an instance was created with an amount that is not known (allocation then takes its general path). */
  unknownAmounts: boolean;
  /**
   * Whether an instance was ever in doubt (its due date not known, its existence or a payment to it uncertain):
   * allocation then takes its general path. A flag, so the fast path need not scan the instances.
   */
  instancesInDoubt: boolean;
  /** An event may or may not have performed it (allocation.ts `inDoubt`): what it was paid is not known. */
  paymentDoubt: boolean;
  /** While whether it is in force is unknown: its status if it is. */
  base: NormStatus | null;
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
    endLo: null,
    endHi: null,
    deadlineBounds: null,
    indeterminateBy: null,
    maybe: [],
    haunt: null,
    startWaits: [],
    base: null,
    paymentDoubt: false,
    unknownAmounts: false,
    instancesInDoubt: false,
    sinceKnown: true,
    cureUntil: null,
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
    maybe: [...s.maybe],
    startWaits: [...s.startWaits],
    early: [...s.early],
    events: [...s.events],
    instances: s.instances.map((i) => (i.status === 'fulfilled' || i.status === 'terminated' ? i : { ...i, events: [...i.events] })),
  };
}

/** Sets a norm's status, since a date, with its cause (and, for an end, what ended it). */
export function setStatus(n: NormState, status: NormStatus, since: IsoDate, cause: Cause, endedBy: EndedBy | null = null): void {
  // A status that it may already have had while in doubt: it began on `since` at the latest.
  // A status reached while its start is in doubt: when it began depends on when it started.
  n.sinceKnown =
    n.startWaits.length === 0 &&
    !(n.status === 'indeterminate' && status !== 'indeterminate' && n.maybe.includes(status)) &&
    (n.sinceKnown || status !== n.status);
  if (n.startWaits.length > 0 && status !== 'indeterminate' && status !== 'pending') {
    // Whether it has started is not known: it may still be pending, or have expired before it could start.
    const dated = n.norm.ends.some((e) => e.type.t === 'date' || e.type.t === 'unknown');
    n.base = status;
    n.maybe = uniq([
      ...(n.status === 'indeterminate' ? n.maybe : []),
      status,
      'pending',
      ...(dated ? (['expired'] as const) : []),
      ...(n.haunt?.statuses ?? []),
    ]);
    n.status = 'indeterminate';
    n.indeterminateBy = n.haunt ? 'act' : 'force';
    n.since = since;
    n.cause = cause;
    n.endedBy = endedBy;
    return;
  }
  // (A breached prohibition still binds: its `violated` is not an end.)
  const ended =
    n.status === 'indeterminate'
      ? n.maybe.filter((x) => x !== status && ENDED.has(x) && !(x === 'violated' && n.norm.kind === 'prohibition'))
      : [];
  if (ended.length > 0 && status !== 'indeterminate') {
    // In some of the worlds it was in, it had already ended: it stays there.
    n.maybe = uniq([status, ...ended]);
    n.since = since;
    n.cause = cause;
    n.endedBy = endedBy;
    return;
  }
  if (n.haunt && status !== 'indeterminate') {
    // A doubtful act happened before: the norm may have the status it brought rather than this one.
    n.maybe = uniq([status, ...n.haunt.statuses]);
    n.waitsFor = uniq([...n.waitsFor, ...n.haunt.waits]);
    n.status = 'indeterminate';
    n.indeterminateBy = 'act';
    n.since = since;
    n.cause = cause;
    n.endedBy = endedBy;
    return;
  }
  n.status = status;
  n.since = since;
  n.cause = cause;
  n.endedBy = endedBy;
  if (status !== 'indeterminate') {
    n.indeterminateBy = null;
    n.maybe = [];
  }
}

/** Statuses that no later event undoes, whatever the kind (but a prohibition's `violated`: see setStatus). */
const ENDED: ReadonlySet<NormStatus> = new Set([
  'fulfilled',
  'expired',
  'terminated',
  'exercised',
  'given',
  'refused',
  'lapsed',
  'violated',
]);

function uniq<T extends string>(xs: readonly T[]): T[] {
  return [...new Set(xs)].sort();
}

/**
 * The norm may or may not have changed: an act or a deadline whose effect depends on undisclosed terms (`waits`).
 * It is indeterminate from `day`, among the statuses it could have had (`statuses`) and those it had before, for good.
 */
export function haunt(n: NormState, day: IsoDate, statuses: readonly NormStatus[], waits: readonly string[]): void {
  const before = n.status === 'indeterminate' ? n.maybe : [n.status];
  n.haunt = { statuses: uniq([...(n.haunt?.statuses ?? []), ...statuses]), waits: uniq([...(n.haunt?.waits ?? []), ...waits]) };
  n.maybe = uniq([...before, ...statuses]);
  n.waitsFor = uniq([...n.waitsFor, ...waits]);
  if (n.status !== 'indeterminate') n.since = day;
  n.status = 'indeterminate';
  n.indeterminateBy = 'act';
}

/** Whether the norm is in force depends on undisclosed terms (its start, an end, a suspension). */
export function forceUnknown(n: NormState): boolean {
  return n.status === 'indeterminate' && (n.indeterminateBy === 'force' || n.indeterminateBy === 'act');
}

/** Instances without a due date end with their clause; those with one stay due (an amount accrued stays owed). */
export function endUndatedInstances(n: NormState, day: IsoDate): void {
  for (const i of n.instances) {
    // An undisclosed due date is a due date: that instance stays due.
    if (i.status === 'active' && !i.due && !i.dueWaits) {
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
