/** Money: an exact amount in one currency. Amounts of different currencies never mix. */
import type { Lang } from '../messages/define-messages.js';
import { Decimal, formatDecimal, humanDecimal, NBSP } from './decimal.js';

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

/** `USD 1000000000`, `USD 142.50`: the stable textual form used in JSON (never a float). */
export function formatMoney(m: Money): string {
  return `${m.currency} ${moneyDigits(m)}`;
}

const MINOR_UNITS = new Map<string, number>();

/** The currency's minor units (2 for USD and EUR, 0 for JPY, 3 for KWD), from ISO 4217 as Intl knows it. */
export function minorUnits(currency: string): number {
  let n = MINOR_UNITS.get(currency);
  if (n === undefined) {
    try {
      n = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      n = 2;
    }
    MINOR_UNITS.set(currency, n);
  }
  return n;
}

/** The amount's digits: a whole amount as is (`100`), a fraction with at least the currency's minor units (`142.50`). */
function moneyDigits(m: Money): string {
  const a = m.amount;
  if (a.isInteger()) return formatDecimal(a);
  return a.toFixed(Math.max(a.decimalPlaces(), minorUnits(m.currency)));
}

/** Groups the integer part in thousands: `4500000.1` → `4,500,000.1`. */
function grouped(text: string): string {
  const [int, frac] = text.split('.');
  const g = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${g}.${frac}` : g;
}

/** The abbreviations of round figures: pacte's literals in English, Intl's French ones (million, milliard, billion). */
const SCALES = [
  { f: '1e12', en: 'tn', fr: 'Bn' },
  { f: '1e9', en: 'bn', fr: 'Md' },
  { f: '1e6', en: 'm', fr: 'M' },
] as const;

/**
 * A readable form for people: `USD 1bn`, `USD 13.75bn` when the figure is a round number of millions, else exact with
 * separators. French follows Intl's `fr-FR` currency format, as the UI does: the amount first, thousands
 * separated by narrow no-break spaces, a decimal comma, then the ISO code (`13,75 Md USD`, `4 500 000,1 USD`).
 */
export function humanMoney(m: Money, lang: Lang = 'en'): string {
  const a = m.amount.abs();
  const sign = m.amount.isNegative() ? '-' : '';
  for (const s of SCALES) {
    if (a.gte(s.f) && a.mod('1e4').isZero()) {
      const figure = formatDecimal(a.div(s.f));
      return lang === 'fr'
        ? `${sign}${humanDecimal(figure, lang)}${NBSP}${s.fr}${NBSP}${m.currency}`
        : `${m.currency} ${sign}${figure}${s.en}`;
    }
  }
  const digits = moneyDigits({ currency: m.currency, amount: a });
  return lang === 'fr' ? `${sign}${humanDecimal(digits, lang)}${NBSP}${m.currency}` : `${m.currency} ${sign}${grouped(digits)}`;
}

const MONEY_TEXT = /^([A-Z]{3}) (-?\d+(?:\.\d+)?)$/;

/** Parses the JSON form `USD 1000000000` (as written in ledgers). Returns undefined when malformed. */
export function parseMoneyText(text: string): Money | undefined {
  const m = MONEY_TEXT.exec(text);
  if (!m) return undefined;
  return money(m[1]!, m[2]!);
}

/** Makes the JSON form of an amount (`USD 11000000000`, or several joined by ` + `) readable: `USD 11bn`. */
export function humanAmounts(text: string, lang: Lang = 'en'): string {
  return text
    .split(' + ')
    .map((part) => {
      const m = parseMoneyText(part);
      return m ? humanMoney(m, lang) : part;
    })
    .join(' + ');
}
