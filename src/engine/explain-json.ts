/**
 * The JSON object that `pacte explain --json` prints and the HTTP API serves: why a norm has its status or a
 * definition its value in a state.
 */
import type { Because } from './explain.js';
import type { StateJson } from './state.js';
import type { JsonValue } from './value-json.js';

export type ExplainJson =
  | { readonly id: string; readonly status: string; readonly since: string; readonly because: Because }
  | { readonly id: string; readonly value: JsonValue; readonly because: Because };

/** Why a norm has its status or a definition its value in a state; null when the state has no such name. */
export function explainJson(st: StateJson, name: string): ExplainJson | null {
  const norm = st.norms.find((n) => n.id === name);
  if (norm) return { id: name, status: norm.status, since: norm.since, because: norm.because };
  const value = Object.hasOwn(st.values, name) ? st.values[name] : undefined;
  return value ? { id: name, value: value.value, because: value.because } : null;
}
