/**
 * Powers (`can`): an act in force whose condition holds exercises the power, once; any other act is an invalid
 * exercise, with the reason (`already-exercised`, `not-in-force`, `condition-false`, `condition-unknown`).
 */
import type { LedgerEvent } from '../../ledger/event.js';
import { evalExpr } from '../expr.js';
import type { FoldContext, FoldState } from '../fold-state.js';
import { violate } from '../fold-state.js';
import { matches } from '../matches.js';
import { changed, env } from '../memo.js';
import type { NormState } from '../norm-state.js';
import { ENDS, forceUnknown, haunt, live, setStatus } from '../norm-state.js';
import { isDoubt, isUnknown, TRUE, truth } from '../val.js';
import type { NormRules } from './rules.js';
import { finalIn, DEFAULT_RULES } from './rules.js';

const isFinal = finalIn([...ENDS, 'refused', 'lapsed', 'violated']);

const inForce = (n: NormState): boolean => live(n) && !isFinal(n);

/** What an act does to the power: exercises it, possibly exercises it (undisclosed terms), or is an invalid exercise. */
export type Exercise =
  | { readonly kind: 'exercise' }
  | { readonly kind: 'possible'; readonly reason: 'condition-unknown' | 'force-unknown'; readonly waitsFor: readonly string[] }
  | { readonly kind: 'invalid'; readonly reason: 'already-exercised' | 'not-in-force' | 'condition-false' | 'condition-unknown' }
  | null;

/** How the act `e` would be judged by the power `n` in its present state (null: it is not the power's act). */
export function judgeExercise(ctx: FoldContext, s: FoldState, n: NormState, e: LedgerEvent): Exercise {
  if (n.norm.verb !== e.type || truth(matches(ctx, s, n.norm, e, n.norm.holders)) !== true) return null;
  if (n.status === 'exercised') return { kind: 'invalid', reason: 'already-exercised' };
  if (!inForce(n)) return { kind: 'invalid', reason: 'not-in-force' };
  const w = n.norm.when ? evalExpr(env(ctx, s, e), n.norm.when) : TRUE;
  if (truth(w) === false) return { kind: 'invalid', reason: 'condition-false' };
  // No event yet to decide its condition: not met.
  if (isUnknown(w) && !isDoubt(w)) return { kind: 'invalid', reason: 'condition-unknown' };
  if (isDoubt(w) || forceUnknown(n))
    return {
      kind: 'possible',
      reason: isDoubt(w) ? 'condition-unknown' : 'force-unknown',
      waitsFor: [...(isDoubt(w) ? w.waitsFor : []), ...(forceUnknown(n) ? n.waitsFor : [])],
    };
  return { kind: 'exercise' };
}

export const power: NormRules = {
  ...DEFAULT_RULES,
  isFinal,
  act(ctx, s, n, e) {
    const j = judgeExercise(ctx, s, n, e);
    if (j === null) return;
    if (j.kind === 'invalid') return violate(s, n, 'invalid-exercise', e.date, e, null, j.reason);
    if (j.kind === 'possible') {
      // Whether this act exercised the power depends on undisclosed terms (its condition, whether it was in force):
      // a possible exercise. What reads `exercised` of it is unknown from now on.
      violate(s, n, 'invalid-exercise', e.date, e, null, j.reason);
      haunt(n, e.date, ['exercised'], j.waitsFor);
      n.events.push(e);
      if (!s.maybeExercised.has(n.id)) s.maybeExercised.set(n.id, e.date);
      changed(s);
      return;
    }
    setStatus(n, 'exercised', e.date, { kind: 'event', event: e });
    n.events.push(e);
    s.exercised.set(n.id, e.date);
    s.maybeExercised.delete(n.id);
    changed(s);
  },
};
