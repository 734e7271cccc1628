/**
 * What a norm kind brings to the fold: the one interface every module of norms/ implements, and the registry
 * (norms/index.ts) collects in a `Record<NormKind, NormRules>`, so a kind without rules does not compile. The fold
 * (lifecycle.ts, versions.ts, fold.ts) runs what every norm shares (start, terms, ends, suspension) and calls these
 * at fixed points of the day; everything else a kind means lives in its module.
 */
import type { LedgerEvent } from '../../ledger/event.js';
import type { IsoDate } from '../../values/dates.js';
import type { Env } from '../expr.js';
import type { FoldContext, FoldState } from '../fold-state.js';
import type { Cause, NormState, NormStatus } from '../norm-state.js';
import type { Val } from '../val.js';

export interface NormRules {
  /** Whether nothing changes the norm any more in its status. */
  isFinal(n: NormState): boolean;
  /** Its status once it starts, and again once a suspension is over. */
  readonly startStatus: 'active' | 'pending';
  /** Whether a suspension that begins now applies to it. */
  suspendable(n: NormState): boolean;
  /** Conditions that pause it besides `suspended while` (true: paused; unknown: may be paused). */
  pauses(e: Env, n: NormState): readonly Val[];
  /** Whether its status is an end that a replacing text may undo (besides `expired` and `terminated`). */
  reopens(n: NormState): boolean;
  /**
   * Its own timers: `lastDay(d)` asks the fold to visit the day after `d`. Called for every norm each time the fold
   * looks for its next day, dropped and ended ones too (an instance outlives its clause).
   */
  timers(ctx: FoldContext, s: FoldState, n: NormState, lastDay: (d: IsoDate | null) => void): void;
  /** What the days that passed brought it (deadlines), first thing on each day the fold visits, for every norm. */
  due(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate): void;
  /** What the days that passed brought it once its term is known to go on (delays run out). */
  delays(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate): void;
  /** Once it has started, its terms read. */
  started(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate): void;
  /** Once its terms are read or re-read and it is still going (each day, and when its text is replaced). */
  settled(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate): void;
  /** Once a replacing text has started it again after it had ended. */
  restarted(ctx: FoldContext, s: FoldState, n: NormState, day: IsoDate, cause: Cause): void;
  /** An event of the ledger, for the kind as a whole, before the norms it concerns are settled. */
  recorded(ctx: FoldContext, s: FoldState, e: LedgerEvent): void;
  /** An event of the ledger, for the kind as a whole, once the norms it concerns are settled, before their acts. */
  performed(ctx: FoldContext, s: FoldState, e: LedgerEvent): void;
  /** An event that is the norm's act (`verb`) or its trigger (`for each`). */
  act(ctx: FoldContext, s: FoldState, n: NormState, e: LedgerEvent): void;
  /** Its kind's own fields in the state JSON. */
  json(n: NormState): { readonly deadline?: IsoDate; readonly nextDeadline?: IsoDate };
}

/** `isFinal` for a kind whose final statuses are `statuses`. */
export function finalIn(statuses: readonly NormStatus[]): (n: NormState) => boolean {
  const set = new Set(statuses);
  // Indeterminate among statuses that are all final: whichever it is, nothing changes it any more.
  return (n) => set.has(n.status) || (n.status === 'indeterminate' && n.maybe.length > 0 && n.maybe.every((x) => set.has(x)));
}

/**
 * The rules a kind has unless it says otherwise: it starts `active`, only an active norm is suspended, nothing pauses
 * it but `suspended while`, no end but `expired` and `terminated` is undone by a new text, and it has no timers,
 * delays or kind-level rules of its own. A kind spreads these and states the rest (`isFinal`, `act`).
 */
export const DEFAULT_RULES: Omit<NormRules, 'isFinal' | 'act'> = {
  startStatus: 'active',
  suspendable: (n) => n.status === 'active',
  pauses: () => [],
  reopens: () => false,
  timers: () => {},
  due: () => {},
  delays: () => {},
  started: () => {},
  settled: () => {},
  restarted: () => {},
  recorded: () => {},
  performed: () => {},
  json: () => ({}),
};
