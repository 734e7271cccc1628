/** `matches`: whether an event is a norm's act — its type, its actor, its counterparty and its `where` filter. */
import type { Norm } from '../check/ir.js';
import type { LedgerEvent } from '../ledger/event.js';
import { evalExpr } from './expr.js';
import type { FoldContext, FoldState } from './fold-state.js';
import { env } from './memo.js';
import type { Val } from './val.js';
import { eventField, TRUE, truth, unknown } from './val.js';

/**
 * With `trigger`, the filter may compare the act with the event that created an instance
 * (`pay where invoice == invoice.number`); `filter: false` leaves the filter out (it is then tested per instance).
 */
export function matches(
  ctx: FoldContext,
  s: FoldState,
  norm: Norm,
  e: LedgerEvent,
  /** The party, or the parties (`a or b can …`), whose act it must be; null: anyone's. */
  actor: string | readonly string[] | null,
  trigger: LedgerEvent | null = null,
  filter = true,
): Val {
  if (e.type !== norm.verb) return { k: 'bool', v: false };
  if (actor !== null && (typeof actor === 'string' ? e.actor !== actor : !actor.includes(e.actor))) return { k: 'bool', v: false };
  let doubt: Val | null = null;
  if (norm.to && norm.toField) {
    const to = eventField(e, norm.toField);
    // An undisclosed recipient may be the norm's counterparty, or not.
    if (to.k === 'unknown' && e.unknown?.has(norm.toField)) doubt = unknown(to.waitsFor);
    else if (to.k !== 'party' || to.v !== norm.to) return { k: 'bool', v: false };
  }
  const w = !norm.where || !filter ? TRUE : evalExpr(env(ctx, s, e, trigger), norm.where);
  return doubt && truth(w) !== false ? unknown(doubt.k === 'unknown' ? doubt.waitsFor : [], w.k === 'unknown' ? w.waitsFor : []) : w;
}
