/** Diagnostics are values: a code, a severity, a span, the arguments of the message and the clause's heading trail. */
import type { Point, Range, SourceFile } from '../source/source-file.js';
import { pointAt } from '../source/source-file.js';
import type { StoredArgs } from '../messages/define-messages.js';
import type { MessageCode } from './messages.en.js';
import type { DiagnosticArgs } from './messages.js';

export type Severity = 'error' | 'warning' | 'info';

/** The arguments as kept in a diagnostic (typed by code where the diagnostic is made, by `diagnostic`). */
export type Args = StoredArgs;

interface DiagnosticOptions {
  severity?: Severity;
  trail?: readonly string[];
}

export interface Diagnostic {
  readonly code: MessageCode;
  readonly severity: Severity;
  readonly file: string;
  readonly start: Point;
  readonly end: Point;
  readonly args: Args;
  /** Headings of the prose around the clause, outermost first (`["Revenue share"]`). */
  readonly trail: readonly string[];
}

/** A diagnostic with code `C`: its arguments are the placeholders of the code's message, checked by the compiler. */
export function diagnostic<C extends MessageCode>(
  file: SourceFile,
  range: Range,
  code: C,
  ...rest: [...DiagnosticArgs<C>, options?: DiagnosticOptions]
): Diagnostic {
  const args = (rest[0] ?? {}) as Args;
  const options: DiagnosticOptions = (rest[1] as DiagnosticOptions | undefined) ?? {};
  return {
    code,
    severity: options.severity ?? defaultSeverity(code),
    file: file.path,
    start: pointAt(file, range[0]),
    end: pointAt(file, range[1]),
    args,
    trail: options.trail ?? [],
  };
}

const WARNINGS: ReadonlySet<MessageCode> = new Set<MessageCode>([
  'unknown-front-matter-field',
  'unclosed-block',
  'empty-block',
  'rule-conflict',
  'act-conflict',
  'ledger-skipped',
]);

export function defaultSeverity(code: MessageCode): Severity {
  return WARNINGS.has(code) ? 'warning' : 'error';
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/** Stable order: file, offset, code. */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  return [...diags].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.start.offset - b.start.offset ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
