/**
 * What the timeline draws, computed from the family's versions and events: one band per version (from its
 * effective date until the next binding version takes effect), the links from an amendment to its base, and the
 * metrics that can be drawn as a step line (the running total or the latest value of a money field of an event type).
 */
import type { LedgerEventJson, StoredEvent, VersionInfo } from './api-types';
import { moneyAmount } from './format';

export interface Band {
  readonly id: string;
  readonly title: string;
  readonly binding: boolean;
  readonly start: Date;
  readonly end: Date;
  readonly base: string | null;
  readonly relation: 'amends' | 'supersedes' | null;
  /** The lane's label: an amendment is marked as attached to a base. */
  readonly label: string;
}

export interface Metric {
  /** `sum:invest.amount` or `latest:valuation.value`. */
  readonly key: string;
  readonly fn: 'sum' | 'latest';
  readonly type: string;
  readonly field: string;
  readonly currency: string;
}

export interface MetricPoint {
  readonly date: Date;
  readonly value: number;
  /** The exact amount, `USD 11000000000`. */
  readonly exact: string;
  /** A lower bound: an event before it gave the amount as undisclosed (`"undisclosed"`, `{"atLeast": …}`). */
  readonly atLeast?: true;
}

export function day(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function isoOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The first and last days the timeline shows: the first version or event, to the last one plus a margin. */
export function timeDomain(
  versions: readonly VersionInfo[],
  events: readonly StoredEvent[],
  hypothetical: readonly LedgerEventJson[] = [],
): [Date, Date] {
  const dates = [...versions.map((v) => v.date), ...events.map((e) => e.event.date), ...hypothetical.map((e) => e.date)].sort();
  const first = day(dates[0] ?? '2020-01-01');
  const last = day(dates[dates.length - 1] ?? '2021-01-01');
  const span = Math.max(last.getTime() - first.getTime(), 86_400_000 * 365);
  return [new Date(first.getTime() - span * 0.01), new Date(last.getTime() + span * 0.04)];
}

export function bands(versions: readonly VersionInfo[], end: Date): Band[] {
  const binding = versions
    .filter((v) => v.binding)
    .map((v) => v.date)
    .sort();
  return versions.map((v) => {
    const next = binding.find((d) => d > v.date);
    const base = v.amends ?? v.supersedes[0] ?? null;
    const relation = v.amends ? 'amends' : v.supersedes.length > 0 ? 'supersedes' : null;
    return {
      id: v.id,
      title: v.title,
      binding: v.binding,
      start: day(v.date),
      end: next ? day(next) : end,
      base,
      relation,
      label: relation === 'amends' ? `↳ ${v.id}` : v.id,
    };
  });
}

/** The metrics the events allow: for every money field of an event type, its running total and its latest value. */
export function metrics(events: readonly StoredEvent[]): Metric[] {
  const seen = new Map<string, Metric>();
  for (const e of events) {
    for (const [field, v] of Object.entries(e.event.data ?? {})) {
      const m = moneyAmount(v);
      if (!m) continue;
      for (const fn of ['sum', 'latest'] as const) {
        const key = `${fn}:${e.event.type}.${field}`;
        if (!seen.has(key)) seen.set(key, { key, fn, type: e.event.type, field, currency: m.currency });
      }
    }
  }
  return [...seen.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** The step line of a metric: one point per event that changes it (in the metric's currency only). */
export function metricSeries(events: readonly StoredEvent[], metric: Metric): MetricPoint[] {
  const out: MetricPoint[] = [];
  let total = '0';
  let unknownSince = false;
  for (const e of [...events].sort((a, b) => (a.event.date < b.event.date ? -1 : a.event.date > b.event.date ? 1 : a.seq - b.seq))) {
    if (e.event.type !== metric.type) continue;
    const raw = e.event.data?.[metric.field];
    if ((raw !== undefined && typeof raw !== 'string') || raw === 'undisclosed') {
      // An amount the ledger leaves undisclosed: the sum is a lower bound from then on (the latest is not known).
      if (metric.fn !== 'sum') continue;
      unknownSince = true;
      out.push({ date: day(e.event.date), value: Number(total), exact: `${metric.currency} ${total}`, atLeast: true });
      continue;
    }
    const m = moneyAmount(raw);
    if (!m || m.currency !== metric.currency || typeof raw !== 'string') continue;
    const amount = raw.trim().split(' ')[1] ?? '0';
    total = metric.fn === 'sum' ? addDecimals(total, amount) : amount;
    out.push({
      date: day(e.event.date),
      value: Number(total),
      exact: `${metric.currency} ${total}`,
      ...(unknownSince ? { atLeast: true as const } : {}),
    });
  }
  return out;
}

/** The metric's exact value as of a day (the last point on or before it), or null before its first point. */
export function metricAt(series: readonly MetricPoint[], at: Date): MetricPoint | null {
  let found: MetricPoint | null = null;
  for (const p of series) if (p.date.getTime() <= at.getTime()) found = p;
  return found;
}

/** The exact sum of two decimal strings (`"1000000000.5"`), with BigInt: no float ever touches an amount shown. */
export function addDecimals(a: string, b: string): string {
  const [ai = '0', af = ''] = a.split('.');
  const [bi = '0', bf = ''] = b.split('.');
  const scale = Math.max(af.length, bf.length);
  const big = (i: string, f: string): bigint => {
    const neg = i.startsWith('-');
    const digits = BigInt(`${i.replace('-', '')}${f.padEnd(scale, '0')}`);
    return neg ? -digits : digits;
  };
  const sum = big(ai, af) + big(bi, bf);
  const neg = sum < 0n;
  const s = (neg ? -sum : sum).toString().padStart(scale + 1, '0');
  const int = s.slice(0, s.length - scale);
  const frac = scale > 0 ? s.slice(s.length - scale).replace(/0+$/, '') : '';
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}
