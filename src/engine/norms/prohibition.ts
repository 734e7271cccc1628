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
import { ENDS, forceUnknown, haunt, live, setStatus } from '../norm-state.js';
import { isDoubt, isUnknown, TRUE, truth } from '../val.js';
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
    if (!inForce(n)) return;
    const m = matches(ctx, s, norm, e, norm.holders);
    const w = norm.when ? evalExpr(env(ctx, s, e), norm.when) : TRUE;
    if (truth(m) === false || truth(w) === false) return;
    const { exempt, conflict, maybe } = exemption(ctx, s, n, e);
    if (exempt) return;
    if ((isUnknown(m) || isUnknown(w)) && !isDoubt(m) && !isDoubt(w) && !forceUnknown(n) && !maybe) {
      // No event yet to decide whether it is the prohibited act: possible, as far as the ledger goes.
      return violate(s, n, 'possible-breach', e.date, e, null, 'condition-unknown');
    }
    if (isUnknown(m) || isUnknown(w) || forceUnknown(n) || maybe) {
      // Whether the act is a breach depends on undisclosed terms (which act it is, the prohibition's condition, whether
      // it is in force, whether a permission exempts it): a possible breach, not a breach.
      const waits = [
        ...(isUnknown(m) ? m.waitsFor : []),
        ...(isUnknown(w) ? w.waitsFor : []),
        ...(forceUnknown(n) ? n.waitsFor : []),
        ...(maybe ?? []),
      ];
      violate(s, n, 'possible-breach', e.date, e, null, isUnknown(m) || isUnknown(w) ? 'condition-unknown' : 'force-unknown');
      haunt(n, e.date, ['violated'], waits);
      return;
    }
    if (conflict) s.conflicts.push({ event: e, prohibition: n.id, clause: conflict.id, permits: conflict.norm.kind === 'permission' });
    violate(s, n, 'breach', e.date, e);
    n.events.push(e);
    if (n.status !== 'violated') setStatus(n, 'violated', e.date, { kind: 'event', event: e });
  },
};
