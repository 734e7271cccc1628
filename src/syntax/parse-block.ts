/**
 * Parses the text of one `pacte` block into statements. The block is cut into chunks, one per line that starts
 * (at column 1) with a statement keyword, so that one broken statement yields one diagnostic and the others still parse.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/source-file.js';
import type { Statement } from './ast.js';
import { parse as peg } from './grammar.generated.js';

const STATEMENT_START = /^(event|define|obligation|permission|prohibition|power|consent|replace|remove)\b/;

interface PegExpectation {
  readonly type: 'literal' | 'class' | 'any' | 'end' | 'other';
  readonly text?: string;
  readonly description?: string;
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

function describe(expected: readonly PegExpectation[]): string {
  const words = new Set<string>();
  for (const e of expected) {
    if (e.type === 'literal' && e.text !== undefined) {
      if (e.text === '#') continue;
      words.add(`\`${e.text}\``);
    } else if (e.type === 'other' && e.description !== undefined) {
      if (e.description === 'space') continue;
      words.add(e.description);
    } else if (e.type === 'end') words.add('@end-of-block');
  }
  const list = [...words].sort();
  if (list.length === 0) return '@end-of-block';
  return list.length > 8 ? `${list.slice(0, 8).join(', ')}, …` : list.join(', ');
}

function foundToken(text: string, offset: number): string {
  if (offset >= text.length) return '@end-of-block';
  const m = /^[A-Za-z0-9_]+|^\S/u.exec(text.slice(offset, offset + 40));
  return m ? `\`${m[0]}\`` : '@end-of-block';
}

export function parseBlock(file: SourceFile, start: number, end: number, trail: readonly string[]): { statements: Statement[]; diagnostics: Diagnostic[] } {
  const text = file.text.slice(start, end);
  const statements: Statement[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [s, e] of chunks(text)) {
    const chunk = text.slice(s, e);
    if (chunk.trim() === '') continue;
    try {
      statements.push(...(peg(chunk, { base: start + s }) as Statement[]));
    } catch (err) {
      if (!isPegError(err)) throw err;
      const local = err.location.start.offset;
      const at = start + s + local;
      const found = foundToken(chunk, local);
      const width = found.startsWith('`') ? found.length - 2 : 0;
      diagnostics.push(
        diagnostic(file, [at, at + width], 'syntax', { expected: describe(err.expected ?? []), found }, { trail }),
      );
    }
  }
  return { statements, diagnostics };
}
