/**
 * The JSON objects that `pacte explain --json` and `pacte diff --json` print, built in one place so that the HTTP API
 * (src/server/) serves exactly the same objects.
 */
import type { Family } from '../check/ir.js';
import { diffVersions } from '../diff/diff-versions.js';
import { impact } from '../diff/impact.js';
import type { RedlineJson } from '../diff/redline-json.js';
import type { LedgerEvent } from '../engine/event.js';
import type { Because } from '../engine/explain.js';
import type { StateJson } from '../engine/state.js';
import type { JsonValue } from '../engine/value-json.js';
import type { IsoDate } from '../values/dates.js';

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

/** The redline between two versions of a checked family, with the impact on `events` as of `asOf` when given. */
export function redlineJson(family: Family, from: string, to: string, events: readonly LedgerEvent[], asOf: IsoDate | null): RedlineJson | null {
  const base = diffVersions(family, from, to);
  if (!base) return null;
  return asOf ? { ...base, impact: impact(family, events, from, to, asOf) } : base;
}
