/**
 * The change of a clause's source citation: a source added, removed or replaced, or the same source cited with a
 * stronger or weaker status (official → reported is a downgrade).
 */
import type { Citation, SourceStatus } from '../check/ir.js';
import type { ChangeJson } from './redline-json.js';

const RANK: Readonly<Record<SourceStatus, number>> = { official: 0, reported: 1, unverified: 2 };

export function citationText(c: Citation): string {
  return `${c.source.id} (${c.status})`;
}

export function sourceChange(a: Citation | null, b: Citation | null): ChangeJson | null {
  if (a === null && b === null) return null;
  const change = (classification: string): ChangeJson => ({
    part: 'source',
    from: a && citationText(a),
    to: b && citationText(b),
    classification,
  });
  if (a === null) return change('source-added');
  if (b === null) return change('source-removed');
  if (a.source.id !== b.source.id) return change('source-changed');
  if (a.status === b.status) return null;
  return change(RANK[b.status] > RANK[a.status] ? 'status-downgraded' : 'status-upgraded');
}
