/**
 * `pacte story <family-dir>`: the relationship told version by version. For each version's effective date: the
 * governing version, what the version changed (clauses added, replaced, removed; for a non-binding version, the
 * norms that would change), the norms whose status changed since the previous date, and the state of every norm.
 * `npm start` runs it on the flagship.
 */
import { hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { renderAll } from '../diagnostics/render.js';
import type { Lang } from '../diagnostics/terms.js';
import { defineMessages } from '../messages/define-messages.js';
import { createEvaluator } from '../engine/evaluate.js';
import type { NormJson, StateJson } from '../engine/state.js';
import { statusWord } from '../engine/why.js';
import type { ScenarioOptions } from './load.js';
import { loadUnderScenarios } from './load.js';
import type { Io } from './options.js';
import type { Version } from '../check/ir.js';
import { humanAmounts } from '../values/money.js';
import { showValue } from '../engine/render-state.js';

/** The words of the story, in both languages. */
export const storyWords = defineMessages({
  en: {
    colon: ':',
    title: '{family}: {versions} versions, {events} events',
    binding: 'binding',
    amends: ' · amends {base}',
    supersedes: ' · supersedes {base}',
    checked: 'checked {versions} versions: no error, no warning',
    'checked-warnings': 'checked {versions} versions: {warnings} warning(s)',
    keyNorms: 'key norms',
    incomplete: 'plus undisclosed amounts',
    proposal: 'NOT BINDING — a proposal; it never governs',
    governing: 'governing',
    added: 'added',
    replaced: 'changed',
    removed: 'removed',
    wouldChange: 'if it were binding',
    changes: 'changed since the previous date',
    none: 'nothing',
    norms: 'norms',
    until: 'until',
    since: 'since',
    today: 'as of',
    violations: 'violations',
    paid: 'paid',
    committed: 'committed',
    scenario: 'scenario {name}: {title} (not the real timeline)',
    assumed: '  {label}: {term} assumed to be {value} ({scenario})',
    hypothetical: '  hypothetical event {id} ({type}, {date}, {actor})',
  },
  fr: {
    colon: ' :',
    title: '{family} : {versions} versions, {events} événements',
    binding: 'contraignante',
    amends: ' · modifie {base}',
    supersedes: ' · remplace {base}',
    checked: '{versions} versions vérifiées : aucune erreur, aucun avertissement',
    'checked-warnings': '{versions} versions vérifiées : {warnings} avertissement(s)',
    keyNorms: 'normes clés',
    incomplete: 'plus des montants non divulgués',
    proposal: 'NON CONTRAIGNANTE — une proposition ; elle ne régit jamais',
    governing: 'en vigueur',
    added: 'ajoutées',
    replaced: 'modifiées',
    removed: 'supprimées',
    wouldChange: 'si elle était contraignante',
    changes: 'changements depuis la date précédente',
    none: 'rien',
    norms: 'normes',
    until: "jusqu'au",
    since: 'depuis le',
    today: 'au',
    violations: 'manquements',
    paid: 'payé',
    committed: 'engagé',
    scenario: 'scénario {name} : {title} (pas la chronologie réelle)',
    assumed: '  {label} : {term} supposé valoir {value} ({scenario})',
    hypothetical: '  événement hypothétique {id} ({type}, {date}, {actor})',
  },
});
const T = storyWords.tables;

function normLine(n: NormJson, lang: Lang): string {
  const t = T[lang];
  const until = n.until && n.status !== 'terminated' && n.status !== 'expired' ? ` ${t.until} ${n.until}` : '';
  const ended = n.endedBy ? ` (${statusWord(lang, n.endedBy)})` : '';
  return `${n.id.padEnd(26)} ${statusWord(lang, n.status).padEnd(13)} ${t.since} ${n.since}${until}${ended}`;
}

function statusText(n: NormJson | undefined, lang: Lang): string {
  if (!n) return '—';
  const t = T[lang];
  const until = n.until && n.status !== 'terminated' && n.status !== 'expired' ? ` ${t.until} ${n.until}` : '';
  return `${statusWord(lang, n.status)}${until}${n.endedBy ? ` (${statusWord(lang, n.endedBy)})` : ''}`;
}

/** Clause ids added, changed (different text) and removed between two versions in effective form. */
function clauseChanges(from: Version | null, to: Version): { added: string[]; changed: string[]; removed: string[] } {
  const ids = (v: Version | null): Map<string, string> =>
    new Map(
      [...(v?.definitions.values() ?? [])]
        .map((d) => [d.name, d.meta.text] as const)
        .concat([...(v?.norms.values() ?? [])].map((n) => [n.id, n.meta.text] as const)),
    );
  const a = ids(from);
  const b = ids(to);
  return {
    added: [...b.keys()].filter((k) => !a.has(k)),
    changed: [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k)),
    removed: [...a.keys()].filter((k) => !b.has(k)),
  };
}

function section(st: StateJson, prev: StateJson | null, lang: Lang, focus: ReadonlySet<string> | null, out: string[]): void {
  const t = T[lang];
  const before = new Map(prev?.norms.map((n) => [n.id, n]) ?? []);
  const changed = st.norms.filter((n) => statusText(before.get(n.id), lang) !== statusText(n, lang) || before.get(n.id)?.since !== n.since);
  out.push(`  ${t.changes}${t.colon}${changed.length === 0 ? ` ${t.none}` : ''}`);
  for (const n of changed) out.push(`    ${n.id.padEnd(26)} ${statusText(before.get(n.id), lang)} → ${statusText(n, lang)}`);
  const shown = focus ? st.norms.filter((n) => focus.has(n.id)) : st.norms;
  out.push(`  ${focus ? t.keyNorms : t.norms}${t.colon}`);
  for (const n of shown) out.push(`    ${normLine(n, lang)}`);
  for (const [name, v] of Object.entries(st.values)) {
    if (focus && !focus.has(name)) continue;
    if (!focus) continue;
    out.push(`    ${name} = ${showValue(v.value, lang)}`);
  }
}

export interface StoryOptions extends ScenarioOptions {
  readonly asOf?: string;
  readonly focus?: string;
}

export function runStory(dir: string, opts: StoryOptions, io: Io): number {
  const lang = opts.lang;
  const t = T[lang];
  const loaded = loadUnderScenarios(dir, opts);
  const diags = sortDiagnostics(loaded.diagnostics);
  if (!loaded.family || hasErrors(diags)) {
    io.err(renderAll(diags, lang, loaded.files));
    return 1;
  }
  const family = loaded.family;
  const focus = opts.focus
    ? new Set(
        opts.focus
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
    : null;
  const evaluator = createEvaluator(family, loaded.events, {
    lang,
    ...(loaded.version ? { version: loaded.version } : {}),
    ...(loaded.scenarios ? { scenarios: loaded.scenarios } : {}),
  });
  // biome-ignore lint/complexity/useMathMinMax: ISO dates, compared as text
  const last = loaded.events.reduce((m, e) => (e.date > m ? e.date : m), family.versions[family.versions.length - 1]?.effective ?? '');
  const end = opts.asOf ?? last;
  const states: StateJson[] = [];
  const out: string[] = [
    storyWords.format(lang, 'title', { family: family.agreement, versions: family.versions.length, events: loaded.events.length }),
    diags.length === 0
      ? storyWords.format(lang, 'checked', { versions: family.versions.length })
      : storyWords.format(lang, 'checked-warnings', { versions: family.versions.length, warnings: diags.length }),
  ];
  for (const sc of loaded.scenarios?.applied ?? []) out.push(storyWords.format(lang, 'scenario', { name: sc.name, title: sc.title }));
  for (const a of loaded.scenarios?.assumed ?? [])
    out.push(storyWords.format(lang, 'assumed', { label: a.label, term: a.term, value: a.value, scenario: a.scenario ?? '--assume' }));
  for (const e of loaded.events.filter((x) => x.hypothetical))
    out.push(storyWords.format(lang, 'hypothetical', { id: e.id, type: e.type, date: e.date, actor: e.actor }));
  out.push('');
  let prev: StateJson | null = null;
  let prevVersion: Version | null = null;
  for (const v of family.versions) {
    const st = evaluator.at(v.effective, lang);
    states.push(st);
    const relation = v.amends
      ? storyWords.format(lang, 'amends', { base: v.amends })
      : v.supersedes
        ? storyWords.format(lang, 'supersedes', { base: v.supersedes })
        : '';
    out.push(`${v.effective}  ${v.id} — ${v.title}`);
    out.push(`  ${v.binding ? t.binding : t.proposal}${relation}`);
    const base = v.binding ? prevVersion : (family.versions.find((x) => x.id === (v.amends ?? v.supersedes)) ?? prevVersion);
    const c = clauseChanges(base, v);
    if (c.added.length) out.push(`    + ${t.added}${t.colon} ${c.added.join(', ')}`);
    if (c.changed.length) out.push(`    ~ ${t.replaced}${t.colon} ${c.changed.join(', ')}`);
    if (c.removed.length) out.push(`    − ${t.removed}${t.colon} ${c.removed.join(', ')}`);
    if (!v.binding) {
      const p = st.proposals.find((x) => x.version === v.id);
      for (const ch of p?.changes ?? [])
        out.push(`    ${t.wouldChange}${t.colon} ${ch.id} ${statusWord(lang, ch.status)} → ${statusWord(lang, ch.proposedStatus)}`);
      for (const ch of p?.valueChanges ?? [])
        out.push(`    ${t.wouldChange}${t.colon} ${ch.name} = ${showValue(ch.value, lang)} → ${showValue(ch.proposedValue, lang)}`);
      out.push('');
      continue;
    }
    section(st, prev, lang, focus, out);
    prev = st;
    prevVersion = v;
    out.push('');
  }
  const final = evaluator.at(end, lang);
  states.push(final);
  out.push(`${t.today} ${end} — ${t.governing}${t.colon} ${final.governing?.version ?? '—'}`);
  section(final, prev, lang, focus, out);
  if (final.violations.length > 0) {
    out.push(`  ${t.violations}${t.colon}`);
    for (const v of final.violations) out.push(`    ${v.because.text}`);
  }
  for (const [p, a] of Object.entries(final.accounts)) {
    out.push(
      `  ${p}${t.colon} ${t.paid} ${humanAmounts(a.paid, lang)}, ${t.committed} ${humanAmounts(a.committed, lang)}${a.incomplete ? ` (${t.incomplete}${t.colon} ${a.incomplete.join(', ')})` : ''}`,
    );
  }
  io.out(opts.json ? JSON.stringify(states, null, 2) : out.join('\n'));
  return 0;
}
