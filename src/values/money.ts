/** Money: an exact amount in one currency. Amounts of different currencies never mix. */
import { Decimal, formatDecimal } from './decimal.js';

export interface Money {
  readonly currency: string;
  readonly amount: Decimal;
}

const SCALE: Record<string, string> = { k: '1e3', m: '1e6', bn: '1e9', tn: '1e12' };

/** Parses the number part of a money or percent literal: `13,000,000,000`, `1.5`, with an optional `k`/`m`/`bn`/`tn` scale. */
export function parseAmount(digits: string, scale?: string): Decimal {
  const d = new Decimal(digits.replace(/,/g, ''));
  const factor = scale ? SCALE[scale] : undefined;
  return factor ? d.times(factor) : d;
}

export function money(currency: string, amount: Decimal | string | number): Money {
  return { currency, amount: new Decimal(amount) };
}

/** `USD 1000000000`: the stable textual form used in JSON (never a float). */
export function formatMoney(m: Money): string {
  return `${m.currency} ${formatDecimal(m.amount)}`;
}

/** Groups the integer part in thousands: `4500000.1` → `4,500,000.1`. */
function grouped(text: string): string {
  const [int, frac] = text.split('.');
  const g = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${g}.${frac}` : g;
}

/** A readable form for people: `USD 1bn`, `USD 13.75bn` when the figure is a round number of millions, else exact with separators. */
export function humanMoney(m: Money): string {
  const a = m.amount.abs();
  const sign = m.amount.isNegative() ? '-' : '';
  for (const [suffix, f] of [['tn', '1e12'], ['bn', '1e9'], ['m', '1e6']] as const) {
    if (a.gte(f) && a.mod('1e4').isZero()) return `${m.currency} ${sign}${formatDecimal(a.div(f))}${suffix}`;
  }
  return `${m.currency} ${sign}${grouped(formatDecimal(a))}`;
}

const MONEY_TEXT = /^([A-Z]{3}) (-?\d+(?:\.\d+)?)$/;

/** Parses the JSON form `USD 1000000000` (as written in ledgers). Returns undefined when malformed. */
export function parseMoneyText(text: string): Money | undefined {
  const m = MONEY_TEXT.exec(text);
  if (!m) return undefined;
  return money(m[1]!, m[2]!);
}

/** Makes the JSON form of an amount (`USD 11000000000`, or several joined by ` + `) readable: `USD 11bn`. */
export function humanAmounts(text: string): string {
  return text
    .split(' + ')
    .map((part) => {
      const m = parseMoneyText(part);
      return m ? humanMoney(m) : part;
    })
    .join(' + ');
}
