/**
 * `pacte fmt`: the `pacte` blocks of a document laid out one way, the rest of the file (front matter, prose) left
 * byte for byte. Within a block: runs of spaces become one space, no space inside parentheses or before a comma, one
 * space after a comma (not inside a number such as `1,000`), no trailing spaces, continuation lines indented by two
 * spaces (a statement starts at column 1), at most one blank line in a row and none at the block's ends. Strings and
 * comments are kept as written, and so is the space before a comment at the end of a line (aligned comments stay
 * aligned). Formatting only moves spaces between tokens, so the formatted document checks to the same IR.
 */
import type { SourceFile } from '../source/source-file.js';
import { parseDocument } from './parse.js';

const STATEMENT_START = /^(event|define|obligation|permission|prohibition|power|consent|replace|remove)\b/;

/** One line's code (outside strings and comments) tidied; strings and the trailing comment kept as written. */
function tidyLine(line: string): string {
  let out = '';
  let code = '';
  const flush = (): void => {
    out += code
      .replace(/[ \t]+/g, ' ')
      .replace(/\( /g, '(')
      .replace(/ \)/g, ')')
      .replace(/ ,/g, ',')
      .replace(/,(?! |$|\d{3}(?!\d))/g, ', ');
    code = '';
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '"') {
      flush();
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      out += line.slice(i, j + 1);
      i = j + 1;
    } else if (c === '#') {
      // The space before a trailing comment is kept as written: it aligns comments.
      const space = /[ \t]*$/.exec(code)?.[0] ?? '';
      code = code.slice(0, code.length - space.length);
      flush();
      out += space + line.slice(i).replace(/[ \t]+$/, '');
      return out;
    } else {
      code += c;
      i++;
    }
  }
  flush();
  return out.replace(/[ \t]+$/, '');
}

/** The text of one block (between its fences) formatted. */
export function formatBlock(text: string): string {
  const lines = text.split('\n');
  const trailingNewline = text.endsWith('\n');
  if (trailingNewline) lines.pop();
  const out: string[] = [];
  let inStatement = false;
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    const body = line.replace(/^[ \t]+/, '');
    if (body === '') {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    const indented = body.length < line.length;
    if (!indented && STATEMENT_START.test(body)) {
      inStatement = true;
      out.push(tidyLine(body));
    } else if (!indented && body.startsWith('#')) out.push(tidyLine(body));
    else out.push(inStatement || indented ? `  ${tidyLine(body)}` : tidyLine(body));
  }
  while (out[out.length - 1] === '') out.pop();
  return out.join('\n') + (trailingNewline && out.length > 0 ? '\n' : '');
}

/** The document with its `pacte` blocks formatted; null when it has syntax errors (it is then left as it is). */
export function formatDocument(file: SourceFile): string | null {
  const parsed = parseDocument(file);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return null;
  let out = '';
  let last = 0;
  for (const b of parsed.value.blocks) {
    out += file.text.slice(last, b.at[0]) + formatBlock(file.text.slice(b.at[0], b.at[1]));
    last = b.at[1];
  }
  return out + file.text.slice(last);
}
