/**
 * One norm's instances, a page at a time (`GET …/norms/{id}/instances?offset=&limit=`, the MCP tool `instances`): what
 * a summarized state (instance-summary.ts) leaves out, read without asking for every norm's every instance.
 */
import { countByStatus } from './instance-summary.js';
import type { InstanceJson, StateJson } from './state.js';

/** The default and largest page. */
export const INSTANCE_PAGE_DEFAULT = 100;
export const INSTANCE_PAGE_MAX = 1000;

export interface InstancePageJson {
  readonly family: string;
  readonly asOf: string;
  readonly norm: string;
  readonly total: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly offset: number;
  readonly limit: number;
  readonly instances: readonly InstanceJson[];
  /** The offset of the next page, or null after the last. */
  readonly next: number | null;
}

/** The page of `norm`'s instances from `offset` (0-based, in their order `n`), or null when the state has no such norm. */
export function instancePage(state: StateJson, norm: string, offset: number, limit: number): InstancePageJson | null {
  const n = state.norms.find((x) => x.id === norm);
  if (!n) return null;
  const all = n.instances;
  const end = Math.min(all.length, offset + limit);
  return {
    family: state.family,
    asOf: state.asOf,
    norm,
    total: all.length,
    byStatus: countByStatus(all),
    offset,
    limit,
    instances: all.slice(offset, end),
    next: end < all.length ? end : null,
  };
}
