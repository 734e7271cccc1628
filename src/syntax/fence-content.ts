/**
 * `fenceContent(text, start, end)`: where the content of a fenced code block lies, given the block's span in the
 * Markdown (from its opening fence to its end): after the opening fence's line, before the closing fence's line when
 * there is one (`closed`). Used for `pacte` blocks (syntax/parse.ts) and for tests files' `expect` and `events` blocks.
 */
const CLOSING_FENCE = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*$/;

export interface FenceContent {
  /** The end of the opening fence's line (its info string ends there). */
  readonly fenceEnd: number;
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly closed: boolean;
}

export function fenceContent(text: string, start: number, end: number): FenceContent {
  const firstNl = text.indexOf('\n', start);
  const contentStart = firstNl < 0 || firstNl >= end ? end : firstNl + 1;
  const lastLineStart = text.lastIndexOf('\n', end - 1) + 1;
  const closed = lastLineStart > start && CLOSING_FENCE.test(text.slice(lastLineStart, end));
  return {
    fenceEnd: firstNl < 0 ? end : firstNl,
    contentStart,
    contentEnd: closed ? Math.max(contentStart, lastLineStart) : end,
    closed,
  };
}
