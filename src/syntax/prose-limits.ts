/**
 * The bounds a document's Markdown must keep before it is parsed (CommonMark parsers take superlinear time, and
 * recurse, on deep or dense markup): at most 1 MiB of text, at most 32 levels of nesting on a line (block quotes,
 * list markers, indentation), at most 2,000 block-quote markers (`>`), and at most 500 inline markup characters
 * (`*`, `_`, `[`, `]`, `` ` ``, `<`, `!`, `~`) in a paragraph (lines between blank lines; the parser's time grows
 * with their square) and 20,000 in the document, outside code blocks. Scanned line by line, in linear time.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/source-file.js';

export const MAX_DOCUMENT_BYTES = 1024 * 1024;
export const MAX_PROSE_DEPTH = 32;
export const MAX_QUOTE_MARKERS = 2000;
export const MAX_INLINE_MARKUP = 20_000;
export const MAX_PARAGRAPH_MARKUP = 500;

const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;
const CONTAINER = /^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+/;
const MARKUP = /[*_[\]`<!~]/g;

/** The length of a text in UTF-8 bytes (without Node's Buffer: this module is also built for the browser). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** A diagnostic when the document is over 1 MiB (then nothing else is read), else null. */
export function documentTooLarge(file: SourceFile): Diagnostic | null {
  if (file.text.length <= MAX_DOCUMENT_BYTES / 4 || utf8Length(file.text) <= MAX_DOCUMENT_BYTES) return null;
  return diagnostic(file, [0, Math.min(file.text.length, 3)], 'document-too-large', { max: '1 MiB' });
}

/** Diagnostics for Markdown over the bounds (then it is not parsed further); empty when it is within them. */
export function proseLimits(file: SourceFile, from: number): Diagnostic[] {
  const text = file.text;
  const out: Diagnostic[] = [];
  let fence: string | null = null;
  let quoteMarkers = 0;
  let markup = 0;
  let paragraph = 0;
  let at = from;
  while (at <= text.length && out.length === 0) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(at, end);
    const f = FENCE.exec(line);
    if (fence !== null) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = null;
    } else if (f) fence = f[1]!;
    else {
      const prefix = CONTAINER.exec(line)?.[0] ?? /^[ \t]*/.exec(line)![0];
      const markers = (prefix.match(/[>*+-]|\d[.)]/g) ?? []).length;
      const indent = (prefix.match(/ /g) ?? []).length + 4 * (prefix.match(/\t/g) ?? []).length;
      const depth = markers + Math.floor(indent / 4);
      if (depth > MAX_PROSE_DEPTH) out.push(diagnostic(file, [at, at + prefix.length], 'prose-too-deep', { max: MAX_PROSE_DEPTH }));
      quoteMarkers += (prefix.match(/>/g) ?? []).length;
      if (quoteMarkers > MAX_QUOTE_MARKERS) {
        out.push(diagnostic(file, [at, at + prefix.length], 'prose-too-complex', { what: '@quote-markers', max: MAX_QUOTE_MARKERS }));
      }
      const marks = (line.match(MARKUP) ?? []).length;
      markup += marks;
      paragraph = line.trim() === '' ? 0 : paragraph + marks;
      if (paragraph > MAX_PARAGRAPH_MARKUP)
        out.push(diagnostic(file, [at, end], 'prose-too-complex', { what: '@paragraph-markup', max: MAX_PARAGRAPH_MARKUP }));
      else if (markup > MAX_INLINE_MARKUP)
        out.push(diagnostic(file, [at, end], 'prose-too-complex', { what: '@inline-markup', max: MAX_INLINE_MARKUP }));
    }
    if (nl < 0) break;
    at = nl + 1;
  }
  return out;
}
