/**
 * A version that starts to govern: the clauses it drops are terminated (`superseded`) from its effective date, the
 * clauses it adds start no earlier, and a clause whose text it replaces continues under the new text from that day.
 */
import type { Version } from '../check/ir.js';
import type { IsoDate } from '../values/dates.js';
import { addDays } from '../values/dates.js';
import type { FoldContext, FoldState } from './fold-state.js';
import { activate, refreshTerms, tryStart } from './lifecycle.js';
import { changed } from './memo.js';
import type { Cause, NormState } from './norm-state.js';
import { endUndatedInstances, newNormState, setStatus } from './norm-state.js';
import { isFinal, rulesOf } from './norms/index.js';
import { guarded } from './stall.js';

export function applyVersion(ctx: FoldContext, s: FoldState, v: Version, day: IsoDate): void {
  for (const n of s.norms.values()) {
    if (n.dropped || v.norms.has(n.id)) continue;
    n.dropped = true;
    if (!isFinal(n)) {
      setStatus(n, 'terminated', day, { kind: 'superseded', version: v.id }, 'superseded');
      n.untilDate = n.started ? addDays(day, -1) : null;
      endUndatedInstances(n, day);
    }
  }
  for (const norm of v.norms.values()) {
    const existing = s.norms.get(norm.id);
    if (existing && !existing.dropped) {
      if (existing.norm === norm) continue; // carried over unchanged
      existing.norm = norm;
      guarded(existing, day, () => reopen(ctx, s, existing, v, day));
      continue;
    }
    if (existing) {
      s.norms.delete(norm.id);
      s.exercised.delete(norm.id);
      s.maybeExercised.delete(norm.id); // a clause added again is a new clause: the old one's exercise is not its own
      changed(s);
    }
    const n = newNormState(norm, day, v.id);
    s.norms.set(norm.id, n);
    guarded(n, day, () => tryStart(ctx, s, n, day, { kind: 'version', version: v.id }));
  }
}

/**
 * A clause whose text a new version replaces continues under the new text from `day`. What was done stays done
 * (performed, exercised, consented); a clause that had ended or been breached under the old text may live again
 * under the new one (a later end, a later deadline); a shortened term ends it from `day`, not retroactively.
 */
function reopen(ctx: FoldContext, s: FoldState, n: NormState, v: Version, day: IsoDate): void {
  const cause: Cause = { kind: 'version', version: v.id };
  const rules = rulesOf(n);
  if (!n.started) {
    n.startDate = null;
    tryStart(ctx, s, n, day, cause);
    return;
  }
  if (n.status === 'expired' || n.status === 'terminated' || rules.reopens(n)) {
    activate(ctx, s, n, day, cause);
    rules.restarted(ctx, s, n, day, cause);
    return;
  }
  if (isFinal(n)) return;
  refreshTerms(ctx, s, n);
  if (n.untilDate !== null && n.untilDate < day) {
    setStatus(n, 'expired', day, { kind: 'end-date', date: addDays(day, -1) });
    n.untilDate = addDays(day, -1);
    return;
  }
  rules.settled(ctx, s, n, day);
}
