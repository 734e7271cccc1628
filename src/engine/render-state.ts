/** The state and explanations as text for a terminal, in English or French. */
import type { Lang } from '../diagnostics/terms.js';
import { holdersLabel } from '../diagnostics/terms.js';
import { defineMessages } from '../messages/define-messages.js';
import { humanText } from '../values/human-text.js';
import { humanAmounts } from '../values/money.js';
import type { Sum } from './accounts.js';
import type { Because } from './explain.js';
import type { BoundsJson } from './value-json.js';
import type { InstanceSummaryJson, StateJson } from './state.js';
import { humanDecimal } from '../values/decimal.js';
import { statusWord, waitsText } from './why.js';

/** The words of the text state, in both languages. */
export const stateWords = defineMessages({
  en: {
    colon: ':',
    asOf: 'as of',
    governing: 'Governing',
    none: 'none',
    binding: 'binding',
    nonBinding: 'not binding',
    effective: 'effective',
    proposals: 'Proposals (not binding)',
    wouldChange: 'would change',
    norms: 'Norms',
    values: 'Values',
    because: 'because',
    violations: 'Violations',
    conflicts: 'Conflicts between clauses',
    accounts: 'Accounts',
    paid: 'paid',
    owed: 'owed',
    committed: 'committed',
    incomplete: 'not known, not counted',
    atLeast: 'at least',
    approx: 'approximate, from',
    moreThan: 'more than',
    lessThan: 'less than',
    atMost: 'at most',
    between: 'between {lo} and {hi}',
    onOrAfter: 'on or after',
    after: 'after',
    onOrBefore: 'on or before',
    before: 'before',
    noneYet: 'none yet',
    noEvent: 'no event that counts yet:',
    noStatus: 'has not had that status yet',
    couldBe: 'could be',
    or: ' or ',
    sinceUnknown: '(day uncertain)',
    counterfactual: 'counterfactual: only version',
    hypothetical: 'hypothetical events overlaid',
    until: 'until',
    lastDay: 'last day',
    inCure: 'deadline missed, may be cured until',
    since: 'since',
    by: 'due',
    waits: 'waits for',
    noChange: 'no norm would change status',
    dated: 'dated',
    absent: 'absent',
    indet: 'indeterminate',
    indeterminate: 'indeterminate',
    undisclosedAmount: 'amount undisclosed,',
    event: 'event',
    hypotheticalTag: ' [hypothetical]',
    scenario: 'scenario',
    true: 'true',
    false: 'false',
    instancesShown: '{shown} of {total} instances shown',
    allInstancesCli: '`--instances all` for every one',
    allInstancesMcp: '`instances: "all"` for every one',
  },
  fr: {
    colon: ' :',
    asOf: 'au',
    governing: 'Version en vigueur',
    none: 'aucune',
    binding: 'contraignante',
    nonBinding: 'non contraignante',
    effective: 'en vigueur le',
    proposals: 'Propositions (non contraignantes)',
    wouldChange: 'changerait',
    norms: 'Normes',
    values: 'Valeurs',
    because: 'motif',
    violations: 'Manquements',
    conflicts: 'Conflits entre clauses',
    accounts: 'Comptes',
    paid: 'payé',
    owed: 'dû',
    committed: 'engagé',
    incomplete: 'inconnu, non compté',
    atLeast: 'au moins',
    approx: 'approximatif, d’après',
    moreThan: 'plus de',
    lessThan: 'moins de',
    atMost: 'au plus',
    between: 'entre {lo} et {hi}',
    onOrAfter: 'au plus tôt le',
    after: 'après le',
    onOrBefore: 'au plus tard le',
    before: 'avant le',
    noneYet: 'aucune pour l’instant',
    noEvent: 'aucun événement retenu pour l’instant :',
    noStatus: 'n’a pas encore eu ce statut',
    couldBe: 'peut être',
    or: ' ou ',
    sinceUnknown: '(jour incertain)',
    counterfactual: 'contrefactuel : seulement la version',
    hypothetical: 'événements hypothétiques ajoutés',
    until: "jusqu'au",
    lastDay: 'dernier jour le',
    inCure: 'échéance manquée, régularisable jusqu’au',
    since: 'depuis le',
    by: 'échéance',
    waits: 'attend',
    noChange: 'aucune norme ne changerait de statut',
    dated: 'daté du',
    absent: 'absent',
    indet: 'indéterminé',
    indeterminate: 'indéterminé',
    undisclosedAmount: 'montant non divulgué,',
    event: 'événement',
    hypotheticalTag: ' [hypothétique]',
    scenario: 'scénario',
    true: 'vrai',
    false: 'faux',
    instancesShown: '{shown} occurrences sur {total} affichées',
    allInstancesCli: '`--instances all` pour les voir toutes',
    allInstancesMcp: '`instances: "all"` pour les voir toutes',
  },
});
const L = stateWords.tables;

/** A JSON value of the state, for people: amounts made readable, booleans and `indeterminate` in the language. */

export function showValue(v: string | boolean | null, lang: Lang): string {
  const t = L[lang];
  if (v === 'absent') return `(${t.absent})`;
  if (v === null) return t.indet;
  if (typeof v === 'boolean') return v ? t.true : t.false;
  return humanText(v, lang);
}

/** What is known of an indeterminate value, in words: `more than USD 13bn`, `between … and …`. */
function boundsText(b: BoundsJson, lang: Lang): string {
  const t = L[lang];
  if (b.lo !== null && b.hi !== null && !b.loOpen && !b.hiOpen)
    return t.between.replace('{lo}', showValue(b.lo, lang)).replace('{hi}', showValue(b.hi, lang));
  // Dates are after or before a day; amounts more or less than one.
  const day = (x: unknown): boolean => typeof x === 'string' && /^\d{4}-\d{2}-\d{2}/.test(x);
  const lo =
    b.lo === null ? null : `${day(b.lo) ? (b.loOpen ? t.after : t.onOrAfter) : b.loOpen ? t.moreThan : t.atLeast} ${showValue(b.lo, lang)}`;
  const hi =
    b.hi === null
      ? null
      : `${day(b.hi) ? (b.hiOpen ? t.before : t.onOrBefore) : b.hiOpen ? t.lessThan : t.atMost} ${showValue(b.hi, lang)}`;
  return [lo, hi].filter((x) => x !== null).join(lang === 'fr' ? ' et ' : ' and ');
}

/** Only "more than zero", what every undisclosed amount or delay is known to be: not worth saying. */
function onlyPositive(b: BoundsJson): boolean {
  return b.hi === null && b.loOpen && typeof b.lo === 'string' && /^([A-Z]{3} )?0$|^0 \w+$/.test(b.lo);
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** The lines that say which scenarios and assumptions an answer is given under (empty for reality). */
export function scenarioLines(
  st: { readonly scenarios?: StateJson['scenarios'] | undefined; readonly assumed?: StateJson['assumed'] | undefined },
  lang: Lang,
): string[] {
  const t = L[lang];
  return [
    ...(st.scenarios ?? []).map((sc) => `(${t.scenario} ${sc.name}: ${sc.title})`),
    ...(st.assumed ?? []).map((a) => `(${a.label}: ${a.term} = ${a.value}, ${a.scenario ?? '--assume'})`),
  ];
}

/** The statuses of instances counted (`3 violated`): French agrees them with `occurrences`, in the plural. */
const FR_PLURAL: Readonly<Record<string, string>> = {
  active: 'en vigueur',
  fulfilled: 'exécutées',
  violated: 'violées',
  indeterminate: 'indéterminées',
  terminated: 'résiliées',
  unreported: 'non rapportées',
};

/** A count for people: `1,000`; in French `1 000` (narrow no-break space, as Intl's `fr-FR`). */
function count(n: number, lang: Lang): string {
  return lang === 'fr' ? humanDecimal(String(n), lang) : String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `12 of 60 instances shown: 55 fulfilled, 3 violated, 2 active (`--instances all` for every one)`. */
function summaryLine(s: InstanceSummaryJson, lang: Lang, hint: 'cli' | 'mcp'): string {
  const t = L[lang];
  const counts = Object.entries(s.byStatus).map(
    ([status, k]) =>
      `${count(k, lang)} ${lang === 'fr' && k > 1 ? (FR_PLURAL[status] ?? statusWord(lang, status)) : statusWord(lang, status)}`,
  );
  const head = t.instancesShown.replace('{shown}', count(s.shown, lang)).replace('{total}', count(s.total, lang));
  return `${head}${t.colon} ${counts.join(', ')} (${hint === 'cli' ? t.allInstancesCli : t.allInstancesMcp})`;
}

/**
 * The state as text. A summarized recurring clause (instance-summary.ts) says how many instances it shows and how to
 * ask for all: with `--instances all` on the command line (`hint` cli), with the argument `instances` in MCP.
 */
export function renderState(st: StateJson, lang: Lang, hint: 'cli' | 'mcp' = 'cli'): string {
  const t = L[lang];
  const out: string[] = [];
  out.push(`${st.family} — ${t.asOf} ${st.asOf}`);
  if (st.counterfactual) out.push(`(${t.counterfactual} ${st.counterfactual})`);
  if (st.hypothetical) out.push(`(${st.hypothetical} ${t.hypothetical})`);
  out.push(...scenarioLines(st, lang));
  const g = st.governing;
  out.push(
    `${t.governing}${t.colon} ${g ? `${g.version} — ${g.title} (${g.binding ? t.binding : t.nonBinding}, ${t.effective} ${g.effective})` : t.none}`,
  );
  if (st.proposals.length > 0) {
    out.push('', `${t.proposals}${t.colon}`);
    for (const p of st.proposals) {
      out.push(`  ${p.version} — ${p.title} (${t.dated} ${p.effective})`);
      if (p.changes.length === 0) out.push(`    ${t.noChange}`);
      for (const c of p.changes) out.push(`    ${c.id}${t.colon} ${statusWord(lang, c.status)} → ${statusWord(lang, c.proposedStatus)}`);
      for (const c of p.valueChanges) out.push(`    ${c.name} = ${showValue(c.value, lang)} → ${showValue(c.proposedValue, lang)}`);
    }
  }
  if (st.norms.length > 0) out.push('', `${t.norms}${t.colon}`);
  const w = Math.max(8, ...st.norms.map((n) => n.id.length));
  for (const n of st.norms) {
    const extra = [
      // An ended clause says its last day, not "since D until D-1".
      n.until ? `${ended(n.status) && n.until < n.since ? t.lastDay : t.until} ${n.until}` : '',
      n.endedBy ? `(${statusWord(lang, n.endedBy)})` : '',
      n.cureUntil ? `(${t.inCure} ${n.cureUntil})` : '',
      n.possibleStatuses ? `(${t.couldBe} ${n.possibleStatuses.map((x) => statusWord(lang, x)).join(t.or)})` : '',
      n.waitsFor ? `${t.waits} ${waitsText(lang, n.waitsFor)}` : '',
      n.approximate ? `(≈ ${t.approx} ${n.approximate.join(', ')})` : '',
    ].filter(Boolean);
    out.push(
      `  ${pad(n.id, w)}  ${pad(statusWord(lang, n.status), 12)} ${t.since} ${n.since}${n.sinceKnown === false ? ` ${t.sinceUnknown}` : ''}${extra.length ? `  ${extra.join(' ')}` : ''}`,
    );
    out.push(
      `  ${' '.repeat(w)}  ${lang === 'fr' ? statusWord(lang, n.kind === 'power' ? 'power_kind' : n.kind) : n.kind}${t.colon} ${holdersLabel(lang, n.holders ?? [n.holder])}${n.counterparty ? ` → ${n.counterparty}` : ''}${n.reason ? ` · ${t.because} ${n.reason}` : ''} · ${n.version}`,
    );
    if (n.instanceSummary) out.push(`  ${' '.repeat(w)}  ${summaryLine(n.instanceSummary, lang, hint)}`);
    for (const i of n.instances)
      out.push(
        `  ${' '.repeat(w)}  #${i.n} ${i.trigger.id} ${i.trigger.date}${t.colon}${i.amount === null ? (i.waitsFor ? ` ${t.undisclosedAmount}` : '') : ` ${humanText(String(i.amount), lang)}`} ${t.by} ${i.due ?? '—'} — ${statusWord(lang, i.status)}${i.cureUntil ? ` (${t.inCure} ${i.cureUntil})` : ''}${i.sinceKnown === false && i.status !== 'indeterminate' ? ` ${t.sinceUnknown}` : i.waitsFor && i.amount !== null ? ` (${t.waits} ${waitsText(lang, i.waitsFor)})` : ''}`,
      );
  }
  const names = Object.keys(st.values);
  // None yet: waiting for an event (`latest report.x`), or for a clause to reach a status (`date c became S`).
  const clauses = new Set(st.norms.map((n) => n.id));
  const noneYetWhy = (waits: readonly string[]): string =>
    waits.length > 0 && waits.every((w) => clauses.has(w)) ? `${waits.join(', ')} ${t.noStatus}` : `${t.noEvent} ${waitsText(lang, waits)}`;
  if (names.length > 0) {
    out.push('', `${t.values}${t.colon}`);
    for (const name of names) {
      const v = st.values[name]!;
      const about = v.approximate && !v.indeterminate ? '≈ ' : '';
      const from =
        v.approximate && !(v.approximate.length === 1 && v.approximate[0] === name) ? ` (≈ ${t.approx} ${v.approximate.join(', ')})` : '';
      if (v.conditions) {
        // A list of conditions: what it came to, then each member on its line.
        out.push(`  ${name} = ${v.because.text.replace(/^`[^`]*` = /, '')}`);
        for (const c of v.because.children ?? []) out.push(`      ${c.text}`);
        continue;
      }
      out.push(
        `  ${name} = ${about}${v.noneYet ? `${t.noneYet} (${noneYetWhy(v.waitsFor ?? [])})` : v.indeterminate ? `${t.indeterminate}${v.bounds && !onlyPositive(v.bounds) ? `${t.colon} ${boundsText(v.bounds, lang)}` : ''} (${t.waits} ${waitsText(lang, v.waitsFor ?? [])})` : v.because.text.replace(/^`[^`]*` = /, '')}${from}`,
      );
    }
  }
  if (st.violations.length > 0) {
    out.push('', `${t.violations}${t.colon}`);
    for (const v of st.violations) out.push(`  ${v.because.text}${v.event ? ` [${v.event.id}]` : ''}`);
  }
  // Two clauses that contradict each other on an act, neither overriding the other: the reader must know.
  const conflicts = st.diagnostics.filter((d) => d['code'] === 'rule-conflict' || d['code'] === 'act-conflict');
  if (conflicts.length > 0) {
    out.push('', `${t.conflicts}${t.colon}`);
    for (const d of conflicts) out.push(`  ${String(d['message'])}`);
  }
  const parties = Object.keys(st.accounts);
  if (
    parties.some(
      (p) =>
        st.accounts[p]!.incomplete || ![st.accounts[p]!.paid, st.accounts[p]!.owed, st.accounts[p]!.committed].every((x) => / 0$/.test(x)),
    )
  ) {
    out.push('', `${t.accounts}${t.colon}`);
    for (const p of parties) {
      const a = st.accounts[p]!;
      if (!a.incomplete && [a.paid, a.owed, a.committed].every((x) => / 0$/.test(x))) continue;
      // Something not known is left out: each sum is a lower bound.
      const least = (sum: Sum): string =>
        `${a.approximate ? '≈ ' : ''}${a.incomplete && (a.atLeast ?? ['paid', 'owed', 'committed']).includes(sum) ? `${t.atLeast} ` : ''}`;
      out.push(
        `  ${p}${t.colon} ${t.paid} ${least('paid')}${humanAmounts(a.paid, lang)}, ${t.owed} ${least('owed')}${humanAmounts(a.owed, lang)}, ${t.committed} ${least('committed')}${humanAmounts(a.committed, lang)}${a.incomplete ? ` (${t.incomplete}${t.colon} ${a.incomplete.join(', ')})` : ''}${a.approximate ? ` (≈ ${t.approx} ${a.approximate.join(', ')})` : ''}`,
      );
    }
  }
  return out.join('\n');
}

export function renderBecause(b: Because, lang: Lang, indent = ''): string {
  const lines: string[] = [`${indent}${b.text}`];
  const sub = `${indent}  `;
  if (b.clause) {
    const c = b.clause;
    const src = c.source ? ` — ${c.source.title} (${statusWord(lang, c.source.status)})` : '';
    lines.push(`${sub}§ ${c.trail.length ? c.trail.join(' › ') : c.id} [${c.version}, ${c.file}:${c.line}]${src}`);
  }
  for (const e of b.events ?? []) {
    const src = e.source ? ` — ${e.source.title} (${statusWord(lang, e.source.status)})` : '';
    lines.push(`${sub}${L[lang].event} ${e.id} (${e.type}, ${e.date}, ${e.actor})${e.hypothetical ? L[lang].hypotheticalTag : ''}${src}`);
  }
  for (const c of b.children ?? []) lines.push(renderBecause(c, lang, sub));
  return lines.join('\n');
}

function ended(status: string): boolean {
  return status === 'expired' || status === 'terminated';
}
