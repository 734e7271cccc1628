/**
 * pacte's public API: parse and check agreement documents, evaluate a family against its ledger, explain a status,
 * compare versions. The CLI (src/cli/) and later the HTTP server only call these.
 */
export { sourceFile } from './source/source-file.js';
export type { Point, Range, SourceFile, Span } from './source/source-file.js';
export type { Diagnostic, Severity } from './diagnostics/diagnostic.js';
export { hasErrors } from './diagnostics/diagnostic.js';
export { message, render, renderAll, toJson } from './diagnostics/render.js';
export type { Lang } from './diagnostics/terms.js';
export { parseDocument as parse } from './syntax/parse.js';
export type { SyntaxDocument } from './syntax/document.js';
export { checkFamily as check } from './check/family.js';
export type { CheckResult, InputFile } from './check/family.js';
export { loadFamily } from './check/load.js';
export type { Family, Version, Norm, Definition, EventType } from './check/ir.js';
/** Reads and validates a ledger against a checked family (event types, parties, sources, each type's condition). */
export { readLedger as parseLedger } from './engine/read-ledger.js';
export type { LedgerEvent } from './ledger/event.js';
export { createEvaluator, evaluate } from './engine/evaluate.js';
export type { EvaluateOptions, Evaluator } from './engine/evaluate.js';
export type { StateJson, NormJson } from './engine/state.js';
export type { Because } from './engine/explain.js';

import type { Lang } from './diagnostics/terms.js';
import type { Family } from './check/ir.js';
import type { LedgerEvent } from './ledger/event.js';
import type { Because } from './engine/explain.js';
import { evaluate } from './engine/evaluate.js';

/** The because tree of a norm or a definition as of a date, or null when there is no such name. */
export function explain(
  family: Family,
  events: readonly LedgerEvent[],
  name: string,
  asOf: string,
  options: { version?: string; lang?: Lang } = {},
): Because | null {
  const st = evaluate(family, events, asOf, { version: options.version ?? null, lang: options.lang ?? 'en' });
  return st.norms.find((n) => n.id === name)?.because ?? st.values[name]?.because ?? null;
}
export * from './diff/index.js';
