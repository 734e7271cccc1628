/**
 * Clauses whose own terms did not change but which use a changed clause: `until agi` when `agi` was redefined,
 * `until exercised termination` when the power changed. Found through the definitions of the `to` version,
 * transitively (a definition that uses a changed definition is affected, and so are its users).
 */
import { exprRefs } from '../check/deps.js';
import type { Expr, Version } from '../check/ir.js';
import { normExprs } from '../check/walk.js';
import type { AffectedJson } from './redline-json.js';

function refsOf(exprs: readonly Expr[]): Set<string> {
  const out = new Set<string>();
  for (const e of exprs) exprRefs(e, out);
  return out;
}

/**
 * The clauses of `to` that are in `from` too, are not themselves `listed` as changed, and use one of `changed`
 * (directly or through an affected definition), in the order of the version: norms, then definitions.
 */
export function affectedClauses(from: Version, to: Version, changed: ReadonlySet<string>, listed: ReadonlySet<string>): AffectedJson[] {
  const tainted = new Set(changed);
  const defs: AffectedJson[] = [];
  for (const name of to.definitionOrder) {
    const d = to.definitions.get(name);
    if (!d || tainted.has(name)) continue;
    const uses = [...refsOf([d.expr])].filter((r) => tainted.has(r));
    if (uses.length === 0) continue;
    tainted.add(name);
    if (from.definitions.has(name) && !listed.has(name)) defs.push({ id: name, kind: 'definition', uses });
  }
  const norms: AffectedJson[] = [];
  for (const n of to.norms.values()) {
    if (listed.has(n.id) || !from.norms.has(n.id)) continue;
    const uses = [...refsOf(normExprs(n))].filter((r) => tainted.has(r) && r !== n.id);
    if (uses.length > 0) norms.push({ id: n.id, kind: n.kind, holder: n.holder, counterparty: n.counterparty, uses });
  }
  return [...norms, ...defs.sort((a, b) => to.definitionOrder.indexOf(a.id) - to.definitionOrder.indexOf(b.id))];
}
