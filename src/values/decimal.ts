/** Exact decimals for money and percent: decimal.js with 60 significant digits (the default 20 silently loses money). */
import { Decimal as DecimalJs } from 'decimal.js';
import type { Lang } from '../messages/define-messages.js';

export const Decimal = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_HALF_EVEN, toExpPos: 100, toExpNeg: -100 });
export type Decimal = InstanceType<typeof Decimal>;

/** Renders a decimal without exponent and without trailing zeros. */
export function formatDecimal(d: Decimal): string {
  return d.toFixed();
}

/** The most digits an amount may be written with (money, numbers and percentages in documents and ledgers). */
export const MAX_DIGITS = 40;

/** The digits needed to write `d` without exponent: 123.45 → 5, 0.001 → 3, 1e39 → 40. */
export function digitCount(d: Decimal): number {
  return Math.max(d.e + 1, 0) + d.decimalPlaces();
}

/** The no-break space French puts before a unit, a currency or `%` (as Intl's `fr-FR` formats do). */
export const NBSP = '\u00a0';

/**
 * A decimal's text (`4500000.1`) for people: as is in English; in French as Intl's `fr-FR` writes it, thousands
 * separated by narrow no-break spaces and a decimal comma (`4 500 000,1`). Exact: the digits are never a float.
 */
export function humanDecimal(text: string, lang: Lang): string {
  if (lang === 'en' || !/^-?\d+(\.\d+)?$/.test(text)) return text;
  const [int = '', frac] = text.split('.');
  const g = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return frac ? `${g},${frac}` : g;
}

/** A percentage's figure (`1.5` for 1.5%) for people: `1.5%` in English, `1,5 %` in French. */
export function humanPercent(figure: string, lang: Lang): string {
  return lang === 'fr' ? `${humanDecimal(figure, lang)}${NBSP}%` : `${figure}%`;
}
