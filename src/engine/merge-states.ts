/**
 * The state when some events are known only to a period: the states of every placement of those events
 * (`placements.ts`), merged. What they all agree on is definite; what differs is indeterminate, with the statuses it
 * could have and, in its explanation, one placement for each (the day that gives it and why). A violation that happens
 * in some placements only is a possible one; an account sum that differs is a lower bound.
 */
import type { Lang } from '../diagnostics/terms.js';
import type { LedgerEvent } from '../ledger/event.js';
import { Decimal } from '../values/decimal.js';
import { formatDecimal } from '../values/decimal.js';
import type { Account, Sum } from './accounts.js';
import type { Because } from './explain.js';
import type { Placement, Placements, Spot } from './placements.js';
import type { InstanceJson, NormJson, StateJson, ValueJson, ViolationJson } from './state.js';
import type { JsonValue } from './value-json.js';
import { statusWord, waitsMessages, why } from './why.js';

interface Outcome {
  readonly state: StateJson;
  readonly placement: Placement;
}

const same = (xs: readonly unknown[]): boolean => xs.every((x) => JSON.stringify(x) === JSON.stringify(xs[0]));

/** What each norm waits for when its answer depends on the days of these events (`waitsFor`, stored in English). */
export function dayWaits(imprecise: readonly LedgerEvent[]): string[] {
  return imprecise.map((e) => waitsMessages.format('en', 'event-day', { event: e.id, period: e.period!.text }));
}

function eventsText(imprecise: readonly LedgerEvent[]): string {
  return imprecise.map((e) => `\`${e.id}\` (${e.period!.text})`).join(', ');
}

function placementText(lang: Lang, spots: ReadonlyMap<string, Spot>): string {
  return [...spots]
    .map(([event, s]) => (s.day === null ? why(lang, 'placement-not-yet', { event }) : why(lang, 'placement-day', { event, day: s.day })))
    .join(lang === 'fr' ? ' et ' : ' and ');
}

/** One outcome for each distinct key (the first placement that gives it), as explanations of what each gives. */
function alternatives<T>(
  outcomes: readonly Outcome[],
  pick: (o: Outcome) => T | undefined,
  key: (x: T) => string,
  text: (x: T, placement: string) => string,
  because: (x: T) => Because | undefined,
  lang: Lang,
): Because[] {
  const seen = new Map<string, Because>();
  for (const o of outcomes) {
    const x = pick(o);
    if (x === undefined) continue;
    const k = key(x);
    if (seen.has(k)) continue;
    const b = because(x);
    seen.set(k, { text: text(x, placementText(lang, o.placement.spots)), ...(b ? { children: [b] } : {}) });
  }
  return [...seen.values()];
}

const NORM_KEYS = new Set([
  'id',
  'kind',
  'version',
  'holder',
  'holders',
  'counterparty',
  'status',
  'possibleStatuses',
  'since',
  'sinceKnown',
  'waitsFor',
  'approximate',
  'instances',
  'because',
]);

function mergeInstances(all: readonly (readonly InstanceJson[])[], waits: readonly string[], sampled: boolean): InstanceJson[] {
  const byTrigger = new Map<string, (InstanceJson | undefined)[]>();
  all.forEach((list, k) => {
    for (const i of list) {
      const row = byTrigger.get(i.trigger.id) ?? Array.from({ length: all.length }, () => undefined);
      row[k] = i;
      byTrigger.set(i.trigger.id, row);
    }
  });
  const out: InstanceJson[] = [];
  for (const row of byTrigger.values()) {
    const present = row.filter((i): i is InstanceJson => i !== undefined);
    const first = present[0]!;
    const strip = (i: InstanceJson): unknown => [i.status, i.since, i.due, i.amount, i.performed, i.waitsFor];
    if (!sampled && present.length === row.length && same(present.map(strip))) {
      out.push(first);
      continue;
    }
    const performed = present.map((i) => new Decimal(i.performed)).reduce((a, b) => (b.lessThan(a) ? b : a));
    const since = present.map((i) => i.since).sort()[0]!;
    // The same status in every placement (fulfilled whichever day the payment was): definite, its day maybe uncertain.
    const agreed = !sampled && present.length === row.length && first.status !== 'indeterminate' && same(present.map((i) => i.status));
    out.push({
      ...first,
      due: same(present.map((i) => i.due)) ? first.due : null,
      amount: same(present.map((i) => i.amount)) ? first.amount : null,
      waitsFor: [...new Set([...present.flatMap((i) => i.waitsFor ?? []), ...waits])].sort(),
      performed: formatDecimal(performed),
      status: agreed ? first.status : 'indeterminate',
      since,
      ...(agreed && !same(present.map((i) => i.since)) ? { sinceKnown: false as const } : {}),
    });
  }
  return out.sort((a, b) => a.n - b.n);
}

function mergeNorm(outcomes: readonly Outcome[], id: string, imprecise: readonly LedgerEvent[], sampled: boolean, lang: Lang): NormJson {
  const rows = outcomes.map((o) => o.state.norms.find((n) => n.id === id));
  const present = rows.filter((n): n is NormJson => n !== undefined);
  const base = present[0]!;
  const waits = dayWaits(imprecise);
  const statuses = new Set(present.map((n) => n.status));
  const complete = present.length === rows.length;
  // A sample of the placements proves nothing: what it agrees on may still differ in the placements left out.
  const definite = !sampled && complete && statuses.size === 1 && base.status !== 'indeterminate';
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base))
    if (!NORM_KEYS.has(k) && same(present.map((n) => (n as unknown as Record<string, unknown>)[k]))) extra[k] = v;
  const instances = mergeInstances(
    present.map((n) => n.instances),
    waits,
    sampled,
  );
  const sinceSame = same(present.map((n) => n.since)) && present.every((n) => n.sinceKnown !== false);
  // Every placement gives the same answer (an indeterminate one too, for its own reasons): it does not depend on them.
  const agreed = definite || (!sampled && complete && statuses.size === 1);
  if (
    agreed &&
    sinceSame &&
    same(
      present.map((n) => [
        n.waitsFor,
        n.possibleStatuses,
        Object.keys(n).flatMap((k) => (NORM_KEYS.has(k) ? [] : [k, (n as unknown as Record<string, unknown>)[k]])),
      ]),
    )
  )
    return { ...base, instances };
  const ws = [...new Set([...present.flatMap((n) => n.waitsFor ?? []), ...waits])];
  const children = alternatives(
    outcomes,
    (o) => o.state.norms.find((n) => n.id === id),
    (n) => `${n.status} ${n.since}`,
    (n, placement) => why(lang, 'placement-on', { placement, status: statusWord(lang, n.status), since: n.since }),
    (n) => n.because,
    lang,
  );
  const because: Because = {
    text: why(lang, definite ? 'imprecise-since' : 'imprecise-status', { events: eventsText(imprecise) }),
    ...(base.because.clause ? { clause: base.because.clause } : {}),
    children,
  };
  const since = present.map((n) => n.since).sort()[0]!;
  // A definite status whose first day is in doubt waits for nothing more than it did.
  if (definite) {
    const { waitsFor: _w, ...kept } = base;
    return { ...kept, ...extra, since, sinceKnown: false, ...(base.waitsFor ? { waitsFor: base.waitsFor } : {}), instances, because };
  }
  const possible =
    !sampled && present.every((n) => n.status !== 'indeterminate' || n.possibleStatuses)
      ? [
          ...new Set(
            present.flatMap((n) =>
              n.status === 'indeterminate' || n.status === 'unreported'
                ? [...(n.possibleStatuses ?? []), ...(n.status === 'unreported' ? ['unreported'] : [])]
                : [n.status],
            ),
          ),
        ].sort()
      : undefined;
  return {
    id: base.id,
    kind: base.kind,
    version: base.version,
    holder: base.holder,
    ...(base.holders ? { holders: base.holders } : {}),
    counterparty: base.counterparty,
    ...(base.approximate ? { approximate: base.approximate } : {}),
    ...extra,
    status: 'indeterminate',
    ...(possible ? { possibleStatuses: possible } : {}),
    since,
    sinceKnown: false,
    waitsFor: ws,
    instances,
    because,
  } as NormJson;
}

function mergeValue(
  outcomes: readonly Outcome[],
  name: string,
  imprecise: readonly LedgerEvent[],
  sampled: boolean,
  lang: Lang,
): ValueJson {
  const rows = outcomes.map((o) => o.state.values[name]);
  const present = rows.filter((v): v is ValueJson => v !== undefined);
  const base = present[0]!;
  if (
    !sampled &&
    present.length === rows.length &&
    same(present.map((v) => [v.value, v.indeterminate, v.waitsFor, v.noneYet, v.bounds, v.conditions, v.extensions]))
  )
    return base;
  const show = (v: JsonValue): string => (v === null ? why(lang, 'indeterminate-value') : typeof v === 'string' ? v : JSON.stringify(v));
  return {
    value: null,
    indeterminate: true,
    waitsFor: [...new Set([...present.flatMap((v) => v.waitsFor ?? []), ...dayWaits(imprecise)])],
    ...(base.approximate ? { approximate: base.approximate } : {}),
    because: {
      text: why(lang, 'imprecise-value', { name, events: eventsText(imprecise) }),
      ...(base.because.clause ? { clause: base.because.clause } : {}),
      children: alternatives(
        outcomes,
        (o) => o.state.values[name],
        (v) => JSON.stringify(v.value),
        (v, placement) => why(lang, 'placement-value', { placement, value: show(v.value) }),
        (v) => v.because,
        lang,
      ),
    },
  };
}

const violationKey = (v: ViolationJson): string =>
  `${v.kind} ${v.norm} ${v.date} ${v.event?.id ?? ''} ${v.instance ?? ''} ${v.reason ?? ''}`;

function mergeViolations(outcomes: readonly Outcome[], imprecise: readonly LedgerEvent[], sampled: boolean, lang: Lang): ViolationJson[] {
  const counts = new Map<string, { v: ViolationJson; n: number }>();
  for (const o of outcomes)
    for (const v of o.state.violations) {
      const k = violationKey(v);
      const c = counts.get(k);
      if (c) c.n++;
      else counts.set(k, { v, n: 1 });
    }
  const out: ViolationJson[] = [];
  for (const { v, n } of counts.values()) {
    if (n === outcomes.length && !sampled) {
      out.push(v);
      continue;
    }
    // It happens in some placements only: a possible violation (a possible breach; a possible exercise).
    out.push({
      ...v,
      kind: v.kind === 'breach' ? 'possible-breach' : v.kind,
      reason: 'event-day-unknown',
      because: {
        text: why(lang, 'violation-imprecise', { norm: v.norm, date: v.date, events: eventsText(imprecise) }),
        ...(v.because.clause ? { clause: v.because.clause } : {}),
        children: [v.because],
      },
    });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** `USD 100 + EUR 5` as sums by currency. */
function sums(text: string): Map<string, Decimal> {
  return new Map(
    text.split(' + ').map((p) => {
      const [c, d] = p.split(' ');
      return [c!, new Decimal(d ?? '0')];
    }),
  );
}

/** The least of several sums, currency by currency (a lower bound of each). */
function least(texts: readonly string[]): string {
  const all = texts.map(sums);
  const currencies = [...new Set(all.flatMap((m) => [...m.keys()]))].sort();
  const parts = currencies
    .map((c) => [c, all.map((m) => m.get(c) ?? new Decimal(0)).reduce((a, b) => (b.lessThan(a) ? b : a))] as const)
    .filter(([, d]) => !d.isZero());
  return parts.length === 0 ? `${currencies[0] ?? 'USD'} 0` : parts.map(([c, d]) => `${c} ${formatDecimal(d)}`).join(' + ');
}

function mergeAccounts(outcomes: readonly Outcome[], norms: readonly NormJson[], sampled: boolean): Record<string, Account> {
  const parties = [...new Set(outcomes.flatMap((o) => Object.keys(o.state.accounts)))];
  const doubtful = norms
    .filter(
      (n) =>
        n.kind === 'obligation' &&
        (n.status === 'indeterminate' || n.sinceKnown === false || n.instances.some((i) => i.status === 'indeterminate')),
    )
    .map((n) => n.id);
  const obligations = norms.filter((n) => n.kind === 'obligation').map((n) => n.id);
  const out: Record<string, Account> = {};
  for (const p of parties) {
    const rows = outcomes.map((o) => o.state.accounts[p]);
    const present = rows.filter((a): a is Account => a !== undefined);
    const base = present[0]!;
    if (!sampled && present.length === rows.length && same(present)) {
      out[p] = base;
      continue;
    }
    const zero = (a: Account | undefined, s: Sum): string => a?.[s] ?? `${base[s].split(' ')[0]} 0`;
    const lower = new Set<Sum>(present.flatMap((a) => a.atLeast ?? []));
    const differs = new Set<Sum>();
    const merged: Record<Sum, string> = { paid: base.paid, owed: base.owed, committed: base.committed };
    for (const s of ['paid', 'owed', 'committed'] as const) {
      const texts = rows.map((a) => zero(a, s));
      if (sampled || !same(texts)) differs.add(s);
      if (differs.has(s)) lower.add(s);
      // The least of a sample bounds nothing: only zero is sure.
      merged[s] = sampled ? `${base[s].split(' ')[0]} 0` : least(texts);
    }
    // A sum that differs between placements is a lower bound: the obligations of the party are then incomplete too.
    // (A sum that is the same lower bound in every placement already names what it leaves out.)
    const concerned =
      differs.size > 0 ? norms.filter((n) => n.kind === 'obligation' && (n.holder === p || n.counterparty === p)).map((n) => n.id) : [];
    const incomplete = [
      ...new Set([...present.flatMap((a) => a.incomplete ?? []), ...(sampled ? obligations : doubtful), ...concerned]),
    ].sort();
    const approximate = [...new Set(present.flatMap((a) => a.approximate ?? []))].sort();
    out[p] = {
      ...merged,
      ...(incomplete.length > 0 ? { incomplete } : {}),
      ...(lower.size > 0 ? { atLeast: (['paid', 'owed', 'committed'] as const).filter((s) => lower.has(s)) } : {}),
      ...(approximate.length > 0 ? { approximate } : {}),
    };
  }
  return out;
}

/** The state as of a date, over every placement of the events known only to a period. */
export function mergeStates(states: readonly StateJson[], p: Placements, lang: Lang): StateJson {
  const outcomes: Outcome[] = states.map((state, k) => ({ state, placement: p.placements[k]! }));
  const base = states[0]!;
  const ids = [...new Set(states.flatMap((s) => s.norms.map((n) => n.id)))];
  const norms = ids.map((id) => mergeNorm(outcomes, id, p.imprecise, p.sampled, lang));
  const names = [...new Set(states.flatMap((s) => Object.keys(s.values)))].sort();
  const values = Object.fromEntries(names.map((n) => [n, mergeValue(outcomes, n, p.imprecise, p.sampled, lang)]));
  const diagnostics = [...new Map(states.flatMap((s) => s.diagnostics).map((d) => [JSON.stringify(d), d])).values()];
  const proposals =
    !p.sampled && same(states.map((s) => s.proposals.map(({ changes, valueChanges, version }) => [version, changes, valueChanges])))
      ? base.proposals
      : base.proposals.map((pr) => ({
          ...pr,
          changes: pr.changes.map((c) =>
            !p.sampled && same(states.map((s) => s.proposals.find((q) => q.version === pr.version)?.changes.find((d) => d.id === c.id)))
              ? c
              : { ...c, status: 'indeterminate', proposedStatus: 'indeterminate' },
          ),
        }));
  return {
    ...base,
    imprecise: p.imprecise.map((e) => ({ event: e.id, period: e.period!.text, from: e.period!.from, to: e.period!.to })),
    ...(p.sampled ? { impreciseSampled: true as const } : {}),
    proposals,
    norms,
    values,
    violations: mergeViolations(outcomes, p.imprecise, p.sampled, lang),
    accounts: mergeAccounts(outcomes, norms, p.sampled),
    diagnostics,
  };
}
