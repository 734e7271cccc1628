/**
 * An expectation judged against what the state says: each expected field compared with the observed one (values
 * exactly, as amounts or dates; names as sets; `at least` as a bound), and both sides written back in the tests
 * file's own words, so that a failure reads as a small diff (`- x is active` / `+ x is terminated since …`) whose
 * `+` line is the expectation that would pass.
 */
import type { Expectation, Expected, Subject } from './expectation.js';
import type { Observation, Observed } from './observe.js';
import { compareValues, literalText } from './value-literal.js';

export interface Verdict {
  readonly passed: boolean;
  /** The expectation, written back in canonical form. */
  readonly expected: string;
  /** What the state says, in the same words and about the same fields. */
  readonly actual: string;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/** Whether the observed `key` is only a lower bound: a sum the account lists in `atLeast`. */
function lowerBound(o: Observation, key: string): boolean {
  const sums = o.fields['atLeast'];
  return Array.isArray(sums) ? sums.includes(key) : o.fields['lowerBound'] === true;
}

function holds(key: string, e: Expected, o: Observation): boolean {
  const actual = o.fields[key];
  switch (e.t) {
    case 'set':
      return sameSet(e.items, Array.isArray(actual) ? actual : []);
    case 'json': {
      if (Array.isArray(actual)) return false;
      const a = (actual ?? null) as string | boolean | null;
      if (e.value === null || a === null) return e.value === a;
      return a === e.value || compareValues(a, e.value) === 0;
    }
    case 'compare': {
      if (typeof actual !== 'string' || (o.found === 'value' && o.fields['status'] !== 'known')) return false;
      const c = compareValues(actual, e.value);
      if (c === null) return false;
      // A lower bound (a sum of an account with amounts not counted) proves `at least`, never `=` nor `at most`.
      const bound = lowerBound(o, key);
      switch (e.op) {
        case '=':
          return !bound && c === 0;
        case '>=':
          return c >= 0;
        case '>':
          return c > 0;
        case '<=':
          return !bound && c <= 0;
        case '<':
          return !bound && c < 0;
      }
    }
  }
}

/** The observed fields as expectations (so that both sides are written by one function). */
function asExpected(o: Observation, keys: readonly string[]): Record<string, Expected> {
  const out: Record<string, Expected> = {};
  for (const k of keys) {
    const v: Observed = o.fields[k];
    if (Array.isArray(v)) out[k] = { t: 'set', items: v };
    else if (o.found === 'account' && typeof v === 'string' && ['paid', 'owed', 'committed'].includes(k))
      out[k] = { t: 'compare', op: lowerBound(o, k) ? '>=' : '=', value: v };
    else out[k] = { t: 'json', value: (v ?? null) as string | boolean | null };
  }
  return out;
}

const jsonOf = (e: Expected | undefined): string | boolean | null | undefined => (e?.t === 'json' ? e.value : undefined);
const itemsOf = (e: Expected | undefined): readonly string[] => (e?.t === 'set' ? e.items : []);

/** `NAME is STATUS since D until D (endedBy), could be A or B, waits for X` with the fields given. */
function normWords(name: string, f: Record<string, Expected>): string {
  let s = `${name} is ${jsonOf(f['status'])}`;
  if (f['sinceKnown'] && jsonOf(f['sinceKnown']) === false) s += ' since unknown';
  else if (f['since']) s += ` since ${jsonOf(f['since']) ?? 'none'}`;
  if (f['until']) s += ` until ${jsonOf(f['until']) ?? 'none'}`;
  if (f['due']) s += ` due ${jsonOf(f['due']) ?? 'none'}`;
  if (f['endedBy']) s += ` (${jsonOf(f['endedBy']) ?? 'none'})`;
  if (f['possibleStatuses']) s += `, could be ${itemsOf(f['possibleStatuses']).join(' or ') || 'nothing'}`;
  if (f['waitsFor']) s += `, waits for ${itemsOf(f['waitsFor']).join(', ') || 'nothing'}`;
  if (f['deadline']) s += `, deadline ${jsonOf(f['deadline']) ?? 'none'}`;
  if (f['nextDeadline']) s += `, next deadline ${jsonOf(f['nextDeadline']) ?? 'none'}`;
  return s;
}

const OP_WORDS: Record<string, string> = { '=': '', '>=': 'at least ', '<=': 'at most ' };
const ACCOUNT_VERBS: Record<string, string> = { paid: 'paid', owed: 'owes', committed: 'committed' };

/** An expectation's subject and fields in the tests file's words. */
export function words(subject: Subject, f: Record<string, Expected>): string {
  switch (subject.kind) {
    case 'governing':
      return `governing is ${jsonOf(f['version']) ?? 'none'}`;
    case 'proposals':
      return `proposals are ${itemsOf(f['versions']).join(', ') || 'none'}`;
    case 'violations': {
      const of = subject.norm ? ` of ${subject.norm}` : '';
      if (f['violations']) {
        const items = itemsOf(f['violations']);
        return items.length === 0 ? `no violation${of}` : items.map((v) => `violation ${v}`).join('; ');
      }
      return `violation ${subject.violationKind} of ${subject.norm}${subject.date ? ` on ${subject.date}` : ''}`;
    }
    case 'account': {
      if (jsonOf(f['status']) === 'absent') return `${subject.party} has no account`;
      const parts: string[] = [];
      for (const [k, verb] of Object.entries(ACCOUNT_VERBS)) {
        const e = f[k];
        if (e?.t === 'compare') parts.push(`${subject.party} ${verb} ${OP_WORDS[e.op] ?? `${e.op} `}${literalText(e.value)}`);
      }
      if (f['incomplete']) parts.push(`${subject.party}'s account leaves out ${itemsOf(f['incomplete']).join(', ') || 'nothing'}`);
      return parts.join('; ');
    }
    case 'instance':
      return normWords(`${subject.name} #${subject.n}`, f);
    case 'name': {
      const status = jsonOf(f['status']);
      const v = f['value'];
      if (v && (status === undefined || status === 'known')) {
        if (v.t === 'compare') return `${subject.name} ${v.op} ${literalText(v.value)}`;
        return `${subject.name} = ${literalText(jsonOf(v) ?? null)}`;
      }
      if (status === 'none yet') return `${subject.name} is none yet`;
      return normWords(subject.name, f);
    }
  }
}

/** The keys of the observation to show: those expected, and what makes a different answer readable. */
function shownKeys(e: Expectation, o: Observation): string[] {
  const keys = Object.keys(e.fields);
  if (o.found === 'value') {
    const status = o.fields['status'];
    return status === 'known' ? ['status', 'value'] : status === 'indeterminate' ? ['status', 'waitsFor'] : ['status'];
  }
  if (o.found === 'norm' || o.found === 'instance') {
    const extra = o.fields['status'] === 'indeterminate' && !keys.includes('possibleStatuses') ? ['possibleStatuses'] : [];
    return [...new Set(['status', ...keys.filter((k) => k !== 'value'), ...extra])];
  }
  if (o.found === 'absent') return ['status'];
  return keys;
}

export function judge(e: Expectation, o: Observation): Verdict {
  let passed: boolean;
  const s = e.subject;
  if (s.kind === 'violations' && s.violationKind !== null) {
    const want = `${s.violationKind} of ${s.norm}`;
    const items = Array.isArray(o.fields['violations']) ? (o.fields['violations'] as readonly string[]) : [];
    passed = items.some((v) => (s.date ? v === `${want} on ${s.date}` : v.startsWith(`${want} on `)));
    return { passed, expected: words(s, e.fields), actual: words(s, { violations: { t: 'set', items } }) };
  }
  passed = Object.entries(e.fields).every(([k, x]) => holds(k, x, o));
  const shown = asExpected(o, shownKeys(e, o));
  // The sinceKnown of an expected `since D` is implied by `since D`: shown only when it is false.
  if (shown['sinceKnown'] && jsonOf(shown['sinceKnown']) !== false) delete shown['sinceKnown'];
  return { passed, expected: words(e.subject, withoutImplied(e.fields)), actual: words(e.subject, shown) };
}

function withoutImplied(f: Readonly<Record<string, Expected>>): Record<string, Expected> {
  const out = { ...f };
  if (out['since'] && out['sinceKnown']) delete out['sinceKnown'];
  return out;
}
