/**
 * The rules of each norm kind, by kind: a `Record<NormKind, NormRules>`, so a kind added to the language does not
 * compile until it has its module here. `isFinal` and `inForce` for a norm of any kind.
 */
import type { NormKind } from '../../syntax/ast.js';
import type { NormState } from '../norm-state.js';
import { live } from '../norm-state.js';
import { consent } from './consent.js';
import { obligation } from './obligation.js';
import { permission } from './permission.js';
import { power } from './power.js';
import { prohibition } from './prohibition.js';
import type { NormRules } from './rules.js';

export const NORMS: Readonly<Record<NormKind, NormRules>> = { obligation, permission, prohibition, power, consent };

/** The kinds, for the rules that apply to a kind as a whole (an event recorded, performance allocated). */
export const KINDS = Object.values(NORMS);

export function rulesOf(n: NormState): NormRules {
  return NORMS[n.norm.kind];
}

/** Statuses after which nothing changes the norm any more (each kind says which: norms/). */
export function isFinal(n: NormState): boolean {
  return n.stalled !== null || NORMS[n.norm.kind].isFinal(n);
}

/** In force: may be used, breached, exercised, requested, performed. */
export function inForce(n: NormState): boolean {
  return live(n) && !isFinal(n);
}
