/**
 * Reads a ledger (`ledger.jsonl`: one JSON event per line) and validates each event against the event types the
 * agreement declares. Every problem is a diagnostic at its line (and key) in the file.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { hint } from '../diagnostics/terms.js';
import type { EventType, Family, Type, Value } from '../check/ir.js';
import { suggest } from '../check/suggest.js';
import { typeArg } from '../check/types.js';
import type { Range, SourceFile } from '../source/source-file.js';
import { parseDate } from '../values/dates.js';
import { Decimal } from '../values/decimal.js';
import { parseMoneyText } from '../values/money.js';
import { parsePeriod } from '../values/periods.js';
import type { EventSource, LedgerEvent } from './event.js';

const KEYS = new Set(['id', 'type', 'date', 'actor', 'data', 'source', 'visibility', 'recorded']);
const STATUSES = new Set(['official', 'reported', 'unverified']);

export interface LedgerResult {
  readonly events: LedgerEvent[];
  readonly diagnostics: Diagnostic[];
  /** Lines of invalid events (skipped). */
  readonly invalidLines: number[];
}

/** The declaration of an event type that applies at a date: the latest version effective on or before it that declares it, else the first that does. */
export function eventTypeAt(family: Family, name: string, date: string | null): EventType | undefined {
  let found: EventType | undefined;
  for (const v of family.versions) {
    const t = v.events.get(name);
    if (!t) continue;
    if (!found || (date !== null && v.effective <= date)) found = t;
  }
  return found;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return typeof v === 'object' ? 'an object' : String(v);
}

/** Converts a JSON value of the ledger into a typed value, or returns undefined. */
export function jsonToValue(raw: unknown, t: Type, parties: ReadonlySet<string>): Value | undefined {
  switch (t.t) {
    case 'money': {
      const m = typeof raw === 'string' ? parseMoneyText(raw) : undefined;
      return m && (t.currency === null || t.currency === m.currency) ? { k: 'money', v: m } : undefined;
    }
    case 'number':
      if (typeof raw === 'number' && Number.isFinite(raw)) return { k: 'number', v: new Decimal(raw) };
      if (typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw)) return { k: 'number', v: new Decimal(raw) };
      return undefined;
    case 'percent': {
      const m = typeof raw === 'string' ? /^(-?\d+(?:\.\d+)?)%$/.exec(raw) : null;
      return m ? { k: 'percent', v: new Decimal(m[1]!).div(100) } : undefined;
    }
    case 'date': {
      const d = typeof raw === 'string' ? parseDate(raw) : undefined;
      return d ? { k: 'date', v: d } : undefined;
    }
    case 'period': {
      const p = typeof raw === 'string' ? parsePeriod(raw) : undefined;
      return p ? { k: 'period', v: p } : undefined;
    }
    case 'duration': {
      const m = typeof raw === 'string' ? /^(\d{1,6}) (day|week|month|year)s?$/.exec(raw) : null;
      return m ? { k: 'duration', v: { amount: Number(m[1]), unit: `${m[2]}s` as 'days' } } : undefined;
    }
    case 'bool':
      return typeof raw === 'boolean' ? { k: 'bool', v: raw } : undefined;
    case 'text':
      return typeof raw === 'string' ? { k: 'text', v: raw } : undefined;
    case 'party':
      return typeof raw === 'string' && parties.has(raw) ? { k: 'party', v: raw } : undefined;
    case 'unknown':
      return undefined;
  }
}

export function allParties(family: Family): Set<string> {
  return new Set(family.versions.flatMap((v) => [...v.parties.keys()]));
}

export function parseLedger(file: SourceFile, family: Family, options: { seqBase?: number; hypothetical?: boolean } = {}): LedgerResult {
  const events: LedgerEvent[] = [];
  const diagnostics: Diagnostic[] = [];
  const invalidLines: number[] = [];
  const parties = allParties(family);
  const sources = new Map(family.versions.flatMap((v) => [...v.sources]));
  const consentClauses = new Set(family.versions.flatMap((v) => [...v.norms.values()].filter((n) => n.kind === 'consent').map((n) => n.id)));
  const typeNames = new Set(family.versions.flatMap((v) => [...v.events.keys()]));
  const ids = new Map<string, number>();
  const seqBase = options.seqBase ?? 0;
  file.lineStarts.forEach((lineStart, index) => {
    const line = index + 1;
    const next = file.lineStarts[index + 1];
    const text = file.text.slice(lineStart, next === undefined ? file.text.length : next - 1).replace(/\r$/, '');
    if (text.trim() === '') return;
    const whole: Range = [lineStart, lineStart + text.length];
    const keyAt = (key: string, from = 0): Range => {
      const i = text.indexOf(`"${key}"`, from);
      return i < 0 ? whole : [lineStart + i, lineStart + i + key.length + 2];
    };
    const before = diagnostics.length;
    const report = (at: Range, code: Parameters<typeof diagnostic>[2], args: Record<string, string | number>): void => {
      diagnostics.push(diagnostic(file, at, code, args));
    };
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      report(whole, 'ledger-json', { line, detail: e instanceof Error ? e.message : String(e) });
      invalidLines.push(line);
      return;
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
      report(whole, 'ledger-json', { line, detail: describe(obj) });
      invalidLines.push(line);
      return;
    }
    const o = obj as Record<string, unknown>;
    const id = typeof o['id'] === 'string' && o['id'] !== '' ? o['id'] : `#${line}`;
    for (const k of Object.keys(o)) if (!KEYS.has(k)) report(keyAt(k), 'ledger-unknown-key', { id, field: k });
    for (const k of ['id', 'type', 'date', 'actor']) {
      if (typeof o[k] !== 'string' || o[k] === '') report(o[k] === undefined ? whole : keyAt(k), 'ledger-missing-field', { id, field: k });
    }
    if (typeof o['id'] === 'string') {
      const prior = ids.get(o['id']);
      if (prior !== undefined) report(keyAt('id'), 'ledger-duplicate-id', { id: o['id'], line: prior });
      else ids.set(o['id'], line);
    }
    const date = typeof o['date'] === 'string' ? parseDate(o['date']) : undefined;
    if (typeof o['date'] === 'string' && !date) report(keyAt('date'), 'ledger-bad-date', { id, text: o['date'] });
    const typeName = typeof o['type'] === 'string' ? o['type'] : null;
    const type = typeName ? eventTypeAt(family, typeName, date ?? null) : undefined;
    if (typeName && !type) report(keyAt('type'), 'ledger-unknown-type', { id, type: typeName, hint: hint(suggest(typeName, typeNames)) });
    const actor = typeof o['actor'] === 'string' ? o['actor'] : null;
    if (actor && !parties.has(actor)) report(keyAt('actor'), 'ledger-unknown-party', { id, name: actor, hint: hint(suggest(actor, parties)) });
    else if (actor && type && type.actors.length > 0 && !type.actors.includes(actor)) {
      report(keyAt('actor'), 'ledger-actor-not-allowed', { id, type: type.name, an: /^[aeiou]/.test(type.name) ? 'n' : '', allowed: type.actors.join(', '), actor });
    }
    const data = new Map<string, Value>();
    const rawData = o['data'] ?? {};
    const dataAt = text.indexOf('"data"');
    if (!rawData || typeof rawData !== 'object' || Array.isArray(rawData)) {
      report(keyAt('data'), 'ledger-data-type', { id, field: 'data', expected: '@mapping', found: describe(rawData) });
    } else if (type) {
      const d = rawData as Record<string, unknown>;
      for (const [f, t] of type.fields) {
        if (!(f in d)) {
          report(dataAt >= 0 ? keyAt('data') : whole, 'ledger-missing-data', { id, type: type.name, field: f });
          continue;
        }
        const v = jsonToValue(d[f], t, parties);
        if (v) data.set(f, v);
        else if (t.t === 'money' && typeof d[f] === 'string') report(keyAt(f, dataAt), 'ledger-bad-money', { id, text: String(d[f]) });
        else if (t.t === 'party' && typeof d[f] === 'string') report(keyAt(f, dataAt), 'ledger-unknown-party', { id, name: String(d[f]), hint: hint(suggest(String(d[f]), parties)) });
        else report(keyAt(f, dataAt), 'ledger-data-type', { id, field: f, expected: typeArg(t), found: describe(d[f]) });
      }
      for (const f of Object.keys(d)) {
        if (!type.fields.has(f)) report(keyAt(f, dataAt), 'ledger-extra-data', { id, type: type.name, field: f, hint: hint(suggest(f, type.fields.keys())) });
      }
      const clause = data.get('clause');
      if (typeName?.startsWith('consent_') && clause?.k === 'text' && !consentClauses.has(clause.v)) {
        report(keyAt('clause', dataAt), 'ledger-unknown-clause', { id, name: clause.v, hint: hint(suggest(clause.v, consentClauses)) });
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
      if (typeof s['title'] !== 'string' || typeof status !== 'string' || !STATUSES.has(status) || (s['url'] !== undefined && typeof s['url'] !== 'string')) {
        report(keyAt('source'), 'ledger-data-type', { id, field: 'source', expected: '{ title, url?, status: official|reported|unverified }', found: describe(rawSource) });
      } else source = { id: null, title: s['title'], url: typeof s['url'] === 'string' ? s['url'] : null, status: status as EventSource['status'] };
    } else if (rawSource !== undefined) {
      report(keyAt('source'), 'ledger-data-type', { id, field: 'source', expected: '{ title, url?, status }', found: describe(rawSource) });
    }
    let visibility: string[] | null = null;
    const rawVis = o['visibility'];
    if (Array.isArray(rawVis) && rawVis.every((p) => typeof p === 'string' && parties.has(p))) visibility = rawVis as string[];
    else if (rawVis !== undefined) report(keyAt('visibility'), 'ledger-data-type', { id, field: 'visibility', expected: '[party, …]', found: describe(rawVis) });
    if (diagnostics.length > before || !date || !type || !actor) {
      invalidLines.push(line);
      return;
    }
    events.push({
      id: String(o['id']),
      type: type.name,
      date,
      actor,
      data,
      source,
      visibility,
      seq: seqBase + index,
      file: file.path,
      line,
      hypothetical: options.hypothetical ?? false,
    });
  });
  return { events, diagnostics, invalidLines };
}
