/**
 * Powers (`can`): an act in force whose condition holds exercises the power, once; any other act is an invalid
 * exercise, with the reason (`already-exercised`, `not-in-force`, `condition-false`, `condition-unknown`).
 */
import { evalExpr } from '../expr.js';
import { violate } from '../fold-state.js';
import { matches } from '../matches.js';
import { changed, env } from '../memo.js';
import type { NormState } from '../norm-state.js';
import { ENDS, live, setStatus } from '../norm-state.js';
import { truth } from '../val.js';
import type { NormRules } from './rules.js';
import { finalIn, DEFAULT_RULES } from './rules.js';

const isFinal = finalIn([...ENDS, 'refused', 'lapsed', 'violated']);

const inForce = (n: NormState): boolean => live(n) && !isFinal(n);

export const power: NormRules = {
  ...DEFAULT_RULES,
  isFinal,
  act(ctx, s, n, e) {
    if (n.norm.verb !== e.type || truth(matches(ctx, s, n.norm, e, n.norm.holder)) !== true) return;
    if (n.status === 'exercised') return violate(s, n, 'invalid-exercise', e.date, e, null, 'already-exercised');
    if (!inForce(n)) return violate(s, n, 'invalid-exercise', e.date, e, null, 'not-in-force');
    if (n.norm.when) {
      const w = truth(evalExpr(env(ctx, s, e), n.norm.when));
      if (w !== true) return violate(s, n, 'invalid-exercise', e.date, e, null, w === false ? 'condition-false' : 'condition-unknown');
    }
    setStatus(n, 'exercised', e.date, { kind: 'event', event: e });
    n.events.push(e);
    s.exercised.set(n.id, e.date);
    changed(s);
  },
};
