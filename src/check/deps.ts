/** Dependencies between checked clauses: the definitions and powers an expression refers to, and a dependency order. */
import type { Definition, Expr } from './ir.js';
import { subExprs } from './walk.js';

/** Names of definitions and clauses (`exercised p`, `c is violated`) used by an expression, aggregates' conditions included. */
export function exprRefs(e: Expr, out: Set<string> = new Set()): Set<string> {
  if (e.kind === 'def' || e.kind === 'previous') out.add(e.name);
  else if (e.kind === 'listTest') out.add(e.list);
  else if (e.kind === 'exercised' || e.kind === 'outcome') out.add(e.clause);
  for (const x of subExprs(e)) exprRefs(x, out);
  return out;
}

/** How `outcomeRefs` names the obligations a party holds, read by its account (`paid by a`). */
export const ACCOUNT_MARK = '@account:';

/**
 * The clauses whose outcome (`c is S`, `in force c`, `date c became S`) an expression reads, itself or through the
 * definitions it uses: the edges of `cyclic-outcome`.
 */
export function outcomeRefs(
  e: Expr,
  defs: ReadonlyMap<string, Definition>,
  out: Set<string> = new Set(),
  seen: Set<string> = new Set(),
): Set<string> {
  if (e.kind === 'outcome') out.add(e.clause);
  // An account reads the obligations its party holds: `@account:PARTY`, which the caller expands.
  else if (e.kind === 'account') out.add(`${ACCOUNT_MARK}${e.party}`);
  else if ((e.kind === 'def' || e.kind === 'previous' || e.kind === 'listTest') && !seen.has(e.kind === 'listTest' ? e.list : e.name)) {
    const name = e.kind === 'listTest' ? e.list : e.name;
    seen.add(name);
    const d = defs.get(name);
    if (d) outcomeRefs(d.expr, defs, out, seen);
  }
  for (const x of subExprs(e)) outcomeRefs(x, defs, out, seen);
  return out;
}

/**
 * A chain of clauses each reading the outcome of the next and back to the first (`a → b → a`), or null: a clause
 * whose terms depend on its own outcome has no status to give. `reads` gives each clause's outcome edges.
 */
export function outcomeCycle(names: readonly string[], reads: (name: string) => ReadonlySet<string>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  let found: string[] | null = null;
  const visit = (name: string, path: string[]): void => {
    if (found || state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      found = [...path.slice(path.indexOf(name)), name];
      return;
    }
    state.set(name, 'visiting');
    for (const r of [...reads(name)].sort()) if (names.includes(r)) visit(r, [...path, name]);
    state.set(name, 'done');
  };
  for (const n of names) visit(n, []);
  return found;
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
