/** Which versions govern: all binding versions by effective date, or (counterfactual) one version and its ancestors only. */
import type { Family, Version } from '../check/ir.js';

/** The version and every version it amends or supersedes, transitively. */
export function ancestry(family: Family, id: string): Version[] {
  const byId = new Map(family.versions.map((v) => [v.id, v]));
  const out: Version[] = [];
  const seen = new Set<string>();
  let cur = byId.get(id);
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    out.push(cur);
    const next = cur.amends ?? cur.supersedes;
    cur = next ? byId.get(next) : undefined;
  }
  return out;
}

export function timelineOf(family: Family, only: string | null): Version[] {
  const versions = only ? ancestry(family, only) : family.versions.filter((v) => v.binding);
  return [...versions].sort((a, b) =>
    a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : family.versions.indexOf(a) - family.versions.indexOf(b),
  );
}
