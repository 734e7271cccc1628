/**
 * Explanations: the `because` tree of a norm, a definition or a violation — the clause (version, file position,
 * heading trail, source), the events that made it so, and the explanations of the definitions it used.
 */
import type { ClauseMeta, Expr, Version } from '../check/ir.js';
import type { Point } from '../source/source-file.js';
import { exprRefs } from '../check/deps.js';
import { normExprs } from '../check/walk.js';
import type { Lang } from '../diagnostics/terms.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { Env } from './expr.js';
import { evalDefinition, evalExpr, noCase } from './expr.js';
import { exprText as termText } from '../check/expr-text.js';
import { eventsBehind } from './events-behind.js';
import type { Violation } from './fold-state.js';
import type { NormState } from './norm-state.js';
import type { JsonValue } from './value-json.js';
import { formatVal, valueJson } from './value-json.js';
import { reasonText, waitsText, why } from './why.js';
import { addDays } from '../values/dates.js';
import { conditionsBecause, conditionsJson, extensionSentences } from './deal-values.js';

export interface ClauseRef {
  readonly id: string;
  readonly version: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The clause's whole text in the file. */
  readonly span: { readonly start: Point; readonly end: Point };
  readonly trail: readonly string[];
  readonly source?: { readonly title: string; readonly url: string | null; readonly status: string };
}

export interface EventRef {
  readonly id: string;
  readonly date: string;
  readonly type: string;
  readonly actor: string;
  readonly hypothetical?: true;
  /** Set when the ledger knows only a period (`2021`): `date` is then its first day. */
  readonly period?: string;
  readonly source?: { readonly title: string; readonly url: string | null; readonly status: string };
}

export interface Because {
  readonly text: string;
  /**
   * The value the node states, as typed JSON beside its text (a definition's value, a condition's truth): money
   * `"USD 2000000"`, a date, a number, true/false; null when it is undisclosed or none yet.
   */
  readonly value?: JsonValue;
  readonly clause?: ClauseRef;
  readonly events?: readonly EventRef[];
  readonly children?: readonly Because[];
}

export function clauseRef(id: string, meta: ClauseMeta): ClauseRef {
  const c = meta.citation;
  return {
    id,
    version: meta.version,
    file: meta.span.file,
    line: meta.span.start.line,
    column: meta.span.start.column,
    span: { start: meta.span.start, end: meta.span.end },
    trail: meta.trail,
    ...(c ? { source: { title: c.source.title, url: c.source.url, status: c.status } } : {}),
  };
}

export function eventRef(e: LedgerEvent): EventRef {
  return {
    id: e.id,
    date: e.period ? e.period.from : e.date,
    ...(e.period ? { period: e.period.text } : {}),
    type: e.type,
    actor: e.actor,
    ...(e.hypothetical ? { hypothetical: true as const } : {}),
    ...(e.source ? { source: { title: e.source.title, url: e.source.url, status: e.source.status } } : {}),
  };
}

function uniqueEvents(events: readonly LedgerEvent[]): EventRef[] {
  const seen = new Set<string>();
  return events.filter((e) => !seen.has(e.id) && seen.add(e.id)).map(eventRef);
}

/** The because tree of a definition's value, with the events its aggregates counted and the definitions it uses. */
export function explainDefinition(env: Env, name: string, lang: Lang, depth = 0): Because {
  const def = env.version.definitions.get(name);
  const v = evalDefinition(env, name);
  const gap = v.k === 'unknown' && v.waitsFor.length === 1 && v.waitsFor[0] === noCase(name);
  let text = gap
    ? why(lang, 'no-case', { name })
    : v.k === 'unknown'
      ? // No event yet (`latest invoice.amount` before any invoice) is not an undisclosed term.
        v.none && v.waitsFor.length > 0 && v.waitsFor.every((w) => env.version.norms.has(w))
        ? // `date c became S` while `c` has another status: no event is awaited, a status is.
          why(lang, 'definition-no-status-yet', { name, clauses: v.waitsFor.map((w) => `\`${w}\``).join(', ') })
        : why(lang, v.none ? 'definition-none-yet' : 'definition-unknown', { name, waits: waitsText(lang, v.waitsFor) })
      : why(lang, 'definition', { name, value: formatVal(v, lang) });
  const value = valueJson(v);
  if (!def) return { text, value };
  if (def.expr.kind === 'list') {
    const c = conditionsBecause(name, conditionsJson(env, def.expr), lang);
    return { text: c.text, value, clause: clauseRef(name, def.meta), children: c.children };
  }
  const steps = def.expr.kind === 'extended' ? extensionSentences(env, def.expr, def.meta, lang) : [];
  if (steps.length > 0 && v.k !== 'unknown')
    text = why(lang, 'extended-value', { name, value: formatVal(v, lang), steps: steps.join('; ') });
  const stepNodes = v.k === 'unknown' ? steps.map((t) => ({ text: t })) : [];
  // The definitions it uses explain their own events (children); an `if` first says which of its conditions hold.
  const events = eventsBehind(env, def.expr);
  const cases: Because[] = [];
  for (let e: Expr | null = def.expr; e && e.kind === 'cond'; ) {
    const c = evalExpr({ ...env, subject: null, trigger: null }, e.cond);
    if (c.k !== 'bool') break;
    cases.push({ text: why(lang, c.v ? 'condition-holds' : 'condition-fails', { text: termText(e.cond, def.meta) }), value: c.v });
    e = c.v ? null : e.else;
  }
  const refs =
    depth > 6
      ? []
      : [...exprRefs(def.expr)]
          .filter((r) => env.version.definitions.has(r))
          .sort()
          .map((r) => explainDefinition(env, r, lang, depth + 1));
  const children = [...stepNodes, ...cases, ...refs];
  return {
    text,
    value,
    clause: clauseRef(name, def.meta),
    ...(events.length > 0 ? { events: uniqueEvents(events) } : {}),
    ...(children.length > 0 ? { children } : {}),
  };
}

function exprText(n: NormState, index: number): string {
  const end = n.norm.ends[index];
  if (!end) return '';
  const text = n.norm.meta.text;
  const start = end.at[0] - n.norm.meta.span.start.offset;
  const stop = end.at[1] - n.norm.meta.span.start.offset;
  return start >= 0 && stop <= text.length ? text.slice(start, stop) : '';
}

/** With several holders (`a or b can …`), the one whose act caused the status. */
function byActor<A extends { holder: string }>(args: A, n: NormState): A {
  return n.cause.kind === 'event' && n.norm.holders.includes(n.cause.event.actor) ? { ...args, holder: n.cause.event.actor } : args;
}

/** The sentence that says why the norm has its status. */
export function normSentence(n: NormState, lang: Lang): string {
  const norm = n.norm;
  const args = {
    id: n.id,
    since: n.since,
    holder: norm.holder,
    asker: norm.counterparty ?? '',
    version: '',
    date: '',
    text: '',
    waits: waitsText(lang, n.waitsFor),
  };
  const c = n.cause;
  switch (n.status) {
    case 'indeterminate':
      return why(lang, 'indeterminate', args);
    case 'unreported':
      return why(lang, 'unreported', { ...args, date: c.kind === 'deadline' ? c.date : '' });
    case 'suspended': {
      const slice = (e: Expr): string => norm.meta.text.slice(e.at[0] - norm.meta.span.start.offset, e.at[1] - norm.meta.span.start.offset);
      if (norm.suspendedWhile) return why(lang, 'suspended', { ...args, text: slice(norm.suspendedWhile) });
      return why(lang, 'suspended-when', { ...args, text: norm.when ? slice(norm.when) : '' });
    }
    case 'expired':
      return why(lang, 'expired', { ...args, date: c.kind === 'end-date' ? c.date : addDays(n.since, -1) });
    case 'terminated':
      if (c.kind === 'superseded') return why(lang, 'superseded', { ...args, version: c.version });
      if (c.kind === 'end-condition') {
        // `until exercised p`: the power's name (the clause's text would read "the power `exercised p`").
        const end = n.norm.ends[c.index];
        if (n.endedBy === 'power' && end?.kind === 'exercised') return why(lang, 'ended-power', { ...args, text: end.clause });
        return why(lang, n.endedBy === 'power' ? 'ended-power' : 'ended-condition', { ...args, text: exprText(n, c.index) });
      }
      return why(lang, 'ended-condition', args);
    case 'fulfilled':
      return why(lang, 'fulfilled', byActor(args, n));
    case 'violated':
      return norm.kind === 'prohibition'
        ? why(lang, 'breached', byActor(args, n))
        : why(lang, 'missed', { ...args, date: c.kind === 'deadline' ? c.date : '' });
    case 'exercised':
      return norm.reason
        ? why(lang, 'exercised-for', { ...byActor(args, n), reason: norm.reason })
        : why(lang, 'exercised', byActor(args, n));
    case 'requested':
      return why(lang, 'requested', args);
    case 'given':
      return c.kind === 'lapse' ? why(lang, 'deemed', { ...args, date: c.date }) : why(lang, 'given', args);
    case 'refused':
      return why(lang, 'refused', args);
    case 'lapsed':
      return why(lang, 'lapsed', { ...args, date: c.kind === 'lapse' ? c.date : '' });
    case 'pending':
      if (norm.kind === 'consent' && n.started) return why(lang, 'consent-pending', args);
      return n.startDate ? why(lang, 'starts-on', { ...args, date: n.startDate }) : why(lang, 'waits-start', args);
    case 'active':
      if (c.kind === 'start') return why(lang, 'starts-on', { ...args, date: c.date });
      if (c.kind === 'start-condition') return why(lang, 'started-condition', args);
      if (c.kind === 'suspension') return why(lang, 'resumed', args);
      return why(lang, 'in-force-version', { ...args, since: n.since, version: c.kind === 'version' ? c.version : norm.meta.version });
  }
}

/** The definitions a norm's terms use (conditions, amounts, dates). */
function normRefs(n: NormState): string[] {
  const norm = n.norm;
  const refs = new Set<string>();
  for (const e of normExprs(norm)) exprRefs(e, refs);
  return [...refs].sort();
}

export function explainNorm(env: Env, n: NormState, lang: Lang): Because {
  // The powers its terms read that were exercised: a consequence says what it follows from (and for which reason).
  // (Not the power whose exercise ended it, already named by its status, unless there is a reason to add.)
  const end = n.status === 'terminated' && n.cause.kind === 'end-condition' ? n.norm.ends[n.cause.index] : undefined;
  const named = end?.kind === 'exercised' ? end.clause : null;
  const exercised = normRefs(n).flatMap((r) => {
    const p = env.norms?.get(r);
    if (!p || r === n.id || p.norm.kind !== 'power' || p.status !== 'exercised') return [];
    if (r === named && !p.norm.reason) return [];
    const args = { power: r, since: p.since };
    return [
      { text: p.norm.reason ? why(lang, 'follows-exercise-for', { ...args, reason: p.norm.reason }) : why(lang, 'follows-exercise', args) },
    ];
  });
  const children = [
    ...exercised,
    ...normRefs(n)
      .filter((r) => env.version.definitions.has(r))
      .map((r) => explainDefinition(env, r, lang)),
  ];
  const events = uniqueEvents(n.events);
  return {
    text: normSentence(n, lang),
    clause: clauseRef(n.id, n.norm.meta),
    ...(events.length > 0 ? { events } : {}),
    ...(children.length > 0 ? { children } : {}),
  };
}

export function explainViolation(v: Violation, version: Version | undefined, lang: Lang): Because {
  const norm = version?.norms.get(v.norm);
  return {
    // An exercise whose validity depends on undisclosed terms is a possible exercise, not an invalid one.
    text: why(
      lang,
      v.kind === 'invalid-exercise' && v.reason?.endsWith('-unknown') ? 'violation-possible-exercise' : `violation-${v.kind}`,
      {
        norm: v.norm,
        date: v.date,
        reason: v.reason ? reasonText(lang, v.reason) : '',
      },
    ),
    ...(norm ? { clause: clauseRef(v.norm, norm.meta) } : {}),
    ...(v.event ? { events: [eventRef(v.event)] } : {}),
  };
}
