/**
 * `can(family, events, probe, options)`: would this act, done on its day, be valid? The family is evaluated with the
 * probe and without it, nothing is written; the act is judged (`judgeEvent`), and the real events after its day that
 * it would contradict (a later real exercise of a power it exercises, a later real act of a norm it ends) are listed:
 * a hypothetical act that diverges from reality is asked as a scenario with a branch date.
 */
import type { Family } from '../check/ir.js';
import type { Lang } from '../diagnostics/terms.js';
import type { LedgerEvent } from '../ledger/event.js';
import type { EvaluateOptions } from './evaluate.js';
import { createEvaluator } from './evaluate.js';
import type { Violation } from './fold-state.js';
import type { CanEffect, CanFinding, CanVerdict } from './judge-event.js';
import { judgeEvent } from './judge-event.js';
import type { StateJson, ViolationJson } from './state.js';
import { timelineOf } from './timeline.js';

/** What a `can` question is asked under: a version alone, the scenarios applied (the family and ledger given are theirs). */
export interface CanOptions {
  readonly version?: string | null;
  readonly lang: Lang;
  readonly scenarios?: EvaluateOptions['scenarios'];
}

export interface CanJson {
  readonly asOf: string;
  readonly family: string;
  readonly governing: StateJson['governing'];
  readonly counterfactual?: string;
  readonly hypothetical?: number;
  /** The scenarios the question is asked under, and the values they assume (as in the state). */
  readonly scenarios?: StateJson['scenarios'];
  readonly assumed?: StateJson['assumed'];
  readonly act: { readonly party: string; readonly type: string; readonly data: Readonly<Record<string, unknown>> };
  readonly verdict: CanVerdict;
  readonly findings: readonly CanFinding[];
  /** Norms whose status the act changes on its day. */
  readonly effects: readonly CanEffect[];
  /** Clauses of the governing versions that name the act's type. */
  readonly clauses: readonly string[];
  /** Later real events the act would contradict: what they would become, with the act before them. */
  readonly contradictions: readonly ViolationJson[];
}

const key = (v: Violation): string => `${v.kind}|${v.norm}|${v.event?.id ?? ''}|${v.reason ?? ''}`;

export function can(
  family: Family,
  events: readonly LedgerEvent[],
  probe: LedgerEvent,
  data: Readonly<Record<string, unknown>>,
  options: CanOptions,
): CanJson {
  const version = options.version ?? null;
  const without = events.filter((e) => e !== probe);
  const under = { version, lang: options.lang, ...(options.scenarios ? { scenarios: options.scenarios } : {}) };
  const withEval = createEvaluator(family, events, under);
  const withoutEval = createEvaluator(family, without, under);
  const day = probe.date;
  const state = withEval.at(day, options.lang);
  const clauses = [
    ...new Set(
      timelineOf(family, version)
        .flatMap((v) => [...v.norms.values()])
        .filter((n) => n.verb === probe.type)
        .map((n) => n.id),
    ),
  ];
  const j = judgeEvent(withoutEval.foldAt(day), withEval.foldAt(day), state, probe, clauses.length > 0);
  // Real events after the act's day: what the act would change of them.
  const later = without.filter((e) => e.date > day && !e.hypothetical);
  let contradictions: ViolationJson[] = [];
  if (later.length > 0) {
    let last = day;
    for (const e of later) if (e.date > last) last = e.date;
    const before = new Set(withoutEval.foldAt(last).violations.map(key));
    const laterIds = new Set(later.map((e) => e.id));
    const fresh = new Set(
      withEval
        .foldAt(last)
        .violations.filter((v) => v.event && laterIds.has(v.event.id) && !before.has(key(v)))
        .map(key),
    );
    if (fresh.size > 0)
      contradictions = withEval
        .at(last, options.lang)
        .violations.filter((v) => v.event && fresh.has(`${v.kind}|${v.norm}|${v.event.id}|${v.reason ?? ''}`));
  }
  return {
    asOf: day,
    family: state.family,
    governing: state.governing,
    ...(state.counterfactual ? { counterfactual: state.counterfactual } : {}),
    ...(state.hypothetical && state.hypothetical > 1 ? { hypothetical: state.hypothetical - 1 } : {}),
    ...(state.scenarios ? { scenarios: state.scenarios } : {}),
    ...(state.assumed && state.assumed.length > 0 ? { assumed: state.assumed } : {}),
    act: { party: probe.actor, type: probe.type, data },
    verdict: j.verdict,
    findings: j.findings,
    effects: j.effects,
    clauses,
    contradictions,
  };
}
