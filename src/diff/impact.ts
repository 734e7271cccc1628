/**
 * The impact of a change: the same ledger evaluated as of one date under each version alone (the engine's
 * counterfactual `version` option), and the norms whose status, `since`, `until` or `endedBy` differ.
 */
import type { Family } from '../check/ir.js';
import type { LedgerEvent } from '../ledger/event.js';
import { evaluate } from '../engine/evaluate.js';
import type { NormJson } from '../engine/state.js';
import type { IsoDate } from '../values/dates.js';
import type { ImpactJson, ImpactNormJson, NormStatusJson } from './redline-json.js';

function statusOf(n: NormJson | undefined): NormStatusJson | null {
  if (!n) return null;
  return { status: n.status, since: n.since, ...(n.until ? { until: n.until } : {}), ...(n.endedBy ? { endedBy: n.endedBy } : {}) };
}

function same(a: NormStatusJson | null, b: NormStatusJson | null): boolean {
  if (a === null || b === null) return a === b;
  return a.status === b.status && a.since === b.since && a.until === b.until && a.endedBy === b.endedBy;
}

export function impact(family: Family, events: readonly LedgerEvent[], from: string, to: string, asOf: IsoDate): ImpactJson {
  const state = (version: string): Map<string, NormJson> =>
    new Map(evaluate(family, events, asOf, { version, proposals: false }).norms.map((n) => [n.id, n]));
  const sa = state(from);
  const sb = state(to);
  const norms: ImpactNormJson[] = [];
  for (const id of [...new Set([...sa.keys(), ...sb.keys()])]) {
    const a = statusOf(sa.get(id));
    const b = statusOf(sb.get(id));
    if (!same(a, b)) norms.push({ id, from: a, to: b });
  }
  return { asOf, hypothetical: events.filter((e) => e.hypothetical).length, norms };
}
