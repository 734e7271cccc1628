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
import { ENDS, forceUnknown, live } from '../norm-state.js';
import { isUnknown, TRUE, truth } from '../val.js';
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
): { exempt: NormState | null; conflict: NormState | null; maybe: readonly string[] | null } {
  let conflict: NormState | null = null;
  let maybe: string[] | null = null;
  for (const p of s.norms.values()) {
    if (p === n || p.norm.kind !== 'permission' || !inForce(p)) continue;
    const m = matches(ctx, s, p.norm, e, p.norm.holders);
    if (truth(m) === false) continue;
    const w = p.norm.when ? evalExpr(env(ctx, s, e), p.norm.when) : TRUE;
    if (truth(w) === false) continue;
    // A permission that may or may not apply (its force, its match or its condition unknown) may exempt the act.
    const doubt = [...(isUnknown(m) ? m.waitsFor : []), ...(isUnknown(w) ? w.waitsFor : []), ...(forceUnknown(p) ? p.waitsFor : [])];
    if (doubt.length > 0 || isUnknown(m) || isUnknown(w) || forceUnknown(p)) {
      if (p.norm.overrides.includes(n.id)) maybe = [...(maybe ?? []), ...doubt];
      continue;
    }
    if (p.norm.overrides.includes(n.id)) return { exempt: p, conflict: null, maybe: null };
    if (!n.norm.overrides.includes(p.id)) conflict = p;
  }
  return { exempt: null, conflict, maybe };
}

export const permission: NormRules = {
  ...DEFAULT_RULES,
  isFinal,
  act(ctx, s, n, e) {
    if (n.norm.verb !== e.type || truth(matches(ctx, s, n.norm, e, n.norm.holders)) !== true) return;
    if (inForce(n)) {
      n.uses++;
      if (n.events.length < 12) n.events.push(e);
    }
  },
};
