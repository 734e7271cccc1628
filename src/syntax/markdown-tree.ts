/**
 * The Markdown tree of an agreement document (mdast-util-from-markdown), read with the front matter blanked so that
 * every node's offsets are offsets in the file. Used by the parser (syntax/parse.ts) and by the server's HTML view of
 * a version (server/version-html.ts), so that both see the same headings and blocks at the same places.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';

export interface MdNode {
  readonly type: string;
  readonly lang?: string | null;
  readonly depth?: number;
  readonly value?: string;
  readonly children?: readonly MdNode[];
  readonly position?: { readonly start: { readonly offset?: number }; readonly end: { readonly offset?: number } };
}

/** `text` with its front matter (which ends at `frontMatterEnd`) blanked: same length, same line breaks. */
export function blankFrontMatter(text: string, frontMatterEnd: number): string {
  return text.slice(0, frontMatterEnd).replace(/[^\n]/g, ' ') + text.slice(frontMatterEnd);
}

/** The Markdown tree of a text whose front matter is blanked (`blankFrontMatter`). */
export function markdownTree(body: string): MdNode {
  return fromMarkdown(body) as MdNode;
}

/** The text of a node and its descendants, without markup (iterative: inline markup may nest deeply). */
export function plainText(n: MdNode): string {
  let out = '';
  const stack: MdNode[] = [n];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (typeof x.value === 'string') out += x.value;
    else for (let i = (x.children ?? []).length - 1; i >= 0; i--) stack.push(x.children![i]!);
  }
  return out;
}
