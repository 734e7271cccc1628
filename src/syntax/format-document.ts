/**
 * `pacte fmt`: the `pacte` blocks of a document laid out one way, the rest of the file (front matter, prose) left
 * byte for byte. Within a block: runs of spaces become one space, no space inside parentheses or before a comma, one
 * space after a comma (not inside a number such as `1,000`), no trailing spaces, continuation lines indented by two
 * spaces (a statement starts at column 1), at most one blank line in a row and none at the block's ends. Strings and
 * comments are kept as written, and so is the space before a comment at the end of a line (aligned comments stay
 * aligned). The parts of a clause after its action (`for each`, `within`, `by`, `from`, `until`, `when`, …, `source`)
 * are put in one order when each starts its own line. Formatting moves spaces and whole parts of a clause, so the
 * formatted document checks to the same IR.
 */
import type { SourceFile } from '../source/source-file.js';
import type { Modifier, Statement } from './ast.js';
import { parseDocument } from './parse.js';

/** The order of a clause's parts after its action: what triggers it, its terms, its ends, its limits, its source. */
const MODIFIER_ORDER: Record<Modifier['kind'], number> = {
  'for-each': 0,
  within: 1,
  by: 2,
  cure: 2.5,
  from: 3,
  until: 4,
  when: 5,
  'suspended-while': 6,
  'lapses-after': 7,
  'deemed-given-after': 8,
  'capped-at': 9,
  overrides: 10,
  because: 10.5,
  source: 11,
};

/**
 * A clause's text with its parts (modifiers) in the usual order, when each part starts its own line and only spaces
 * and line breaks lie between them (a comment between parts keeps the clause as written). Offsets are the file's.
 */
function orderParts(text: string, s: Statement): { at: readonly [number, number]; text: string } | null {
  if (s.kind !== 'norm' || s.modifiers.length < 2) return null;
  const mods = s.modifiers;
  const ownLine = (o: number): boolean => /\n[ \t]*$/.test(text.slice(Math.max(0, o - 200), o));
  if (!mods.every((m) => ownLine(m.at[0]))) return null;
  const gaps = mods.slice(1).map((m, i) => text.slice(mods[i]!.at[1], m.at[0]));
  if (!gaps.every((g) => /^\s*$/.test(g))) return null;
  const sorted = [...mods].sort((a, b) => MODIFIER_ORDER[a.kind] - MODIFIER_ORDER[b.kind] || a.at[0] - b.at[0]);
  if (sorted.every((m, i) => m === mods[i])) return null;
  const parts = sorted.map((m) => text.slice(m.at[0], m.at[1]));
  return { at: [mods[0]!.at[0], mods[mods.length - 1]!.at[1]], text: parts.map((p, i) => p + (gaps[i] ?? '')).join('') };
}

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
    let block = '';
    let from = b.at[0];
    for (const st of b.statements) {
      const o = orderParts(file.text, st);
      if (!o) continue;
      block += file.text.slice(from, o.at[0]) + o.text;
      from = o.at[1];
    }
    block += file.text.slice(from, b.at[1]);
    out += file.text.slice(last, b.at[0]) + formatBlock(block);
    last = b.at[1];
  }
  return out + file.text.slice(last);
}
