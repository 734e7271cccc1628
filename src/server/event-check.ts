/**
 * Checks posted events with the ledger's own validation (engine/ledger.ts `parseLedger`) against the family, on
 * their canonical text (store/chain.ts), and turns its diagnostics into HTTP errors that say where: a malformed
 * value or an unknown field is a 400 with the JSON `path` (`data.amount`), an event the agreement refuses (unknown
 * type, party or clause, an actor the type does not allow, a missing field) is a 422 with the ledger diagnostics.
 */
import type { Family } from '../check/ir.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { toJson } from '../diagnostics/render.js';
import type { Lang } from '../diagnostics/terms.js';
import type { LedgerEvent } from '../ledger/event.js';
import { readLedger } from '../engine/read-ledger.js';
import { sourceFile } from '../source/source-file.js';
import { CanonicalJsonError, canonicalEvent, canonicalJson } from '../store/chain.js';
import { ApiError, badRequest } from './errors.js';

/** Ledger codes that mean the request itself is malformed (400), rather than refused by the agreement (422). */
const MALFORMED = new Set<string>([
  'ledger-json',
  'ledger-missing-field',
  'ledger-unknown-key',
  'ledger-data-type',
  'ledger-bad-date',
  'ledger-bad-money',
  'ledger-extra-data',
  'ledger-bad-id',
]);

export interface CheckedEvents {
  readonly bodies: readonly string[];
  readonly events: readonly LedgerEvent[];
}

/** The JSON path a diagnostic points at in one canonical event line (`data.amount`, `date`, or '' for the event). */
function pathOf(line: string, obj: Record<string, unknown>, d: Diagnostic, lineStart: number): string {
  const start = d.start.offset - lineStart;
  const end = d.end.offset - lineStart;
  const text = line.slice(start, end);
  if (!/^"(?:[^"\\]|\\.)*"$/.test(text)) return '';
  const key = JSON.parse(text) as string;
  const dataAt = line.indexOf('"data":');
  if (dataAt >= 0 && obj['data'] !== undefined) {
    const from = dataAt + '"data":'.length;
    const to = from + canonicalJson(obj['data']).length;
    if (start >= from && start < to) return `data.${key}`;
  }
  return key;
}

/**
 * Checks `objs` (already of the Event schema) against the family. `prefix` names each event in paths (`events[2].`
 * for a what-if, '' for one posted event). Throws ApiError (400 or 422); returns canonical bodies and parsed events.
 */
export function checkEvents(
  family: Family,
  objs: readonly Record<string, unknown>[],
  lang: Lang,
  options: { prefix: (i: number) => string; hypothetical: boolean; seqBase: number; ids: Map<string, { file: string; line: number }> },
): CheckedEvents {
  const bodies = objs.map((o, i) => {
    try {
      return canonicalEvent(o);
    } catch (e) {
      if (e instanceof CanonicalJsonError) throw badRequest(`${options.prefix(i)}${e.path}`, e.message.replace(/^[^:]*: /, ''));
      throw e;
    }
  });
  const file = sourceFile(options.hypothetical ? 'what-if.jsonl' : 'event.jsonl', bodies.join('\n'));
  const r = readLedger(file, family, { hypothetical: options.hypothetical, seqBase: options.seqBase, ids: options.ids });
  if (r.diagnostics.length === 0) return { bodies, events: r.events };
  const located = r.diagnostics.map((d) => {
    const i = d.start.line - 1;
    const lineStart = file.lineStarts[i] ?? 0;
    const key = pathOf(bodies[i] ?? '', objs[i] ?? {}, d, lineStart);
    const path = `${options.prefix(i)}${key}`.replace(/\.$/, '');
    const json: Record<string, unknown> = { ...toJson(d, lang), path };
    return { d, path, json };
  });
  const malformed = located.find((x) => MALFORMED.has(x.d.code));
  const diagnostics = located.map((x) => x.json);
  if (malformed) throw badRequest(malformed.path, String(malformed.json['message']), { diagnostics });
  throw new ApiError('invalid-event', { count: diagnostics.length }, { diagnostics });
}
