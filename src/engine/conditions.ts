/** The fold's side of lists of conditions: the day each definition member was met (engine/list-values.ts reads it). */
import type { IsoDate } from '../values/dates.js';
import { evalExpr } from './expr.js';
import type { FoldContext, FoldState } from './fold-state.js';
import { governing } from './fold-state.js';
import { listsOf } from './list-values.js';
import { changed, env } from './memo.js';

/**
 * At the end of a day the fold visits: the day each definition member of a list became true (kept while it stays
 * true, dropped when it is not). Definitions change only on the days the fold visits (events, timers, versions).
 */
export function trackConditions(ctx: FoldContext, s: FoldState, day: IsoDate): boolean {
  const version = governing(ctx, s);
  if (!version) return false;
  const lists = listsOf(version);
  if (lists.length === 0) return false;
  let moved = false;
  const en = env(ctx, s);
  for (const list of lists)
    for (const m of list.members) {
      if (m.clause) continue;
      const v = evalExpr(en, m.test);
      if (v.k === 'bool' && v.v) {
        if (!s.met.has(m.name)) {
          s.met.set(m.name, day);
          moved = true;
        }
      } else if (s.met.delete(m.name)) moved = true;
    }
  if (moved) changed(s);
  return moved;
}
