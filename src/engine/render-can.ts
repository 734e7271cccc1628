/** The answer of `pacte can` as text for a terminal, in English or French, with the explanations. */
import type { Lang } from '../diagnostics/terms.js';
import type { CanJson } from './can.js';
import { canWords } from './can-words.js';
import type { CanFinding } from './judge-event.js';
import { renderBecause, scenarioLines } from './render-state.js';
import { statusWord, waitsText } from './why.js';

const REASONS = ['already-exercised', 'not-in-force', 'condition-false', 'condition-unknown', 'force-unknown'] as const;

function reasonText(lang: Lang, reason: string | undefined): string {
  const r = REASONS.find((x) => x === reason);
  return r ? canWords.format(lang, `reason-${r}`) : (reason ?? '');
}

function findingText(lang: Lang, f: CanFinding): string {
  switch (f.kind) {
    case 'without-consent':
      return canWords.format(lang, 'finding-without-consent', {
        norm: f.consent?.norm ?? f.norm,
        status: f.consent ? statusWord(lang, f.consent.status) : '',
      });
    case 'invalid-exercise':
      if (f.reason?.endsWith('-unknown'))
        return canWords.format(lang, 'finding-possible-exercise', { norm: f.norm, reason: reasonText(lang, f.reason) });
      return canWords.format(lang, 'finding-invalid-exercise', { norm: f.norm, reason: reasonText(lang, f.reason) });
    default:
      return canWords.format(lang, `finding-${f.kind}`, { norm: f.norm });
  }
}

export function renderCan(c: CanJson, lang: Lang): string {
  const w = canWords;
  const out: string[] = [];
  const under = c.counterfactual
    ? w.format(lang, 'counterfactual', { version: c.counterfactual })
    : c.governing
      ? w.format(lang, 'governing', { version: c.governing.version })
      : '';
  out.push(`${w.format(lang, 'head', { party: c.act.party, type: c.act.type, date: c.asOf })}${under ? ` (${under})` : ''}`);
  out.push(...scenarioLines(c, lang));
  out.push(`  → ${w.format(lang, `verdict-${c.verdict}`)}`);
  for (const f of c.findings) {
    out.push('', `- ${findingText(lang, f)}`);
    if (f.waitsFor?.length) out.push(`  ${w.format(lang, 'waits', { terms: waitsText(lang, f.waitsFor) })}`);
    out.push(renderBecause(f.because, lang, '  '));
  }
  if (c.effects.length > 0) {
    out.push('', `${w.format(lang, 'effects')}:`);
    for (const e of c.effects) out.push(`  ${e.norm}: ${statusWord(lang, e.before)} → ${statusWord(lang, e.after)}`);
  }
  if (c.findings.length === 0 && c.clauses.length > 0)
    out.push('', w.format(lang, 'clauses', { type: c.act.type, clauses: c.clauses.join(', ') }));
  if (c.contradictions.length > 0) {
    out.push('', w.format(lang, 'contradicts'));
    for (const v of c.contradictions) out.push(renderBecause(v.because, lang, '  '));
    out.push(w.format(lang, 'branch', { date: c.asOf }));
  }
  out.push('', w.format(lang, 'nothing'));
  return out.join('\n');
}
