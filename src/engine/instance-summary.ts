/**
 * The state as a user reads it: a recurring clause (`for each …`) has one instance per triggering event, so on a long
 * ledger its list grows with the ledger. `summarizeInstances` keeps, for a norm with more than `INSTANCES_LIMIT` of
 * them, the open ones (up to a cap) and the latest few, and says what it left out in `instanceSummary` (the counts by
 * status, how many are shown and how many omitted). Applied after the engine (the engine's own states keep every
 * instance: merging placements, `pacte test` and the soundness test read them all); `--instances all`, `?instances=all`
 * and the instance pages (instance-page.ts) give the rest.
 */
import { NORM_STATUSES } from './norm-state.js';
import type { InstanceJson, InstanceSummaryJson, NormJson, StateJson } from './state.js';

/** A norm with more instances than this is summarized. */
export const INSTANCES_LIMIT = 20;
/** At most this many open instances are kept (the earliest, those outstanding longest). */
export const OPEN_INSTANCES_SHOWN = 15;
/** The latest instances, kept whatever their status. */
export const LATEST_INSTANCES_SHOWN = 5;

/** What a user asks for: the summary (the default) or every instance. */
export type InstancesMode = 'summary' | 'all';

export interface SummaryOptions {
  readonly limit?: number;
  readonly open?: number;
  readonly latest?: number;
}

/** Whether an instance no longer changes: fulfilled or terminated. Any other (active, violated, indeterminate…) is open. */
export function isOpenInstance(i: InstanceJson): boolean {
  return i.status !== 'fulfilled' && i.status !== 'terminated';
}

/** The counts by status, in the order of the statuses (norm-state.ts), then any other in the order met. */
export function countByStatus(instances: readonly InstanceJson[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const i of instances) counts.set(i.status, (counts.get(i.status) ?? 0) + 1);
  const rank = (s: string): number => {
    const k = (NORM_STATUSES as readonly string[]).indexOf(s);
    return k < 0 ? NORM_STATUSES.length : k;
  };
  return Object.fromEntries([...counts].sort((a, b) => rank(a[0]) - rank(b[0])));
}

/** A norm's JSON with its instances summarized (the same object when it has at most `limit` of them). */
export function summarizeNorm(n: NormJson, opts: SummaryOptions = {}): NormJson {
  const all = n.instances;
  if (all.length <= (opts.limit ?? INSTANCES_LIMIT)) return n;
  const open = opts.open ?? OPEN_INSTANCES_SHOWN;
  const latest = opts.latest ?? LATEST_INSTANCES_SHOWN;
  const keep = new Set<number>();
  for (let k = 0; k < all.length && keep.size < open; k++) if (isOpenInstance(all[k]!)) keep.add(k);
  for (let k = Math.max(0, all.length - latest); k < all.length; k++) keep.add(k);
  const instances = all.filter((_, k) => keep.has(k));
  const summary: InstanceSummaryJson = {
    total: all.length,
    byStatus: countByStatus(all),
    shown: instances.length,
    omitted: all.length - instances.length,
  };
  // Copied by descriptor, so that an explanation not yet built (later.ts) is still built only when read.
  const out = {} as Record<string, unknown>;
  for (const key of Object.keys(n)) {
    if (key === 'instances') {
      out['instances'] = instances;
      out['instanceSummary'] = summary;
    } else Object.defineProperty(out, key, Object.getOwnPropertyDescriptor(n, key)!);
  }
  return out as unknown as NormJson;
}

/** The state with each norm's instances summarized; the same object when no norm has more than `limit`. */
export function summarizeInstances(state: StateJson, opts: SummaryOptions = {}): StateJson {
  const limit = opts.limit ?? INSTANCES_LIMIT;
  if (!state.norms.some((n) => n.instances.length > limit)) return state;
  const norms = state.norms.map((n) => summarizeNorm(n, opts));
  const out = {} as Record<string, unknown>;
  for (const key of Object.keys(state)) {
    if (key === 'norms') out['norms'] = norms;
    else Object.defineProperty(out, key, Object.getOwnPropertyDescriptor(state, key)!);
  }
  return out as unknown as StateJson;
}

/** The state as asked: summarized (the default), or with every instance. */
export function stateFor(state: StateJson, mode: InstancesMode = 'summary'): StateJson {
  return mode === 'all' ? state : summarizeInstances(state);
}
