/**
 * The parts that differ between two forms of one definition: its formula (`value`), classified by how its single
 * changed literal moved when there is one (`threshold-raised` for `profit >= USD 100bn` → `USD 150bn`), and its
 * source citation.
 */
import type { Definition } from '../check/ir.js';
import { literalChange } from './expr-delta.js';
import { exprEqual } from './expr-equal.js';
import { exprText } from '../check/expr-text.js';
import type { ChangeJson } from './redline-json.js';
import { sourceChange } from './source-change.js';

function valueClassification(a: Definition, b: Definition): string {
  const c = literalChange(a.expr, b.expr);
  if (!c) return 'value-changed';
  if (c.threshold) return c.moved > 0 ? 'threshold-raised' : 'threshold-lowered';
  if (c.effect === 0) return 'value-changed';
  const up = c.effect > 0;
  switch (c.value) {
    case 'money':
    case 'number':
    case 'quantity':
    case 'price':
      return up ? 'amount-raised' : 'amount-lowered';
    case 'percent':
      return up ? 'percentage-raised' : 'percentage-lowered';
    case 'date':
    case 'period':
      return up ? 'date-later' : 'date-earlier';
    case 'duration':
      return up ? 'delay-longer' : 'delay-shorter';
    default:
      return 'value-changed';
  }
}

export function definitionChanges(a: Definition, b: Definition): ChangeJson[] {
  const out: ChangeJson[] = [];
  if (!exprEqual(a.expr, b.expr)) {
    out.push({ part: 'value', from: exprText(a.expr, a.meta), to: exprText(b.expr, b.meta), classification: valueClassification(a, b) });
  }
  const src = sourceChange(a.meta.citation, b.meta.citation);
  if (src) out.push(src);
  return out;
}

/** A changed definition is classified by its changes themselves (`threshold-raised`, `value-changed`, `source-changed`…). */
export function classifyDefinition(changes: readonly ChangeJson[]): string[] {
  const out = [...new Set(changes.map((c) => (c.part === 'source' ? 'source-changed' : c.classification)))];
  return out.length === 0 ? ['wording-changed'] : out;
}
