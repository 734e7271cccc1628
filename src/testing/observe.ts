/**
 * What the state JSON says about an expectation's subject, as fields named like the JSON's (docs/state.md): a norm's
 * `status`, `since`, `until`…, a definition's `value`, an account's `paid`… Read from the JSON generically, so that
 * a change of the engine's answers changes only the expected values of a tests file, never this module.
 */
import type { StateJson } from '../engine/state.js';
import { suggest } from '../check/suggest.js';
import type { Subject } from './expectation.js';
import type { JsonScalar } from './value-literal.js';

/** An observed field: a JSON scalar, or a list of names. Absent fields are `undefined`. */
export type Observed = JsonScalar | readonly string[] | undefined;

export interface Observation {
  /** What the subject turned out to be: a norm, a definition, an instance, an account… or nothing (`absent`). */
  readonly found: 'norm' | 'value' | 'instance' | 'account' | 'governing' | 'proposals' | 'violations' | 'absent';
  readonly fields: Readonly<Record<string, Observed>>;
  /** Why, in the language asked (the `because.text` of the norm or definition). */
  readonly because: string | null;
  /** A name close to an absent subject's (`did you mean …`). */
  readonly suggestion: string | null;
}

const list = (v: unknown): readonly string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function scalar(v: unknown): JsonScalar | undefined {
  return typeof v === 'string' || typeof v === 'boolean' || v === null ? v : undefined;
}

/** A violation as the tests file writes it: `breach of exclusivity on 2024-09-03`. */
export function violationText(v: { readonly kind: string; readonly norm: string; readonly date: string }): string {
  return `${v.kind} of ${v.norm} on ${v.date}`;
}

export function observe(st: StateJson, subject: Subject): Observation {
  const none = { because: null, suggestion: null };
  switch (subject.kind) {
    case 'governing':
      return { found: 'governing', fields: { version: st.governing?.version ?? null }, ...none };
    case 'proposals':
      return { found: 'proposals', fields: { versions: st.proposals.map((p) => p.version) }, ...none };
    case 'violations': {
      const mine = st.violations.filter((v) => subject.norm === null || v.norm === subject.norm);
      return { found: 'violations', fields: { violations: mine.map(violationText) }, ...none };
    }
    case 'account': {
      const acc = st.accounts[subject.party];
      if (!acc)
        return {
          found: 'absent',
          fields: { status: 'absent' },
          because: null,
          suggestion: suggest(subject.party, Object.keys(st.accounts)) ?? null,
        };
      const incomplete = list(acc.incomplete);
      // The sums that are lower bounds (`atLeast`; all three when an account leaves something out without saying).
      const atLeast = acc.atLeast ? [...acc.atLeast] : incomplete.length > 0 ? ['paid', 'owed', 'committed'] : [];
      const fields: Record<string, Observed> = { incomplete };
      for (const [k, v] of Object.entries(acc)) {
        if (k === 'incomplete' || k === 'atLeast') continue;
        // A sum written as a bound (`at least USD 11000000000`) is a lower bound too.
        const bound = typeof v === 'string' ? /^at least (.+)$/.exec(v) : null;
        fields[k] = bound ? bound[1]! : scalar(v);
        if (bound && !atLeast.includes(k)) atLeast.push(k);
      }
      fields['atLeast'] = list(atLeast);
      fields['lowerBound'] = atLeast.length > 0;
      return { found: 'account', fields, ...none };
    }
    case 'instance': {
      const norm = st.norms.find((n) => n.id === subject.name);
      const inst = norm?.instances.find((i) => i.n === subject.n);
      if (!norm || !inst) return absent(st, subject.name);
      const fields: Record<string, Observed> = {};
      for (const [k, v] of Object.entries(inst)) fields[k] = Array.isArray(v) ? list(v) : scalar(v);
      fields['sinceKnown'] = true;
      fields['waitsFor'] = list(inst.waitsFor);
      return { found: 'instance', fields, because: null, suggestion: null };
    }
    case 'name': {
      const norm = st.norms.find((n) => n.id === subject.name);
      if (norm) {
        const fields: Record<string, Observed> = {};
        for (const [k, v] of Object.entries(norm))
          if (k !== 'instances' && k !== 'because') fields[k] = Array.isArray(v) ? list(v) : scalar(v);
        fields['sinceKnown'] = norm.sinceKnown ?? true;
        fields['waitsFor'] = list(norm.waitsFor);
        return { found: 'norm', fields, because: norm.because.text, suggestion: null };
      }
      const value = st.values[subject.name];
      if (value) {
        const status = value.noneYet ? 'none yet' : value.indeterminate ? 'indeterminate' : 'known';
        const fields: Record<string, Observed> = { status, value: value.value, waitsFor: list(value.waitsFor) };
        return { found: 'value', fields, because: value.because.text, suggestion: null };
      }
      return absent(st, subject.name);
    }
  }
}

function absent(st: StateJson, name: string): Observation {
  const known = [...st.norms.map((n) => n.id), ...Object.keys(st.values)];
  return { found: 'absent', fields: { status: 'absent' }, because: null, suggestion: suggest(name, known) ?? null };
}
