/**
 * Dates, amounts and values in the page's language, through Intl: `1 000 000 000 USD` in French,
 * `USD 1,000,000,000` in English (the ISO code in both, as the CLI writes them). Amounts stay exact: Intl formats the
 * decimal string itself, never a float.
 */
import type { Lang } from './i18n';
import { t } from './i18n';

const MONEY = /^([A-Z]{3}) (-?\d+(?:\.\d+)?)$/;
const QUANTITY = /^(-?\d+(?:\.\d+)?) ([A-Za-z_][A-Za-z0-9_]*)$/;
const DURATION_UNIT = /^(?:second|minute|hour|day|week|month|year)s?$/;
const PRICE = /^([A-Z]{3} -?\d+(?:\.\d+)?) per ([A-Za-z_][A-Za-z0-9_]*)$/;
const PERCENT = /^(-?\d+(?:\.\d+)?)%$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * `USD 1000000000` → `USD 1,000,000,000` (en) or `1 000 000 000 USD` (fr); a fraction keeps the currency's minor
 * units (`USD 1,000.50`), as the engine's text does; any other text is returned as is.
 */
export function formatMoney(lang: Lang, text: string): string {
  const m = MONEY.exec(text.trim());
  if (!m) return text;
  const [, currency = 'USD', amount = '0'] = m;
  const whole = !amount.includes('.');
  const key = `${lang}:${currency}:${whole}`;
  let nf = moneyFormats.get(key);
  if (!nf) {
    const locale = lang === 'fr' ? 'fr-FR' : 'en-US';
    const minor = new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    nf = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      minimumFractionDigits: whole ? 0 : minor,
      maximumFractionDigits: 20,
    });
    moneyFormats.set(key, nf);
  }
  // A decimal string is formatted exactly (Intl.NumberFormat v3); the cast is for older lib typings.
  return nf.format(amount as unknown as number);
}

/** `2025-09-12` → `Sep 12, 2025` (en) or `12 sept. 2025` (fr). */
export function formatDate(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '—';
  if (!DATE.test(iso)) return iso;
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}

/** A number as a decimal string, per language. */
export function formatNumber(lang: Lang, text: string): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: 20 }).format(text as unknown as number);
}

/** A value of the state JSON (money, percentage, date, boolean, number, text, null) for reading. */
export function formatValue(lang: Lang, v: unknown): string {
  if (v === null || v === undefined) return t(lang, 'state.indeterminate');
  if (v === 'absent') return t(lang, 'state.absent');
  if (typeof v === 'boolean') return t(lang, v ? 'state.yes' : 'state.no');
  if (typeof v === 'number') return formatNumber(lang, String(v));
  if (typeof v !== 'string') return JSON.stringify(v);
  if (MONEY.test(v)) return formatMoney(lang, v);
  // Amounts in several currencies are never added up: the API joins them with ` + `.
  if (v.includes(' + ') && v.split(' + ').every((p) => MONEY.test(p)))
    return v
      .split(' + ')
      .map((p) => formatMoney(lang, p))
      .join(' + ');
  const p = PERCENT.exec(v);
  if (p)
    return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { style: 'percent', maximumFractionDigits: 20 }).format(
      Number(p[1]) / 100,
    );
  if (DATE.test(v)) return formatDate(lang, v);
  if (/^-?\d+(\.\d+)?$/.test(v)) return formatNumber(lang, v);
  // A quantity in a unit of the agreement (`1.75 GW`), a price per unit (`USD 0.01 per share`).
  const q = QUANTITY.exec(v);
  if (q && !DURATION_UNIT.test(q[2]!)) return `${formatNumber(lang, q[1]!)}${lang === 'fr' ? '\u00a0' : ' '}${q[2]}`;
  const pr = PRICE.exec(v);
  if (pr) return `${formatMoney(lang, pr[1]!)} ${lang === 'fr' ? 'par' : 'per'} ${pr[2]}`;
  return v;
}

/** The amount of a money text as a float, for drawing only (never for display). */
export function moneyAmount(text: unknown): { currency: string; amount: number } | null {
  if (typeof text !== 'string') return null;
  const m = MONEY.exec(text.trim());
  return m ? { currency: m[1] ?? '', amount: Number(m[2]) } : null;
}
