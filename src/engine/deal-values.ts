/**
 * What the state says of a list of conditions (each member met since a day, pending, or in doubt; all met since when)
 * and of a date with extensions (the date in force, and each extension met: applied, kept out, or in doubt), as JSON
 * and as the sentences of its explanation.
 */
import type { ClauseMeta, Expr } from '../check/ir.js';
import { exprText } from '../check/expr-text.js';
import type { Lang } from '../diagnostics/terms.js';
import type { IsoDate } from '../values/dates.js';
import type { Env } from './expr.js';
import { evalExpr, listReader } from './expr.js';
import type { ExtensionStep } from './fold-state.js';
import type { ListExpr } from './list-values.js';
import { dateAllMet, membersOf } from './list-values.js';
import { formatVal } from './value-json.js';
import { waitsText, why } from './why.js';

export interface ConditionJson {
  readonly name: string;
  readonly status: 'met' | 'pending' | 'indeterminate';
  /** The day it was met (absent when not known). */
  readonly since?: IsoDate;
  readonly waitsFor?: readonly string[];
}

/** A list of conditions in the state: each member, the pending ones, and the day the last was met when all are. */
export interface ConditionsJson {
  readonly members: readonly ConditionJson[];
  readonly pending: readonly string[];
  readonly allMetOn?: IsoDate;
}

export interface ExtensionJson {
  /** The date in force before it. */
  readonly from: IsoDate;
  /** The date in force after it; null when it was kept out (its condition held) or in doubt. */
  readonly to: IsoDate | null;
  readonly by: string;
  /** The day it was judged: the day after `from` (automatic), or the day of the election. */
  readonly day: IsoDate;
  /** The event that elected it. */
  readonly event?: { readonly id: string; readonly date: IsoDate; readonly type: string; readonly actor: string };
  readonly kept?: true;
  readonly doubt?: true;
}

export function conditionsJson(env: Env, list: ListExpr): ConditionsJson {
  const members = membersOf(listReader(env), list).map((m): ConditionJson => {
    if (m.met.k === 'unknown') return { name: m.member.name, status: 'indeterminate', waitsFor: m.met.waitsFor };
    if (m.met.k === 'bool' && !m.met.v) return { name: m.member.name, status: 'pending' };
    return { name: m.member.name, status: 'met', ...(m.since?.k === 'date' ? { since: m.since.v } : {}) };
  });
  const all = dateAllMet(listReader(env), list);
  return {
    members,
    pending: members.filter((m) => m.status === 'pending').map((m) => m.name),
    ...(all.k === 'date' ? { allMetOn: all.v } : {}),
  };
}

const names = (xs: readonly string[]): string => xs.map((x) => `\`${x}\``).join(', ');

/** The sentence of a list's value, and one per member. */
export function conditionsBecause(name: string, c: ConditionsJson, lang: Lang): { text: string; children: { text: string }[] } {
  const met = c.members.filter((m) => m.status === 'met').length;
  const doubt = c.members.filter((m) => m.status === 'indeterminate').map((m) => m.name);
  const total = c.members.length;
  const text =
    doubt.length > 0
      ? why(lang, 'list-doubt', {
          name,
          doubt: names(doubt),
          met,
          total,
          pending: c.pending.length > 0 ? why(lang, 'list-doubt-pending', { pending: names(c.pending) }) : '',
        })
      : c.pending.length > 0
        ? why(lang, 'list-pending', { name, pending: names(c.pending), met, total })
        : c.allMetOn
          ? why(lang, 'list-all-met', { name, date: c.allMetOn })
          : why(lang, 'list-all-met-undated', { name });
  const children = c.members.map((m) => ({
    text:
      m.status === 'pending'
        ? why(lang, 'member-pending', { name: m.name })
        : m.status === 'indeterminate'
          ? why(lang, 'member-doubt', { name: m.name, waits: waitsText(lang, m.waitsFor ?? []) })
          : m.since
            ? why(lang, 'member-met', { name: m.name, date: m.since })
            : why(lang, 'member-met-undated', { name: m.name }),
  }));
  return { text, children };
}

type Extended = Expr & { kind: 'extended' };

function stepsOf(env: Env, e: Extended): readonly ExtensionStep[] {
  const st = env.extended?.get(e.owner);
  return st && st.expr === e ? st.steps : [];
}

export function extensionsJson(env: Env, e: Extended, lang: Lang): ExtensionJson[] {
  const plain = { ...env, subject: null, trigger: null };
  return stepsOf(env, e).map((s) => ({
    from: s.from,
    to: s.to,
    by: formatVal(evalExpr(plain, e.extensions[s.index]!.by), lang),
    day: s.day,
    ...(s.event ? { event: { id: s.event.id, date: s.event.date, type: s.event.type, actor: s.event.actor } } : {}),
    ...(s.to === null && !s.doubt ? { kept: true as const } : {}),
    ...(s.doubt ? { doubt: true as const } : {}),
  }));
}

/** One sentence per extension met, in order: why the date in force is what it is. */
export function extensionSentences(env: Env, e: Extended, meta: ClauseMeta, lang: Lang): string[] {
  const json = extensionsJson(env, e, lang);
  return stepsOf(env, e).map((step, i) => {
    const s = json[i]!;
    const rule = e.extensions[step.index]!;
    const text = rule.unless ? exprText(rule.unless, meta) : '';
    if (s.event) return why(lang, 'extension-elected', { from: s.from, by: s.by, event: s.event.id, type: s.event.type, day: s.day });
    if (s.doubt) return why(lang, 'extension-doubt', { from: s.from, by: s.by, day: s.day, text });
    if (s.kept) return why(lang, 'extension-kept', { from: s.from, day: s.day, text });
    return text
      ? why(lang, 'extension-applied', { from: s.from, by: s.by, day: s.day, text })
      : why(lang, 'extension-automatic', { from: s.from, by: s.by, day: s.day });
  });
}
