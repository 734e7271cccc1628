/**
 * A version's Markdown rendered to HTML for reading in the UI: micromark (CommonMark; raw HTML escaped, dangerous
 * link protocols dropped, so the result carries no script), the front matter left out, every heading with an id
 * (`section-<slug>`), and each top-level ```pacte block as `<pre class="pacte-block">` whose statements are wrapped
 * in `<span class="pacte-clause" id="clause-<id>">` (norms), `def-<name>` (definitions) and `event-<name>` (event
 * types), so that an explanation can link to, and highlight, the clause it cites.
 */
import { micromark } from 'micromark';
import type { Version } from '../check/ir.js';
import { readFrontMatter } from '../syntax/front-matter.js';
import type { MdNode } from '../syntax/markdown-tree.js';
import { blankFrontMatter, markdownTree, plainText } from '../syntax/markdown-tree.js';
import { sourceFile } from '../source/source-file.js';

export interface ClauseAnchor {
  readonly id: string;
  readonly kind: string;
  readonly heading: string | null;
  readonly anchor: string;
  /** The version whose document holds the clause's text (an amendment carries its base's clauses). */
  readonly version: string;
}

export function clauseAnchor(id: string): string {
  return `clause-${id}`;
}
export function definitionAnchor(id: string): string {
  return `def-${id}`;
}
export function eventAnchor(id: string): string {
  return `event-${id}`;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return s === '' ? 'section' : s;
}

const CLOSING_FENCE = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*$/;
const PACTE_PRE = /<pre><code class="language-pacte">[\s\S]*?<\/code><\/pre>/g;

/** The statements written in this version's own document, with their anchors and offsets in the file. */
function ownStatements(v: Version): { start: number; end: number; anchor: string; id: string }[] {
  const out: { start: number; end: number; anchor: string; id: string }[] = [];
  const add = (
    id: string,
    anchor: string,
    meta: { version: string; span: { start: { offset: number }; end: { offset: number } } },
  ): void => {
    if (meta.version === v.id) out.push({ start: meta.span.start.offset, end: meta.span.end.offset, anchor, id });
  };
  for (const t of v.events.values()) add(t.name, eventAnchor(t.name), t.meta);
  for (const d of v.definitions.values()) add(d.name, definitionAnchor(d.name), d.meta);
  for (const n of v.norms.values()) add(n.id, clauseAnchor(n.id), n.meta);
  return out.sort((a, b) => a.start - b.start);
}

function renderBlock(
  text: string,
  start: number,
  end: number,
  statements: readonly { start: number; end: number; anchor: string; id: string }[],
): string {
  let html = '';
  let at = start;
  for (const s of statements) {
    if (s.start < at || s.start >= end) continue;
    const stop = Math.min(s.end, end);
    html += escapeHtml(text.slice(at, s.start));
    html += `<span class="pacte-clause" id="${escapeHtml(s.anchor)}" data-clause="${escapeHtml(s.id)}">${escapeHtml(text.slice(s.start, stop))}</span>`;
    at = stop;
  }
  html += escapeHtml(text.slice(at, end));
  return `<pre class="pacte-block"><code class="language-pacte">${html}</code></pre>`;
}

/** The HTML of one version's document (see the module comment). `source` is the stored text, `v` its checked form. */
export function versionHtml(path: string, source: string, v: Version): string {
  const fm = readFrontMatter(sourceFile(path, source));
  const fmEnd = fm.at[1];
  const body = blankFrontMatter(source, fmEnd);
  const root = markdownTree(body);
  const headingIds: string[] = [];
  const blocks: (string | null)[] = [];
  const used = new Map<string, number>();
  const statements = ownStatements(v);
  // Depth first, in document order, without recursion (inline markup may nest thousands of levels deep).
  const pending: [MdNode, boolean][] = [...(root.children ?? [])].reverse().map((c) => [c, true]);
  while (pending.length > 0) {
    const [n, top] = pending.pop()!;
    if (n.type === 'heading') {
      const base = `section-${slug(plainText(n))}`;
      const k = (used.get(base) ?? 0) + 1;
      used.set(base, k);
      headingIds.push(k === 1 ? base : `${base}-${k}`);
    }
    if (n.type === 'code' && (n.lang ?? '').trim() === 'pacte') {
      const s = n.position?.start.offset ?? 0;
      const e = n.position?.end.offset ?? s;
      const firstNl = body.indexOf('\n', s);
      const contentStart = firstNl < 0 || firstNl >= e ? e : firstNl + 1;
      const lastLineStart = body.lastIndexOf('\n', e - 1) + 1;
      const closed = lastLineStart > s && CLOSING_FENCE.test(body.slice(lastLineStart, e));
      const contentEnd = closed ? Math.max(contentStart, lastLineStart) : e;
      // Only top-level blocks hold clauses (syntax/parse.ts); a nested one is shown as it is, marked as pacte.
      blocks.push(top ? renderBlock(body, contentStart, contentEnd, statements) : null);
    }
    for (let i = (n.children ?? []).length - 1; i >= 0; i--) pending.push([n.children![i]!, false]);
  }
  let h = 0;
  let b = 0;
  return micromark(body)
    .replace(/<h([1-6])>/g, (m, d: string) => {
      const id = headingIds[h++];
      return id ? `<h${d} id="${escapeHtml(id)}">` : m;
    })
    .replace(PACTE_PRE, (m) => {
      const r = blocks[b++];
      return r ?? m.replace('<pre>', '<pre class="pacte-block">');
    });
}

/** The clauses, definitions and event types of a version in effective form, with where their text is. */
export function versionAnchors(v: Version): { clauses: ClauseAnchor[]; definitions: { id: string; anchor: string; version: string }[] } {
  const heading = (trail: readonly string[]): string | null => trail[trail.length - 1] ?? null;
  return {
    clauses: [...v.norms.values()].map((n) => ({
      id: n.id,
      kind: n.kind,
      heading: heading(n.meta.trail),
      anchor: clauseAnchor(n.id),
      version: n.meta.version,
    })),
    definitions: [...v.definitions.values()].map((d) => ({ id: d.name, anchor: definitionAnchor(d.name), version: d.meta.version })),
  };
}
