/**
 * A family's tests file (`tests.md`): Markdown whose ```` ```expect ```` blocks hold expectations, one a line, and
 * whose ```` ```events NAME ```` blocks hold hypothetical events that an expectation names with `with NAME`.
 * Prose and headings are for the reader; the heading trail of each block is kept for the report.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/source-file.js';
import { pointAt } from '../source/source-file.js';
import { markdownTree, plainText } from '../syntax/markdown-tree.js';
import { fenceContent } from '../syntax/fence-content.js';
import type { Context, EventsBlock, Expectation } from './expectation.js';
import { parseLine } from './parse-line.js';

/** The name of a family's tests file (not `*.pacte.md`: that would make it a version of the family). */
export const TESTS_FILE = 'tests.md';

export interface TestsFile {
  readonly expectations: readonly Expectation[];
  readonly events: readonly EventsBlock[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The lines of `[start, end)` as `[lineStart, lineEnd)` offsets, without their line breaks. */
function lines(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let s = start;
  while (s < end) {
    const nl = text.indexOf('\n', s);
    const e = nl < 0 || nl >= end ? end : nl;
    out.push([s, text[e - 1] === '\r' ? e - 1 : e]);
    s = e + 1;
  }
  return out;
}

export function parseTests(file: SourceFile): TestsFile {
  const expectations: Expectation[] = [];
  const events: EventsBlock[] = [];
  const diagnostics: Diagnostic[] = [];
  const stack: { depth: number; text: string }[] = [];
  for (const node of markdownTree(file.text).children ?? []) {
    const s = node.position?.start.offset ?? 0;
    const e = node.position?.end.offset ?? s;
    if (node.type === 'heading') {
      const depth = node.depth ?? 1;
      while (stack.length > 0 && stack[stack.length - 1]!.depth >= depth) stack.pop();
      stack.push({ depth, text: plainText(node).trim() });
      continue;
    }
    if (node.type !== 'code') continue;
    const info = (node.lang ?? '').trim();
    if (info !== 'expect' && info !== 'events') continue;
    const { fenceEnd, contentStart, contentEnd } = fenceContent(file.text, s, e);
    const trail = stack.filter((h) => h.depth > 1 || stack.length === 1).map((h) => h.text);
    if (info === 'events') {
      const fence = file.text.slice(s, fenceEnd);
      const name = fence.replace(/^\s*(`{3,}|~{3,})\s*events\s*/, '').trim();
      const nameAt = s + fence.lastIndexOf(name);
      if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name)) {
        diagnostics.push(
          diagnostic(
            file,
            [nameAt, nameAt + name.length],
            'syntax',
            { expected: '@syn-name', found: name ? `\`${name}\`` : '@end-of-line' },
            { trail },
          ),
        );
        continue;
      }
      const earlier = events.find((b) => b.name === name);
      if (earlier) {
        diagnostics.push(
          diagnostic(file, [nameAt, nameAt + name.length], 'duplicate-id', { name, line: `@at-line:${earlier.firstLine - 1}` }, { trail }),
        );
        continue;
      }
      events.push({ name, text: file.text.slice(contentStart, contentEnd), firstLine: pointAt(file, contentStart).line });
      continue;
    }
    let group: Context | null = null;
    for (const [ls, le] of lines(file.text, contentStart, contentEnd)) {
      const raw = file.text.slice(ls, le);
      const body = raw.trim();
      if (body === '' || body.startsWith('#')) continue;
      const indented = /^[ \t]/.test(raw);
      const start = ls + raw.length - raw.trimStart().length;
      const r = parseLine(file, start, le, indented ? group : null, trail);
      if (r.kind === 'error') {
        diagnostics.push(r.diagnostic);
        // A broken heading line: its indented lines are not judged again and again.
        if (!indented) group = null;
        continue;
      }
      if (r.kind === 'header') {
        group = r.context;
        continue;
      }
      if (!indented) group = null;
      const text = indented ? `${file.text.slice(r.context.at[0], r.context.at[1])} ${body}` : body;
      expectations.push({ text, at: [start, le], context: r.context, subject: r.subject, fields: r.fields, trail });
    }
  }
  return { expectations, events, diagnostics };
}
