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
