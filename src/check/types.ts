/** Types of the checked language, and their names in messages (`@money-in:USD` is rendered per language). */
import type { Type } from './ir.js';
import { singular } from '../values/quantity.js';

export const T = {
  money: (currency: string | null = null): Type => ({ t: 'money', currency }),
  quantity: (unit: string | null = null): Type => ({ t: 'quantity', unit }),
  price: (currency: string | null = null, unit: string | null = null): Type => ({ t: 'price', currency, unit }),
  percent: { t: 'percent' } as Type,
  number: { t: 'number' } as Type,
  date: { t: 'date' } as Type,
  datetime: { t: 'datetime' } as Type,
  duration: { t: 'duration' } as Type,
  period: { t: 'period' } as Type,
  bool: { t: 'bool' } as Type,
  text: { t: 'text' } as Type,
  party: { t: 'party' } as Type,
  unknown: { t: 'unknown' } as Type,
};

export const TYPE_NAMES = ['money', 'percent', 'number', 'date', 'datetime', 'period', 'duration', 'bool', 'text', 'party'] as const;

export function typeFromName(name: string): Type | undefined {
  switch (name) {
    case 'money':
      return T.money();
    case 'percent':
    case 'number':
    case 'date':
    case 'datetime':
    case 'period':
    case 'duration':
    case 'bool':
    case 'text':
    case 'party':
      return { t: name };
    default:
      return undefined;
  }
}

export function typeArg(t: Type): string {
  if (t.t === 'money') return t.currency ? `@money-in:${t.currency}` : '@money';
  if (t.t === 'quantity') return t.unit ? `@quantity-in:${t.unit}` : '@quantity';
  if (t.t === 'price') return t.unit ? `@price-per:${singular(t.unit)}` : '@price';
  return `@${t.t}`;
}

/** True when a value of type `actual` can stand where `expected` is wanted (undisclosed values fit anywhere). */
export function fits(actual: Type, expected: Type): boolean {
  if (actual.t === 'unknown' || expected.t === 'unknown') return true;
  if (actual.t !== expected.t) return false;
  if (actual.t === 'money' && expected.t === 'money') {
    return actual.currency === null || expected.currency === null || actual.currency === expected.currency;
  }
  if ((actual.t === 'quantity' || actual.t === 'price') && (expected.t === 'quantity' || expected.t === 'price')) {
    if (actual.unit !== null && expected.unit !== null && actual.unit !== expected.unit) return false;
  }
  if (actual.t === 'price' && expected.t === 'price') {
    return actual.currency === null || expected.currency === null || actual.currency === expected.currency;
  }
  return true;
}

/** The common type of two compatible types (a known currency wins over an unknown one). */
export function join(a: Type, b: Type): Type {
  if (a.t === 'unknown') return b;
  if (b.t === 'unknown') return a;
  if (a.t === 'money' && b.t === 'money') return T.money(a.currency ?? b.currency);
  if (a.t === 'quantity' && b.t === 'quantity') return T.quantity(a.unit ?? b.unit);
  if (a.t === 'price' && b.t === 'price') return T.price(a.currency ?? b.currency, a.unit ?? b.unit);
  return a;
}
