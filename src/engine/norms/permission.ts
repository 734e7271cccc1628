/**
 * Permissions (`may`): a use in force is counted; a permission in force that matches an act exempts it from a
 * prohibition or a consent it overrides, and one that does not override it is in conflict with a prohibition.
 */
import type { LedgerEvent } from '../../ledger/event.js';
import { evalExpr } from '../expr.js';
import type { FoldContext, FoldState } from '../fold-state.js';
import { matches } from '../matches.js';
import { env } from '../memo.js';
import type { NormState } from '../norm-state.js';
import { ENDS, live } from '../norm-state.js';
import { truth } from '../val.js';
import type { NormRules } from './rules.js';
import { finalIn, DEFAULT_RULES } from './rules.js';

const isFinal = finalIn([...ENDS, 'refused', 'lapsed', 'violated']);

const inForce = (n: NormState): boolean => live(n) && !isFinal(n);

/** Permissions in force that match the event, and the relation (override) between them and the norm `n`. */
export function exemption(
  ctx: FoldContext,
  s: FoldState,
  n: NormState,
  e: LedgerEvent,
): { exempt: NormState | null; conflict: NormState | null } {
  let conflict: NormState | null = null;
  for (const p of s.norms.values()) {
    if (p === n || p.norm.kind !== 'permission' || !inForce(p)) continue;
    if (truth(matches(ctx, s, p.norm, e, p.norm.holder)) !== true) continue;
    if (p.norm.when && truth(evalExpr(env(ctx, s, e), p.norm.when)) !== true) continue;
    if (p.norm.overrides.includes(n.id)) return { exempt: p, conflict: null };
    if (!n.norm.overrides.includes(p.id)) conflict = p;
  }
  return { exempt: null, conflict };
}

export const permission: NormRules = {
  ...DEFAULT_RULES,
  isFinal,
  act(ctx, s, n, e) {
    if (n.norm.verb !== e.type || truth(matches(ctx, s, n.norm, e, n.norm.holder)) !== true) return;
    if (inForce(n)) {
      n.uses++;
      if (n.events.length < 12) n.events.push(e);
    }
  },
};
