/**
 * `evaluate(family, events, asOf, options)`: the state as of a date. Pure and deterministic (no clock, no time zone,
 * no locale). `createEvaluator` keeps checkpoints of the fold so that as-of queries on a long ledger replay only from
 * the nearest checkpoint; both give the same result (a tested property).
 */
import type { Aggregate, ClauseMeta, Expr, Family, Version } from '../check/ir.js';
import { normExprs, subExprs } from '../check/walk.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { toJson } from '../diagnostics/render.js';
import type { Lang } from '../diagnostics/terms.js';
import { sourceFile } from '../source/source-file.js';
import type { IsoDate } from '../values/dates.js';
import { addDays, MIN_DATE } from '../values/dates.js';
import { formatDecimal } from '../values/decimal.js';
import { formatMoney } from '../values/money.js';
import { approximations, assumptionsOf } from '../check/approximations.js';
import { accountOf, accounts } from './accounts.js';
import type { LedgerEvent } from '../ledger/event.js';
import { compareEvents } from '../ledger/event.js';
import type { Env } from './expr.js';
import { evalDefinition, evalExpr, noCase } from './expr.js';
import { eventRef, explainDefinition, explainNorm, explainViolation } from './explain.js';
import { runUntil } from './fold.js';
import { freshEnv } from './memo.js';
import type { FoldContext, FoldState, Violation } from './fold-state.js';
import { cloneState, governing, initialState } from './fold-state.js';
import type { Instance, NormState } from './norm-state.js';
import { isFinal, rulesOf } from './norms/index.js';
import type { InstanceJson, NormJson, ProposalJson, StateJson, ValueJson, ViolationJson } from './state.js';
import { timelineOf } from './timeline.js';
import type { AssumedJson, ScenarioJson } from './apply-scenarios.js';
import type { Because } from './explain.js';
import { LATER, withLater } from './later.js';
import { why } from './why.js';
import { MAX_PLACEMENTS, placementsOf, placer } from './placements.js';
import { mergeStates } from './merge-states.js';
import { boundsJson, valueJson } from './value-json.js';
import { outsideCalendarDate } from './val.js';
import type { JsonValue } from './value-json.js';
import { conditionsJson, extensionsJson } from './deal-values.js';

export interface EvaluateOptions {
  /** Evaluate under this version alone, as if it had never been amended or superseded. */
  readonly version?: string | null;
  readonly lang?: Lang;
  /** Leave out non-binding proposals (used when evaluating a proposal itself). */
  readonly proposals?: boolean;
  /** Take a checkpoint every this many events (default: `checkpointInterval(events)`). */
  readonly checkpointEvery?: number;
  /** The scenarios applied (engine/apply-scenarios.ts), reported in the state with the values they assume. */
  readonly scenarios?: { readonly applied: readonly ScenarioJson[]; readonly assumed: readonly AssumedJson[] };
}

/** A because tree that rests on assumed values says so: "under ASSUMED-1 (scenario x): …". */
function underAssumptions(because: Because, labels: readonly string[], assumed: readonly AssumedJson[], lang: Lang): Because {
  const notes = labels.flatMap((label) => {
    const a = assumed.find((x) => x.label === label);
    if (!a) return [];
    const text =
      a.scenario === null
        ? why(lang, 'under-assumption-cli', { label, term: a.term, value: a.value })
        : why(lang, 'under-assumption', { label, scenario: a.scenario, term: a.term, value: a.value });
    return [{ text }];
  });
  return { ...because, children: [...notes, ...(because.children ?? [])] };
}

function aggregatesOf(e: Expr | null, out: Aggregate[]): void {
  if (!e) return;
  if (e.kind === 'agg') out.push(e.agg);
  for (const x of subExprs(e)) aggregatesOf(x, out);
}

export function foldContext(timeline: readonly Version[], events: readonly LedgerEvent[]): FoldContext {
  const aggregates = new Map<string, { agg: Aggregate; version: Version }>();
  for (const v of timeline) {
    const found: Aggregate[] = [];
    for (const d of v.definitions.values()) aggregatesOf(d.expr, found);
    for (const n of v.norms.values()) {
      for (const e of normExprs(n)) aggregatesOf(e, found);
    }
    for (const a of found) if (!aggregates.has(a.key)) aggregates.set(a.key, { agg: a, version: v });
  }
  const currencies = new Map<string, number>();
  const count = (e: Expr | null): void => {
    if (!e) return;
    if (e.kind === 'lit' && e.value.k === 'money') currencies.set(e.value.v.currency, (currencies.get(e.value.v.currency) ?? 0) + 1);
    else if (e.kind === 'binary') {
      count(e.left);
      count(e.right);
    } else if (e.kind === 'unary') count(e.operand);
    else if (e.kind === 'call') e.args.forEach(count);
    // A conditional's branches, and a running definition's initial value and step, are definitions' values too.
    else if (e.kind === 'cond') subExprs(e).forEach(count);
    else if (e.kind === 'agg') [e.agg.init ?? null, e.agg.step ?? null].forEach(count);
  };
  for (const v of timeline) {
    for (const d of v.definitions.values()) count(d.expr);
    for (const n of v.norms.values()) {
      for (const e of normExprs(n)) count(e);
    }
  }
  const currency = [...currencies].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'USD';
  const byType = new Map<string, string[]>();
  for (const [key, a] of aggregates) byType.set(a.agg.event, [...(byType.get(a.agg.event) ?? []), key]);
  return { timeline, events: [...events].sort(compareEvents), aggregates, aggregatesByType: byType, currency };
}

/** Checkpoints every this many events (an as-of query replays at most this many events on a short ledger). */
export const CHECKPOINT_EVERY = 16;

/** At most this many checkpoints by default: their memory is bounded whatever the ledger's length. */
export const MAX_CHECKPOINTS = 64;

/**
 * The default interval: every CHECKPOINT_EVERY events, widened on long ledgers so that there are at most
 * MAX_CHECKPOINTS (a query then replays at most events/MAX_CHECKPOINTS events).
 */
export function checkpointInterval(events: number): number {
  return Math.max(CHECKPOINT_EVERY, Math.ceil(events / MAX_CHECKPOINTS));
}

export interface Evaluator {
  at(asOf: IsoDate, lang?: Lang): StateJson;
  /** The fold state as of a date (for explanations and tests): read it, never change it (later queries resume from it). */
  foldAt(asOf: IsoDate): FoldState;
  readonly checkpoints: number;
}

/**
 * An evaluator with checkpoints. When the ledger has events known only to a period, a query whose date they may
 * precede is answered over each of their placements (`placements.ts`), each with its own evaluator (kept for later
 * queries), and merged (`merge-states.ts`). Every placement has the same events before the first of those periods,
 * so each placement's evaluator starts from the state the fold reached the day before it, folded once.
 */
export function createEvaluator(family: Family, events: readonly LedgerEvent[], options: EvaluateOptions = {}): Evaluator {
  const exact = exactEvaluator(family, events, options, null);
  if (!events.some((e) => e.period)) return exact;
  const placementsAt = placer(timelineOf(family, options.version ?? null), events);
  const placed = new Map<string, Evaluator>();
  const firstFrom = events.reduce<IsoDate | null>((m, e) => (e.period && (m === null || e.period.from < m) ? e.period.from : m), null)!;
  let prefix: FoldState | null | undefined;
  const seed = (): FoldState | null => {
    // A period from the first day of the calendar has no day before it: its placements fold from the start.
    prefix ??= firstFrom > MIN_DATE ? cloneState(exact.foldAt(addDays(firstFrom, -1))) : null;
    return prefix;
  };
  return {
    ...exact,
    at: (asOf, lang = options.lang ?? 'en') => {
      const p = placementsAt(asOf);
      if (p.placements.length === 0) return exact.at(asOf, lang);
      const states = p.placements.map((pl) => {
        // The events as placed: not yet is the last day of the period, the same placement for every date before it.
        const key = pl.events
          .filter((e) => pl.spots.has(e.id))
          .map((e) => `${e.id}@${e.date}#${e.seq}`)
          .join(' ');
        let ev = placed.get(key);
        if (!ev) {
          // Kept for the next queries, up to a bound (a story asks many dates).
          if (placed.size >= 4 * MAX_PLACEMENTS) placed.clear();
          ev = exactEvaluator(family, pl.events, options, seed());
          placed.set(key, ev);
        }
        return ev.at(asOf, lang);
      });
      return mergeStates(states, p, lang);
    },
  };
}

/** A fold state and the date it is folded to (every day up to it processed): a later query resumes from it. */
interface Resume {
  readonly asOf: IsoDate;
  readonly state: FoldState;
}

/**
 * An evaluator of a ledger whose events all have their day. Its checkpoints are taken as queries fold past them (a
 * date asked once costs no more than a fold from scratch); `seed`, when given, is a state these events reach (a
 * prefix of the ledger they share with another), from which the first fold starts.
 */
function exactEvaluator(family: Family, events: readonly LedgerEvent[], options: EvaluateOptions, seed: FoldState | null): Evaluator {
  const only = options.version ?? null;
  const ctx = foldContext(timelineOf(family, only), events);
  const every = options.checkpointEvery ?? checkpointInterval(ctx.events.length);
  const checkpoints: FoldState[] = [];
  let lastAt = 0;
  let last: Resume | null = null;
  /** Folds `s` to `asOf`, taking a checkpoint every `every` events past the last one taken. */
  const run = (s: FoldState, asOf: IsoDate): void => {
    while (s.eventIndex < ctx.events.length && ctx.events[s.eventIndex]!.date <= asOf) {
      const before = s.day;
      runUntil(ctx, s, ctx.events[s.eventIndex]!.date);
      if (s.day === before) break;
      if (s.eventIndex - lastAt >= every) {
        checkpoints.push(cloneState(s));
        lastAt = s.eventIndex;
      }
    }
    runUntil(ctx, s, asOf);
  };
  const start = (): FoldState => (seed ? cloneState(seed) : initialState(ctx));
  const foldAt = (asOf: IsoDate): FoldState => {
    let lo = 0;
    let hi = checkpoints.length - 1;
    let best: FoldState | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = checkpoints[mid]!;
      if (c.day !== null && c.day <= asOf) {
        best = c;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // The state of the last query resumes a later one when it is past the best checkpoint (dates asked in order).
    const from = last !== null && last.asOf <= asOf && (best === null || (best.day !== null && best.day <= last.asOf)) ? last.state : best;
    const s = from ? cloneState(from) : start();
    run(s, asOf);
    // The state returned is never changed afterwards (a later query folds a clone of it): it is the resume point too,
    // and the explanations built later from it stay true.
    last = { asOf, state: s };
    return s;
  };
  return {
    foldAt,
    at: (asOf, lang = options.lang ?? 'en') => stateJson(family, ctx, foldAt(asOf), asOf, { ...options, lang }, events),
    get checkpoints() {
      const end = ctx.events[ctx.events.length - 1]?.date;
      if (end !== undefined && ctx.events.length >= every) foldAt(end);
      return checkpoints.length;
    },
  };
}

/** The state as of `asOf`, replayed from scratch. */
export function evaluate(family: Family, events: readonly LedgerEvent[], asOf: IsoDate, options: EvaluateOptions = {}): StateJson {
  const p = events.some((e) => e.period) ? placementsOf(timelineOf(family, options.version ?? null), events, asOf) : null;
  if (!p || p.placements.length === 0) return evaluateExact(family, events, asOf, options);
  return mergeStates(
    p.placements.map((pl) => evaluateExact(family, pl.events, asOf, options)),
    p,
    options.lang ?? 'en',
  );
}

/** The state with every event on the day the ledger gives (an event known only to a period on its first day). */
function evaluateExact(family: Family, events: readonly LedgerEvent[], asOf: IsoDate, options: EvaluateOptions): StateJson {
  const ctx = foldContext(timelineOf(family, options.version ?? null), events);
  const s = initialState(ctx);
  runUntil(ctx, s, asOf);
  return stateJson(family, ctx, s, asOf, options, events);
}

/** The fold state from scratch (no checkpoints). */
export function foldFromScratch(
  family: Family,
  events: readonly LedgerEvent[],
  asOf: IsoDate,
  version: string | null = null,
): { ctx: FoldContext; state: FoldState } {
  const ctx = foldContext(timelineOf(family, version), events);
  const s = initialState(ctx);
  runUntil(ctx, s, asOf);
  return { ctx, state: s };
}

export function envOf(ctx: FoldContext, s: FoldState): Env | null {
  const version = governing(ctx, s);
  if (!version) return null;
  return freshEnv(ctx, s, version);
}

/**
 * A norm's JSON: `approximate` names the reported approximations it rests on, `assumed` the assumptions, and `wrap`
 * notes them in its explanation.
 */
function normJson(
  n: NormState,
  env: Env,
  lang: Lang,
  approximate: readonly string[],
  assumed: readonly string[],
  wrap: (b: Because) => Because,
): NormJson {
  const until = n.untilDate ?? (n.status === 'expired' ? addDays(n.since, -1) : null);
  const json: NormJson = {
    id: n.id,
    kind: n.norm.kind,
    version: n.norm.meta.version,
    holder: n.norm.holder,
    ...(n.norm.holders.length > 1 ? { holders: n.norm.holders } : {}),
    ...(n.norm.reason ? { reason: n.norm.reason } : {}),
    counterparty: n.norm.counterparty,
    status: n.status,
    ...((n.status === 'indeterminate' || n.status === 'unreported') && n.maybe.length > 0 ? { possibleStatuses: n.maybe } : {}),
    since: n.since,
    ...(n.sinceKnown ? {} : { sinceKnown: false }),
    ...(until ? { until } : {}),
    ...(n.endedBy ? { endedBy: n.endedBy } : {}),
    ...rulesOf(n).json(n),
    ...(n.waitsFor.length > 0 && !isFinal(n) ? { waitsFor: n.waitsFor } : {}),
    ...oneOffAmount(n, env),
    ...(n.cureUntil && (n.status === 'active' || n.status === 'suspended') ? { cureUntil: n.cureUntil } : {}),
    instances: n.instances.map(instanceJson),
    because: LATER,
    ...(assumed.length > 0 ? { assumed } : {}),
    ...(approximate.length > 0 ? { approximate } : {}),
  };
  return withLater(json, 'because', () => wrap(explainNorm(env, n, lang)));
}

/** A one-off obligation's amount due and what was performed of it (recurring ones carry theirs per instance). */
function oneOffAmount(n: NormState, env: Env): Pick<NormJson, 'amount' | 'amountBounds' | 'performed'> {
  if (n.norm.kind !== 'obligation' || !n.norm.amount || n.norm.trigger) return {};
  const v = evalExpr(env, n.norm.amount);
  const bounds = boundsJson(v);
  // What was performed, in the amount's currency when it is known (`USD 1000.50`).
  const money = v.k === 'money' ? v.v : v.k === 'unknown' && v.bounds?.hi?.k === 'money' ? v.bounds.hi.v : null;
  const performed = money ? formatMoney({ currency: money.currency, amount: n.performed }) : formatDecimal(n.performed);
  return { amount: valueJson(v), ...(bounds ? { amountBounds: bounds } : {}), performed };
}

/**
 * The JSON of what no longer changes is made once and kept with the object it renders (frozen at its top level; what
 * it references may be shared with the agreement's IR, so it is not frozen): a fulfilled or terminated instance (never
 * changed again: checkpoints share them), a violation (never changed). As-of queries on a long ledger then render
 * only what is still open.
 */
const instanceJsons = new WeakMap<Instance, InstanceJson>();
const violationJsons = new WeakMap<Violation, Partial<Record<Lang, ViolationJson>>>();

function instanceJson(i: Instance): InstanceJson {
  const kept = instanceJsons.get(i);
  if (kept) return kept;
  const json: InstanceJson = {
    n: i.n,
    trigger: eventRef(i.trigger),
    due: i.due,
    amount: i.amount ? valueJson(i.amount) : null,
    ...(i.doubt || i.amount?.k === 'unknown' || i.dueWaits
      ? {
          waitsFor: [
            ...new Set([...(i.doubt ?? []), ...(i.amount?.k === 'unknown' ? i.amount.waitsFor : []), ...(i.dueWaits ?? [])]),
          ].sort(),
        }
      : {}),
    performed: formatDecimal(i.performed),
    status: i.status,
    since: i.since,
    ...(i.cureUntil && i.status === 'active' ? { cureUntil: i.cureUntil } : {}),
  };
  if (i.status === 'fulfilled' || i.status === 'terminated') instanceJsons.set(i, Object.freeze(json));
  return json;
}

function violationJson(v: Violation, version: Version | undefined, lang: Lang): ViolationJson {
  let byLang = violationJsons.get(v);
  const kept = byLang?.[lang];
  if (kept) return kept;
  const json: ViolationJson = {
    kind: v.kind,
    norm: v.norm,
    version: v.version,
    date: v.date,
    ...(v.event ? { event: eventRef(v.event) } : {}),
    ...(v.instance !== null ? { instance: v.instance } : {}),
    ...(v.reason ? { reason: v.reason } : {}),
    because: explainViolation(v, version, lang),
  };
  if (!byLang) {
    byLang = {};
    violationJsons.set(v, byLang);
  }
  byLang[lang] = Object.freeze(json);
  return json;
}

function proposalsAt(family: Family, ctx: FoldContext, actual: FoldState, asOf: IsoDate, events: readonly LedgerEvent[]): ProposalJson[] {
  const out: ProposalJson[] = [];
  const inTimeline = new Set(ctx.timeline.map((v) => v.id));
  for (const p of family.versions) {
    if (p.binding || inTimeline.has(p.id) || p.effective > asOf) continue;
    // Overtaken: a binding version took effect after the proposal.
    if (ctx.timeline.some((v) => v.effective > p.effective && v.effective <= asOf)) continue;
    const timeline = [
      ...ctx.timeline.filter((v) => v.effective <= p.effective),
      p,
      ...ctx.timeline.filter((v) => v.effective > p.effective),
    ];
    const pctx = foldContext(timeline, events);
    const ps = initialState(pctx);
    runUntil(pctx, ps, asOf);
    const ids = [...new Set([...actual.norms.keys(), ...ps.norms.keys()])].sort();
    const changes = ids
      .map((id) => ({ id, status: actual.norms.get(id)?.status ?? 'absent', proposedStatus: ps.norms.get(id)?.status ?? 'absent' }))
      .filter((c) => c.status !== c.proposedStatus);
    const actualEnv = envOf(ctx, actual);
    const proposedEnv = envOf(pctx, ps);
    const names = [
      ...new Set([...(actualEnv?.version.definitions.keys() ?? []), ...(proposedEnv?.version.definitions.keys() ?? [])]),
    ].sort();
    const valueIn = (en: Env | null, name: string): JsonValue | 'absent' =>
      en?.version.definitions.has(name) ? valueJson(evalDefinition(en, name)) : 'absent';
    const valueChanges = names
      .map((name) => ({ name, value: valueIn(actualEnv, name), proposedValue: valueIn(proposedEnv, name) }))
      .filter((c) => c.value !== c.proposedValue);
    out.push({ version: p.id, title: p.title, binding: false, effective: p.effective, changes, valueChanges });
  }
  return out;
}

export function stateJson(
  family: Family,
  ctx: FoldContext,
  s: FoldState,
  asOf: IsoDate,
  options: EvaluateOptions,
  events: readonly LedgerEvent[],
): StateJson {
  const lang = options.lang ?? 'en';
  const g = governing(ctx, s);
  const env = envOf(ctx, s);
  const norms: NormJson[] = [];
  const values: Record<string, ValueJson> = {};
  let accountsJson = {};
  if (env && g) {
    // What rests on a reported approximation (`about X`) is marked so: values, clauses and the accounts they feed.
    const approx = approximations(g);
    const versionOf = new Map(ctx.timeline.map((v) => [v.id, v]));
    const approxOf = (n: NormState): readonly string[] => {
      const v = versionOf.get(n.norm.meta.version);
      return (v ? approximations(v).norms.get(n.id) : undefined) ?? [];
    };
    const assumed = options.scenarios?.assumed ?? [];
    const onAssumed = assumptionsOf(g);
    for (const n of s.norms.values()) {
      const u = onAssumed.norms.get(n.id) ?? [];
      norms.push(normJson(n, env, lang, approxOf(n), u, (b) => (u.length > 0 ? underAssumptions(b, u, assumed, lang) : b)));
    }

    for (const name of [...g.definitions.keys()].sort()) {
      const v = evalDefinition(env, name);
      const a = approx.definitions.get(name) ?? [];
      const u = onAssumed.definitions.get(name) ?? [];
      const bounds = boundsJson(v);
      const expr = g.definitions.get(name)!.expr;
      const extensions = expr.kind === 'extended' ? extensionsJson(env, expr, lang) : [];
      values[name] = withLater<ValueJson, 'because'>(
        {
          value: valueJson(v),
          ...(v.k === 'unknown'
            ? { indeterminate: true as const, waitsFor: v.waitsFor, ...(v.none ? { noneYet: true as const } : {}) }
            : {}),
          ...(a.length > 0 ? { approximate: a } : {}),
          ...(u.length > 0 ? { assumed: u } : {}),
          ...(bounds ? { bounds } : {}),
          ...(expr.kind === 'list' ? { conditions: conditionsJson(env, expr) } : {}),
          ...(extensions.length > 0 ? { extensions } : {}),
          because: LATER,
        },
        'because',
        () => {
          const because = explainDefinition(env, name, lang);
          return u.length > 0 ? underAssumptions(because, u, assumed, lang) : because;
        },
      );
    }
    const book = accounts(env, s.norms.values());
    for (const n of s.norms.values()) {
      const party = book[accountOf(n.norm)];
      const a = n.norm.kind === 'obligation' && n.norm.amount ? approxOf(n) : [];
      if (!party || a.length === 0) continue;
      book[accountOf(n.norm)] = { ...party, approximate: [...new Set([...(party.approximate ?? []), n.id])].sort() };
    }
    accountsJson = book;
  }
  const versions = new Map(family.versions.map((v) => [v.id, v]));
  const diagnostics = s.conflicts.map((c) => {
    const norm = g?.norms.get(c.prohibition);
    const file = sourceFile(norm?.meta.span.file ?? c.event.file, '');
    const d = c.permits
      ? diagnostic(file, [0, 0], 'rule-conflict', { event: c.event.id, prohibition: c.prohibition, permission: c.clause })
      : diagnostic(file, [0, 0], 'act-conflict', { event: c.event.id, prohibition: c.prohibition, clause: c.clause });
    return toJson({ ...d, ...(norm ? { start: norm.meta.span.start, end: norm.meta.span.end } : {}) }, lang);
  });
  // A definition or clause amount with no applicable case (`if` without `else`): a gap in the agreement.
  const waits = new Set<string>();
  for (const v of Object.values(values)) for (const w of v.waitsFor ?? []) waits.add(w);
  for (const n of norms) for (const w of [...(n.waitsFor ?? []), ...n.instances.flatMap((i) => i.waitsFor ?? [])]) waits.add(w);
  for (const [name, meta] of g
    ? [...[...g.definitions.values()].map((d) => [d.name, d.meta] as const), ...[...g.norms.values()].map((n) => [n.id, n.meta] as const)]
    : []) {
    if (!waits.has(noCase(name))) continue;
    const d = diagnostic(sourceFile(meta.span.file, ''), [0, 0], 'no-case', { name });
    diagnostics.push(toJson({ ...d, start: meta.span.start, end: meta.span.end, trail: meta.trail }, lang));
  }
  // A date computed outside the years 0001–9999: the definition or clause waits for one in the calendar.
  const outside = (ws: readonly string[] | undefined): string | null => (ws ?? []).map(outsideCalendarDate).find((x) => x !== null) ?? null;
  const metaOf = (id: string): ClauseMeta | undefined => g?.definitions.get(id)?.meta ?? g?.norms.get(id)?.meta;
  for (const [id, date] of [
    ...Object.entries(values).map(([name, v]) => [name, outside(v.waitsFor)] as const),
    ...norms.map((n) => [n.id, outside([...(n.waitsFor ?? []), ...n.instances.flatMap((i) => i.waitsFor ?? [])])] as const),
  ]) {
    const meta = date === null ? undefined : metaOf(id);
    if (!meta || date === null) continue;
    const d = diagnostic(sourceFile(meta.span.file, ''), [0, 0], 'date-range', { date });
    diagnostics.push(toJson({ ...d, start: meta.span.start, end: meta.span.end, trail: meta.trail }, lang));
  }
  const hypothetical = events.filter((e) => e.hypothetical).length;
  return {
    asOf,
    family: family.agreement,
    governing: g ? { version: g.id, title: g.title, binding: g.binding, effective: g.effective } : null,
    ...(options.version ? { counterfactual: options.version } : {}),
    ...(hypothetical > 0 ? { hypothetical } : {}),
    ...(options.scenarios ? { scenarios: options.scenarios.applied, assumed: options.scenarios.assumed } : {}),
    proposals: options.proposals === false || options.version ? [] : proposalsAt(family, ctx, s, asOf, events),
    norms,
    values,
    violations: s.violations.map((v) => violationJson(v, versions.get(v.version), lang)),
    accounts: accountsJson,
    diagnostics,
  };
}
