/**
 * What the fold knows about a norm's instances, to avoid rescanning all of them on every event and every day
 * (instances only accumulate). Kept beside the state, so a cloned state starts without it and rebuilds it.
 * - `active`: every instance before it is no longer active (never again: an instance leaves `active` for good);
 * - `live`: every instance before it is spent (see `spent`: never again open to performance);
 * - `sorted`: the instances' due dates never decrease in trigger order (checked up to `checked`).
 */
import type { IsoDate } from '../values/dates.js';
import type { Decimal } from '../values/decimal.js';
import type { Instance, NormState } from './norm-state.js';
import { dueFigure, isUnknown } from './val.js';

interface InstanceIndex {
  active: number;
  live: number;
  checked: number;
  sorted: boolean;
}

const instanceIndexes = new WeakMap<NormState, InstanceIndex>();

/** `x <= 0`, without the allocation of `x.lte(0)` (decimal.js converts its argument to a new Decimal). */
export function notPositive(x: Decimal): boolean {
  return x.isZero() || x.isNegative();
}

/** Statuses of an obligation or instance that performance can still change (a payment during a suspension counts). */
export function isOpen(status: string): boolean {
  return status === 'active' || status === 'indeterminate' || status === 'violated' || status === 'suspended' || status === 'unreported';
}

/** Due dates in order, no due date last. */
export function compareDue(a: IsoDate | null, b: IsoDate | null): number {
  return a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
}

/** An instance that no performing event can change when the event carries an amount: closed, or its known amount performed in full. */
export function spent(i: Instance): boolean {
  if (!isOpen(i.status)) return true;
  const a = i.amount;
  if (a === null || isUnknown(a)) return false;
  const amount = dueFigure(a);
  if (amount === null) return true;
  // Nothing performed yet (the common case): spent only if nothing was due (0 >= amount), without a comparison's allocation.
  return i.performed.isZero() ? notPositive(amount) : i.performed.gte(amount);
}

function indexOf(n: NormState): InstanceIndex {
  let x = instanceIndexes.get(n);
  if (!x) {
    x = { active: 0, live: 0, checked: 0, sorted: true };
    instanceIndexes.set(n, x);
  }
  const is = n.instances;
  while (x.active < is.length && is[x.active]!.status !== 'active') x.active++;
  return x;
}

/** The first instance that may still be active, without the rest of `instanceIndex`'s upkeep. */
export function firstActive(n: NormState): number {
  return indexOf(n).active;
}

export function instanceIndex(n: NormState): Readonly<InstanceIndex> {
  const x = indexOf(n);
  const is = n.instances;
  while (x.live < is.length && spent(is[x.live]!)) x.live++;
  for (; x.checked + 1 < is.length; x.checked++) if (compareDue(is[x.checked]!.due, is[x.checked + 1]!.due) > 0) x.sorted = false;
  return x;
}
