/** Splits the YAML front matter off a `.pacte.md` file and reads it into a positioned tree (offsets in the file). */
import { isMap, isScalar, isSeq, parseDocument, type Node as YNode } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { Range, SourceFile } from '../source/source-file.js';
import type { YamlNode } from './document.js';

export interface FrontMatterResult {
  readonly node: YamlNode | null;
  /** The whole front matter, fences included; [0, 0] when absent. */
  readonly at: Range;
  readonly diagnostics: Diagnostic[];
}

const FENCE = /^---[ \t]*\r?\n/;

export function readFrontMatter(file: SourceFile): FrontMatterResult {
  const text = file.text;
  const open = FENCE.exec(text);
  if (!open) return { node: null, at: [0, 0], diagnostics: [diagnostic(file, [0, Math.min(3, text.length)], 'missing-front-matter')] };
  const bodyStart = open[0].length;
  const close = /^---[ \t]*$/m;
  close.lastIndex = 0;
  const rest = text.slice(bodyStart);
  const m = close.exec(rest);
  if (!m) return { node: null, at: [0, text.length], diagnostics: [diagnostic(file, [0, 3], 'missing-front-matter')] };
  const yamlText = rest.slice(0, m.index);
  const end = bodyStart + m.index + m[0].length;
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
  const diagnostics: Diagnostic[] = [];
  // An error found at the end of the YAML (an unclosed bracket) points at its last character, not at the closing fence.
  const lastChar = Math.max(0, yamlText.trimEnd().length - 1);
  for (const e of doc.errors) {
    const s = Math.min(e.pos[0], lastChar);
    const t = Math.max(s, Math.min(e.pos[1], yamlText.length));
    diagnostics.push(
      diagnostic(file, [bodyStart + s, bodyStart + Math.max(t, s + 1)], 'front-matter-yaml', { detail: e.message.split('\n')[0] ?? '' }),
    );
  }
  if (diagnostics.length > 0) return { node: null, at: [0, end], diagnostics };
  const node = doc.contents ? convert(doc.contents, bodyStart) : null;
  return { node, at: [0, end], diagnostics };
}

function rangeOf(n: YNode, base: number): Range {
  const r = n.range;
  return r ? [base + r[0], base + r[1]] : [base, base];
}

function convert(n: unknown, base: number): YamlNode {
  if (isMap(n)) {
    const entries = n.items.map((pair) => {
      const k = pair.key as YNode | null;
      const key = isScalar(k) ? String(k.value) : '';
      const value: YamlNode = pair.value
        ? convert(pair.value, base)
        : { kind: 'scalar', value: null, at: k ? rangeOf(k, base) : [base, base] };
      return { key, keyAt: k ? rangeOf(k, base) : ([base, base] as Range), value };
    });
    return { kind: 'map', entries, at: rangeOf(n, base) };
  }
  if (isSeq(n)) return { kind: 'seq', items: n.items.map((i) => convert(i, base)), at: rangeOf(n, base) };
  if (isScalar(n)) {
    const v = n.value;
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
    // YAML reads 2025-10-28 as a string with the core schema: dates stay text, checked later.
    return { kind: 'scalar', value, at: rangeOf(n as YNode, base) };
  }
  return { kind: 'scalar', value: null, at: [base, base] };
}
