/** `pacte compare` as text: one column per labelled state, one row per difference, in English or French. */
import type { Lang } from '../diagnostics/terms.js';
import { defineMessages } from '../messages/define-messages.js';
import type { CompareCell, CompareJson, CompareRow } from './compare.js';
import { showValue } from './render-state.js';
import { statusWord } from './why.js';

export const compareWords = defineMessages({
  en: {
    head: '{family} — as of {date}',
    baseline: 'baseline',
    governing: 'Governing',
    norm: 'Norms',
    value: 'Values',
    account: 'Accounts',
    since: 'since {date}',
    until: 'until {date}',
    absent: '—',
    'no-difference': 'No difference between the columns.',
    paid: 'paid {paid}, owed {owed}',
  },
  fr: {
    head: '{family} — au {date}',
    baseline: 'référence',
    governing: 'Version en vigueur',
    norm: 'Normes',
    value: 'Valeurs',
    account: 'Comptes',
    since: 'depuis le {date}',
    until: "jusqu'au {date}",
    absent: '—',
    'no-difference': 'Aucune différence entre les colonnes.',
    paid: 'payé {paid}, dû {owed}',
  },
});

function cellText(c: CompareCell, lang: Lang): string {
  const w = compareWords;
  if (c === null) return w.format(lang, 'absent');
  if ('version' in c) return c.version ?? w.format(lang, 'absent');
  if ('status' in c)
    return [
      statusWord(lang, c.status),
      w.format(lang, 'since', { date: c.since }),
      ...(c.until ? [w.format(lang, 'until', { date: c.until })] : []),
    ].join(' ');
  if ('value' in c) return showValue(c.indeterminate ? null : c.value, lang);
  return w.format(lang, 'paid', { paid: c.paid, owed: c.owed });
}

const KINDS: readonly CompareRow['kind'][] = ['governing', 'norm', 'value', 'account'];

export function renderCompare(c: CompareJson, lang: Lang): string {
  const w = compareWords;
  const rows = c.rows.map((r) => ({
    kind: r.kind,
    name: r.kind === 'governing' ? w.format(lang, 'governing') : r.name,
    cells: r.cells.map((x) => cellText(x, lang)),
  }));
  const nameWidth = Math.max(0, ...rows.map((r) => r.name.length));
  const widths = c.columns.map((label, i) => Math.max(label.length, ...rows.map((r) => (r.cells[i] ?? '').length)));
  const line = (name: string, cells: readonly string[]): string =>
    `  ${name.padEnd(nameWidth)}  ${cells.map((x, i) => x.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  const out = [w.format(lang, 'head', { family: c.family, date: c.asOf }), '', line('', c.columns)];
  if (rows.length === 0) out.push('', w.format(lang, 'no-difference'));
  for (const kind of KINDS) {
    const some = rows.filter((r) => r.kind === kind);
    if (some.length === 0) continue;
    // The governing version is one row, named: no heading of its own.
    out.push('', ...(kind === 'governing' ? [] : [`${w.format(lang, kind)}${lang === 'fr' ? ' :' : ':'}`]));
    for (const r of some) out.push(line(r.name, r.cells));
  }
  return out.join('\n');
}
