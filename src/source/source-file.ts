/** A source file held once in memory, with a line index to turn offsets into 1-based line/column points. */
export interface Point {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export interface Span {
  readonly file: string;
  readonly start: Point;
  readonly end: Point;
}

/** Offsets into one file's text: `[start, end)`, 0-based. Syntax nodes carry these; spans are made on demand. */
export type Range = readonly [number, number];

export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly lineStarts: readonly number[];
}

export function sourceFile(path: string, text: string): SourceFile {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return { path, text, lineStarts };
}

/** The point at an offset (clamped to the text). Columns count UTF-16 code units, from 1. */
export function pointAt(file: SourceFile, offset: number): Point {
  const o = Math.max(0, Math.min(offset, file.text.length));
  let lo = 0;
  let hi = file.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (file.lineStarts[mid]! <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: o - file.lineStarts[lo]! + 1, offset: o };
}

export function spanOf(file: SourceFile, range: Range): Span {
  return { file: file.path, start: pointAt(file, range[0]), end: pointAt(file, range[1]) };
}

/** The text of a 1-based line, without its line break. */
export function lineText(file: SourceFile, line: number): string {
  const start = file.lineStarts[line - 1];
  if (start === undefined) return '';
  const next = file.lineStarts[line];
  return file.text.slice(start, next === undefined ? file.text.length : next).replace(/\r?\n$/, '');
}
