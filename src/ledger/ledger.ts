/**
 * Reads a ledger (`ledger.jsonl`: one JSON event per line) and validates each event against the event types the
 * agreement declares. Every problem is a diagnostic at its line (and key) in the file.
 */
import { parseQuantity } from '../values/quantity.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticArgsOf, MessageCode } from '../diagnostics/messages.js';
import { hint } from '../diagnostics/terms.js';
import type { Bounds, EventType, Family, Type, Value, Version } from '../check/ir.js';
import { suggest } from '../check/suggest.js';
import { typeArg } from '../check/types.js';
import type { Range, SourceFile } from '../source/source-file.js';
import { durationInRange, type IsoDate, MAX_DURATION } from '../values/dates.js';
import { parseDateTime } from '../values/datetimes.js';
import { Decimal, digitCount, MAX_DIGITS } from '../values/decimal.js';
import { parseMoneyText } from '../values/money.js';
import { DEFAULT_FISCAL_YEARS, type FiscalYears, parsePeriod } from '../values/periods.js';
import type { EventPeriod, EventSource, LedgerEvent, UnknownField } from './event.js';
import { idProblem, shownId } from './event-id.js';
import { ledgerFacts } from './ledger-facts.js';
import { calendarDate } from './calendar-date.js';
import { printExpr } from '../check/expr-text.js';
import { isAbove } from '../check/expr.js';

const KEYS = new Set(['id', 'type', 'date', 'actor', 'data', 'source', 'visibility', 'recorded']);
const STATUSES = new Set(['official', 'reported', 'unverified']);
/** What an event's `source` may be. */
const SOURCE_SHAPE = 'a source id or { title, url?, status: official|reported|unverified }';
/** `recorded`: when the event was written down, an RFC 3339 time with its offset. */
const RECORDED = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

export interface LedgerResult {
  readonly events: LedgerEvent[];
  readonly diagnostics: Diagnostic[];
  /** Lines of invalid events (skipped). */
  readonly invalidLines: number[];
}

/**
 * The declaration of an event type that applies at a date: the latest binding version effective on or before it
 * that declares it, else the first binding version that does; non-binding versions only when no binding one does.
 */
export function eventTypeAt(family: Family, name: string, date: string | null): EventType | undefined {
  return versionDeclaringAt(family, name, date)?.events.get(name);
}

/** The version whose declaration of event type `name` applies at `date` (see `eventTypeAt`); it reads the event's periods. */
function versionDeclaringAt(family: Family, name: string, date: string | null): Version | undefined {
  // Binding versions first: a non-binding proposal's declarations do not govern the ledger.
  const declaring = ledgerFacts(family).declaring.get(name);
  if (!declaring) return undefined;
  const pick = (versions: readonly Version[]): Version | undefined => {
    let found: Version | undefined;
    for (const v of versions) if (!found || (date !== null && v.effective <= date)) found = v;
    return found;
  };
  return pick(declaring.binding) ?? pick(declaring.all);
}

function isBetween(v: unknown): v is { between: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && 'between' in v;
}

/**
 * An event's date: a calendar day, or a day known only to lie in a period (`"2021"`, `"2021-Q3"`, `"2021-H2"`,
 * `"2021-03"`, `"FY2022"`, `{"between": ["2021-03-01", "2021-06-30"]}`): then the event orders at the period's first
 * day and `period` gives its days. `'bad'` when it is none of these; undefined when there is no date string at all.
 */
export function eventDate(raw: unknown, fiscal: FiscalYears): { date: IsoDate; period?: EventPeriod } | 'bad' | undefined {
  if (typeof raw === 'string') {
    const day = calendarDate(raw);
    if (day) return { date: day };
    const p = parsePeriod(/^\d{4}$/.test(raw) ? `CY${raw}` : raw, fiscal);
    return p ? { date: p.start, period: { from: p.start, to: p.end, text: raw } } : 'bad';
  }
  if (!isBetween(raw)) return undefined;
  const b = raw.between;
  const from = Array.isArray(b) && b.length === 2 && typeof b[0] === 'string' ? calendarDate(b[0]) : undefined;
  const to = Array.isArray(b) && b.length === 2 && typeof b[1] === 'string' ? calendarDate(b[1]) : undefined;
  if (!from || !to || to < from) return 'bad';
  return from === to ? { date: from } : { date: from, period: { from, to, text: `${from}..${to}` } };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return '@json-array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return typeof v === 'object' ? '@json-object' : String(v);
}

/**
 * Converts a JSON value of the ledger into a typed value, or returns undefined. Periods are read with `fiscal`, the
 * fiscal years of the version that declares the event type (`"FY2027 of acme"`).
 */
export function jsonToValue(
  raw: unknown,
  t: Type,
  parties: ReadonlySet<string>,
  fiscal: FiscalYears = DEFAULT_FISCAL_YEARS,
): Value | undefined {
  switch (t.t) {
    case 'money': {
      const m = typeof raw === 'string' ? parseMoneyText(raw) : undefined;
      return m && (t.currency === null || t.currency === m.currency) ? { k: 'money', v: m } : undefined;
    }
    case 'quantity': {
      const q = parseQuantity(raw, t.unit);
      return q && { k: 'quantity', v: q };
    }
    case 'price':
      return undefined;
    case 'number':
      if (typeof raw === 'number' && Number.isFinite(raw)) return { k: 'number', v: new Decimal(raw) };
      if (typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw)) return { k: 'number', v: new Decimal(raw) };
      return undefined;
    case 'percent': {
      const m = typeof raw === 'string' ? /^(-?\d+(?:\.\d+)?)%$/.exec(raw) : null;
      return m ? { k: 'percent', v: new Decimal(m[1]!).div(100) } : undefined;
    }
    case 'date': {
      const d = typeof raw === 'string' ? calendarDate(raw) : undefined;
      return d ? { k: 'date', v: d } : undefined;
    }
    case 'datetime': {
      const d = typeof raw === 'string' ? parseDateTime(raw) : undefined;
      return d ? { k: 'datetime', v: d } : undefined;
    }
    case 'period': {
      const p = typeof raw === 'string' ? parsePeriod(raw, fiscal) : undefined;
      return p ? { k: 'period', v: p } : undefined;
    }
    case 'duration': {
      const m = typeof raw === 'string' ? /^(\d{1,6}) (business day|day|week|month|year|hour|minute|second)s?$/.exec(raw) : null;
      return m ? { k: 'duration', v: { amount: Number(m[1]), unit: `${m[2]}s` as 'days' } } : undefined;
    }
    case 'bool':
      return typeof raw === 'boolean' ? { k: 'bool', v: raw } : undefined;
    case 'text':
      return typeof raw === 'string' ? { k: 'text', v: raw } : undefined;
    case 'party':
      return typeof raw === 'string' && parties.has(raw) ? { k: 'party', v: raw } : undefined;
    case 'list':
    case 'unknown':
      return undefined;
  }
}

/** The keys of a field's bounds in the ledger: `{"atLeast": "USD 1bn"}`, `{"between": ["2021-01-01", "2021-06-30"]}`. */
const BOUND_KEYS = new Set(['atLeast', 'moreThan', 'atMost', 'lessThan', 'between']);

/**
 * `{"undisclosed": "investment_2021"}`: the field is the agreement's undisclosed figure of that name (a definition
 * `define investment_2021 = undisclosed money` of the same type), with its bounds. Null when `raw` is not that
 * form, `'bad'` when it names no such definition.
 */
function termBounds(raw: unknown, t: Type, family: Family): UnknownField | 'bad' | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  if (!Object.hasOwn(o, 'undisclosed')) return null;
  const name = o['undisclosed'];
  if (Object.keys(o).length !== 1 || typeof name !== 'string') return 'bad';
  for (const v of family.versions) {
    const d = v.definitions.get(name);
    if (d?.expr.kind !== 'undisclosed' || d.type.t !== t.t) continue;
    if (t.t === 'money' && d.type.t === 'money' && t.currency !== null && d.type.currency !== null && t.currency !== d.type.currency)
      continue;
    const b = d.expr.bounds ?? { lo: null, loOpen: false, hi: null, hiOpen: false };
    return { ...b, term: name };
  }
  return 'bad';
}
/** Types whose values are ordered, so that they can be bounded. */
const ORDERED = new Set(['money', 'number', 'percent', 'date', 'duration', 'quantity']);

/** Whether `a` is above `b` (two values of one ordered type); amounts in two currencies never order. */
function above(a: Value, b: Value): boolean {
  return (a.k === 'money' && b.k === 'money' && a.v.currency !== b.v.currency) || isAbove(a, b);
}

/**
 * A field given as unknown: `"undisclosed"` (money and durations then more than zero, as in documents), or bounds
 * (`atLeast`/`moreThan`, `atMost`/`lessThan`, or `between: [lo, hi]`, inclusive). Returns null when `raw` is neither
 * form, `'bad'` when it is a malformed one.
 */
export function jsonToBounds(raw: unknown, t: Type, parties: ReadonlySet<string>): Bounds | 'bad' | null {
  if (raw === 'undisclosed') {
    if (t.t === 'money')
      return { lo: { k: 'money', v: { currency: t.currency ?? '', amount: new Decimal(0) } }, loOpen: true, hi: null, hiOpen: false };
    if (t.t === 'duration') return { lo: { k: 'duration', v: { amount: 0, unit: 'days' } }, loOpen: true, hi: null, hiOpen: false };
    return { lo: null, loOpen: false, hi: null, hiOpen: false };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 0 || !keys.every((k) => BOUND_KEYS.has(k))) return keys.some((k) => BOUND_KEYS.has(k)) ? 'bad' : null;
  if (!ORDERED.has(t.t)) return 'bad';
  const value = (x: unknown): Value | undefined => {
    const digits = typeof x === 'string' ? (x.match(/\d/g)?.length ?? 0) : 0;
    if (digits > MAX_DIGITS) return undefined;
    const v = jsonToValue(x, t, parties);
    // A bound is held to the limits of a value: at most 40 digits, durations within the calendar.
    if (v?.k === 'number' && digitCount(v.v) > MAX_DIGITS) return undefined;
    return v?.k === 'duration' && !durationInRange(v.v) ? undefined : v;
  };
  let lo: Value | null = null;
  let hi: Value | null = null;
  let loOpen = false;
  let hiOpen = false;
  const between = o['between'];
  if (between !== undefined) {
    if (keys.length !== 1 || !Array.isArray(between) || between.length !== 2) return 'bad';
    lo = value(between[0]) ?? null;
    hi = value(between[1]) ?? null;
    if (!lo || !hi) return 'bad';
  } else {
    if ((o['atLeast'] !== undefined && o['moreThan'] !== undefined) || (o['atMost'] !== undefined && o['lessThan'] !== undefined))
      return 'bad';
    const l = o['atLeast'] ?? o['moreThan'];
    const h = o['atMost'] ?? o['lessThan'];
    if (l !== undefined) {
      lo = value(l) ?? null;
      if (!lo) return 'bad';
      loOpen = o['moreThan'] !== undefined;
    }
    if (h !== undefined) {
      hi = value(h) ?? null;
      if (!hi) return 'bad';
      hiOpen = o['lessThan'] !== undefined;
    }
  }
  if (lo && hi && (above(lo, hi) || ((loOpen || hiOpen) && !above(hi, lo)))) return 'bad';
  // Money and durations are more than zero unless a lower bound is given (`{"atMost": "USD 20bn"}`: up to).
  const zero = jsonToBounds('undisclosed', t, parties);
  if (!lo && zero !== 'bad' && zero?.lo) return hi && !above(hi, zero.lo) ? 'bad' : { ...zero, hi, hiOpen };
  return { lo, loOpen, hi, hiOpen };
}

export function allParties(family: Family): Set<string> {
  return new Set(family.versions.flatMap((v) => [...v.parties.keys()]));
}

/** Offsets of keys in one ledger line (relative to the line): its own keys, and the keys of its `data` object. */
interface KeyIndex {
  readonly top: ReadonlyMap<string, Range>;
  readonly data: ReadonlyMap<string, Range>;
}

/** A JSON syntax error in a line: where (offset in the line) and what, in words that do not depend on the Node version. */
export class JsonSyntaxError {
  constructor(
    readonly at: number,
    readonly detail: string,
  ) {}
}

/** Deeper values are accepted by JSON.parse; the scanner then gives up (keys fall back to the whole line). */
const MAX_SCAN_DEPTH = 200;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Scans one line of JSON: returns where its keys are, or the first syntax error. JSON.parse decides validity and
 * values; this only locates keys exactly (not a search for `"key"`, which could hit a value or a nested key) and
 * gives a stable position and wording for syntax errors (V8's messages change between Node versions).
 */
export function scanLine(text: string): KeyIndex | JsonSyntaxError | null {
  const top = new Map<string, Range>();
  const data = new Map<string, Range>();
  let i = 0;
  const found = (): string => (i >= text.length ? 'the end of the line' : `\`${String.fromCodePoint(text.codePointAt(i)!)}\``);
  const fail = (detail: string, at = i): never => {
    throw new JsonSyntaxError(at, detail);
  };
  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };
  const string = (): string => {
    const start = i++;
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        const n = text[i + 1] ?? '';
        if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (n !== '' && '"\\/bfnrt'.includes(n)) i += 2;
        else fail('bad escape in a string');
      } else if (c < 32) fail('control character in a string');
      else i++;
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (depth: number, keys: Map<string, Range> | null): void => {
    if (depth > MAX_SCAN_DEPTH) throw new RangeError('too deep');
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        if (text[i] !== '"') fail(`expected a key in double quotes, found ${found()}`);
        const start = i;
        const key = string();
        keys?.set(key, [start, i]);
        ws();
        if (text[i] !== ':') fail(`expected \`:\` after a key, found ${found()}`);
        i++;
        ws();
        value(depth + 1, keys === top && key === 'data' ? data : null);
        ws();
        if (text[i] === ',') {
          i++;
          ws();
        } else if (text[i] === '}') {
          i++;
          return;
        } else fail(`expected \`,\` or \`}\`, found ${found()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1, null);
        ws();
        if (text[i] === ',') {
          i++;
          ws();
        } else if (text[i] === ']') {
          i++;
          return;
        } else fail(`expected \`,\` or \`]\`, found ${found()}`);
      }
    }
    if (c === '"') {
      string();
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    if (c !== undefined && /[-0-9]/.test(c) && NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    fail(`expected a value, found ${found()}`);
  };
  try {
    ws();
    value(0, top);
    ws();
    if (i < text.length) fail(`expected the end of the line after the value, found ${found()}`);
    return { top, data };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return e;
    if (e instanceof RangeError) return null;
    throw e;
  }
}

/**
 * Whether an event meets its type's condition (`event … where C`): false when it does not; true or null when it
 * does or when the condition depends on undisclosed terms or on the ledger (then the event is accepted). The
 * engine supplies it (engine/read-ledger.ts), since deciding it is evaluation.
 */
export type ConstraintCheck = (family: Family, type: EventType, event: LedgerEvent) => boolean | null;

/**
 * The first clause that computes from the event a date outside the years 0001–9999 (`{clause, date}`), or null;
 * supplied by the engine (engine/read-ledger.ts).
 */
export type DatesCheck = (family: Family, event: LedgerEvent) => { clause: string; date: string } | null;

export interface LedgerOptions {
  readonly constraint: ConstraintCheck;
  readonly dates?: DatesCheck | undefined;
  readonly seqBase?: number | undefined;
  readonly hypothetical?: boolean | undefined;
  readonly ids?: Map<string, { file: string; line: number }> | undefined;
}

/**
 * `ids`: event ids already read from other files (an overlay's ids must not repeat the ledger's), with where they
 * were read; this file's ids are added to it.
 */
export function parseLedger(file: SourceFile, family: Family, options: LedgerOptions): LedgerResult {
  const events: LedgerEvent[] = [];
  const diagnostics: Diagnostic[] = [];
  const invalidLines: number[] = [];
  const { parties, sources, consentClauses, typeNames } = ledgerFacts(family);
  const ids = options.ids ?? new Map<string, { file: string; line: number }>();
  const seqBase = options.seqBase ?? 0;
  file.lineStarts.forEach((start, index) => {
    const line = index + 1;
    const next = file.lineStarts[index + 1];
    let lineStart = start;
    let text = file.text.slice(lineStart, next === undefined ? file.text.length : next - 1).replace(/\r$/, '');
    // A byte order mark before the first line is not part of the JSON.
    if (index === 0 && text.startsWith('\uFEFF')) {
      text = text.slice(1);
      lineStart++;
    }
    if (text.trim() === '') return;
    const whole: Range = [lineStart, lineStart + text.length];
    const before = diagnostics.length;
    const report = <C extends MessageCode>(at: Range, code: C, args: DiagnosticArgsOf<C>): void => {
      // The arguments were checked against `code` by this function's signature.
      diagnostics.push(diagnostic<MessageCode>(file, at, code, args as never));
    };
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      const scan = scanLine(text);
      if (scan instanceof JsonSyntaxError) {
        const at = lineStart + Math.min(scan.at, text.length);
        report([at, Math.min(at + 1, whole[1])], 'ledger-json', { line, detail: scan.detail });
      } else report(whole, 'ledger-json', { line, detail: e instanceof Error ? e.message : String(e) });
      invalidLines.push(line);
      return;
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
      report(whole, 'ledger-json', { line, detail: describe(obj) });
      invalidLines.push(line);
      return;
    }
    // Where the keys are, scanned only when a diagnostic must point at one.
    let keys: KeyIndex | null | undefined;
    const keyIndex = (): KeyIndex | null => {
      if (keys === undefined) {
        const scan = scanLine(text);
        keys = scan instanceof JsonSyntaxError ? null : scan;
      }
      return keys;
    };
    const rangeOf = (r: Range | undefined): Range => (r ? [lineStart + r[0], lineStart + r[1]] : whole);
    /** The key of the event (`"date"`), or the whole line. */
    const keyAt = (key: string): Range => rangeOf(keyIndex()?.top.get(key));
    /** A key of its `data` object, else the `"data"` key, else the whole line. */
    const dataKeyAt = (key: string): Range => {
      const k = keyIndex();
      return rangeOf(k?.data.get(key) ?? k?.top.get('data'));
    };
    const o = obj as Record<string, unknown>;
    const badId = typeof o['id'] === 'string' && o['id'] !== '' ? idProblem(o['id']) : null;
    const id = typeof o['id'] === 'string' && o['id'] !== '' && badId === null ? o['id'] : `#${line}`;
    if (badId !== null) report(keyAt('id'), 'ledger-bad-id', { id: shownId(String(o['id'])), problem: badId });
    for (const k of Object.keys(o)) if (!KEYS.has(k)) report(keyAt(k), 'ledger-unknown-key', { id, field: k });
    for (const k of ['id', 'type', 'date', 'actor']) {
      const v = o[k];
      if (v === undefined || v === '') report(v === undefined ? whole : keyAt(k), 'ledger-missing-field', { id, field: k });
      // A date known only to a range is `{"between": [from, to]}` (read below).
      else if (typeof v !== 'string' && !(k === 'date' && isBetween(v)))
        report(keyAt(k), 'ledger-data-type', { id, field: k, expected: k === 'date' ? '@iso-date' : '@string', found: describe(v) });
    }
    if (typeof o['id'] === 'string') {
      const prior = ids.get(o['id']);
      if (prior !== undefined) {
        report(keyAt('id'), 'ledger-duplicate-id', {
          id: o['id'],
          where: prior.file === file.path ? `@at-line:${prior.line}` : `@in-file:${prior.file}:${prior.line}`,
        });
      } else ids.set(o['id'], { file: file.path, line });
    }
    const when = eventDate(o['date'], family.versions[0]?.fiscalYears ?? DEFAULT_FISCAL_YEARS);
    if (when === 'bad') report(keyAt('date'), 'ledger-bad-date', { id, text: JSON.stringify(o['date']).replace(/^"|"$/g, '') });
    const date = when === 'bad' ? undefined : when?.date;
    const period = when === 'bad' ? undefined : when?.period;
    const typeName = typeof o['type'] === 'string' ? o['type'] : null;
    const declaring = typeName ? versionDeclaringAt(family, typeName, date ?? null) : undefined;
    const type = typeName ? declaring?.events.get(typeName) : undefined;
    if (typeName && !type) report(keyAt('type'), 'ledger-unknown-type', { id, type: typeName, hint: hint(suggest(typeName, typeNames)) });
    const actor = typeof o['actor'] === 'string' ? o['actor'] : null;
    if (actor && !parties.has(actor))
      report(keyAt('actor'), 'ledger-unknown-party', { id, name: actor, hint: hint(suggest(actor, parties)) });
    else if (actor && type && type.actors.length > 0 && !type.actors.includes(actor)) {
      report(keyAt('actor'), 'ledger-actor-not-allowed', {
        id,
        type: `@${/^[aeiou]/.test(type.name) ? 'an' : 'a'}-typed-event:${type.name}`,
        allowed: type.actors.join(', '),
        actor,
      });
    }
    const data = new Map<string, Value>();
    const unknownFields = new Map<string, UnknownField>();
    // `data` may be left out when the type has no field; `null` is a mistake.
    const rawData = o['data'] === undefined ? {} : o['data'];
    if (!rawData || typeof rawData !== 'object' || Array.isArray(rawData)) {
      report(keyAt('data'), 'ledger-data-type', { id, field: 'data', expected: '@mapping', found: describe(rawData) });
    } else if (type) {
      const d = rawData as Record<string, unknown>;
      for (const [f, t] of type.fields) {
        if (!Object.hasOwn(d, f)) {
          // An optional field (`note?: text`) may be left out: a clause that reads it then waits for it.
          if (!type.optional?.has(f)) report(keyAt('data'), 'ledger-missing-data', { id, type: type.name, field: f });
          continue;
        }
        const bounds = termBounds(d[f], t, family) ?? jsonToBounds(d[f], t, parties);
        if (bounds === 'bad') {
          report(dataKeyAt(f), 'ledger-bad-bounds', { id, field: f, expected: typeArg(t), found: describe(d[f]) });
          continue;
        }
        if (bounds) {
          unknownFields.set(f, bounds);
          continue;
        }
        const digits =
          typeof d[f] === 'string' && (t.t === 'money' || t.t === 'number' || t.t === 'percent')
            ? (String(d[f]).match(/\d/g)?.length ?? 0)
            : 0;
        if (digits > MAX_DIGITS) {
          report(dataKeyAt(f), 'ledger-too-many-digits', { id, field: f, digits });
          continue;
        }
        const v = jsonToValue(d[f], t, parties, declaring?.fiscalYears);
        if (v?.k === 'number' && digitCount(v.v) > MAX_DIGITS)
          report(dataKeyAt(f), 'ledger-too-many-digits', { id, field: f, digits: digitCount(v.v) });
        else if (v?.k === 'duration' && !durationInRange(v.v)) {
          report(dataKeyAt(f), 'ledger-duration-range', { id, text: String(d[f]), max: `${MAX_DURATION[v.v.unit]} ${v.v.unit}` });
        } else if (v) data.set(f, v);
        else if (t.t === 'money' && typeof d[f] === 'string') report(dataKeyAt(f), 'ledger-bad-money', { id, text: String(d[f]) });
        else if (t.t === 'party' && typeof d[f] === 'string')
          report(dataKeyAt(f), 'ledger-unknown-party', { id, name: String(d[f]), hint: hint(suggest(String(d[f]), parties)) });
        else report(dataKeyAt(f), 'ledger-data-type', { id, field: f, expected: typeArg(t), found: describe(d[f]) });
      }
      for (const f of Object.keys(d)) {
        if (!type.fields.has(f))
          report(dataKeyAt(f), 'ledger-extra-data', { id, type: type.name, field: f, hint: hint(suggest(f, type.fields.keys())) });
      }
      const clause = data.get('clause');
      // A consent event names its clause: which consent it answers cannot be undisclosed.
      if (typeName?.startsWith('consent_') && unknownFields.has('clause'))
        report(dataKeyAt('clause'), 'ledger-data-type', {
          id,
          field: 'clause',
          expected: typeArg({ t: 'text' }),
          found: describe(d['clause']),
        });
      if (typeName?.startsWith('consent_') && clause?.k === 'text' && !consentClauses.has(clause.v)) {
        report(dataKeyAt('clause'), 'ledger-unknown-clause', { id, name: clause.v, hint: hint(suggest(clause.v, consentClauses)) });
      }
    }
    let source: EventSource | null = null;
    const rawSource = o['source'];
    if (typeof rawSource === 'string') {
      const s = sources.get(rawSource);
      if (s) source = { id: s.id, title: s.title, url: s.url, status: s.status };
      else report(keyAt('source'), 'unknown-source', { name: rawSource, hint: hint(suggest(rawSource, sources.keys())) });
    } else if (rawSource && typeof rawSource === 'object' && !Array.isArray(rawSource)) {
      const s = rawSource as Record<string, unknown>;
      const status = s['status'];
      if (
        typeof s['title'] !== 'string' ||
        typeof status !== 'string' ||
        !STATUSES.has(status) ||
        (s['url'] !== undefined && typeof s['url'] !== 'string')
      ) {
        report(keyAt('source'), 'ledger-data-type', { id, field: 'source', expected: SOURCE_SHAPE, found: describe(rawSource) });
      } else
        source = {
          id: null,
          title: s['title'],
          url: typeof s['url'] === 'string' ? s['url'] : null,
          status: status as EventSource['status'],
        };
    } else if (rawSource !== undefined) {
      report(keyAt('source'), 'ledger-data-type', { id, field: 'source', expected: SOURCE_SHAPE, found: describe(rawSource) });
    }
    const recorded = o['recorded'];
    if (recorded !== undefined && (typeof recorded !== 'string' || !calendarDate(RECORDED.exec(recorded)?.[1] ?? ''))) {
      report(keyAt('recorded'), 'ledger-data-type', {
        id,
        field: 'recorded',
        expected: 'a time (2025-01-31T09:30:00Z)',
        found: describe(recorded),
      });
    }
    let visibility: string[] | null = null;
    const rawVis = o['visibility'];
    if (Array.isArray(rawVis) && rawVis.every((p): p is string => typeof p === 'string')) {
      const stranger = rawVis.find((p) => !parties.has(p));
      if (stranger === undefined) visibility = rawVis;
      else report(keyAt('visibility'), 'ledger-unknown-party', { id, name: stranger, hint: hint(suggest(stranger, parties)) });
    } else if (rawVis !== undefined)
      report(keyAt('visibility'), 'ledger-data-type', { id, field: 'visibility', expected: '[party, …]', found: describe(rawVis) });
    // The event as the engine's checks see it (its sequence is given once the ledger is read).
    const candidate: LedgerEvent | null =
      date && type && actor
        ? {
            id,
            type: type.name,
            date,
            ...(period ? { period } : {}),
            actor,
            data,
            ...(unknownFields.size > 0 ? { unknown: unknownFields } : {}),
            source,
            visibility,
            seq: 0,
            file: file.path,
            line,
            hypothetical: false,
          }
        : null;
    if (diagnostics.length === before && candidate && type?.constraint && options.constraint(family, type, candidate) === false) {
      report(keyAt('data'), 'ledger-constraint', { id, type: type.name, condition: printExpr(type.constraint, 0, type.name) });
    }
    if (diagnostics.length === before && candidate && options.dates) {
      const out = options.dates(family, candidate);
      if (out) report(keyAt('data'), 'ledger-date-range', { id, clause: out.clause, date: out.date });
    }
    if (diagnostics.length > before || !candidate) {
      invalidLines.push(line);
      return;
    }
    // (Valid: its id is the one written, `candidate.id` too.)
    events.push({ ...candidate, seq: seqBase + index, hypothetical: options.hypothetical ?? false });
  });
  return { events, diagnostics, invalidLines };
}
