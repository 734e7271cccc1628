/** `pacte check <paths…>`: parses and checks documents or family directories; prints diagnostics. Exit 1 on any error. */
import { existsSync, statSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import { renderAll, toJson } from '../diagnostics/render.js';
import type { SourceFile } from '../source/source-file.js';
import { sourceFile } from '../source/source-file.js';
import { fsErrorDetail, listDocuments, loadFamily } from '../check/load.js';
import type { CommonOptions, Io } from './options.js';
import { UsageError } from './options.js';
import { defineMessages } from '../messages/define-messages.js';

/** The summary line of `pacte check`, in both languages. */
export const checkWords = defineMessages({
  en: { summary: 'checked {documents} document(s): {errors} error(s), {warnings} warning(s)' },
  fr: { summary: '{documents} document(s) vérifié(s) : {errors} erreur(s), {warnings} avertissement(s)' },
});

export function runCheck(paths: readonly string[], opts: CommonOptions, io: Io): number {
  if (paths.length === 0) throw new UsageError('missing-path');
  const all: Diagnostic[] = [];
  const files = new Map<string, SourceFile>();
  let documents = 0;
  for (const p of paths) {
    if (!existsSync(p)) throw new UsageError('no-such-path', { path: p });
    try {
      if (statSync(p).isDirectory() && listDocuments(p).length === 0) {
        const f = sourceFile(p, '');
        all.push(diagnostic(f, [0, 0], 'no-documents', { path: p }));
        continue;
      }
      const r = loadFamily(p);
      documents += statSync(p).isDirectory() ? listDocuments(p).length : 1;
      for (const [k, v] of r.files) files.set(k, v);
      all.push(...r.diagnostics);
    } catch (e) {
      // A directory that cannot be listed: reported like a file that cannot be read, without a stack trace.
      if (!(e instanceof Error && 'code' in e && typeof e.code === 'string')) throw e;
      all.push(diagnostic(sourceFile(p, ''), [0, 0], 'read-error', { path: p, detail: fsErrorDetail(e) }));
    }
  }
  if (opts.json)
    io.out(
      JSON.stringify(
        all.map((d) => toJson(d, opts.lang)),
        null,
        2,
      ),
    );
  else {
    if (all.length > 0) io.err(renderAll(all, opts.lang, files));
    const errors = all.filter((d) => d.severity === 'error').length;
    const warnings = all.length - errors;
    io.err(checkWords.format(opts.lang, 'summary', { documents, errors, warnings }));
  }
  return hasErrors(all) ? 1 : 0;
}
