/**
 * Permissions (`may`): a use in force is counted; a permission in force that matches an act exempts it from a
 * prohibition or a consent it overrides, and one that does not override it is in conflict with a prohibition. A power
 * or an obligation that overrides a prohibition or a consent exempts the acts that exercise or perform it.
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
import { judgeExercise } from './power.js';
import { finalIn, DEFAULT_RULES } from './rules.js';

const isFinal = finalIn([...ENDS, 'refused', 'lapsed', 'violated']);

const inForce = (n: NormState): boolean => live(n) && !isFinal(n);

/**
 * Whether `e` validly exercises the power `p` or performs the obligation `p`: true, false, or what it waits for when
 * that depends on undisclosed terms. A power is judged as its act would be (the prohibition may come before it in the
 * clauses' order), or by what its act did; an obligation by the allocation, which comes before every act.
 */
function performs(ctx: FoldContext, s: FoldState, p: NormState, e: LedgerEvent): boolean | readonly string[] {
  if (p.norm.verb !== e.type) return false;
  if (p.norm.kind === 'power') {
    if (p.events.includes(e)) return p.status === 'exercised' ? true : p.waitsFor;
    const j = judgeExercise(ctx, s, p, e);
    return j === null || j.kind === 'invalid' ? false : j.kind === 'exercise' ? true : j.waitsFor;
  }
  if (p.norm.kind !== 'obligation') return false;
  if (p.events.includes(e)) return p.paymentDoubt && p.status === 'indeterminate' ? p.waitsFor : true;
  const i = p.instances.find((x) => x.events.includes(e));
  if (!i) return false;
  return i.status === 'indeterminate' ? (i.doubt ?? p.waitsFor) : true;
}

/**
 * Permissions in force that match the event, and the relation (override) between them and the norm `n`; powers and
 * obligations that override `n` exempt the acts that exercise or perform them.
 */
export function exemption(
  ctx: FoldContext,
  s: FoldState,
  n: NormState,
  e: LedgerEvent,
): { exempt: NormState | null; conflict: NormState | null; maybe: readonly string[] | null } {
  let conflict: NormState | null = null;
  let maybe: string[] | null = null;
  for (const p of s.norms.values()) {
    if (p === n) continue;
    if (p.norm.kind !== 'permission') {
      // A power or an obligation that overrides `n` exempts the acts that exercise or perform it.
      const act = performs(ctx, s, p, e);
      if (!p.norm.overrides.includes(n.id)) {
        // An act that certainly performs a clause the prohibition does not give way to: a contradiction.
        if (act === true && !n.norm.overrides.includes(p.id)) conflict ??= p;
        continue;
      }
      if (act === true) return { exempt: p, conflict: null, maybe: null };
      if (act !== false) maybe = [...(maybe ?? []), ...act];
      continue;
    }
    if (!inForce(p)) continue;
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
