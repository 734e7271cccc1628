/**
 * The one renderer of diagnostics:
 *
 *     agreement.pacte.md:12:7: error unknown-name: unknown name `agi_verifed` (did you mean `agi_verified`?)
 *        12 |   until agi_verifed
 *           |         ^^^^^^^^^^^
 *           = § Revenue share › Term
 */
import type { SourceFile } from '../source/source-file.js';
import { lineText } from '../source/source-file.js';
import type { Diagnostic } from './diagnostic.js';
import { messagesEn } from './messages.en.js';
import { messagesFr } from './messages.fr.js';
import type { Lang } from './terms.js';
import { term } from './terms.js';

const SEVERITY: Record<Lang, Record<Diagnostic['severity'], string>> = {
  en: { error: 'error', warning: 'warning', info: 'info' },
  fr: { error: 'erreur', warning: 'avertissement', info: 'info' },
};

export function message(d: Diagnostic, lang: Lang): string {
  const table = lang === 'fr' ? messagesFr : messagesEn;
  return table[d.code].replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = d.args[k];
    return v === undefined ? '' : term(v, lang);
  });
}

/** A diagnostic as JSON: the documented shape `{code, severity, message, file, start, end, trail}`. */
export function toJson(d: Diagnostic, lang: Lang): Record<string, unknown> {
  return { code: d.code, severity: d.severity, message: message(d, lang), file: d.file, start: d.start, end: d.end, trail: d.trail };
}

export function render(d: Diagnostic, lang: Lang, files: ReadonlyMap<string, SourceFile>): string {
  const head = `${d.file}:${d.start.line}:${d.start.column}: ${SEVERITY[lang][d.severity]} ${d.code}: ${message(d, lang)}`;
  const file = files.get(d.file);
  if (!file) return head;
  const text = lineText(file, d.start.line);
  const gutter = String(d.start.line).length;
  const pad = ' '.repeat(gutter);
  const endCol = d.end.line === d.start.line ? d.end.column : text.length + 1;
  const width = Math.max(1, endCol - d.start.column);
  const caret = `${' '.repeat(d.start.column - 1)}${'^'.repeat(Math.min(width, Math.max(1, text.length - d.start.column + 2)))}`;
  // A tab is shown as one space so that the caret, counted in characters, stays under the text.
  const lines = [head, ` ${d.start.line} | ${text.replace(/\t/g, ' ')}`, ` ${pad} | ${caret}`];
  if (d.trail.length > 0) lines.push(` ${pad} = § ${d.trail.join(' › ')}`);
  return lines.join('\n');
}

export function renderAll(diags: readonly Diagnostic[], lang: Lang, files: ReadonlyMap<string, SourceFile>): string {
  return diags.map((d) => render(d, lang, files)).join('\n\n');
}
