/**
 * The events an expression's aggregates rest on (the first for `exists`/`first`, the latest for `latest`, the most
 * recent ones for `sum`/`count`): what made a condition true, or what a definition's value counts.
 */
import type { Expr } from '../check/ir.js';
import { subExprs } from '../check/walk.js';
import type { LedgerEvent } from '../ledger/event.js';
import { AGGREGATES } from './aggregates.js';
import type { Env } from './expr.js';

export function eventsBehind(env: Env, x: Expr, options: { day?: string | null; followDefinitions?: boolean } = {}): LedgerEvent[] {
  const day = options.day ?? null;
  const out: LedgerEvent[] = [];
  const keep = (ev: LedgerEvent | undefined): void => {
    if (ev && (day === null || ev.date === day) && !out.includes(ev)) out.push(ev);
  };
  const walk = (y: Expr, depth: number): void => {
    if (y.kind === 'agg') {
      const acc = env.aggregates.get(y.agg.key);
      if (!acc) throw new Error(`no accumulator for the aggregate ${y.agg.key}`);
      for (const ev of AGGREGATES[y.agg.fn].behind(acc)) keep(ev);
      return;
    }
    if (y.kind === 'def' || y.kind === 'previous' || y.kind === 'listTest') {
      const def = env.version.definitions.get(y.kind === 'listTest' ? y.list : y.name);
      if (options.followDefinitions && def && depth < 8) walk(def.expr, depth + 1);
      return;
    }
    for (const z of subExprs(y)) walk(z, depth);
  };
  walk(x, 0);
  return out;
}
