/** Exact decimals for money and percent: decimal.js with 60 significant digits (the default 20 silently loses money). */
import { Decimal as DecimalJs } from 'decimal.js';

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
