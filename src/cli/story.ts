/**
 * `pacte story <family-dir>`: the relationship told version by version. For each version's effective date: the
 * governing version, what the version changed (clauses added, replaced, removed; for a non-binding version, the
 * norms that would change), the norms whose status changed since the previous date, and the state of every norm.
 * `npm start` runs it on the flagship.
 */
import { hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { renderAll } from '../diagnostics/render.js';
import type { Lang } from '../diagnostics/terms.js';
import { createEvaluator } from '../engine/evaluate.js';
import type { NormJson, StateJson } from '../engine/state.js';
import { statusWord } from '../engine/why.js';
import { loadForEvaluation } from './load.js';
import type { CommonOptions, Io } from './options.js';

const T = {
  en: {
    title: (f: string, n: number, e: number) => `${f}: ${n} versions, ${e} events`,
    binding: 'binding',
    proposal: 'NOT BINDING — a proposal; it never governs',
    governing: 'governing',
    added: 'adds',
    replaced: 'replaces',
    removed: 'removes',
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
  },
  fr: {
    title: (f: string, n: number, e: number) => `${f} : ${n} versions, ${e} événements`,
    binding: 'contraignante',
    proposal: 'NON CONTRAIGNANTE — une proposition ; elle ne régit jamais',
    governing: 'en vigueur',
    added: 'ajoute',
    replaced: 'remplace',
    removed: 'supprime',
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
  },
} as const;

function normLine(n: NormJson, lang: Lang): string {
  const t = T[lang];
  const until = n.until && n.status !== 'terminated' && n.status !== 'expired' ? ` ${t.until} ${n.until}` : '';
  const ended = n.endedBy ? ` (${statusWord(lang, n.endedBy)})` : '';
  return `${n.id.padEnd(24)} ${statusWord(lang, n.status).padEnd(13)} ${t.since} ${n.since}${until}${ended}`;
}

function section(st: StateJson, prev: StateJson | null, lang: Lang, out: string[]): void {
  const t = T[lang];
  const before = new Map(prev?.norms.map((n) => [n.id, n]) ?? []);
  const changed = st.norms.filter((n) => {
    const p = before.get(n.id);
    return !p || p.status !== n.status || p.since !== n.since || p.until !== n.until;
  });
  out.push(`  ${t.changes}: ${changed.length === 0 ? t.none : ''}`);
  for (const n of changed) {
    const p = before.get(n.id);
    out.push(`    ${n.id}: ${p ? statusWord(lang, p.status) : '—'} → ${statusWord(lang, n.status)}${n.endedBy ? ` (${statusWord(lang, n.endedBy)})` : ''}`);
  }
  out.push(`  ${t.norms}:`);
  for (const n of st.norms) out.push(`    ${normLine(n, lang)}`);
}

export function runStory(dir: string, opts: CommonOptions & { asOf?: string }, io: Io): number {
  const lang = opts.lang;
  const t = T[lang];
  const loaded = loadForEvaluation(dir, [], false);
  const diags = sortDiagnostics(loaded.diagnostics);
  if (!loaded.family || hasErrors(diags)) {
    io.err(renderAll(diags, lang, loaded.files));
    return 1;
  }
  const family = loaded.family;
  const evaluator = createEvaluator(family, loaded.events, { lang });
  const dates = [...new Set(family.versions.map((v) => v.effective))].sort();
  const last = loaded.events.reduce((m, e) => (e.date > m ? e.date : m), dates[dates.length - 1] ?? '');
  const end = opts.asOf ?? last;
  const states: StateJson[] = [];
  const out: string[] = [t.title(family.agreement, family.versions.length, loaded.events.length), ''];
  let prev: StateJson | null = null;
  for (const v of family.versions) {
    const st = evaluator.at(v.effective, lang);
    states.push(st);
    out.push(`${v.effective}  ${v.id} — ${v.title}`);
    if (!v.binding) out.push(`  ${t.proposal}`);
    else out.push(`  ${t.governing}: ${st.governing?.version ?? '—'} (${t.binding})`);
    const own = [
      v.own.added.length ? `${t.added} ${v.own.added.join(', ')}` : '',
      v.own.replaced.length ? `${t.replaced} ${v.own.replaced.join(', ')}` : '',
      v.own.removed.length ? `${t.removed} ${v.own.removed.join(', ')}` : '',
    ].filter(Boolean);
    if (own.length > 0) out.push(`  ${own.join('; ')}`);
    if (!v.binding) {
      const p = st.proposals.find((x) => x.version === v.id);
      for (const c of p?.changes ?? []) out.push(`    ${t.wouldChange}: ${c.id} ${statusWord(lang, c.status)} → ${statusWord(lang, c.proposedStatus)}`);
      out.push('');
      continue;
    }
    section(st, prev, lang, out);
    prev = st;
    out.push('');
  }
  const final = evaluator.at(end, lang);
  states.push(final);
  out.push(`${t.today} ${end} — ${t.governing}: ${final.governing?.version ?? '—'}`);
  section(final, prev, lang, out);
  if (final.violations.length > 0) {
    out.push(`  ${t.violations}:`);
    for (const v of final.violations) out.push(`    ${v.because.text}`);
  }
  for (const [p, a] of Object.entries(final.accounts)) {
    if (a.paid.endsWith(' 0') && a.committed.endsWith(' 0') && !a.incomplete) continue;
    out.push(`  ${p}: ${t.paid} ${a.paid}, ${t.committed} ${a.committed}${a.incomplete ? ` (+ ${a.incomplete.join(', ')})` : ''}`);
  }
  io.out(opts.json ? JSON.stringify(states, null, 2) : out.join('\n'));
  return 0;
}
