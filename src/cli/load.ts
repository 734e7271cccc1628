/** Loads a family directory for the evaluating commands: checks the documents, reads `ledger.jsonl` and any `--events` overlays. */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Family } from '../check/ir.js';
import { listDocuments, loadFamily } from '../check/load.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import { readTextFile } from '../source/read-text-file.js';
import type { SourceFile } from '../source/source-file.js';
import { sourceFile } from '../source/source-file.js';
import type { LedgerEvent } from '../ledger/event.js';
import { readLedger } from '../engine/read-ledger.js';
import { UsageError } from './options.js';

export interface Loaded {
  readonly family: Family | null;
  readonly events: LedgerEvent[];
  readonly files: Map<string, SourceFile>;
  readonly diagnostics: Diagnostic[];
}

export const LEDGER_FILE = 'ledger.jsonl';

export function loadForEvaluation(dir: string, overlays: readonly string[], lenient: boolean): Loaded {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError('not-a-family', { dir });
  if (listDocuments(dir).length === 0) throw new UsageError('no-documents', { dir });
  for (const o of overlays) if (!existsSync(o)) throw new UsageError('no-events-file', { path: o });
  const r = loadFamily(dir);
  const files = new Map(r.files);
  const diagnostics: Diagnostic[] = [...r.diagnostics];
  const events: LedgerEvent[] = [];
  if (!r.family || hasErrors(diagnostics)) return { family: null, events, files, diagnostics };
  const ledgers: { path: string; hypothetical: boolean }[] = [];
  const main = join(dir, LEDGER_FILE);
  if (existsSync(main)) ledgers.push({ path: main, hypothetical: false });
  for (const o of overlays) ledgers.push({ path: o, hypothetical: true });
  let seq = 0;
  const ids = new Map<string, { file: string; line: number }>();
  for (const l of ledgers) {
    let text: string;
    try {
      text = readTextFile(l.path);
    } catch (e) {
      const f = sourceFile(l.path, '');
      files.set(f.path, f);
      diagnostics.push(
        diagnostic(f, [0, 0], 'read-error', { path: l.path, detail: e instanceof Error ? e.message.replace(/^[A-Z]+: /, '') : String(e) }),
      );
      continue;
    }
    const file = sourceFile(l.path, text);
    files.set(file.path, file);
    const res = readLedger(file, r.family, { seqBase: seq, hypothetical: l.hypothetical, ids });
    seq += file.lineStarts.length;
    events.push(...res.events);
    if (lenient) {
      diagnostics.push(...res.diagnostics.map((d) => ({ ...d, severity: 'warning' as const })));
      for (const line of res.invalidLines)
        diagnostics.push(diagnostic(file, [file.lineStarts[line - 1] ?? 0, file.lineStarts[line - 1] ?? 0], 'ledger-skipped', { line }));
    } else diagnostics.push(...res.diagnostics);
  }
  return { family: r.family, events, files, diagnostics };
}
