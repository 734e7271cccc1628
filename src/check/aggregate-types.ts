/**
 * How the checker types each aggregate function: whether it reads a field of its events, which field types it
 * accepts (with the expected types named in the `type-mismatch` diagnostic) and the type of its value. A
 * `Record<AggregateFn, …>`, so a function added to the language does not compile until it is typed here (what it
 * means is the engine's own table, engine/aggregates.ts `AGGREGATES`).
 */
import type { AggregateFn } from '../syntax/ast.js';
import type { Type } from './ir.js';
import { T } from './types.js';

export interface AggregateTyping {
  /**
   * The field types it accepts, with the diagnostic's `expected` argument; `any`: every field type; `none`: it reads
   * no field (`count`, `exists`), or is typed otherwise (`running`: from its initial value and its step).
   */
  readonly field: { readonly types: readonly Type['t'][]; readonly expected: string } | 'any' | 'none';
  /** The type of its value, from the type of its field (`unknown` when it reads none). */
  type(field: Type): Type;
}

const ofField = (field: Type): Type => field;
const NUMERIC = ['money', 'number', 'percent', 'quantity'] as const;
const ORDERED = {
  types: [...NUMERIC, 'date', 'datetime', 'duration'],
  expected: '@money|@number|@percent|@quantity|@date|@duration',
} as const;

export const AGGREGATE_TYPES: Readonly<Record<AggregateFn, AggregateTyping>> = {
  sum: { field: { types: NUMERIC, expected: '@money|@number|@percent|@quantity' }, type: ofField },
  count: { field: 'none', type: () => T.number },
  exists: { field: 'none', type: () => T.bool },
  latest: { field: 'any', type: ofField },
  first: { field: 'any', type: ofField },
  min: { field: ORDERED, type: ofField },
  max: { field: ORDERED, type: ofField },
  running: { field: 'none', type: () => T.unknown },
};
