/**
 * Literate golden cases (`tests/cases/**\/*.case.md`). A case is Markdown with fenced blocks:
 *
 * - ```` ````file NAME ```` : a file of the family directory (a `.pacte.md` document, `ledger.jsonl`, a scenario…);
 * - ```` ```expect ARGS ```` : runs `pacte ARGS` (with `$DIR` replaced by the family directory, which is inserted
 *   after the command name unless a positional argument already names `$DIR…`; `--events $DIR/x` is an option value;
 *   a case without file blocks may name a directory of the repository, e.g. `state examples/openai-microsoft …`) and compares the exact output: first line `exit N`, then stdout, then stderr;
 * - ```` ```expect-json ARGS ```` : runs the command (which must print JSON) and checks that the output contains the
 *   given JSON (objects match by subset, arrays of objects with `id` match by id, other arrays exactly).
 *
 * `npm run test:update` rewrites the `expect` blocks with the actual output; the git diff is the review.
 */
export interface CaseFile {
  readonly name: string;
  readonly content: string;
}

export interface Expectation {
  readonly kind: 'expect' | 'expect-json';
  readonly args: string;
  readonly expected: string;
  /** Offsets of the block's content in the case file (for --update). */
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly line: number;
}

export interface GoldenCase {
  readonly files: readonly CaseFile[];
  readonly expectations: readonly Expectation[];
}

const FENCE_OPEN = /^(`{3,}|~{3,})([^\s`]+)?(?:[ \t]+(.*))?$/;

export function parseCase(text: string): GoldenCase {
  const files: CaseFile[] = [];
  const expectations: Expectation[] = [];
  const lines = text.split('\n');
  const lineOffsets: number[] = [];
  let offset = 0;
  for (const l of lines) {
    lineOffsets.push(offset);
    offset += l.length + 1;
  }
  let i = 0;
  while (i < lines.length) {
    const m = FENCE_OPEN.exec(lines[i]!);
    if (!m) {
      i++;
      continue;
    }
    const fence = m[1]!;
    const info = m[2] ?? '';
    const rest = (m[3] ?? '').trim();
    const closing = new RegExp(`^${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let j = i + 1;
    while (j < lines.length && !closing.test(lines[j]!)) j++;
    const contentStart = lineOffsets[i + 1] ?? text.length;
    const contentEnd = lineOffsets[j] ?? text.length;
    const content = text.slice(contentStart, contentEnd);
    if (info === 'file') files.push({ name: rest, content });
    else if (info === 'expect' || info === 'expect-json') {
      expectations.push({ kind: info, args: rest, expected: content, contentStart, contentEnd, line: i + 1 });
    }
    i = j + 1;
  }
  return { files, expectations };
}

/** Splits command arguments, honouring double quotes. */
export function splitArgs(s: string): string[] {
  const out: string[] = [];
  // A single-quoted argument may hold double quotes (`--data '{"paid": true}'`).
  for (const m of s.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** Deep "contains": every key of `expected` is in `actual` with a matching value. Returns the first mismatch, or null. */
export function containsJson(actual: unknown, expected: unknown, path = '$'): string | null {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array`;
    const byId = expected.length > 0 && expected.every((e) => e && typeof e === 'object' && !Array.isArray(e) && 'id' in e);
    if (byId) {
      for (const e of expected as { id: unknown }[]) {
        const a = (actual as { id?: unknown }[]).find((x) => x && typeof x === 'object' && x.id === e.id);
        if (!a) return `${path}: no element with id ${JSON.stringify(e.id)}`;
        const r = containsJson(a, e, `${path}[id=${String(e.id)}]`);
        if (r) return r;
      }
      return null;
    }
    if (actual.length !== expected.length) return `${path}: expected ${expected.length} elements, found ${actual.length}`;
    for (let k = 0; k < expected.length; k++) {
      const r = containsJson(actual[k], expected[k], `${path}[${k}]`);
      if (r) return r;
    }
    return null;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual))
      return `${path}: expected an object, found ${JSON.stringify(actual)}`;
    for (const [k, v] of Object.entries(expected)) {
      if (!(k in actual)) {
        if (v === null) continue; // `null` expects the key to be absent (or null)
        return `${path}.${k}: missing`;
      }
      const r = containsJson((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
      if (r) return r;
    }
    return null;
  }
  return actual === expected ? null : `${path}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}`;
}
