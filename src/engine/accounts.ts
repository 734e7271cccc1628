/**
 * Accounts per party, from the obligations that carry amounts: `paid` (performed), `owed` (still to perform on
 * obligations in force or violated), `committed` (the amounts of all obligations the party has started to owe).
 * An undisclosed amount is never guessed: the clause is listed in `incomplete` and left out of the sums; so is an
 * amount that may not be owed (an instance that may not exist, a clause whose force is unknown) or whose payment is
 * in doubt. The sums are then lower bounds: what is known to be paid, owed and committed.
 */
import { Decimal, formatDecimal } from '../values/decimal.js';
import type { Env } from './expr.js';
import { evalExpr } from './expr.js';
import type { NormState } from './norm-state.js';
import type { Val } from './val.js';
import { unknown } from './val.js';
import { waitsMessages } from './why.js';

export interface Account {
  readonly paid: string;
  readonly owed: string;
  readonly committed: string;
  /** Clauses whose amount is undisclosed or in doubt (not counted above: some sums are then lower bounds). */
  readonly incomplete?: readonly string[];
  /** The sums that are lower bounds because of them (`paid`, `owed`, `committed`); the others are exact. */
  readonly atLeast?: readonly Sum[];
  /** Clauses whose amounts, counted above, rest on reported approximations (`about X`): the sums are approximate. */
  readonly approximate?: readonly string[];
}

export type Sum = 'paid' | 'owed' | 'committed';

type Sums = Map<string, Decimal>;

function add(sums: Sums, currency: string, d: Decimal): void {
  sums.set(currency, (sums.get(currency) ?? new Decimal(0)).plus(d));
}

function show(sums: Sums, fallback: string): string {
  const parts = [...sums].filter(([, d]) => !d.isZero()).sort(([a], [b]) => (a < b ? -1 : 1));
  if (parts.length === 0) return `${[...sums.keys()].sort()[0] ?? fallback} 0`;
  return parts.map(([c, d]) => `${c} ${formatDecimal(d)}`).join(' + ');
}

function currencyOf(v: Val | null, fallback: string): string {
  return v?.k === 'money' && v.v.currency ? v.v.currency : fallback;
}

interface Entry {
  readonly paid: Sums;
  readonly owed: Sums;
  readonly committed: Sums;
  readonly incomplete: Set<string>;
  readonly atLeast: Set<Sum>;
}

/**
 * Whose account an obligation's amounts go to: its holder; for several holders (`a or b must pay …`, owed by either),
 * a joint account named `a or b`, since no one of them alone owes it.
 */
export const accountOf = (norm: { readonly holders: readonly string[] }): string => norm.holders.join(' or ');

export function accounts(env: Env, norms: Iterable<NormState>): Record<string, Account> {
  const book = books(env, norms, null);
  const fallback = env.currency;
  const out: Record<string, Account> = {};
  for (const [p, e] of [...book].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (e.paid.size + e.owed.size + e.committed.size + e.incomplete.size === 0) continue;
    out[p] = {
      paid: show(e.paid, fallback),
      owed: show(e.owed, fallback),
      committed: show(e.committed, fallback),
      ...(e.incomplete.size > 0 ? { incomplete: [...e.incomplete].sort(), atLeast: [...e.atLeast].sort() } : {}),
    };
  }
  return out;
}

/**
 * `paid by a`, `owed by a to b`, `committed by a` on the day: the sum in the agreement's currency, or, when some of
 * the party's obligations are undisclosed or in doubt, unknown and at least the sum known (their clauses awaited).
 */
export function accountValue(env: Env, norms: Iterable<NormState>, sum: Sum, party: string, to: string | null): Val {
  const e = books(env, norms, to).get(party);
  const sums = e?.[sum] ?? new Map<string, Decimal>();
  const parts = [...sums].filter(([, d]) => !d.isZero());
  if (parts.length > 1) {
    const currencies = parts
      .map(([c]) => c)
      .sort()
      .join(', ');
    return unknown([waitsMessages.format('en', 'exchange-rate', { currencies })]);
  }
  const [currency, amount] = parts[0] ?? [[...sums.keys()].sort()[0] ?? env.currency, new Decimal(0)];
  const known: Val = { k: 'money', v: { currency, amount } };
  if (!e?.atLeast.has(sum)) return known;
  return { k: 'unknown', waitsFor: [...e.incomplete].sort(), bounds: { lo: known, loOpen: false, hi: null, hiOpen: false } };
}

/** The accounts of every party, over the obligations owed to `to` (every one when null). */
function books(env: Env, norms: Iterable<NormState>, to: string | null): Map<string, Entry> {
  const book = new Map<string, Entry>();
  const entry = (p: string) => {
    const kept = book.get(p);
    if (kept) return kept;
    const e = { paid: new Map(), owed: new Map(), committed: new Map(), incomplete: new Set<string>(), atLeast: new Set<Sum>() };
    book.set(p, e);
    return e;
  };
  const fallback = env.currency;
  for (const n of norms) {
    const norm = n.norm;
    // Accounts are money: obligations counted in units (deliveries) are left out.
    if (norm.kind !== 'obligation' || !norm.amount || !n.started || (norm.amount.type.t !== 'money' && norm.amount.type.t !== 'unknown'))
      continue;
    if (to !== null && norm.counterparty !== to) continue;
    const acc = entry(accountOf(norm));
    const units: { amount: Val | null; performed: Decimal; status: string; doubt: boolean }[] = norm.trigger
      ? n.instances.map((i) => ({ amount: i.amount, performed: i.performed, status: i.status, doubt: i.doubt !== null }))
      : [
          {
            amount: evalExpr(env, norm.amount),
            performed: n.performed,
            status: n.status,
            doubt: n.paymentDoubt || (n.status === 'indeterminate' && n.indeterminateBy !== 'amount'),
          },
        ];
    for (const u of units) {
      if (u.amount?.k === 'number') continue;
      const unknown = (...sums: Sum[]): void => {
        acc.incomplete.add(n.id);
        for (const x of sums) acc.atLeast.add(x);
      };
      if (u.doubt) {
        // It may not exist, not be in force, or have been paid by an event that may have paid another: not counted.
        unknown('paid', 'owed', 'committed');
        continue;
      }
      const currency = currencyOf(u.amount, fallback);
      if (!u.amount || u.amount.k === 'unknown') {
        // Ended before anything was paid: it adds nothing, whatever its amount.
        if ((u.status === 'terminated' || u.status === 'expired') && u.performed.isZero()) continue;
        // Fulfilled: nothing is owed, but what was paid and committed is not known. Otherwise what was paid towards
        // an undisclosed amount may be more than the amount: not counted as paid either.
        if (u.status === 'fulfilled') unknown('paid', 'committed');
        else unknown('paid', 'owed', 'committed');
        continue;
      }
      if (!u.performed.isZero()) add(acc.paid, currency, u.performed);
      if (u.amount.k !== 'money') continue;
      const due = u.amount.v.amount;
      const ended = (u.status === 'terminated' || u.status === 'expired') && u.performed.isZero();
      if (!ended) add(acc.committed, currency, Decimal.max(due, u.performed));
      // Unreported (the public record shows no performance by the deadline): it may have been paid, or be owed.
      if (u.status === 'unreported') unknown('owed');
      else if (u.status === 'active' || u.status === 'violated' || u.status === 'indeterminate' || u.status === 'suspended') {
        add(acc.owed, currency, Decimal.max(0, due.minus(u.performed)));
      }
    }
  }
  return book;
}
