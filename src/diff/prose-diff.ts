/**
 * Word-level redline of a changed clause: of its own text (on one line) and of the prose of the section it sits in.
 * Words are runs of non-space characters (`microsoft-2025-01`, `2030.`), compared with `diffArrays` from the `diff`
 * package; white space is not a change. A prose rewritten beyond recognition (less than a third of its words kept)
 * is shown as replaced whole, which reads better than confetti.
 */
import { diffArrays } from 'diff';
import type { ClauseMeta } from '../check/ir.js';
import { clauseText, oneLine } from '../check/expr-text.js';
import type { ProseDiffJson, ProsePart } from './redline-json.js';

/** Each word with the white space after it. */
function words(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}

/** The runs kept, removed and added from `a` to `b`, adjacent runs of one kind merged. */
export function wordDiff(a: string, b: string): ProsePart[] {
  const out: ProsePart[] = [];
  for (const c of diffArrays(words(a), words(b), { comparator: (x, y) => x.trimEnd() === y.trimEnd() })) {
    const op = c.added ? 'added' : c.removed ? 'removed' : 'same';
    const text = c.value.join('');
    const last = out[out.length - 1];
    if (last && last.op === op) out[out.length - 1] = { op, text: last.text + text };
    else if (text !== '') {
      // A kept word takes its white space from the new text: keep runs apart when it has none (a removed run and
      // the added run that replaces it are alternatives, not neighbours).
      if (last && !/\s$/.test(last.text) && !(last.op === 'removed' && op === 'added'))
        out[out.length - 1] = { op: last.op, text: `${last.text} ` };
      out.push({ op, text });
    }
  }
  return out;
}

/** Like `wordDiff`, but a text that keeps less than a third of its words is shown as removed and added whole. */
export function rewriteDiff(a: string, b: string): ProsePart[] {
  const parts = wordDiff(a, b);
  const kept = parts.filter((p) => p.op === 'same').reduce((n, p) => n + words(p.text).length, 0);
  if (kept * 3 >= Math.max(words(a).length, words(b).length)) return parts;
  return [...(a === '' ? [] : [{ op: 'removed' as const, text: `${a}\n\n` }]), ...(b === '' ? [] : [{ op: 'added' as const, text: b }])];
}

/** The prose redlines of a clause whose text or section prose differs (white space aside). */
export function proseDiffs(a: ClauseMeta, b: ClauseMeta): ProseDiffJson[] {
  const out: ProseDiffJson[] = [];
  if (clauseText(a) !== clauseText(b)) out.push({ field: 'text', parts: wordDiff(clauseText(a), clauseText(b)) });
  if (oneLine(a.prose) !== oneLine(b.prose)) out.push({ field: 'prose', parts: rewriteDiff(a.prose.trim(), b.prose.trim()) });
  return out;
}
