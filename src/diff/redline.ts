/**
 * The redline JSON that `pacte diff --json` prints and the HTTP API serves: the differences between two versions of
 * a checked family, with the impact on a ledger as of a date when one is given.
 */
import type { Family } from '../check/ir.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { IsoDate } from '../values/dates.js';
import { diffVersions } from './diff-versions.js';
import { impact } from './impact.js';
import type { RedlineJson } from './redline-json.js';

/** The redline between two versions of a checked family, with the impact on `events` as of `asOf` when given. */
export function redlineJson(
  family: Family,
  from: string,
  to: string,
  events: readonly LedgerEvent[],
  asOf: IsoDate | null,
): RedlineJson | null {
  const base = diffVersions(family, from, to);
  if (!base) return null;
  return asOf ? { ...base, impact: impact(family, events, from, to, asOf) } : base;
}
