/**
 * `pacte fmt <paths…> [--check]`: formats the `pacte` blocks of documents (files or family directories) in place,
 * leaving the prose as it is; `--check` writes nothing and exits 1 when a document is not formatted (for CI). A
 * document with syntax errors is left as it is and its errors are printed (exit 1).
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { listDocuments } from '../check/load.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { renderAll, toJson } from '../diagnostics/render.js';
import { defineMessages } from '../messages/define-messages.js';
import { readTextFile } from '../source/read-text-file.js';
import type { SourceFile } from '../source/source-file.js';
import { sourceFile } from '../source/source-file.js';
import { formatDocument } from '../syntax/format-document.js';
import { parseDocument } from '../syntax/parse.js';
import type { CommonOptions, Io } from './options.js';
import { UsageError } from './options.js';

export interface FmtOptions extends CommonOptions {
  readonly check?: boolean;
}

/** The words of `pacte fmt`, in both languages. */
export const fmtWords = defineMessages({
  en: {
    'would-change': 'not formatted: {path}',
    summary: '{changed} document(s) formatted, {unchanged} already formatted',
    'check-summary': '{changed} document(s) to format, {unchanged} formatted',
    'has-errors': '{count} document(s) with syntax errors left as they are',
  },
  fr: {
    'would-change': 'pas formaté : {path}',
    summary: '{changed} document(s) formaté(s), {unchanged} déjà formaté(s)',
    'check-summary': '{changed} document(s) à formater, {unchanged} formaté(s)',
    'has-errors': '{count} document(s) avec des erreurs de syntaxe laissé(s) tels quels',
  },
});

export function runFmt(paths: readonly string[], opts: FmtOptions, io: Io): number {
  if (paths.length === 0) throw new UsageError('missing-path');
  const files: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new UsageError('no-such-path', { path: p });
    files.push(...(statSync(p).isDirectory() ? listDocuments(p) : [p]));
  }
  const changed: string[] = [];
  const unchanged: string[] = [];
  const broken: string[] = [];
  const diags: Diagnostic[] = [];
  const sources = new Map<string, SourceFile>();
  for (const path of files) {
    const file = sourceFile(path, readTextFile(path));
    const formatted = formatDocument(file);
    if (formatted === null) {
      broken.push(path);
      sources.set(path, file);
      diags.push(...parseDocument(file).diagnostics.filter((d) => d.severity === 'error'));
    } else if (formatted === file.text) unchanged.push(path);
    else {
      changed.push(path);
      if (!opts.check) writeFileSync(path, formatted);
    }
  }
  const lang = opts.lang;
  if (opts.json)
    io.out(
      JSON.stringify(
        {
          formatted: opts.check ? [] : changed,
          unformatted: opts.check ? changed : [],
          unchanged,
          errors: diags.map((d) => toJson(d, lang)),
        },
        null,
        2,
      ),
    );
  else {
    if (diags.length > 0) io.err(renderAll(diags, lang, sources));
    if (opts.check) for (const p of changed) io.err(fmtWords.format(lang, 'would-change', { path: p }));
    io.err(fmtWords.format(lang, opts.check ? 'check-summary' : 'summary', { changed: changed.length, unchanged: unchanged.length }));
    if (broken.length > 0) io.err(fmtWords.format(lang, 'has-errors', { count: broken.length }));
  }
  return broken.length > 0 || (opts.check && changed.length > 0) ? 1 : 0;
}
