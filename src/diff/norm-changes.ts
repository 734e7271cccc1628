/**
 * The parts that differ between two forms of one norm, each typed (`part`: `until`, `amount`, `holder`…) and
 * classified at the level of the part (`end-later`, `amount-lowered`, `filter-added`…). The classification for a
 * lawyer, which depends on the kind of norm, is made from these by `classify-norm.ts`.
 */
import type { ClauseMeta, Expr, Norm } from '../check/ir.js';
import type { Polarity } from './expr-delta.js';
import { compareValues, literalChange, termChange } from './expr-delta.js';
import { exprEqual } from './expr-equal.js';
import { exprText } from '../check/expr-text.js';
import type { ChangeJson } from './redline-json.js';
import { sourceChange } from './source-change.js';

type Classify = (a: Expr | null, b: Expr | null) => string | null;

/** Classifies an optional part as added, removed, or changed in a way `moved` tells (null: just `changed`). */
function optional(prefix: string, moved: (a: Expr, b: Expr) => string | null = () => null): Classify {
  return (a, b) => {
    if (a === null && b === null) return null;
    if (a === null) return `${prefix}-added`;
    if (b === null) return `${prefix}-removed`;
    return moved(a, b) ?? `${prefix}-changed`;
  };
}

/** Names the move of a single literal by its effect on the whole expression: `[up, down]`. */
function byEffect(kinds: readonly string[], names: readonly [string, string]): (a: Expr, b: Expr) => string | null {
  return (a, b) => {
    const c = literalChange(a, b);
    if (!c || !kinds.includes(c.value) || c.effect === 0) return null;
    return c.effect > 0 ? names[0] : names[1];
  };
}

const amountMove = (a: Expr, b: Expr): string | null => {
  const t = termChange(a, b);
  if (t) return t > 0 ? 'amount-raised' : 'amount-lowered';
  const c = literalChange(a, b);
  if (!c || c.effect === 0) return null;
  const up = c.effect > 0;
  if (c.value === 'percent') return up ? 'percentage-raised' : 'percentage-lowered';
  if (c.value === 'money' || c.value === 'number' || c.value === 'quantity' || c.value === 'price')
    return up ? 'amount-raised' : 'amount-lowered';
  return null;
};

function flatten(e: Expr, op: 'and' | 'or'): Expr[] {
  return e.kind === 'binary' && e.op === op ? [...flatten(e.left, op), ...flatten(e.right, op)] : [e];
}

/** Every expression of `xs` is in `ys`. */
function within(xs: readonly Expr[], ys: readonly Expr[]): boolean {
  return xs.every((x) => ys.some((y) => exprEqual(x, y)));
}

/**
 * A condition that drops one of its `and` terms (or gains an `or` term) holds more often: `[more, less]` names the
 * two directions. Anything else is not ordered.
 */
export function conditionMove(names: readonly [string, string]): (a: Expr, b: Expr) => string | null {
  return (a, b) => {
    const [ca, cb] = [flatten(a, 'and'), flatten(b, 'and')];
    if (cb.length < ca.length && within(cb, ca)) return names[0];
    if (ca.length < cb.length && within(ca, cb)) return names[1];
    const [da, db] = [flatten(a, 'or'), flatten(b, 'or')];
    if (da.length < db.length && within(da, db)) return names[0];
    if (db.length < da.length && within(db, da)) return names[1];
    return null;
  };
}

const startMove = byEffect(['date', 'duration'], ['start-later', 'start-earlier']);

const CLASSIFY = {
  amount: optional('amount', amountMove),
  where: optional('filter', conditionMove(['filter-broadened', 'filter-narrowed'])),
  within: optional('delay', byEffect(['duration'], ['delay-longer', 'delay-shorter'])),
  cure: optional('delay', byEffect(['duration'], ['delay-longer', 'delay-shorter'])),
  by: optional('deadline', byEffect(['date', 'duration'], ['deadline-later', 'deadline-earlier'])),
  from: optional('start', (a, b) => startMove(a, b) ?? 'start-condition-changed'),
  when: optional('condition', conditionMove(['condition-relaxed', 'condition-tightened'])),
  'suspended-while': optional('suspension', conditionMove(['suspension-widened', 'suspension-narrowed'])),
  'capped-at': optional('cap', byEffect(['money'], ['cap-raised', 'cap-lowered'])),
  'lapses-after': optional('delay', byEffect(['duration'], ['delay-longer', 'delay-shorter'])),
  'deemed-given-after': optional('delay', byEffect(['duration'], ['delay-longer', 'delay-shorter'])),
} as const;

/** How the list of ends (`until a or b`, whichever first) changed. */
export function endsClassification(a: readonly Expr[], b: readonly Expr[]): string | null {
  if (a.length === 0 && b.length === 0) return null;
  if (a.length === 0) return 'end-added';
  if (b.length === 0) return 'end-removed';
  const isDate = (e: Expr): e is Expr & { kind: 'lit' } => e.kind === 'lit' && e.value.k === 'date';
  const firstDate = (es: readonly Expr[]): Expr | null =>
    es
      .filter(isDate)
      .reduce<Expr | null>((m, e) => (m === null || (m.kind === 'lit' && compareValues(m.value, e.value) === -1) ? e : m), null);
  const conds = (es: readonly Expr[]): Expr[] => es.filter((e) => !isDate(e));
  const removed = conds(a).filter((x) => !conds(b).some((y) => exprEqual(x, y)));
  const added = conds(b).filter((y) => !conds(a).some((x) => exprEqual(x, y)));
  const signals: Polarity[] = [...removed.map((): Polarity => 1), ...added.map((): Polarity => -1)];
  const da = firstDate(a);
  const db = firstDate(b);
  let dateMove: Polarity = 0;
  if (da && db && da.kind === 'lit' && db.kind === 'lit') dateMove = (compareValues(da.value, db.value) ?? 0) as Polarity;
  else if (da && !db) dateMove = 1;
  else if (!da && db) dateMove = -1;
  if (signals.length === 0) {
    if (dateMove === 0) return null;
    if (da && db) return dateMove > 0 ? 'end-later' : 'end-earlier';
  }
  if (dateMove !== 0) signals.push(dateMove);
  if (signals.every((s) => s > 0)) return 'end-condition-removed';
  if (signals.every((s) => s < 0)) return 'end-condition-added';
  return 'end-condition-changed';
}

function withKeyword(keyword: string, text: string | null): string | null {
  return text === null ? null : keyword === '' ? text : `${keyword} ${text}`;
}

export function normChanges(a: Norm, b: Norm): ChangeJson[] {
  const out: ChangeJson[] = [];
  const am: ClauseMeta = a.meta;
  const bm: ClauseMeta = b.meta;
  const text = (e: Expr | null, m: ClauseMeta): string | null => (e === null ? null : exprText(e, m));
  const plain = (part: string, x: string | null, y: string | null, classification: string): void => {
    if (x !== y) out.push({ part, from: x, to: y, classification });
  };
  plain('kind', a.kind, b.kind, 'kind-changed');
  // `a or b can …`: the holders as written, so that adding or dropping one is a change of party.
  plain('holder', a.holders.join(' or '), b.holders.join(' or '), 'party-changed');
  plain('counterparty', a.counterparty, b.counterparty, 'party-changed');
  plain('action', a.verb, b.verb, 'action-changed');
  // A power's reason (`because R`): which consequences (`terminated for R`) follow from its exercise.
  plain('because', a.reason && `because ${a.reason}`, b.reason && `because ${b.reason}`, 'reason-changed');
  const expr = (part: keyof typeof CLASSIFY, keyword: string, x: Expr | null, y: Expr | null): void => {
    if (exprEqual(x, y)) return;
    const classification = CLASSIFY[part](x, y);
    if (classification) out.push({ part, from: withKeyword(keyword, text(x, am)), to: withKeyword(keyword, text(y, bm)), classification });
  };
  expr('amount', '', a.amount, b.amount);
  expr('where', 'where', a.where, b.where);
  const trigger = (n: Norm, m: ClauseMeta): string | null =>
    n.trigger ? `for each ${n.trigger.events.join(' or ')}${n.trigger.where ? ` where ${exprText(n.trigger.where, m)}` : ''}` : null;
  if (a.trigger?.events.join(' or ') !== b.trigger?.events.join(' or ') || !exprEqual(a.trigger?.where ?? null, b.trigger?.where ?? null)) {
    const classification = !a.trigger ? 'trigger-added' : !b.trigger ? 'trigger-removed' : 'trigger-changed';
    out.push({ part: 'for-each', from: trigger(a, am), to: trigger(b, bm), classification });
  }
  expr('within', 'within', a.within, b.within);
  expr('cure', 'cure', a.cure, b.cure);
  expr('by', 'by', a.by, b.by);
  expr('from', 'from', a.start, b.start);
  const endsChange = endsClassification(a.ends, b.ends);
  if (endsChange) {
    const isDate = (e: Expr): boolean => e.kind === 'lit' && e.value.k === 'date';
    const ends = (es: readonly Expr[], m: ClauseMeta): string | null =>
      es.length === 0 ? null : `until ${es.map((e) => exprText(e, m)).join(' or ')}`;
    const dates = (n: Norm): Expr[] => n.ends.filter(isDate);
    const conds = (n: Norm): Expr[] => n.ends.filter((e) => !isDate(e));
    const dateChange = endsClassification(dates(a), dates(b));
    const condChange = endsClassification(conds(a), conds(b));
    if (dateChange && condChange) {
      // Both the dated end and the end condition changed (`until agi or 2030-12-31` → `until 2032-12-31`): two changes.
      out.push({
        part: 'until',
        from: ends(dates(a), am),
        to: ends(dates(b), bm),
        classification: dateChange === 'end-added' ? 'end-date-added' : dateChange === 'end-removed' ? 'end-date-removed' : dateChange,
      });
      out.push({
        part: 'until',
        from: ends(conds(a), am),
        to: ends(conds(b), bm),
        classification:
          condChange === 'end-removed' ? 'end-condition-removed' : condChange === 'end-added' ? 'end-condition-added' : condChange,
      });
    } else out.push({ part: 'until', from: ends(a.ends, am), to: ends(b.ends, bm), classification: endsChange });
  }
  expr('when', 'when', a.when, b.when);
  expr('suspended-while', 'suspended while', a.suspendedWhile, b.suspendedWhile);
  expr('capped-at', 'capped at', a.cap, b.cap);
  expr('lapses-after', 'lapses after', a.lapsesAfter, b.lapsesAfter);
  expr('deemed-given-after', 'deemed given after', a.deemedGivenAfter, b.deemedGivenAfter);
  const addedOverrides = b.overrides.filter((o) => !a.overrides.includes(o));
  const removedOverrides = a.overrides.filter((o) => !b.overrides.includes(o));
  if (addedOverrides.length > 0 || removedOverrides.length > 0) {
    const list = (os: readonly string[]): string | null => (os.length === 0 ? null : `overrides ${os.join(', ')}`);
    const classification =
      removedOverrides.length === 0 ? 'overrides-added' : addedOverrides.length === 0 ? 'overrides-removed' : 'overrides-changed';
    out.push({ part: 'overrides', from: list(a.overrides), to: list(b.overrides), classification });
  }
  const src = sourceChange(a.meta.citation, b.meta.citation);
  if (src) out.push(src);
  return out;
}
