/**
 * Values in a tests file: a literal as pacte writes it (`USD 13bn`, `20%`, `2025-10-28`, `15 years`, `true`,
 * `"text"`, a party) read into the state JSON's form (`"USD 13000000000"`, `"20%"`…); two JSON values compared
 * exactly (`USD 13bn` is `USD 13000000000.00`) or in order; and a JSON value written back as a literal, for the
 * report (`USD 13000000000` → `USD 13bn`).
 */
import { parseDate } from '../values/dates.js';
import { Decimal, formatDecimal } from '../values/decimal.js';
import { formatMoney, humanAmounts, money, parseAmount, parseMoneyText } from '../values/money.js';
import { looksLikePeriod } from '../values/periods.js';

export type JsonScalar = string | boolean | null;

const MONEY = /^([A-Z]{3}) (-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)(k|m|bn|tn)?$/;
const PERCENT = /^(-?\d+(?:\.\d+)?)%$/;
const NUMBER = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^-?\d+(?:\.\d+)?$/;
const DURATION = /^(-?\d+) (day|week|month|year|business day|hour|minute|second)s?$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A quantity (`1.25 GW`, `1,000,000 shares`): written with its unit as the state's JSON writes it. */
const QUANTITY = /^(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?) ([A-Za-z_][A-Za-z0-9_]*)$/;

/** A literal read into its JSON form, or undefined when it is none. A bare name is a party (or a text of one word). */
export function readLiteral(text: string): JsonScalar | undefined {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (t.startsWith('"')) {
    try {
      const v: unknown = JSON.parse(t);
      return typeof v === 'string' ? v : undefined;
    } catch {
      return undefined;
    }
  }
  const sum = t.split(' + ');
  if (sum.length > 1) {
    const parts = sum.map((p) => readLiteral(p));
    return parts.every((p) => typeof p === 'string' && parseMoneyText(p)) ? (parts as string[]).join(' + ') : undefined;
  }
  const m = MONEY.exec(t);
  if (m) return formatMoney(money(m[1]!, parseAmount(m[2]!, m[3])));
  const p = PERCENT.exec(t);
  if (p) return `${formatDecimal(new Decimal(p[1]!))}%`;
  if (NUMBER.test(t)) return formatDecimal(new Decimal(t.replace(/,/g, '')));
  if (parseDate(t)) return t;
  const d = DURATION.exec(t);
  if (d) return `${Number(d[1])} ${d[2]}s`;
  if (looksLikePeriod(t)) return t;
  const q = QUANTITY.exec(t);
  if (q) return `${formatDecimal(new Decimal(q[1]!.replace(/,/g, '')))} ${q[2]}`;
  if (NAME.test(t)) return t;
  return undefined;
}

/** An amount or a sum of amounts in several currencies (`USD 1 + EUR 2`) as a map currency → amount; else null. */
function amounts(v: JsonScalar): Map<string, Decimal> | null {
  if (typeof v !== 'string') return null;
  const out = new Map<string, Decimal>();
  for (const part of v.split(' + ')) {
    const m = parseMoneyText(part);
    if (!m) return null;
    out.set(m.currency, (out.get(m.currency) ?? new Decimal(0)).plus(m.amount));
  }
  return out;
}

/** A number or a percentage as a decimal (a percentage keeps its `%` apart: `20%` is not `20`). */
function figure(v: JsonScalar): { d: Decimal; percent: boolean } | null {
  if (typeof v !== 'string') return null;
  const p = PERCENT.exec(v);
  if (p) return { d: new Decimal(p[1]!), percent: true };
  return /^-?\d+(\.\d+)?$/.test(v) ? { d: new Decimal(v), percent: false } : null;
}

/**
 * How `a` compares with `b`: -1, 0, 1, or null when they cannot be compared (different kinds or currencies).
 * Amounts, numbers and percentages compare as exact decimals; dates in calendar order; other values only for equality.
 */
export function compareValues(a: JsonScalar, b: JsonScalar): -1 | 0 | 1 | null {
  const ma = amounts(a);
  const mb = amounts(b);
  if (ma && mb) {
    const currencies = new Set([...ma.keys(), ...mb.keys()]);
    const zero = new Decimal(0);
    const signs = [...currencies].map((c) => (ma.get(c) ?? zero).comparedTo(mb.get(c) ?? zero));
    if (signs.every((s) => s === 0)) return 0;
    // A sum in several currencies is ordered only when one currency alone is compared.
    if (currencies.size !== 1) return null;
    return signs[0]! < 0 ? -1 : 1;
  }
  const fa = figure(a);
  const fb = figure(b);
  if (fa && fb) return fa.percent === fb.percent ? (fa.d.comparedTo(fb.d) as -1 | 0 | 1) : null;
  if (typeof a === 'string' && typeof b === 'string' && parseDate(a) && parseDate(b)) return a < b ? -1 : a > b ? 1 : 0;
  // Two quantities of one unit.
  const qa = typeof a === 'string' ? QUANTITY.exec(a) : null;
  const qb = typeof b === 'string' ? QUANTITY.exec(b) : null;
  if (qa && qb && qa[2] === qb[2] && !DURATION.test(a as string)) return new Decimal(qa[1]!).comparedTo(qb[1]!) as -1 | 0 | 1;
  return a === b ? 0 : null;
}

/** A JSON value of the state written as a literal of a tests file (`USD 13000000000` → `USD 13bn`, a text quoted). */
export function literalText(v: JsonScalar): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (amounts(v)) return humanAmounts(v, 'en');
  if (figure(v) || parseDate(v) || looksLikePeriod(v) || DURATION.exec(v) || QUANTITY.test(v) || NAME.test(v)) return v;
  return JSON.stringify(v);
}
