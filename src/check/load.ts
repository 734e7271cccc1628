/** Reads family directories and files from disk into `checkFamily` inputs. The only part of checking that touches the file system. */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { readTextFile } from '../source/read-text-file.js';
import { sourceFile } from '../source/source-file.js';
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
  return paths.map((p) => ({ path: display(p), text: readTextFile(p) }));
}

/** The message of a file system error, without the stack: `EISDIR: illegal operation on a directory`. */
export function fsErrorDetail(e: unknown): string {
  if (e instanceof Error) return e.message.replace(/, \w+ '.*'$/, '');
  return String(e);
}

/**
 * Reads what can be read; a file that cannot be read (a directory named `x.pacte.md`, no permission, a FIFO or a
 * device: only regular files are read) is a `read-error`.
 */
function readAll(paths: readonly string[]): { inputs: InputFile[]; diagnostics: Diagnostic[] } {
  const inputs: InputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const p of paths) {
    try {
      inputs.push({ path: display(p), text: readTextFile(p) });
    } catch (e) {
      diagnostics.push(diagnostic(sourceFile(display(p), ''), [0, 0], 'read-error', { path: display(p), detail: fsErrorDetail(e) }));
    }
  }
  return { inputs, diagnostics };
}

/**
 * Loads the family in `dir`. When `path` names a file, its siblings are context and only that file's diagnostics are
 * kept; a file named explicitly is checked even when its name does not end in `.pacte.md`.
 */
export function loadFamily(path: string): CheckResult & { readonly extra: Diagnostic[] } {
  const isDir = statSync(path).isDirectory();
  const dir = isDir ? path : dirname(path);
  const paths = listDocuments(dir);
  if (!isDir && !paths.some((p) => resolve(p) === resolve(path))) paths.push(join(dir, basename(path)));
  const read = readAll(paths);
  const result = checkFamily(read.inputs, display(dir));
  const diagnostics = sortDiagnostics([...read.diagnostics, ...result.diagnostics]);
  if (isDir) return { ...result, diagnostics, extra: [] };
  const shown = display(path);
  return { ...result, diagnostics: diagnostics.filter((d) => d.file === shown), extra: [] };
}
