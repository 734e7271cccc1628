/** Values as JSON (exact: money and decimals are strings, never floats) and as text for people. */
import type { Lang } from '../diagnostics/terms.js';
import { humanDuration } from '../values/dates.js';
import { formatDecimal, humanDecimal, humanPercent } from '../values/decimal.js';
import { formatMoney, humanMoney } from '../values/money.js';
import { formatPrice, formatQuantity, humanPrice, humanQuantity } from '../values/quantity.js';
import type { Val } from './val.js';
import { why } from './why.js';

export type JsonValue = string | boolean | null;

export function valueJson(v: Val): JsonValue {
  switch (v.k) {
    case 'money':
      return v.v.currency === '' ? formatDecimal(v.v.amount) : formatMoney(v.v);
    case 'quantity':
      return formatQuantity(v.v);
    case 'price':
      return formatPrice(v.v);
    case 'percent':
      return `${formatDecimal(v.v.times(100))}%`;
    case 'number':
      return formatDecimal(v.v);
    case 'date':
    case 'datetime':
      return v.v;
    case 'duration':
      return `${v.v.amount} ${v.v.unit}`;
    case 'period':
      return v.v.text;
    case 'bool':
      return v.v;
    case 'text':
    case 'party':
      return v.v;
    case 'unknown':
      return null;
  }
}

/** What is known of an unknown value, as JSON: `{lo, loOpen, hi, hiOpen}` (null for no bound on a side), or null. */
export interface BoundsJson {
  readonly lo: JsonValue;
  readonly loOpen: boolean;
  readonly hi: JsonValue;
  readonly hiOpen: boolean;
}

export function boundsJson(v: Val): BoundsJson | null {
  if (v.k !== 'unknown' || !v.bounds || (!v.bounds.lo && !v.bounds.hi)) return null;
  const b = v.bounds;
  return { lo: b.lo ? valueJson(b.lo) : null, loOpen: b.loOpen, hi: b.hi ? valueJson(b.hi) : null, hiOpen: b.hiOpen };
}

export function formatVal(v: Val, lang: Lang): string {
  if (v.k === 'unknown') return why(lang, 'indeterminate-value');
  if (v.k === 'money') return v.v.currency === '' ? humanDecimal(formatDecimal(v.v.amount), lang) : humanMoney(v.v, lang);
  if (v.k === 'bool') return why(lang, v.v ? 'true' : 'false');
  if (v.k === 'number') return humanDecimal(formatDecimal(v.v), lang);
  if (v.k === 'percent') return humanPercent(formatDecimal(v.v.times(100)), lang);
  if (v.k === 'duration') return humanDuration(v.v, lang);
  if (v.k === 'quantity') return humanQuantity(v.v, lang);
  if (v.k === 'price') return humanPrice(v.v, lang);
  return String(valueJson(v));
}
