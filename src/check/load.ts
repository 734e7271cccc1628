/** Reads family directories and files from disk into `checkFamily` inputs. The only part of checking that touches the file system. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CheckResult, InputFile } from './family.js';
import { checkFamily } from './family.js';

export const DOCUMENT_SUFFIX = '.pacte.md';

function display(path: string): string {
  const r = relative(process.cwd(), path);
  return r === '' ? '.' : r.startsWith('..') ? path : r;
}

export function listDocuments(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith(DOCUMENT_SUFFIX))
    .sort()
    .map((n) => join(dir, n));
}

export function readInputs(paths: readonly string[]): InputFile[] {
  return paths.map((p) => ({ path: display(p), text: readFileSync(p, 'utf8') }));
}

/** Loads the family in `dir`. When `only` names a file, the siblings are context and only that file's diagnostics are kept. */
export function loadFamily(path: string): CheckResult & { readonly extra: Diagnostic[] } {
  const isDir = statSync(path).isDirectory();
  const dir = isDir ? path : dirname(path);
  const result = checkFamily(readInputs(listDocuments(dir)), display(dir));
  if (isDir) return { ...result, extra: [] };
  const shown = display(path);
  return { ...result, diagnostics: result.diagnostics.filter((d) => d.file === shown), extra: [] };
}
