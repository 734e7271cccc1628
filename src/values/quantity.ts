/**
 * Quantities in declared units (`2 GW`, `1000000 shares`) and prices per unit (`USD 0.01 per share`): exact
 * decimals, like money. A unit is a name of the front matter's `units`; quantities of different units never mix.
 */
import type { Lang } from '../messages/define-messages.js';
import { Decimal, formatDecimal, humanDecimal, NBSP } from './decimal.js';
import { formatMoney, humanMoney } from './money.js';

export interface Quantity {
  readonly unit: string;
  readonly amount: Decimal;
}

export interface Price {
  readonly currency: string;
  readonly unit: string;
  /** The money for one unit. */
  readonly amount: Decimal;
}

/**
 * The declared unit a word names: itself, or its plural when the word is the plural without its final `s`
 * (`per share` with `units: [shares]`); null when none.
 */
export function unitNamed(word: string, units: ReadonlySet<string>): string | null {
  if (units.has(word)) return word;
  return units.has(`${word}s`) ? `${word}s` : null;
}

/** The unit as written after one of it: `share` for `shares`, `GW` for `GW`. */
export function singular(unit: string): string {
  return /[a-z]s$/.test(unit) ? unit.slice(0, -1) : unit;
}

/** `2 GW`, `1000000 shares`: the stable textual form used in JSON (never a float). */
export function formatQuantity(q: Quantity): string {
  return `${formatDecimal(q.amount)} ${q.unit}`;
}

/** `USD 0.01 per share`: the stable textual form used in JSON. */
export function formatPrice(p: Price): string {
  return `${formatMoney({ currency: p.currency, amount: p.amount })} per ${singular(p.unit)}`;
}

/** A quantity for people: `1,000,000 shares`, `1 share`; in French `1 000 000 shares` (the unit as declared). */
export function humanQuantity(q: Quantity, lang: Lang = 'en'): string {
  const text = formatDecimal(q.amount);
  const unit = q.amount.abs().eq(1) ? singular(q.unit) : q.unit;
  const figure = lang === 'fr' ? humanDecimal(text, lang) : text.replace(/^(-?\d+)/, (i) => i.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  return `${figure}${lang === 'fr' ? NBSP : ' '}${unit}`;
}

/** A price for people: `USD 0.01 per share`; in French `0,01 USD par share`. */
export function humanPrice(p: Price, lang: Lang = 'en'): string {
  return `${humanMoney({ currency: p.currency, amount: p.amount }, lang)} ${lang === 'fr' ? 'par' : 'per'} ${singular(p.unit)}`;
}

const QUANTITY_TEXT = /^(-?\d+(?:\.\d+)?) ([A-Za-z_][A-Za-z0-9_]*)$/;

/** Parses the JSON form `2 GW` (as written in ledgers); a bare number is in `unit`. Undefined when malformed or in another unit. */
export function parseQuantity(raw: unknown, unit: string | null): Quantity | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw) && unit) return { unit, amount: new Decimal(raw) };
  if (typeof raw !== 'string') return undefined;
  if (unit && /^-?\d+(\.\d+)?$/.test(raw)) return { unit, amount: new Decimal(raw) };
  const m = QUANTITY_TEXT.exec(raw);
  if (!m) return undefined;
  const named = unit === null ? m[2]! : unitNamed(m[2]!, new Set([unit]));
  return named ? { unit: named, amount: new Decimal(m[1]!) } : undefined;
}
