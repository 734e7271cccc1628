/** Dependencies between checked clauses: the definitions and powers an expression refers to, and a dependency order. */
import type { Definition, Expr } from './ir.js';
import { subExprs } from './walk.js';

/** Names of definitions and powers (`exercised p`) used by an expression, aggregates' conditions included. */
export function exprRefs(e: Expr, out: Set<string> = new Set()): Set<string> {
  if (e.kind === 'def') out.add(e.name);
  else if (e.kind === 'exercised') out.add(e.clause);
  for (const x of subExprs(e)) exprRefs(x, out);
  return out;
}

/** The longest chain of definitions one may stand on (`d2 = d1 + 1`, `d1 = d0 + 1`: 3); evaluation follows it recursively. */
export const MAX_DEFINITION_DEPTH = 256;

/** Definitions ordered so that each comes after the ones it uses (cycles, already reported, are broken arbitrarily). */
export function definitionOrder(defs: ReadonlyMap<string, Definition>): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const d = defs.get(name);
    if (!d) return;
    for (const r of exprRefs(d.expr)) if (defs.has(r)) visit(r);
    order.push(name);
  };
  for (const name of [...defs.keys()].sort()) visit(name);
  return order;
}
