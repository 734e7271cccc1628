/**
 * A family directory ready to evaluate: its documents checked, `ledger.jsonl` and any overlays of hypothetical events
 * read against the checked family. Problems are diagnostics; the caller judges whether the directory exists.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Family } from '../check/ir.js';
import { loadFamily } from '../check/load.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import type { LedgerEvent } from '../ledger/event.js';
import { readTextFile } from '../source/read-text-file.js';
import type { SourceFile } from '../source/source-file.js';
import { sourceFile } from '../source/source-file.js';
import { readLedger } from './read-ledger.js';

export interface LoadedFamily {
  readonly family: Family | null;
  readonly events: LedgerEvent[];
  readonly files: Map<string, SourceFile>;
  readonly diagnostics: Diagnostic[];
}

export const LEDGER_FILE = 'ledger.jsonl';

/** Overlays are files of JSON lines, or `{path, text}` when the text is given (an assistant's hypothetical events). */
export type Overlay = string | { readonly path: string; readonly text: string };

export function loadFamilyDir(dir: string, overlays: readonly Overlay[], lenient: boolean): LoadedFamily {
  const r = loadFamily(dir);
  const files = new Map(r.files);
  const diagnostics: Diagnostic[] = [...r.diagnostics];
  const events: LedgerEvent[] = [];
  if (!r.family || hasErrors(diagnostics)) return { family: null, events, files, diagnostics };
  const ledgers: { path: string; text?: string; hypothetical: boolean }[] = [];
  const main = join(dir, LEDGER_FILE);
  if (existsSync(main)) ledgers.push({ path: main, hypothetical: false });
  for (const o of overlays) ledgers.push(typeof o === 'string' ? { path: o, hypothetical: true } : { ...o, hypothetical: true });
  let seq = 0;
  const ids = new Map<string, { file: string; line: number }>();
  for (const l of ledgers) {
    let text: string;
    try {
      text = l.text ?? readTextFile(l.path);
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
