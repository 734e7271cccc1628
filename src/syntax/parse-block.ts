/**
 * Parses the text of one `pacte` block into statements. The block is cut into chunks, one per line that starts
 * (at column 1) with a statement keyword, so that one broken statement yields one diagnostic and the others still parse.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/source-file.js';
import type { Ident, Statement } from './ast.js';
import { parse as peg } from './grammar.generated.js';
import { KEYWORDS } from './keywords.js';

const STATEMENT_START = /^(event|define|obligation|permission|prohibition|power|consent|replace|remove|assume)\b/;

interface PegExpectation {
  readonly type: 'literal' | 'class' | 'any' | 'end' | 'other';
  readonly text?: string;
  readonly description?: string;
  /** For a character class: single characters, or [from, to] ranges. */
  readonly parts?: readonly (string | readonly string[])[];
  readonly inverted?: boolean;
}

interface PegError {
  readonly expected: readonly PegExpectation[] | null;
  readonly found: string | null;
  readonly location: { readonly start: { readonly offset: number } };
}

function isPegError(e: unknown): e is PegError {
  return typeof e === 'object' && e !== null && 'location' in e && 'expected' in e;
}

/** The chunks of a block: `[start, end)` offsets relative to the block text. */
function chunks(text: string): [number, number][] {
  const starts: number[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    if (STATEMENT_START.test(text.slice(lineStart, lineStart + 12))) starts.push(lineStart);
    const nl = text.indexOf('\n', lineStart);
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  if (starts[0] !== 0) starts.unshift(0);
  return starts.map((s, i) => [s, starts[i + 1] ?? text.length]);
}

/** Grammar descriptions (see grammar.peggy) and the message terms that translate them. */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  'a name': '@syn-name',
  'money (USD 250bn)': '@syn-money',
  'a quantity (2 GW)': '@syn-quantity',
  'a price per unit (USD 0.01 per share)': '@syn-price',
  'a date (2025-10-28)': '@syn-date',
  'a period (2026-Q1, FY2027)': '@syn-period',
  'a duration (60 days)': '@syn-duration',
  'a percentage (20%)': '@syn-percent',
  'a number': '@syn-number',
  'a quoted text': '@syn-text',
};

/** Words that start an expression, a statement or a clause modifier: when most of a group is expected, the group is named instead. */
const GROUPS: readonly { readonly term: string; readonly members: ReadonlySet<string> }[] = [
  {
    term: '@syn-expression',
    members: new Set([
      '`(`',
      '`-`',
      '`not`',
      '`if`',
      '`sum`',
      '`min`',
      '`max`',
      '`count`',
      '`exists`',
      '`latest`',
      '`first`',
      '`undisclosed`',
      '`about`',
      '`exercised`',
      '`previous`',
      '`terminated`',
      '`[`',
      '`all`',
      '`in`',
      '`date`',
      '`amount`',
      '`paid`',
      '`owed`',
      '`committed`',
      '`start`',
      '`end`',
      '`true`',
      '`false`',
      ...Object.values(DESCRIPTIONS),
    ]),
  },
  {
    term: '@syn-operator',
    members: new Set(['`+`', '`-`', '`*`', '`/`', '`<`', '`<=`', '`>`', '`>=`', '`==`', '`!=`', '`and`', '`or`', '`of`', '`is`']),
  },
  {
    term: '@syn-statement',
    members: new Set([
      '`event`',
      '`define`',
      '`obligation`',
      '`permission`',
      '`prohibition`',
      '`power`',
      '`consent`',
      '`replace`',
      '`remove`',
      '`assume`',
    ]),
  },
  {
    term: '@syn-modifier',
    members: new Set([
      '`for`',
      '`within`',
      '`cure`',
      '`by`',
      '`from`',
      '`until`',
      '`when`',
      '`suspended`',
      '`overrides`',
      '`because`',
      '`capped`',
      '`lapses`',
      '`deemed`',
      '`source`',
    ]),
  },
];

/**
 * What the parser expected, as a message argument: terms joined by `|@` (`term()` renders `a, b or c` in the
 * message's language); literal tokens are kept as they are.
 */
function describe(expected: readonly PegExpectation[]): string {
  let words = new Set<string>();
  for (const e of expected) {
    if (e.type === 'literal' && e.text !== undefined) {
      if (e.text === '#') continue;
      words.add(`\`${e.text}\``);
    } else if (e.type === 'class' && e.parts && !e.inverted) {
      // Peggy turns one-character alternatives (`"+" / "-"`) into classes; ranges and spaces are not worth listing.
      for (const p of e.parts) if (typeof p === 'string' && p.trim() !== '') words.add(`\`${p}\``);
    } else if (e.type === 'other' && e.description !== undefined) {
      if (e.description === 'space') continue;
      words.add(DESCRIPTIONS[e.description] ?? e.description);
    }
  }
  const end = expected.some((e) => e.type === 'end');
  const groups: string[] = [];
  for (const g of GROUPS) {
    const present = [...words].filter((w) => g.members.has(w));
    if (present.length >= 3) {
      groups.push(g.term);
      words = new Set([...words].filter((w) => !g.members.has(w)));
    }
  }
  const list = [...[...words].sort(), ...groups, ...(end ? ['@end-of-block'] : [])];
  if (list.length === 0) return '@end-of-block';
  const shown = list.length > 8 ? [...list.slice(0, 7), '…'] : list;
  return `@${shown.map((w) => (w.startsWith('@') ? w.slice(1) : w)).join('|@')}`;
}

function foundToken(text: string, offset: number): string {
  if (offset >= text.length) return '@end-of-block';
  const m = /^[A-Za-z0-9_]+|^\S/u.exec(text.slice(offset, offset + 40));
  return m ? `\`${m[0]}\`` : '@end-of-block';
}

/** The names a statement declares, with what they name (a message term). */
function declaredNames(s: Statement): [Ident, string][] {
  switch (s.kind) {
    case 'event':
      return [[s.name, '@an-event'], ...s.fields.map((f): [Ident, string] => [f.name, '@a-field'])];
    case 'define':
      return [[s.name, '@a-definition']];
    case 'norm':
      return [[s.id, '@a-clause']];
    case 'remove':
    case 'assume':
      return [];
  }
}

/** The offset just after the last character of a chunk that is neither a space nor in a `#` comment. */
function codeEnd(chunk: string): number {
  let end = chunk.length;
  while (end > 0) {
    const lineStart = chunk.lastIndexOf('\n', end - 1) + 1;
    const line = chunk.slice(lineStart, end);
    let inText = false;
    let cut = line.length;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '\\' && inText) i++;
      else if (c === '"') inText = !inText;
      else if (c === '#' && !inText) {
        cut = i;
        break;
      }
    }
    const code = line.slice(0, cut).trimEnd();
    if (code.length > 0) return lineStart + code.length;
    end = lineStart > 0 ? lineStart - 1 : 0;
  }
  return 0;
}

/** How deeply a statement's syntax tree may nest (in objects and arrays; about one level per operator or parenthesis). */
export const MAX_DEPTH = 500;

/** True when the tree under `root` nests deeper than `max` levels. Iterative, so that it cannot overflow itself. */
function nestedDeeperThan(root: object, max: number): boolean {
  const nodes: object[] = [root];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > max) return true;
    for (const key in node) {
      const child: unknown = (node as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/** The deepest nesting of parentheses in a statement's text (outside quoted texts and `#` comments). */
function parenDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '(') max = Math.max(max, ++depth);
    else if (c === ')') depth = Math.max(0, depth - 1);
  }
  return max;
}

export function parseBlock(
  file: SourceFile,
  start: number,
  end: number,
  trail: readonly string[],
): { statements: Statement[]; diagnostics: Diagnostic[] } {
  const text = file.text.slice(start, end);
  const statements: Statement[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [s, e] of chunks(text)) {
    const chunk = text.slice(s, e);
    if (chunk.trim() === '') continue;
    const keyword = /^\s*([A-Za-z_]*)/.exec(chunk)!;
    const head: [number, number] = [start + s + keyword[0].length - keyword[1]!.length, start + s + keyword[0].length];
    // Parentheses leave no node in the tree: their depth is counted on the text.
    if (parenDepth(chunk) > MAX_DEPTH) {
      diagnostics.push(diagnostic(file, head, 'too-deep', { max: MAX_DEPTH }, { trail }));
      continue;
    }
    try {
      const parsed = peg(chunk, { base: start + s }) as Statement[];
      for (const st of parsed) {
        if (nestedDeeperThan(st, MAX_DEPTH)) {
          // Dropped: later stages walk expressions recursively.
          diagnostics.push(
            diagnostic(
              file,
              [st.at[0], st.at[0] + (/^[A-Za-z_]+/.exec(file.text.slice(st.at[0], st.at[0] + 20))?.[0].length ?? 1)],
              'too-deep',
              { max: MAX_DEPTH },
              { trail },
            ),
          );
          continue;
        }
        for (const [id, what] of declaredNames(st)) {
          if (KEYWORDS.has(id.name)) diagnostics.push(diagnostic(file, id.at, 'bad-identifier', { name: id.name, what }, { trail }));
        }
        statements.push(st);
      }
    } catch (err) {
      if (err instanceof RangeError) {
        // The parser itself ran out of stack (thousands of nested parentheses or `not`s).
        diagnostics.push(diagnostic(file, head, 'too-deep', { max: MAX_DEPTH }, { trail }));
        continue;
      }
      if (!isPegError(err)) throw err;
      let found = foundToken(chunk, err.location.start.offset);
      const expectedWords = err.expected ?? [];
      if (
        (found === '`and`' || found === '`or`') &&
        !expectedWords.some((x) => x.text === found.slice(1, -1)) &&
        /\bwhere\b/.test(chunk.slice(0, err.location.start.offset))
      ) {
        found = `@syn-where-and:${found.slice(1, -1)}`;
      }
      // At the end of the statement, point just after its last character rather than at the next line.
      const local = found === '@end-of-block' ? Math.min(err.location.start.offset, codeEnd(chunk)) : err.location.start.offset;
      const at = start + s + local;
      const width = found.startsWith('`') ? found.length - 2 : found.startsWith('@syn-where-and:') ? found.length - 15 : 0;
      diagnostics.push(diagnostic(file, [at, at + width], 'syntax', { expected: describe(expectedWords), found }, { trail }));
    }
  }
  return { statements, diagnostics };
}
