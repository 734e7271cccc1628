/**
 * Consents (`needs … to`): everything about them. A consent starts `pending`; the counterparty asks
 * (`consent_request`: `requested`), the holder answers (`consent_given` / `consent_refused`), or the request runs
 * out (`lapses after`: `lapsed`; `deemed given after`: `given`). A refused or lapsed consent may be asked again. The
 * counterparty's act without consent given is a violation (`without-consent`, with the reason); an answer by anyone
 * but the holder is `not-entitled`; requests and answers made before the clause starts apply when it starts.
 */
import type { Expr } from '../../check/ir.js';
import type { LedgerEvent } from '../../ledger/event.js';
import type { IsoDate } from '../../values/dates.js';
import { addDuration } from '../../values/dates.js';
import { evalExpr } from '../expr.js';
import type { FoldContext, FoldState } from '../fold-state.js';
import { violate } from '../fold-state.js';
import { matches } from '../matches.js';
import { env } from '../memo.js';
import type { NormState } from '../norm-state.js';
import { ENDS, setStatus } from '../norm-state.js';
import { truth } from '../val.js';
import { exemption } from './permission.js';
import type { NormRules } from './rules.js';
import { finalIn, DEFAULT_RULES } from './rules.js';

// A consent refused, or whose request lapsed, can still be asked for again and given.
const isFinal = finalIn([...ENDS, 'violated']);

/** The last day of a delay (`lapses after`, `deemed given after`) that runs from a request, or null. */
function delayEnd(ctx: FoldContext, s: FoldState, from: IsoDate, d: Expr | null): IsoDate | null {
  if (!d) return null;
  const en = env(ctx, s);
  const v = evalExpr(en, d);
  return v.k === 'duration' ? addDuration(from, v.v, 1, en.version.holidays) : null;
}

/** A request or an answer naming the clause. */
function consentEvent(s: FoldState, n: NormState, e: LedgerEvent): void {
  const holder = n.norm.holder;
  if (e.type !== 'consent_request' && e.actor !== holder) {
    violate(s, n, 'not-entitled', e.date, e, null, 'not-holder');
    return;
  }
  if (e.type === 'consent_request' && e.actor !== n.norm.counterparty && e.actor !== holder) return;
  if (!n.started) {
    // Asked or answered before the clause starts: it applies when the clause starts.
    n.early.push(e);
    return;
  }
  if (isFinal(n) || n.status === 'suspended') return;
  if (e.type === 'consent_request') {
    // A first request, or a new one after a refusal or a lapse; a pending request stays as it was made.
    if (n.status === 'requested') return;
    setStatus(n, 'requested', e.date, { kind: 'event', event: e });
    n.requestedAt = e.date;
  } else setStatus(n, e.type === 'consent_given' ? 'given' : 'refused', e.date, { kind: 'event', event: e });
  n.events.push(e);
}

export const consent: NormRules = {
  ...DEFAULT_RULES,
  isFinal,
  startStatus: 'pending',
  timers(ctx, s, n, lastDay) {
    if (n.status !== 'requested' || !n.requestedAt) return;
    lastDay(delayEnd(ctx, s, n.requestedAt, n.norm.lapsesAfter));
    lastDay(delayEnd(ctx, s, n.requestedAt, n.norm.deemedGivenAfter));
  },
  delays(ctx, s, n, day) {
    if (n.status !== 'requested' || !n.requestedAt) return;
    const deemed = delayEnd(ctx, s, n.requestedAt, n.norm.deemedGivenAfter);
    const lapse = delayEnd(ctx, s, n.requestedAt, n.norm.lapsesAfter);
    if (deemed && deemed < day && (!lapse || deemed <= lapse)) setStatus(n, 'given', day, { kind: 'lapse', date: deemed, deemed: true });
    else if (lapse && lapse < day) setStatus(n, 'lapsed', day, { kind: 'lapse', date: lapse, deemed: false });
  },
  started(_ctx, s, n) {
    for (const e of n.early.splice(0)) consentEvent(s, n, e);
  },
  recorded(_ctx, s, e) {
    if (e.type !== 'consent_request' && e.type !== 'consent_given' && e.type !== 'consent_refused') return;
    const clause = e.data.get('clause');
    const n = clause?.k === 'text' ? s.norms.get(clause.v) : undefined;
    if (n && n.norm.kind === 'consent' && !n.dropped) consentEvent(s, n, e);
  },
  act(ctx, s, n, e) {
    if (n.norm.verb !== e.type || truth(matches(ctx, s, n.norm, e, n.norm.counterparty)) !== true) return;
    if (!n.started || n.dropped || n.status === 'expired' || n.status === 'terminated' || n.status === 'suspended') return;
    if (n.status === 'given') {
      n.events.push(e);
      return;
    }
    if (exemption(ctx, s, n, e).exempt) return;
    const reason =
      n.status === 'refused' ? 'refused' : n.status === 'requested' ? 'not-answered' : n.status === 'lapsed' ? 'lapsed' : 'not-requested';
    violate(s, n, 'without-consent', e.date, e, null, reason);
  },
};
