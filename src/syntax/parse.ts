/** Parses a `.pacte.md` file: front matter, heading outline (CommonMark, via mdast-util-from-markdown) and `pacte` blocks. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/source-file.js';
import type { Heading, PacteBlock, SyntaxDocument } from './document.js';
import { readFrontMatter } from './front-matter.js';
import { blankFrontMatter, markdownTree, plainText } from './markdown-tree.js';
import { parseBlock } from './parse-block.js';
import { fenceContent } from './fence-content.js';
import { documentTooLarge, proseLimits } from './prose-limits.js';

export function parseDocument(file: SourceFile): { value: SyntaxDocument; diagnostics: Diagnostic[] } {
  const large = documentTooLarge(file);
  if (large)
    return { value: { file, frontMatter: null, frontMatterAt: [0, 0], title: null, headings: [], blocks: [] }, diagnostics: [large] };
  const fm = readFrontMatter(file);
  const diagnostics: Diagnostic[] = [...fm.diagnostics];
  // Blank the front matter (keeping offsets) so that Markdown positions are positions in the file.
  const fmEnd = fm.at[1];
  const limits = proseLimits(file, fmEnd);
  if (limits.length > 0) {
    // Not parsed further: the Markdown parser's time grows faster than the text beyond these bounds.
    return {
      value: { file, frontMatter: fm.node, frontMatterAt: fm.at, title: null, headings: [], blocks: [] },
      diagnostics: [...diagnostics, ...limits],
    };
  }
  const body = blankFrontMatter(file.text, fmEnd);
  const root = markdownTree(body);
  const headings: Heading[] = [];
  const blocks: PacteBlock[] = [];
  const stack: Heading[] = [];
  let title: string | null = null;
  let prose: string[] = [];
  let sectionBlocks: { at: [number, number]; trail: string[]; statements: PacteBlock['statements'] }[] = [];

  const flush = (): void => {
    const text = prose.join('\n\n').trim();
    for (const b of sectionBlocks) blocks.push({ ...b, prose: text });
    prose = [];
    sectionBlocks = [];
  };

  for (const node of root.children ?? []) {
    const s = node.position?.start.offset ?? 0;
    const e = node.position?.end.offset ?? s;
    if (node.type === 'heading') {
      flush();
      const h: Heading = { depth: node.depth ?? 1, text: plainText(node).trim(), at: [s, e] };
      headings.push(h);
      if (h.depth === 1 && title === null) title = h.text;
      while (stack.length > 0 && stack[stack.length - 1]!.depth >= h.depth) stack.pop();
      stack.push(h);
      continue;
    }
    if (node.type === 'code' && (node.lang ?? '').trim() === 'pacte') {
      const { contentStart, contentEnd, closed } = fenceContent(file.text, s, e);
      const trail = stack.filter((h) => h.depth > 1 || stack.length === 1).map((h) => h.text);
      if (!closed) diagnostics.push(diagnostic(file, [s, Math.min(e, s + 8)], 'unclosed-block', {}, { trail }));
      const parsed = parseBlock(file, contentStart, contentEnd, trail);
      diagnostics.push(...parsed.diagnostics);
      // Empty: nothing but blank lines and comments.
      if (parsed.statements.length === 0 && parsed.diagnostics.length === 0) {
        diagnostics.push(diagnostic(file, [s, Math.min(e, s + 8)], 'empty-block', {}, { trail }));
      }
      sectionBlocks.push({ at: [contentStart, contentEnd], trail, statements: parsed.statements });
      continue;
    }
    if (s >= fmEnd) prose.push(file.text.slice(s, e));
  }
  flush();
  return {
    value: { file, frontMatter: fm.node, frontMatterAt: fm.at, title, headings, blocks },
    diagnostics,
  };
}
