/**
 * Powers (`can`): an act in force whose condition holds exercises the power, once; any other act is an invalid
 * exercise, with the reason (`already-exercised`, `not-in-force`, `condition-false`, `condition-unknown`).
 */
import { evalExpr } from '../expr.js';
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

export const power: NormRules = {
  ...DEFAULT_RULES,
  isFinal,
  act(ctx, s, n, e) {
    if (n.norm.verb !== e.type || truth(matches(ctx, s, n.norm, e, n.norm.holders)) !== true) return;
    if (n.status === 'exercised') return violate(s, n, 'invalid-exercise', e.date, e, null, 'already-exercised');
    if (!inForce(n)) return violate(s, n, 'invalid-exercise', e.date, e, null, 'not-in-force');
    const w = n.norm.when ? evalExpr(env(ctx, s, e), n.norm.when) : TRUE;
    if (truth(w) === false) return violate(s, n, 'invalid-exercise', e.date, e, null, 'condition-false');
    // No event yet to decide its condition: not met.
    if (isUnknown(w) && !isDoubt(w)) return violate(s, n, 'invalid-exercise', e.date, e, null, 'condition-unknown');
    if (isDoubt(w) || forceUnknown(n)) {
      // Whether this act exercised the power depends on undisclosed terms (its condition, whether it was in force):
      // a possible exercise. What reads `exercised` of it is unknown from now on.
      violate(s, n, 'invalid-exercise', e.date, e, null, isDoubt(w) ? 'condition-unknown' : 'force-unknown');
      haunt(n, e.date, ['exercised'], [...(isDoubt(w) ? w.waitsFor : []), ...(forceUnknown(n) ? n.waitsFor : [])]);
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
