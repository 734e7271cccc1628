/**
 * `compareStates`: states of one family on one date, each labelled (the baseline, a version alone, an overlay of
 * events), side by side: the governing version, each norm's status, since and until, each value, each party's account.
 * A row is kept when its cells differ (or every row, `all`). Pure: the states are computed by the caller.
 */
import type { StateJson } from './state.js';
import type { JsonValue } from './value-json.js';

export interface LabelledState {
  readonly label: string;
  readonly state: StateJson;
}

export type CompareCell =
  | { readonly status: string; readonly since: string; readonly until?: string }
  | { readonly value: JsonValue; readonly indeterminate?: true }
  | { readonly paid: string; readonly owed: string; readonly committed: string }
  | { readonly version: string | null }
  /** The norm, value or party does not exist under that column. */
  | null;

export interface CompareRow {
  readonly kind: 'governing' | 'norm' | 'value' | 'account';
  readonly name: string;
  readonly cells: readonly CompareCell[];
  readonly differs: boolean;
}

export interface CompareJson {
  readonly asOf: string;
  readonly family: string;
  readonly columns: readonly string[];
  readonly rows: readonly CompareRow[];
}

/** The names of every column's entries, first seen first. */
function names<T>(states: readonly LabelledState[], of: (s: StateJson) => Iterable<T>, name: (x: T) => string): string[] {
  const out = new Set<string>();
  for (const s of states) for (const x of of(s.state)) out.add(name(x));
  return [...out];
}

export function compareStates(states: readonly LabelledState[], all = false): CompareJson {
  const rows: CompareRow[] = [];
  const push = (kind: CompareRow['kind'], name: string, cells: CompareCell[]): void => {
    const first = JSON.stringify(cells[0] ?? null);
    const differs = cells.some((c) => JSON.stringify(c) !== first);
    if (differs || all) rows.push({ kind, name, cells, differs });
  };
  push(
    'governing',
    'governing',
    states.map((s) => ({ version: s.state.governing?.version ?? null })),
  );
  for (const id of names(
    states,
    (s) => s.norms,
    (n) => n.id,
  ))
    push(
      'norm',
      id,
      states.map((s) => {
        const n = s.state.norms.find((x) => x.id === id);
        return n ? { status: n.status, since: n.since, ...(n.until ? { until: n.until } : {}) } : null;
      }),
    );
  for (const name of names(
    states,
    (s) => Object.keys(s.values),
    (x) => x,
  ))
    push(
      'value',
      name,
      states.map((s) => {
        const v = s.state.values[name];
        return v ? { value: v.value, ...(v.indeterminate ? { indeterminate: true as const } : {}) } : null;
      }),
    );
  for (const party of names(
    states,
    (s) => Object.keys(s.accounts),
    (x) => x,
  ))
    push(
      'account',
      party,
      states.map((s) => {
        const a = s.state.accounts[party];
        return a ? { paid: a.paid, owed: a.owed, committed: a.committed } : null;
      }),
    );
  const first = states[0]?.state;
  return { asOf: first?.asOf ?? '', family: first?.family ?? '', columns: states.map((s) => s.label), rows };
}

/** The states of every column on one date of a range (`pacte compare --from --to --every`). */
export interface DatedStates {
  readonly date: string;
  readonly states: readonly LabelledState[];
}

/** A change of a column between one date of the range and the one before: the governing version or a norm's status. */
export interface CompareChange {
  readonly date: string;
  readonly column: string;
  readonly kind: 'governing' | 'norm';
  readonly name: string;
  /** Null: absent before (the norm did not exist, no version governed). */
  readonly from: string | null;
  /** Null: absent from this date. */
  readonly to: string | null;
}

export interface CompareRangeJson {
  readonly family: string;
  readonly from: string;
  readonly to: string;
  readonly every: string;
  readonly columns: readonly string[];
  readonly dates: readonly string[];
  /** The first date's statuses of each column are the starting point; changes are listed from the second date on. */
  readonly start: readonly {
    readonly column: string;
    readonly governing: string | null;
    readonly norms: Readonly<Record<string, string>>;
  }[];
  readonly changes: readonly CompareChange[];
}

function statuses(s: StateJson): Map<string, string> {
  return new Map(s.norms.map((n) => [n.id, n.status]));
}

/** When each column's governing version and norm statuses change over the dates of a range. Pure. */
export function compareOverTime(family: string, every: string, dated: readonly DatedStates[]): CompareRangeJson {
  const first = dated[0]!;
  const columns = first.states.map((s) => s.label);
  const changes: CompareChange[] = [];
  for (let k = 1; k < dated.length; k++) {
    const before = dated[k - 1]!;
    const now = dated[k]!;
    now.states.forEach((s, c) => {
      const prior = before.states[c]!.state;
      const column = columns[c]!;
      const gBefore = prior.governing?.version ?? null;
      const gNow = s.state.governing?.version ?? null;
      if (gBefore !== gNow) changes.push({ date: now.date, column, kind: 'governing', name: '', from: gBefore, to: gNow });
      const a = statuses(prior);
      const b = statuses(s.state);
      for (const name of new Set([...a.keys(), ...b.keys()])) {
        const x = a.get(name) ?? null;
        const y = b.get(name) ?? null;
        if (x !== y) changes.push({ date: now.date, column, kind: 'norm', name, from: x, to: y });
      }
    });
  }
  return {
    family,
    from: first.date,
    to: dated[dated.length - 1]!.date,
    every,
    columns,
    dates: dated.map((d) => d.date),
    start: first.states.map((s) => ({
      column: s.label,
      governing: s.state.governing?.version ?? null,
      norms: Object.fromEntries(statuses(s.state)),
    })),
    changes,
  };
}
