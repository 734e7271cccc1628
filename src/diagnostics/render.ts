/**
 * The one renderer of diagnostics:
 *
 *     agreement.pacte.md:12:7: error unknown-name: unknown name `agi_verifed` (did you mean `agi_verified`?)
 *        12 |   until agi_verifed
 *           |         ^^^^^^^^^^^
 *           = § Revenue share › Term
 *
 * Text echoed from a document (the source line, names in messages, the heading trail) never reaches the terminal raw:
 * C0 control characters and DEL are shown as their Unicode control pictures (ESC as ␛), C1 controls and the bidi
 * overrides and isolates as U+FFFD, one character for one, so a document cannot move the cursor, recolour or clear
 * the screen, or print a fake summary line, and the caret stays under the text.
 */
import type { SourceFile } from '../source/source-file.js';
import { lineText } from '../source/source-file.js';
import type { Diagnostic } from './diagnostic.js';
import { diagnosticMessages } from './messages.js';
import type { Lang } from './terms.js';
import { term } from './terms.js';

const SEVERITY: Record<Lang, Record<Diagnostic['severity'], string>> = {
  en: { error: 'error', warning: 'warning', info: 'info' },
  fr: { error: 'erreur', warning: 'avertissement', info: 'info' },
};

/** Whether a UTF-16 code unit is shown escaped: C0 controls (tab excepted), DEL, C1 controls, bidi embeddings, overrides and isolates. */
function unsafe(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09) ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** `text` with terminal control characters replaced one for one by visible ones (see the module comment). */
export function escapeControls(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!unsafe(code)) continue;
    out += text.slice(from, i) + (code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd');
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

export function message(d: Diagnostic, lang: Lang): string {
  return diagnosticMessages.formatStored(lang, d.code, d.args, (v) => term(v, lang));
}

/** A diagnostic as JSON: the documented shape `{code, severity, message, file, start, end, trail}`. */
export function toJson(d: Diagnostic, lang: Lang): Record<string, unknown> {
  return { code: d.code, severity: d.severity, message: message(d, lang), file: d.file, start: d.start, end: d.end, trail: d.trail };
}

export function render(d: Diagnostic, lang: Lang, files: ReadonlyMap<string, SourceFile>): string {
  const head = escapeControls(`${d.file}:${d.start.line}:${d.start.column}: ${SEVERITY[lang][d.severity]} ${d.code}: ${message(d, lang)}`);
  const file = files.get(d.file);
  if (!file) return head;
  const text = lineText(file, d.start.line);
  const gutter = String(d.start.line).length;
  const pad = ' '.repeat(gutter);
  const endCol = d.end.line === d.start.line ? d.end.column : text.length + 1;
  const width = Math.max(1, endCol - d.start.column);
  const caret = `${' '.repeat(d.start.column - 1)}${'^'.repeat(Math.min(width, Math.max(1, text.length - d.start.column + 2)))}`;
  // A tab is shown as one space so that the caret, counted in characters, stays under the text.
  const lines = [head, ` ${d.start.line} | ${escapeControls(text.replace(/\t/g, ' '))}`, ` ${pad} | ${caret}`];
  if (d.trail.length > 0) lines.push(` ${pad} = § ${escapeControls(d.trail.join(' › '))}`);
  return lines.join('\n');
}

export function renderAll(diags: readonly Diagnostic[], lang: Lang, files: ReadonlyMap<string, SourceFile>): string {
  return diags.map((d) => render(d, lang, files)).join('\n\n');
}
