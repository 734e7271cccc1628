/**
 * One line of an `expect` block (docs/format.md § Tests):
 *
 *     as of DATE [under VERSION] [with EVENTS, …] [for PARTY]: ASSERTION
 *
 * or `as of …:` alone, whose assertions follow on indented lines. A mistake is a diagnostic at the word that is wrong.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { hint } from '../diagnostics/terms.js';
import { suggest } from '../check/suggest.js';
import type { Range, SourceFile } from '../source/source-file.js';
import { parseDate } from '../values/dates.js';
import type { Comparison, Context, Expected, Subject } from './expectation.js';
import { readLiteral } from './value-literal.js';
import { NORM_STATUSES } from '../engine/norm-state.js';

export interface Token {
  readonly text: string;
  readonly at: Range;
}

/** The statuses an expectation may name: the norms' (docs/state.md), `indeterminate`, and `absent` (not in the state). */
export const STATUSES: readonly string[] = [...NORM_STATUSES, 'absent'];

const SINGLE = new Set([',', ':', '(', ')', '#']);

/** The words of a line, with their offsets in the file: `,` `:` `(` `)` `#` and `'s` apart, a quoted text as one. */
export function scan(line: string, base: number): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (c === '"') {
      i++;
      while (i < line.length && line[i] !== '"') i += line[i] === '\\' ? 2 : 1;
      i = Math.min(line.length, i + 1);
    } else if (SINGLE.has(c)) i++;
    else if ('=<>'.includes(c)) i += line[i + 1] === '=' && c !== '=' ? 2 : 1;
    else {
      while (i < line.length && !/[\s,:()#=<>"]/.test(line[i]!)) i++;
      if (line.slice(i - 2, i) === "'s" && i - 2 > start) {
        out.push({ text: line.slice(start, i - 2), at: [base + start, base + i - 2] });
        out.push({ text: "'s", at: [base + i - 2, base + i] });
        continue;
      }
    }
    out.push({ text: line.slice(start, i), at: [base + start, base + i] });
  }
  return out;
}

/** A mistake found while reading a line: thrown inside this module, returned as a diagnostic. */
class LineError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.code);
  }
}

/** A cursor over the words of one line. */
class Words {
  private i = 0;
  constructor(
    readonly file: SourceFile,
    readonly tokens: readonly Token[],
    readonly lineEnd: number,
    readonly trail: readonly string[],
  ) {}
  peek(k = 0): string | undefined {
    return this.tokens[this.i + k]?.text;
  }
  get done(): boolean {
    return this.i >= this.tokens.length;
  }
  /** The position just after the last word read (where a missing word would go). */
  get here(): Range {
    const t = this.tokens[this.i];
    return t ? t.at : [this.lineEnd, this.lineEnd];
  }
  next(expected: string): Token {
    const t = this.tokens[this.i];
    if (!t) this.fail(expected);
    this.i++;
    return t!;
  }
  /** Reads `word` when it comes next. */
  accept(...words: string[]): boolean {
    if (words.every((w, k) => this.peek(k) === w)) {
      this.i += words.length;
      return true;
    }
    return false;
  }
  expect(...words: string[]): void {
    for (const w of words) {
      if (this.peek() !== w) this.fail(`\`${w}\``);
      this.i++;
    }
  }
  /** The rest of the line as written (a value literal), and its range. */
  rest(): { text: string; at: Range } {
    const first = this.tokens[this.i];
    const last = this.tokens[this.tokens.length - 1];
    this.i = this.tokens.length;
    if (!first || !last) return { text: '', at: [this.lineEnd, this.lineEnd] };
    return { text: this.file.text.slice(first.at[0], last.at[1]), at: [first.at[0], last.at[1]] };
  }
  fail(expected: string): never {
    const t = this.tokens[this.i];
    const found = t ? `\`${t.text}\`` : '@end-of-line';
    throw new LineError(diagnostic(this.file, this.here, 'syntax', { expected, found }, { trail: this.trail }));
  }
  error(d: Diagnostic): never {
    throw new LineError(d);
  }
  date(): string {
    const t = this.next('@syn-date');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(t.text)) {
      this.i--;
      this.fail('@syn-date');
    }
    if (!parseDate(t.text)) this.error(diagnostic(this.file, t.at, 'bad-date', { text: t.text }, { trail: this.trail }));
    return t.text;
  }
  name(): Token {
    const t = this.next('@syn-name');
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(t.text)) {
      this.i--;
      this.fail('@syn-name');
    }
    return t;
  }
  /** `A, B, C` (names). */
  names(): string[] {
    const out = [this.name().text];
    while (this.accept(',')) out.push(this.name().text);
    return out;
  }
  end(): void {
    if (!this.done) this.fail('@end-of-line');
  }
}

/** `as of DATE [under V] [with X, Y] [for P] :` → the context, the words after the colon left to read. */
function readContext(w: Words): Context {
  const from = w.here[0];
  w.expect('as', 'of');
  const asOf = w.date();
  let version: string | null = null;
  let versionAt: Range | null = null;
  let party: string | null = null;
  let partyAt: Range | null = null;
  const events: { name: string; at: Range }[] = [];
  for (;;) {
    if (w.peek() === ':') {
      const colon = w.next('`:`');
      return { asOf, version, versionAt, events, party, partyAt, at: [from, colon.at[1]] };
    }
    if (version === null && w.accept('under')) {
      const t = w.name();
      version = t.text;
      versionAt = t.at;
    } else if (events.length === 0 && w.accept('with')) {
      do {
        const t = w.next('@syn-name');
        events.push({ name: t.text, at: t.at });
      } while (w.accept(','));
    } else if (party === null && w.accept('for')) {
      const t = w.name();
      party = t.text;
      partyAt = t.at;
    } else w.fail('`:`, `under`, `with`, `for`');
  }
}

function status(w: Words): string {
  const t = w.next('`active`, `pending`, `fulfilled`, `violated`, `terminated`…');
  if (!STATUSES.includes(t.text)) {
    w.error(diagnostic(w.file, t.at, 'test-unknown-status', { found: t.text, hint: hint(suggest(t.text, STATUSES)) }, { trail: w.trail }));
  }
  return t.text;
}

const json = (value: string | boolean | null): Expected => ({ t: 'json', value });
const set = (items: readonly string[]): Expected => ({ t: 'set', items });

/** After `NAME is STATUS`: `since D`, `until D`, `(superseded)`, `could be A or B`, `waits for X, Y`, deadlines. */
function normTail(w: Words, fields: Record<string, Expected>): void {
  while (!w.done) {
    w.accept(',');
    if (w.accept('since')) {
      if (w.accept('unknown')) fields['sinceKnown'] = json(false);
      else {
        fields['since'] = json(w.date());
        fields['sinceKnown'] = json(true);
      }
    } else if (w.accept('until')) fields['until'] = w.accept('none') ? json(null) : json(w.date());
    else if (w.accept('(')) {
      fields['endedBy'] = json(w.name().text);
      w.expect(')');
    } else if (w.accept('could', 'be')) {
      const items = [status(w)];
      while (w.accept('or')) items.push(status(w));
      fields['possibleStatuses'] = set(items);
    } else if (w.accept('waits', 'for')) fields['waitsFor'] = set(w.accept('nothing') ? [] : w.names());
    else if (w.accept('next', 'deadline')) fields['nextDeadline'] = json(w.date());
    else if (w.accept('deadline')) fields['deadline'] = json(w.date());
    else if (w.accept('due')) fields['due'] = json(w.date());
    else w.fail('`since`, `until`, `(…)`, `could be`, `waits for`, `deadline`, `next deadline`');
  }
}

function literal(w: Words): string | boolean {
  const r = w.rest();
  const v = readLiteral(r.text);
  if (v === undefined || v === null) w.error(diagnostic(w.file, r.at, 'test-bad-value', { text: r.text }, { trail: w.trail }));
  return v;
}

const ORDERS: readonly Comparison[] = ['=', '>=', '<=', '>', '<'];

/** What follows the context: the subject and the fields it is expected to have. */
function readAssertion(w: Words): { subject: Subject; fields: Record<string, Expected> } {
  const fields: Record<string, Expected> = {};
  if (w.accept('governing', 'is')) {
    fields['version'] = json(w.accept('none') ? null : w.name().text);
    w.end();
    return { subject: { kind: 'governing' }, fields };
  }
  if (w.accept('proposals', 'are')) {
    fields['versions'] = set(w.accept('none') ? [] : w.names());
    w.end();
    return { subject: { kind: 'proposals' }, fields };
  }
  if (w.accept('no', 'violation')) {
    const norm = w.accept('of') ? w.name().text : null;
    w.end();
    fields['violations'] = set([]);
    return { subject: { kind: 'violations', norm, violationKind: null, date: null }, fields };
  }
  if (w.peek() === 'violation') {
    w.next('`violation`');
    const kind = w.name().text;
    w.expect('of');
    const norm = w.name().text;
    const date = w.accept('on') ? w.date() : null;
    w.end();
    return { subject: { kind: 'violations', norm, violationKind: kind, date }, fields };
  }
  const name = w.name().text;
  if (w.accept("'s", 'account', 'leaves', 'out')) {
    fields['incomplete'] = set(w.accept('nothing') ? [] : w.names());
    w.end();
    return { subject: { kind: 'account', party: name }, fields };
  }
  for (const [word, key] of [
    ['paid', 'paid'],
    ['owes', 'owed'],
    ['committed', 'committed'],
  ] as const) {
    if (!w.accept(word)) continue;
    const op: Comparison = w.accept('at', 'least') ? '>=' : w.accept('at', 'most') ? '<=' : '=';
    const v = literal(w);
    fields[key] = { t: 'compare', op, value: String(v) };
    return { subject: { kind: 'account', party: name }, fields };
  }
  if (w.accept('#')) {
    const t = w.next('@syn-number');
    if (!/^[1-9]\d*$/.test(t.text)) w.error(diagnostic(w.file, t.at, 'syntax', { expected: '@syn-number', found: `\`${t.text}\`` }));
    w.expect('is');
    fields['status'] = json(status(w));
    normTail(w, fields);
    return { subject: { kind: 'instance', name, n: Number(t.text) }, fields };
  }
  const op = ORDERS.find((o) => w.peek() === o);
  if (op) {
    w.next(op);
    const v = literal(w);
    fields['value'] = op === '=' ? json(v) : { t: 'compare', op, value: String(v) };
    return { subject: { kind: 'name', name }, fields };
  }
  if (w.accept('is')) {
    if (w.accept('none', 'yet')) fields['status'] = json('none yet');
    else fields['status'] = json(status(w));
    normTail(w, fields);
    return { subject: { kind: 'name', name }, fields };
  }
  return w.fail("`is`, `=`, `>=`, `<=`, `#`, `paid`, `owes`, `committed`, `'s account leaves out`");
}

export type LineResult =
  | { readonly kind: 'header'; readonly context: Context }
  | { readonly kind: 'expectation'; readonly context: Context; readonly subject: Subject; readonly fields: Record<string, Expected> }
  | { readonly kind: 'error'; readonly diagnostic: Diagnostic };

/**
 * Reads the line at `[start, end)` of `file`: with `group` (the context of the `as of …:` line above it), an indented
 * assertion; else a line that starts with `as of`.
 */
export function parseLine(file: SourceFile, start: number, end: number, group: Context | null, trail: readonly string[]): LineResult {
  const w = new Words(file, scan(file.text.slice(start, end), start), end, trail);
  try {
    if (group && w.peek() !== 'as') {
      const a = readAssertion(w);
      return { kind: 'expectation', context: group, ...a };
    }
    if (w.peek() !== 'as') w.error(diagnostic(file, w.here, 'test-no-as-of', {}, { trail }));
    const context = readContext(w);
    if (w.done) return { kind: 'header', context };
    return { kind: 'expectation', context, ...readAssertion(w) };
  } catch (e) {
    if (e instanceof LineError) return { kind: 'error', diagnostic: e.diagnostic };
    throw e;
  }
}
