/**
 * What the editor needs of one document's syntax: its `pacte` blocks (where names are written), its headings, and
 * where the front matter declares each party and source. Names are found in the text: a word of identifier
 * characters, not preceded by `.` unless asked (an event field), outside string literals.
 */
import type { Range, SourceFile } from '../source/source-file.js';
import { parseDocument } from '../syntax/parse.js';
import type { Heading, YamlNode } from '../syntax/document.js';

export interface Outline {
  readonly file: SourceFile;
  readonly frontMatterAt: Range;
  readonly blocks: readonly Range[];
  readonly headings: readonly Heading[];
  readonly parties: ReadonlyMap<string, Range>;
  readonly sources: ReadonlyMap<string, Range>;
}

function declared(fm: YamlNode | null, key: string): Map<string, Range> {
  const out = new Map<string, Range>();
  if (fm?.kind !== 'map') return out;
  const entry = fm.entries.find((e) => e.key === key);
  if (entry?.value.kind === 'map') for (const e of entry.value.entries) out.set(e.key, e.keyAt);
  return out;
}

export function outline(file: SourceFile): Outline {
  const doc = parseDocument(file).value;
  return {
    file,
    frontMatterAt: doc.frontMatterAt,
    blocks: doc.blocks.map((b) => b.at),
    headings: doc.headings,
    parties: declared(doc.frontMatter, 'parties'),
    sources: declared(doc.frontMatter, 'sources'),
  };
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const IDENT_DASH = /[A-Za-z_][A-Za-z0-9_-]*/y;
const isIdent = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

/**
 * The identifier at an offset (the cursor may sit just after it), with its range and the identifier before a `.`;
 * with `dash`, a word that may hold `-` (a source id such as `next-phase-microsoft`).
 */
export function wordAt(text: string, offset: number, dash = false): { word: string; at: Range; owner: string | null } | null {
  const ok = dash ? (c: string | undefined): boolean => isIdent(c) || c === '-' : isIdent;
  let s = offset;
  while (s > 0 && ok(text[s - 1])) s--;
  const re = dash ? IDENT_DASH : IDENT;
  re.lastIndex = s;
  const m = re.exec(text);
  if (!m || s + m[0].length < offset) return null;
  let owner: string | null = null;
  if (text[s - 1] === '.') {
    let o = s - 1;
    while (o > 0 && isIdent(text[o - 1])) o--;
    owner = text.slice(o, s - 1) || null;
  }
  return { word: m[0], at: [s, s + m[0].length], owner };
}

/** The offsets where `name` is written as a name inside the `pacte` blocks (not as a field after `.`, not in a string). */
export function occurrences(o: Outline, name: string): Range[] {
  const out: Range[] = [];
  const re = new RegExp(`"(?:[^"\\\\\\n]|\\\\.)*"|(?<![A-Za-z0-9_.])${name}(?![A-Za-z0-9_])`, 'g');
  for (const [start, end] of o.blocks) {
    const text = o.file.text.slice(start, end);
    for (const m of text.matchAll(re)) if (!m[0].startsWith('"')) out.push([start + m.index, start + m.index + name.length]);
  }
  return out;
}

/** True when the offset is inside a `pacte` block or the front matter: where names are written. */
export function inCode(o: Outline, offset: number): boolean {
  return offset <= o.frontMatterAt[1] || o.blocks.some(([s, e]) => offset >= s && offset <= e);
}
