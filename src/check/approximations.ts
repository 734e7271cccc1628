/**
 * `approximations(version)`: the reported approximations (`about USD 300bn`) each definition and clause rests on.
 * A definition written with `about` rests on itself; one that reads approximate definitions rests on theirs; a
 * clause on those its terms read, and on itself for an `about` written in it. Static, so it marks every result that
 * may use an approximation (the state marks those values, clauses and accounts approximate; docs/state.md).
 */
import { normExprs, subExprs } from './walk.js';
import type { Expr, Version } from './ir.js';

export interface Approximations {
  readonly definitions: ReadonlyMap<string, readonly string[]>;
  readonly norms: ReadonlyMap<string, readonly string[]>;
}

const kept = new WeakMap<Version, Approximations>();
const keptAssumed = new WeakMap<Version, Approximations>();

function written(e: Expr): boolean {
  return (e.kind === 'lit' && e.approx === true) || subExprs(e).some(written);
}

/** The labels of the assumed values (check/assume.ts) written in an expression. */
function assumedIn(e: Expr, out: Set<string> = new Set()): Set<string> {
  if (e.kind === 'lit' && e.assumed) out.add(e.assumed.label);
  for (const x of subExprs(e)) assumedIn(x, out);
  return out;
}

/** What rests on a reported approximation: the names of the approximate definitions and clauses. */
export function approximations(version: Version): Approximations {
  return restsOn(version, kept, (e, name) => (written(e) ? [name] : []));
}

/** What rests on an assumed value of a scenario: the labels (`ASSUMED-1`) each definition and clause uses. */
export function assumptionsOf(version: Version): Approximations {
  return restsOn(version, keptAssumed, (e) => [...assumedIn(e)]);
}

function restsOn(version: Version, cache: WeakMap<Version, Approximations>, marks: (e: Expr, name: string) => string[]): Approximations {
  const known = cache.get(version);
  if (known) return known;
  const definitions = new Map<string, readonly string[]>();
  const visiting = new Set<string>();
  const ofDefinition = (name: string): readonly string[] => {
    const done = definitions.get(name);
    if (done) return done;
    const d = version.definitions.get(name);
    if (!d || visiting.has(name)) return [];
    visiting.add(name);
    const out = new Set<string>(marks(d.expr, name));
    for (const r of refs(d.expr)) for (const x of ofDefinition(r)) out.add(x);
    visiting.delete(name);
    const list = [...out].sort();
    definitions.set(name, list);
    return list;
  };
  const refs = (e: Expr, out: Set<string> = new Set()): Set<string> => {
    if (e.kind === 'def' || e.kind === 'previous') out.add(e.name);
    else if (e.kind === 'listTest') out.add(e.list);
    for (const x of subExprs(e)) refs(x, out);
    return out;
  };
  for (const name of version.definitions.keys()) ofDefinition(name);
  const norms = new Map<string, readonly string[]>();
  for (const [id, n] of version.norms) {
    const out = new Set<string>();
    for (const e of normExprs(n)) {
      if (!e) continue;
      for (const m of marks(e, id)) out.add(m);
      for (const r of refs(e)) for (const x of ofDefinition(r)) out.add(x);
    }
    if (out.size > 0) norms.set(id, [...out].sort());
  }
  const result = { definitions: new Map([...definitions].filter(([, v]) => v.length > 0)), norms };
  cache.set(version, result);
  return result;
}
