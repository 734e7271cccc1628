/**
 * Prohibitions (`must not`): an act in force is a breach (the prohibition stays in force, `violated`), unless a
 * permission overrides it; an act that may or may not be the prohibited one, depending on undisclosed terms, is a
 * possible breach.
 */
import { evalExpr } from '../expr.js';
import { violate } from '../fold-state.js';
import { matches } from '../matches.js';
import { env } from '../memo.js';
import type { NormState } from '../norm-state.js';
import { ENDS, live, setStatus } from '../norm-state.js';
import { truth } from '../val.js';
import { exemption } from './permission.js';
import type { NormRules } from './rules.js';
import { finalIn, DEFAULT_RULES } from './rules.js';

// A breached prohibition still binds: `violated` is not final.
const isFinal = finalIn([...ENDS, 'refused', 'lapsed']);

const inForce = (n: NormState): boolean => live(n) && !isFinal(n);

export const prohibition: NormRules = {
  ...DEFAULT_RULES,
  isFinal,
  suspendable: (n) => n.status === 'active' || n.status === 'violated',
  act(ctx, s, n, e) {
    if (n.norm.verb !== e.type) return;
    const norm = n.norm;
    const m = truth(matches(ctx, s, norm, e, norm.holder));
    if (m === null && inForce(n) && !exemption(ctx, s, n, e).exempt) {
      // Whether the act is the prohibited one depends on undisclosed terms: a possible breach, not a breach.
      return violate(s, n, 'possible-breach', e.date, e, null, 'condition-unknown');
    }
    if (m !== true || !inForce(n)) return;
    if (norm.when) {
      const w = truth(evalExpr(env(ctx, s, e), norm.when));
      // Prohibited only under a condition that depends on undisclosed terms: a possible breach, not a breach.
      if (w === null && !exemption(ctx, s, n, e).exempt) return violate(s, n, 'possible-breach', e.date, e, null, 'condition-unknown');
      if (w !== true) return;
    }
    const { exempt, conflict } = exemption(ctx, s, n, e);
    if (exempt) return;
    if (conflict) s.conflicts.push({ event: e, prohibition: n.id, permission: conflict.id });
    violate(s, n, 'breach', e.date, e);
    n.events.push(e);
    if (n.status !== 'violated') setStatus(n, 'violated', e.date, { kind: 'event', event: e });
  },
};
