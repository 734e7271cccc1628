/** `matches`: whether an event is a norm's act — its type, its actor, its counterparty and its `where` filter. */
import type { Norm } from '../check/ir.js';
import type { LedgerEvent } from '../ledger/event.js';
import { evalExpr } from './expr.js';
import type { FoldContext, FoldState } from './fold-state.js';
import { env } from './memo.js';
import type { Val } from './val.js';
import { TRUE } from './val.js';

/**
 * With `trigger`, the filter may compare the act with the event that created an instance
 * (`pay where invoice == invoice.number`); `filter: false` leaves the filter out (it is then tested per instance).
 */
export function matches(
  ctx: FoldContext,
  s: FoldState,
  norm: Norm,
  e: LedgerEvent,
  actor: string | null,
  trigger: LedgerEvent | null = null,
  filter = true,
): Val {
  if (e.type !== norm.verb) return { k: 'bool', v: false };
  if (actor !== null && e.actor !== actor) return { k: 'bool', v: false };
  if (norm.to && norm.toField) {
    const to = e.data.get(norm.toField);
    if (to?.k !== 'party' || to.v !== norm.to) return { k: 'bool', v: false };
  }
  if (!norm.where || !filter) return TRUE;
  return evalExpr(env(ctx, s, e, trigger), norm.where);
}
