/**
 * `c is S`, `in force c`, `date c became S`: what another clause came to on the day, read from its lifecycle state.
 * Under doubt (`indeterminate`, among `possibleStatuses`) in three-valued logic: true only if every status it could
 * have is S, false if none is, else unknown, waiting for what its status waits for.
 */
import type { Expr } from '../check/ir.js';
import type { NormState } from './norm-state.js';
import type { Val } from './val.js';
import { FALSE, TRUE, unknown } from './val.js';

type Outcome = Expr & { kind: 'outcome' };

/** Whether a norm with this (definite) status is in force: it may be used, breached, exercised, requested, performed. */
function inForceAs(n: NormState, status: string): boolean {
  if (status === 'active' || status === 'requested') return true;
  // A breached prohibition still binds; a consent not yet requested can be.
  if (status === 'violated') return n.norm.kind === 'prohibition';
  return status === 'pending' && n.norm.kind === 'consent';
}

/** The statuses the norm could have today: one, or those it is in doubt between (empty: nothing is known). */
function possible(n: NormState): readonly string[] {
  return n.status === 'indeterminate' || n.status === 'unreported' ? n.maybe : [n.status];
}

function waits(n: NormState): Val {
  return unknown(n.waitsFor.length > 0 ? n.waitsFor : [n.id]);
}

/** No such status yet: "none yet", which the lifecycle reads as "not yet", never as a doubt. */
function noneYet(clause: string): Val {
  return { k: 'unknown', waitsFor: [clause], none: true };
}

export function outcomeValue(norms: ReadonlyMap<string, NormState> | undefined, e: Outcome): Val {
  if (!norms) return unknown([e.clause]);
  const n = norms.get(e.clause);
  // A clause not (yet) in the governing version has no status: it is in force nowhere and has no outcome.
  if (!n) return e.test === 'became' ? noneYet(e.clause) : FALSE;
  if (e.test === 'in-force') {
    if (n.status !== 'indeterminate' && n.status !== 'unreported')
      return !n.dropped && n.stalled === null && n.started && inForceAs(n, n.status) ? TRUE : FALSE;
    // In doubt: certainly not in force when no status it could have is; never certainly in force.
    const could = possible(n);
    return could.length > 0 && could.every((x) => !inForceAs(n, x)) ? FALSE : waits(n);
  }
  const status = e.status!;
  if (n.status === 'unreported' && status === 'unreported') return e.test === 'is' ? TRUE : n.sinceKnown ? date(n) : waits(n);
  const could = possible(n);
  const definite = n.status !== 'indeterminate' && n.status !== 'unreported';
  if (e.test === 'is') {
    if (definite) return n.status === status ? TRUE : FALSE;
    return could.length > 0 && !could.includes(status) ? FALSE : waits(n);
  }
  if (definite && n.status === status) return n.sinceKnown ? date(n) : waits(n);
  if (definite || (could.length > 0 && !could.includes(status))) return noneYet(e.clause);
  return waits(n);
}

function date(n: NormState): Val {
  return { k: 'date', v: n.since };
}
