/** Checks the front matter of a version: required fields, their types, parties and sources. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { Range } from '../source/source-file.js';
import { KEYWORDS } from '../syntax/keywords.js';
import type { YamlEntry, YamlNode, SyntaxDocument } from '../syntax/document.js';
import { parseDate, type IsoDate } from '../values/dates.js';
import { CALENDAR_NAMES, type CalendarName } from '../values/holidays.js';
import { type MonthDay, parseMonthDay } from '../values/periods.js';
import type { Party, SourceInfo, SourceStatus } from './ir.js';
import { TYPE_NAMES } from './types.js';

export interface Header {
  readonly pacte: number;
  readonly agreement: string;
  readonly agreementAt: Range;
  readonly version: string;
  readonly versionAt: Range;
  readonly title: string;
  readonly binding: boolean;
  readonly signed: IsoDate | null;
  readonly effective: IsoDate;
  readonly amends: { readonly id: string; readonly at: Range } | null;
  readonly supersedes: { readonly id: string; readonly at: Range } | null;
  readonly parties: ReadonlyMap<string, Party>;
  readonly sources: ReadonlyMap<string, SourceInfo>;
  /** `record: public`: the ledger holds only what was reported (null: not said, inherited from the base or `own`). */
  readonly record: 'public' | 'own' | null;
  /**
   * `fiscal-year`: the first day of `FYn` written alone (`any`, or the field's value when it is not a mapping), and
   * of each party's own year; parties are checked against the version's (its base's included) by check/version.ts.
   */
  readonly fiscalYear: {
    readonly start: MonthDay | null;
    readonly parties: readonly { readonly party: string; readonly at: Range; readonly start: MonthDay }[];
  };
  /** `holidays`: the named calendars and dates business days skip (null: not said, inherited from the base or none). */
  readonly holidays: { readonly names: readonly CalendarName[]; readonly dates: readonly IsoDate[] } | null;
  /** `units: [GW, shares]`: the units quantities may be in (added to the base's; empty when not said). */
  readonly units: readonly string[];
}

const KNOWN = new Set([
  'pacte',
  'agreement',
  'version',
  'title',
  'binding',
  'signed',
  'effective',
  'amends',
  'supersedes',
  'parties',
  'sources',
  'fiscal-year',
  'holidays',
  'units',
  'summary',
  'clarifies',
  'notes',
  'record',
]);
const STATUSES = new Set(['official', 'reported', 'unverified']);
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export function checkHeader(doc: SyntaxDocument, diags: Diagnostic[]): Header | null {
  const file = doc.file;
  const fm = doc.frontMatter;
  if (!fm) return null;
  if (fm.kind !== 'map') {
    diags.push(diagnostic(file, fm.at, 'front-matter-type', { field: 'front matter', expected: '@mapping' }));
    return null;
  }
  const get = (k: string): YamlEntry | undefined => fm.entries.find((e) => e.key === k);
  for (const e of fm.entries) {
    if (!KNOWN.has(e.key)) diags.push(diagnostic(file, e.keyAt, 'unknown-front-matter-field', { field: e.key }));
  }
  const before = diags.length;
  const missing = (field: string): void => {
    diags.push(diagnostic(file, [doc.frontMatterAt[0], doc.frontMatterAt[0] + 3], 'missing-front-matter-field', { field }));
  };
  const wrong = (e: YamlEntry | { key: string; value: YamlNode }, expected: string): void => {
    diags.push(diagnostic(file, e.value.at, 'front-matter-type', { field: e.key, expected }));
  };
  const str = (k: string, required: boolean, pattern?: RegExp): string | null => {
    const e = get(k);
    if (!e) {
      if (required) missing(k);
      return null;
    }
    const v = e.value.kind === 'scalar' ? e.value.value : undefined;
    if ((typeof v !== 'string' && typeof v !== 'number') || (pattern && !pattern.test(String(v)))) {
      wrong(e, pattern === ID ? '@version-id' : '@string');
      return null;
    }
    return String(v);
  };
  const date = (k: string, required: boolean): IsoDate | null => {
    const e = get(k);
    if (!e) {
      if (required) missing(k);
      return null;
    }
    const v = e.value.kind === 'scalar' ? e.value.value : undefined;
    const d = typeof v === 'string' ? parseDate(v) : undefined;
    if (!d) {
      wrong(e, '@iso-date');
      return null;
    }
    return d;
  };
  const pacteEntry = get('pacte');
  let pacte = 1;
  if (!pacteEntry) missing('pacte');
  else if (pacteEntry.value.kind !== 'scalar' || pacteEntry.value.value !== 1) {
    const v = pacteEntry.value.kind === 'scalar' ? String(pacteEntry.value.value) : '?';
    diags.push(diagnostic(file, pacteEntry.value.at, 'bad-pacte-version', { found: v }));
    pacte = 0;
  }
  const agreement = str('agreement', true, ID);
  const version = str('version', true, ID);
  const title = str('title', false) ?? doc.title ?? version ?? '';
  const bindingEntry = get('binding');
  let binding = true;
  if (!bindingEntry) missing('binding');
  else if (bindingEntry.value.kind !== 'scalar' || typeof bindingEntry.value.value !== 'boolean') wrong(bindingEntry, '@boolean');
  else binding = bindingEntry.value.value;
  const recordE = get('record');
  const recordV = recordE?.value.kind === 'scalar' ? recordE.value.value : undefined;
  const record = recordV === 'public' || recordV === 'own' ? recordV : null;
  if (recordE && record === null) wrong(recordE, '@record-kind');
  const signed = date('signed', false);
  const effective = date('effective', true);
  const amendsId = str('amends', false, ID);
  const supersedesId = str('supersedes', false, ID);
  const amendsE = get('amends');
  const supersedesE = get('supersedes');
  if (amendsE && supersedesE) diags.push(diagnostic(file, supersedesE.keyAt, 'amends-and-supersedes'));

  const parties = new Map<string, Party>();
  const pe = get('parties');
  if (!pe) missing('parties');
  else if (pe.value.kind !== 'map') wrong(pe, '@mapping');
  else {
    for (const p of pe.value.entries) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(p.key)) {
        diags.push(diagnostic(file, p.keyAt, 'front-matter-type', { field: `parties.${p.key}`, expected: '@party-id' }));
        continue;
      }
      if (KEYWORDS.has(p.key)) {
        diags.push(diagnostic(file, p.keyAt, 'bad-identifier', { name: p.key, what: '@a-party' }));
        continue;
      }
      const v = p.value;
      if (v.kind === 'scalar' && typeof v.value === 'string') parties.set(p.key, { id: p.key, name: v.value, role: null });
      else if (v.kind === 'map') {
        const name = v.entries.find((x) => x.key === 'name');
        const role = v.entries.find((x) => x.key === 'role');
        const nameV = name?.value.kind === 'scalar' ? name.value.value : null;
        const roleV = role?.value.kind === 'scalar' ? role.value.value : null;
        parties.set(p.key, { id: p.key, name: typeof nameV === 'string' ? nameV : p.key, role: typeof roleV === 'string' ? roleV : null });
      } else wrong({ key: `parties.${p.key}`, value: v }, '@string');
    }
  }
  const sources = new Map<string, SourceInfo>();
  const se = get('sources');
  if (se) {
    if (se.value.kind !== 'map') wrong(se, '@mapping');
    else {
      for (const s of se.value.entries) {
        const v = s.value;
        if (v.kind !== 'map') {
          wrong({ key: `sources.${s.key}`, value: v }, '@mapping');
          continue;
        }
        const field = (k: string): YamlEntry | undefined => v.entries.find((x) => x.key === k);
        const sv = (k: string): string | null => {
          const f = field(k);
          return f && f.value.kind === 'scalar' && typeof f.value.value === 'string' ? f.value.value : null;
        };
        const status = sv('status');
        const statusE = field('status');
        if (status === null || !STATUSES.has(status)) {
          if (statusE) wrong({ key: `sources.${s.key}.status`, value: statusE.value }, '@source-status');
          else diags.push(diagnostic(file, s.keyAt, 'missing-front-matter-field', { field: `sources.${s.key}.status` }));
          continue;
        }
        sources.set(s.key, { id: s.key, title: sv('title') ?? s.key, url: sv('url'), status: status as SourceStatus });
      }
    }
  }
  const fiscalYear = checkFiscalYear(get('fiscal-year'), (at, text) => {
    diags.push(diagnostic(file, at, 'bad-fiscal-year', { text }));
  });
  const holidays = checkHolidays(get('holidays'), (at, text) => {
    diags.push(diagnostic(file, at, 'bad-holidays', { text, names: CALENDAR_NAMES.join(', ') }));
  });
  const units = checkUnits(get('units'), (at, text) => {
    diags.push(diagnostic(file, at, 'bad-unit', { text }));
  });
  if (diags.length > before || !agreement || !version || !effective || pacte !== 1) return null;
  const versionE = get('version')!;
  return {
    pacte,
    agreement,
    agreementAt: get('agreement')!.value.at,
    version,
    versionAt: versionE.value.at,
    title,
    binding,
    signed,
    effective,
    amends: amendsId && amendsE ? { id: amendsId, at: amendsE.value.at } : null,
    supersedes: supersedesId && supersedesE ? { id: supersedesId, at: supersedesE.value.at } : null,
    parties,
    sources,
    record,
    fiscalYear,
    holidays,
    units,
  };
}

/** Words a unit cannot be: the types, and the duration units (`2 days` is a duration). */
const NOT_UNITS = new Set([
  ...TYPE_NAMES,
  ...['second', 'minute', 'hour', 'day', 'week', 'month', 'year', 'business'].flatMap((w) => [w, `${w}s`]),
]);

/** `units: [GW, shares]` (or one name): names of letters, digits and `_`, none a keyword, a type or a duration unit. */
function checkUnits(entry: YamlEntry | undefined, bad: (at: Range, text: string) => void): string[] {
  if (!entry) return [];
  const items = entry.value.kind === 'seq' ? entry.value.items : [entry.value];
  const units: string[] = [];
  for (const v of items) {
    const text = v.kind === 'scalar' ? String(v.value) : v.kind === 'map' ? '{…}' : '[…]';
    if (v.kind === 'scalar' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(text) && !KEYWORDS.has(text) && !NOT_UNITS.has(text)) units.push(text);
    else bad(v.at, text);
  }
  return units;
}

/**
 * `holidays: us-federal`, or a list of named calendars and dates (`holidays: [target2, 2026-12-24]`): the days
 * business days skip besides weekends. Null when the field is absent (`bad` reports an item that is neither).
 */
function checkHolidays(
  entry: YamlEntry | undefined,
  bad: (at: Range, text: string) => void,
): { readonly names: readonly CalendarName[]; readonly dates: readonly IsoDate[] } | null {
  if (!entry) return null;
  const items = entry.value.kind === 'seq' ? entry.value.items : [entry.value];
  const names: CalendarName[] = [];
  const dates: IsoDate[] = [];
  for (const v of items) {
    const text = v.kind === 'scalar' ? String(v.value) : v.kind === 'map' ? '{…}' : '[…]';
    const name = CALENDAR_NAMES.find((n) => n === text);
    const date = v.kind === 'scalar' && typeof v.value === 'string' ? parseDate(v.value) : undefined;
    if (name) names.push(name);
    else if (date) dates.push(date);
    else bad(v.at, text);
  }
  return { names, dates };
}

/** `fiscal-year: 04-01`, or `fiscal-year: { any: 04-01, acme: 07-01 }`: first days `MM-DD` (`bad` reports one that is not). */
function checkFiscalYear(entry: YamlEntry | undefined, bad: (at: Range, text: string) => void): Header['fiscalYear'] {
  const day = (v: YamlNode): MonthDay | null => {
    const text = v.kind === 'scalar' ? String(v.value) : v.kind === 'map' ? '{…}' : '[…]';
    const d = v.kind === 'scalar' && typeof v.value === 'string' ? parseMonthDay(v.value) : undefined;
    if (!d) bad(v.at, text);
    return d ?? null;
  };
  if (!entry) return { start: null, parties: [] };
  if (entry.value.kind !== 'map') return { start: day(entry.value), parties: [] };
  let start: MonthDay | null = null;
  const parties: { party: string; at: Range; start: MonthDay }[] = [];
  for (const e of entry.value.entries) {
    const d = day(e.value);
    if (!d) continue;
    if (e.key === 'any') start = d;
    else parties.push({ party: e.key, at: e.keyAt, start: d });
  }
  return { start, parties };
}
