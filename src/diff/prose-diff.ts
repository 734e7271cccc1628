/**
 * Word-level redline of a changed clause: of its own text (on one line) and of the prose of the section it sits in.
 * Uses `diffWords` from the `diff` package; white space is not a change.
 */
import { diffWords } from 'diff';
import type { ClauseMeta } from '../check/ir.js';
import { clauseText, oneLine } from './expr-text.js';
import type { ProseDiffJson, ProsePart } from './redline-json.js';

/** The runs kept, removed and added from `a` to `b`, adjacent runs of one kind merged. */
export function wordDiff(a: string, b: string): ProsePart[] {
  const out: ProsePart[] = [];
  for (const c of diffWords(a, b)) {
    const op = c.added ? 'added' : c.removed ? 'removed' : 'same';
    const last = out[out.length - 1];
    if (last && last.op === op) out[out.length - 1] = { op, text: last.text + c.value };
    else if (c.value !== '') out.push({ op, text: c.value });
  }
  return out;
}

/** The prose redlines of a clause whose text or section prose differs (white space aside). */
export function proseDiffs(a: ClauseMeta, b: ClauseMeta): ProseDiffJson[] {
  const out: ProseDiffJson[] = [];
  if (clauseText(a) !== clauseText(b)) out.push({ field: 'text', parts: wordDiff(clauseText(a), clauseText(b)) });
  if (oneLine(a.prose) !== oneLine(b.prose)) out.push({ field: 'prose', parts: wordDiff(a.prose.trim(), b.prose.trim()) });
  return out;
}
