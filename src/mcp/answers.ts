/**
 * What each MCP tool answers, as plain functions over the family directories: a short text (in the language asked,
 * with the clause citations and sources, and what is undisclosed or indeterminate said as such) and the same JSON the
 * CLI's `--json` prints. Nothing here knows the protocol (create-mcp-server.ts does).
 */
import { basename } from 'node:path';
import type { Family, Norm, Version } from '../check/ir.js';
import { checkFamily } from '../check/family.js';
import { printUndisclosed, printValue } from '../check/expr-text.js';
import { suggest } from '../check/suggest.js';
import { typeArg } from '../check/types.js';
import { hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { renderAll, toJson } from '../diagnostics/render.js';
import type { Lang } from '../diagnostics/terms.js';
import { holdersLabel, term } from '../diagnostics/terms.js';
import { kindLabel } from '../diff/diff-messages.js';
import { redlineJson } from '../diff/redline.js';
import { renderRedline } from '../diff/render-redline.js';
import { can } from '../engine/can.js';
import { createEvaluator, evaluate } from '../engine/evaluate.js';
import { PROBE_ID, probeEvent } from '../engine/probe-event.js';
import { renderCan } from '../engine/render-can.js';
import type { Because, ClauseRef } from '../engine/explain.js';
import { clauseRef } from '../engine/explain.js';
import { explainJson } from '../engine/explain-json.js';
import { renderBecause, renderState, showValue } from '../engine/render-state.js';
import type { StateJson } from '../engine/state.js';
import type { InstancesMode } from '../engine/instance-summary.js';
import { stateFor } from '../engine/instance-summary.js';
import { statusWord } from '../engine/why.js';
import type { LedgerEvent } from '../ledger/event.js';
import { parseDate } from '../values/dates.js';
import type { FamilySource, SourceLoaded } from './family-source.js';
import { mcpWords } from './mcp-words.js';

export type Answer =
  | { readonly ok: true; readonly text: string; readonly json: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly text: string };

const fail = (text: string): Answer => ({ ok: false, text });
const W = mcpWords;

interface Ready {
  readonly family: Family;
  readonly loaded: SourceLoaded;
}

async function unknownFamily(src: FamilySource, name: string, lang: Lang): Promise<Answer> {
  return fail(W.format(lang, 'unknown-family', { family: name, families: (await src.names()).join(', ') }));
}

/** The family named, loaded with its ledger (and the hypothetical events given as JSON lines), or why not. */
async function ready(src: FamilySource, name: string, lang: Lang, events?: string, scenario?: string): Promise<Ready | Answer> {
  if (scenario !== undefined) {
    const known = await src.scenarios(name);
    if (!known.includes(scenario))
      return (await src.names()).includes(name)
        ? fail(W.format(lang, 'unknown-scenario', { scenario, family: name, scenarios: known.join(', ') || W.format(lang, 'none') }))
        : unknownFamily(src, name, lang);
  }
  const loaded = await src.load(name, events, scenario);
  if (!loaded) return unknownFamily(src, name, lang);
  const diags = sortDiagnostics(loaded.diagnostics);
  if (!loaded.family || hasErrors(diags)) {
    const errors = diags.filter((d) => d.severity === 'error').length;
    return fail(`${W.format(lang, 'has-errors', { family: name, errors })}\n\n${renderAll(diags, lang, loaded.files)}`);
  }
  return { family: loaded.family, loaded };
}

const isAnswer = (x: Ready | Answer): x is Answer => 'ok' in x;

/**
 * What to evaluate under: the version asked, else the scenario's `version` (a counterfactual of it, as `--scenario`
 * evaluates it on the command line and over HTTP), with the scenario reported in the answer.
 */
function underOf(r: Ready, asked: Version | null, lang: Lang) {
  const u = r.loaded.under;
  return { version: asked?.id ?? u?.version ?? null, lang, ...(u ? { scenarios: u.scenarios } : {}) };
}

function dateOf(text: string, lang: Lang): string | Answer {
  return parseDate(text) ?? fail(W.format(lang, 'bad-date', { text: JSON.stringify(text) }));
}

function versionOf(family: Family, id: string | undefined, lang: Lang): Version | Answer | null {
  if (id === undefined) return null;
  return (
    family.versions.find((v) => v.id === id) ??
    fail(W.format(lang, 'unknown-version', { id, family: family.agreement, versions: family.versions.map((v) => v.id).join(', ') }))
  );
}

/** The last event's date, else the last version's effective date: the default "as of" of a family. */
export function lastDate(family: Family, events: readonly LedgerEvent[]): string {
  // biome-ignore lint/complexity/useMathMinMax: ISO dates, compared as text
  return events.reduce((m, e) => (e.date > m ? e.date : m), family.versions[family.versions.length - 1]?.effective ?? '');
}

/** One line per clause: where its text is and the source it cites. */
function citation(c: ClauseRef, lang: Lang): string {
  const src = c.source ? ` — ${c.source.title} (${statusWord(lang, c.source.status)})` : '';
  return `${c.id}: § ${c.trail.length ? c.trail.join(' › ') : c.id} [${c.version}, ${c.file}:${c.line}]${src}`;
}

function sources(st: StateJson, lang: Lang): string {
  const refs = [...st.norms.map((n) => n.because.clause), ...Object.values(st.values).map((v) => v.because.clause)];
  const lines = refs.filter((c): c is ClauseRef => c !== undefined).map((c) => `  ${citation(c, lang)}`);
  return lines.length ? `\n\n${W.format(lang, 'sources-title')}\n${lines.join('\n')}` : '';
}

export async function listFamilies(src: FamilySource, lang: Lang): Promise<Answer> {
  const out: Record<string, unknown>[] = [];
  const lines: string[] = [];
  for (const name of await src.names()) {
    const dir = src.where(name);
    const r = await ready(src, name, lang);
    if (isAnswer(r)) {
      out.push({ family: name, dir, errors: true });
      lines.push(r.text.split('\n')[0] ?? name);
      continue;
    }
    const { family, loaded } = r;
    const last = lastDate(family, loaded.events);
    out.push({
      family: name,
      dir,
      lastEvent: last,
      events: loaded.events.length,
      scenarios: await src.scenarios(name),
      versions: family.versions.map((v) => ({
        id: v.id,
        title: v.title,
        binding: v.binding,
        signed: v.signed,
        effective: v.effective,
        amends: v.amends,
        supersedes: v.supersedes,
      })),
    });
    lines.push(W.format(lang, 'family-line', { family: name, dir, versions: family.versions.length, events: loaded.events.length, last }));
    for (const v of family.versions)
      lines.push(
        `  ${W.format(lang, 'version-line', { id: v.id, title: v.title, binding: W.format(lang, v.binding ? 'binding' : 'proposal'), effective: v.effective })}`,
      );
  }
  return { ok: true, text: lines.join('\n'), json: { families: out } };
}

/** Checks a family, or one document's text in place of (or beside) the family's file at `path`. */
export async function check(src: FamilySource, lang: Lang, input: { family: string; path?: string; text?: string }): Promise<Answer> {
  const inputs = await src.documents(input.family);
  if (!inputs) return unknownFamily(src, input.family, lang);
  const dir = src.where(input.family);
  if (input.text !== undefined) {
    const path = input.path ?? `${dir}/draft.pacte.md`;
    const i = inputs.findIndex((f) => f.path === path || basename(f.path) === basename(path));
    if (i >= 0) inputs[i] = { path: inputs[i]!.path, text: input.text };
    else inputs.push({ path, text: input.text });
  }
  const r = checkFamily(inputs, dir);
  const diags = sortDiagnostics(r.diagnostics);
  const errors = diags.filter((d) => d.severity === 'error').length;
  const head = W.format(lang, 'check-summary', { family: input.family, documents: inputs.length, errors, warnings: diags.length - errors });
  return {
    ok: true,
    text: diags.length ? `${head}\n\n${renderAll(diags, lang, r.files)}` : head,
    json: { errors, warnings: diags.length - errors, diagnostics: diags.map((d) => toJson(d, lang)) },
  };
}

export interface StateInput {
  readonly family: string;
  readonly asOf?: string | undefined;
  readonly version?: string | undefined;
  readonly events?: string | undefined;
  readonly scenario?: string | undefined;
}

async function stateOf(src: FamilySource, lang: Lang, input: StateInput): Promise<{ st: StateJson; r: Ready } | Answer> {
  const r = await ready(src, input.family, lang, input.events, input.scenario);
  if (isAnswer(r)) return r;
  const asOf = input.asOf === undefined ? lastDate(r.family, r.loaded.events) : dateOf(input.asOf, lang);
  if (typeof asOf !== 'string') return asOf;
  const v = versionOf(r.family, input.version, lang);
  if (v && 'ok' in v) return v;
  return { st: evaluate(r.family, r.loaded.events, asOf, underOf(r, v, lang)), r };
}

/** The state, a recurring clause's instances summarized past 20 (instance-summary.ts) unless `instances` is 'all'. */
export async function state(
  src: FamilySource,
  lang: Lang,
  input: StateInput & { readonly instances?: InstancesMode | undefined },
): Promise<Answer> {
  const s = await stateOf(src, lang, input);
  if ('ok' in s) return s;
  const st = stateFor(s.st, input.instances ?? 'summary');
  return { ok: true, text: `${renderState(st, lang, 'mcp')}${sources(st, lang)}`, json: st as unknown as Record<string, unknown> };
}

/** Would this act, done on that date, be valid? The probe is checked as a hypothetical ledger line; nothing is written. */
export async function canAct(
  src: FamilySource,
  lang: Lang,
  input: StateInput & {
    readonly asOf: string;
    readonly party: string;
    readonly type: string;
    readonly data?: Record<string, unknown> | undefined;
  },
): Promise<Answer> {
  const asOf = dateOf(input.asOf, lang);
  if (typeof asOf !== 'string') return asOf;
  const overlay = probeEvent({ asOf, party: input.party, type: input.type, data: input.data ?? {} }).text;
  const r = await ready(
    src,
    input.family,
    lang,
    input.events ? `${input.events.replace(/\n*$/, '')}\n${overlay}` : overlay,
    input.scenario,
  );
  if (isAnswer(r)) return r;
  const v = versionOf(r.family, input.version, lang);
  if (v && 'ok' in v) return v;
  const probe = r.loaded.events.find((e) => e.id === PROBE_ID && e.hypothetical);
  if (!probe) return fail(W.format(lang, 'has-errors', { family: input.family, errors: 1 }));
  const c = can(r.family, r.loaded.events, probe, input.data ?? {}, underOf(r, v, lang));
  return { ok: true, text: renderCan(c, lang), json: c as unknown as Record<string, unknown> };
}

export async function explain(src: FamilySource, lang: Lang, input: StateInput & { readonly name: string }): Promise<Answer> {
  const s = await stateOf(src, lang, input);
  if ('ok' in s) return s;
  const r = explainJson(s.st, input.name);
  if (!r) {
    const hint = suggest(input.name, [...s.st.norms.map((n) => n.id), ...Object.keys(s.st.values)]);
    const args = { name: input.name, family: input.family, date: s.st.asOf };
    return fail(hint ? W.format(lang, 'unknown-name-hint', { ...args, suggestion: hint }) : W.format(lang, 'unknown-name', args));
  }
  const head = 'status' in r ? `${input.name}: ${statusWord(lang, r.status)} (${r.since})` : `${input.name} = ${showValue(r.value, lang)}`;
  return { ok: true, text: `${head}\n${renderBecause(r.because as Because, lang, '  ')}`, json: { asOf: s.st.asOf, ...r } };
}

export async function diff(
  src: FamilySource,
  lang: Lang,
  input: {
    family: string;
    from: string;
    to: string;
    asOf?: string | undefined;
    events?: string | undefined;
    scenario?: string | undefined;
  },
): Promise<Answer> {
  const r = await ready(src, input.family, lang, input.events, input.scenario);
  if (isAnswer(r)) return r;
  for (const id of [input.from, input.to]) {
    const v = versionOf(r.family, id, lang);
    if (v && 'ok' in v) return v;
  }
  const asOf = input.asOf === undefined ? null : dateOf(input.asOf, lang);
  if (asOf !== null && typeof asOf !== 'string') return asOf;
  const red = redlineJson(r.family, input.from, input.to, r.loaded.events, asOf);
  if (!red) return fail(W.format(lang, 'unknown-version', { id: input.to, family: input.family, versions: '' }));
  return { ok: true, text: renderRedline(red, lang), json: red as unknown as Record<string, unknown> };
}

/** The relationship version by version: at each version's effective date, the governing version and the norms whose status changed. */
export async function story(src: FamilySource, lang: Lang, input: { family: string; asOf?: string | undefined }): Promise<Answer> {
  const r = await ready(src, input.family, lang);
  if (isAnswer(r)) return r;
  const end = input.asOf === undefined ? lastDate(r.family, r.loaded.events) : dateOf(input.asOf, lang);
  if (typeof end !== 'string') return end;
  const evaluator = createEvaluator(r.family, r.loaded.events, { lang });
  const steps: Record<string, unknown>[] = [];
  const lines: string[] = [];
  let prev: StateJson | null = null;
  const dates = [...r.family.versions.filter((v) => v.effective <= end).map((v) => ({ date: v.effective, v })), { date: end, v: null }];
  for (const { date, v } of dates) {
    const st = evaluator.at(date, lang);
    const before = new Map(prev?.norms.map((n) => [n.id, n.status]) ?? []);
    const changes = st.norms
      .filter((n) => before.get(n.id) !== n.status)
      .map((n) => ({ id: n.id, from: before.get(n.id) ?? null, to: n.status, since: n.since, clause: n.because.clause ?? null }));
    const binding = v ? v.binding : true;
    steps.push({ date, version: v?.id ?? null, binding, governing: st.governing?.version ?? null, changes });
    const changeText = changes.length
      ? changes
          .map((c) =>
            W.format(lang, 'story-change', { id: c.id, from: c.from ? statusWord(lang, c.from) : '—', to: statusWord(lang, c.to) }),
          )
          .join(', ')
      : W.format(lang, 'no-change');
    lines.push(
      W.format(lang, 'story-line', {
        date,
        version: v ? `${v.id} — ${v.title}` : '',
        binding: W.format(lang, binding ? 'binding' : 'proposal'),
        governing: st.governing?.version ?? W.format(lang, 'none'),
        changes: changeText,
      }),
    );
    if (binding) prev = st;
  }
  return { ok: true, text: lines.join('\n'), json: { family: input.family, asOf: end, steps } };
}

/** What changed between two dates: norms whose status changed, values that changed, and the events in between. */
export async function changes(src: FamilySource, lang: Lang, input: { family: string; from: string; to: string }): Promise<Answer> {
  const r = await ready(src, input.family, lang);
  if (isAnswer(r)) return r;
  const from = dateOf(input.from, lang);
  if (typeof from !== 'string') return from;
  const to = dateOf(input.to, lang);
  if (typeof to !== 'string') return to;
  const evaluator = createEvaluator(r.family, r.loaded.events, { lang });
  const a = evaluator.at(from, lang);
  const b = evaluator.at(to, lang);
  const before = new Map(a.norms.map((n) => [n.id, n]));
  const norms = b.norms
    .filter((n) => before.get(n.id)?.status !== n.status || before.get(n.id)?.since !== n.since)
    .map((n) => ({ id: n.id, from: before.get(n.id)?.status ?? null, to: n.status, since: n.since, because: n.because }));
  const names = new Set([...Object.keys(a.values), ...Object.keys(b.values)]);
  const values = [...names]
    .filter((k) => a.values[k]?.value !== b.values[k]?.value || a.values[k]?.indeterminate !== b.values[k]?.indeterminate)
    .map((k) => ({
      name: k,
      from: a.values[k] ? a.values[k].value : 'absent',
      to: b.values[k] ? b.values[k].value : 'absent',
      indeterminate: b.values[k]?.indeterminate === true,
      because: b.values[k]?.because ?? null,
    }));
  const events = r.loaded.events
    .filter((e) => e.date > from && e.date <= to)
    .map((e) => ({ id: e.id, date: e.date, type: e.type, actor: e.actor, source: e.source }));
  const show = (v: string | boolean | null): string => (v === 'absent' ? W.format(lang, 'absent') : showValue(v, lang));
  const lines = [
    W.format(lang, 'changes-title', { from, to, norms: norms.length, values: values.length, events: events.length }),
    ...norms.map(
      (n) =>
        `  ${W.format(lang, 'norm-change', { id: n.id, from: n.from ? statusWord(lang, n.from) : '—', to: statusWord(lang, n.to), since: n.since })}`,
    ),
    ...values.map((v) => `  ${W.format(lang, 'value-change', { name: v.name, from: show(v.from), to: show(v.to) })}`),
    ...events.map(
      (e) =>
        `  ${W.format(lang, 'event-line', { date: e.date, id: e.id, type: e.type, actor: e.actor, source: e.source ? W.format(lang, 'source', { title: e.source.title, status: statusWord(lang, e.source.status) }) : '' })}`,
    ),
  ];
  return { ok: true, text: lines.join('\n'), json: { family: input.family, from, to, norms, values, events } };
}

function governingAtEnd(family: Family): Version | null {
  const binding = family.versions.filter((v) => v.binding);
  return binding[binding.length - 1] ?? null;
}

function normLine(n: Norm, lang: Lang): string {
  const c = clauseRef(n.id, n.meta);
  return W.format(lang, 'clause-line', {
    id: n.id,
    kind: kindLabel(lang, n.kind),
    holder: holdersLabel(lang, n.holders),
    counterparty: n.counterparty ?? '—',
    version: c.version,
    file: c.file,
    line: c.line,
    trail: c.trail.length ? ` § ${c.trail.join(' › ')}` : '',
    source: c.source ? W.format(lang, 'source', { title: c.source.title, status: statusWord(lang, c.source.status) }) : '',
  });
}

/** The clauses (norms, definitions, event types) of a version in effective form: by default the last binding version. */
export async function listClauses(src: FamilySource, lang: Lang, input: { family: string; version?: string | undefined }): Promise<Answer> {
  const r = await ready(src, input.family, lang);
  if (isAnswer(r)) return r;
  const asked = versionOf(r.family, input.version, lang);
  if (asked && 'ok' in asked) return asked;
  const v = asked ?? governingAtEnd(r.family) ?? r.family.versions[r.family.versions.length - 1];
  if (!v) return fail(W.format(lang, 'unknown-version', { id: '', family: input.family, versions: '' }));
  const norms = [...v.norms.values()].map((n) => ({
    id: n.id,
    kind: n.kind,
    holder: n.holder,
    ...(n.holders.length > 1 ? { holders: n.holders } : {}),
    counterparty: n.counterparty,
    clause: clauseRef(n.id, n.meta),
    text: n.meta.text,
  }));
  const definitions = [...v.definitions.values()].map((d) => ({
    name: d.name,
    type: d.type,
    clause: clauseRef(d.name, d.meta),
    text: d.meta.text,
  }));
  const events = [...v.events.values()].map((e) => ({
    name: e.name,
    fields: Object.fromEntries([...e.fields].map(([k, t]) => [k, t])),
    clause: clauseRef(e.name, e.meta),
  }));
  const lines = [
    W.format(lang, 'clauses-title', { version: v.id, effective: v.effective }),
    ...[...v.norms.values()].map((n) => `  ${normLine(n, lang)}`),
    ...[...v.definitions.values()].map((d) => {
      const c = clauseRef(d.name, d.meta);
      return `  ${W.format(lang, 'definition-line', {
        name: d.name,
        type: term(typeArg(d.type), lang),
        version: c.version,
        file: c.file,
        line: c.line,
        trail: c.trail.length ? ` § ${c.trail.join(' › ')}` : '',
        source: c.source ? W.format(lang, 'source', { title: c.source.title, status: statusWord(lang, c.source.status) }) : '',
      })}`;
    }),
    ...[...v.events.values()].map(
      (e) =>
        `  ${W.format(lang, 'event-type-line', { name: e.name, fields: [...e.fields.keys()].join(', '), version: e.meta.version, file: e.meta.span.file, line: e.meta.span.start.line })}`,
    ),
  ];
  return { ok: true, text: lines.join('\n'), json: { family: input.family, version: v.id, norms, definitions, events } };
}

export async function listParties(src: FamilySource, lang: Lang, input: { family: string }): Promise<Answer> {
  const r = await ready(src, input.family, lang);
  if (isAnswer(r)) return r;
  const parties = new Map<string, { id: string; name: string; role: string | null; versions: string[] }>();
  for (const v of r.family.versions)
    for (const p of v.parties.values()) {
      const e = parties.get(p.id) ?? { id: p.id, name: p.name, role: p.role, versions: [] };
      e.versions.push(v.id);
      parties.set(p.id, e);
    }
  const list = [...parties.values()];
  const text = list
    .map((p) =>
      W.format(lang, 'party-line', { id: p.id, name: p.name, role: p.role ? ` (${p.role})` : '', versions: p.versions.join(', ') }),
    )
    .join('\n');
  return { ok: true, text, json: { family: input.family, parties: list } };
}

export async function listEvents(
  src: FamilySource,
  lang: Lang,
  input: { family: string; from?: string | undefined; to?: string | undefined; type?: string | undefined },
): Promise<Answer> {
  const r = await ready(src, input.family, lang);
  if (isAnswer(r)) return r;
  const from = input.from === undefined ? null : dateOf(input.from, lang);
  if (from !== null && typeof from !== 'string') return from;
  const to = input.to === undefined ? null : dateOf(input.to, lang);
  if (to !== null && typeof to !== 'string') return to;
  const events = r.loaded.events.filter(
    (e) => (from === null || e.date >= from) && (to === null || e.date <= to) && (input.type === undefined || e.type === input.type),
  );
  const json = events.map((e) => ({
    id: e.id,
    date: e.date,
    type: e.type,
    actor: e.actor,
    data: Object.fromEntries([
      ...[...e.data].map(([k, v]) => [k, printValue(v)]),
      ...[...(e.unknown ?? [])].map(([k, b]) => [k, printUndisclosed(b)]),
    ]),
    source: e.source,
    line: e.line,
  }));
  const window = from || to ? ` (${from ?? '…'} – ${to ?? '…'})` : '';
  const lines = [
    W.format(lang, 'events-title', { count: events.length, family: input.family, window }),
    ...events.map(
      (e) =>
        `  ${W.format(lang, 'event-line', { date: e.date, id: e.id, type: e.type, actor: e.actor, source: e.source ? W.format(lang, 'source', { title: e.source.title, status: statusWord(lang, e.source.status) }) : '' })}`,
    ),
  ];
  return { ok: true, text: lines.join('\n'), json: { family: input.family, events: json } };
}
