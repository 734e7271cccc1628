/** The syntax tree of one `.pacte.md` file: front matter as a positioned YAML tree, the heading outline, and the `pacte` blocks. */
import type { Range, SourceFile } from '../source/source-file.js';
import type { Statement } from './ast.js';

export type YamlNode =
  | { readonly kind: 'map'; readonly entries: readonly YamlEntry[]; readonly at: Range }
  | { readonly kind: 'seq'; readonly items: readonly YamlNode[]; readonly at: Range }
  | { readonly kind: 'scalar'; readonly value: string | number | boolean | null; readonly at: Range };

export interface YamlEntry {
  readonly key: string;
  readonly keyAt: Range;
  readonly value: YamlNode;
}

export interface Heading {
  readonly depth: number;
  readonly text: string;
  readonly at: Range;
}

export interface PacteBlock {
  /** The block's content (between the fences). */
  readonly at: Range;
  /** Headings that enclose the block, outermost first. */
  readonly trail: readonly string[];
  /** The prose of the section the block sits in (its heading to the next heading), pacte blocks left out. */
  readonly prose: string;
  readonly statements: readonly Statement[];
}

export interface SyntaxDocument {
  readonly file: SourceFile;
  /** Null when the file has no front matter. */
  readonly frontMatter: YamlNode | null;
  readonly frontMatterAt: Range;
  readonly title: string | null;
  readonly headings: readonly Heading[];
  readonly blocks: readonly PacteBlock[];
}
