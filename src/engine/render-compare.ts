/** `pacte compare` as text: one column per labelled state, one row per difference, in English or French. */
import type { Lang } from '../diagnostics/terms.js';
import { defineMessages } from '../messages/define-messages.js';
import type { CompareCell, CompareJson, CompareRangeJson, CompareRow } from './compare.js';
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

export const compareRangeWords = defineMessages({
  en: {
    head: '{family} — from {from} to {to}, every {every}',
    start: 'On {date}:',
    governing: 'governing',
    'no-change': 'No status changes over the range.',
  },
  fr: {
    head: '{family} — du {from} au {to}, tous les {every}',
    start: 'Le {date} :',
    governing: 'version en vigueur',
    'no-change': 'Aucun changement de statut sur la période.',
  },
});

const EVERY_FR: Readonly<Record<string, string>> = { day: 'jours', week: 'semaines', month: 'mois', quarter: 'trimestres', year: 'ans' };

/** `pacte compare --from --to --every` as text: each column's statuses on the first date, then each date's changes. */
export function renderCompareRange(c: CompareRangeJson, lang: Lang): string {
  const w = compareRangeWords;
  const colon = lang === 'fr' ? ' :' : ':';
  const word = (s: string | null): string => (s === null ? compareWords.format(lang, 'absent') : statusWord(lang, s));
  const every = lang === 'fr' ? (EVERY_FR[c.every] ?? c.every) : c.every;
  const out = [w.format(lang, 'head', { family: c.family, from: c.from, to: c.to, every }), '', w.format(lang, 'start', { date: c.from })];
  for (const s of c.start) {
    out.push(`  ${s.column}${colon} ${w.format(lang, 'governing')} ${s.governing ?? compareWords.format(lang, 'absent')}`);
    for (const [name, status] of Object.entries(s.norms)) out.push(`    ${name} ${word(status)}`);
  }
  if (c.changes.length === 0) out.push('', w.format(lang, 'no-change'));
  for (const date of c.dates) {
    const some = c.changes.filter((x) => x.date === date);
    if (some.length === 0) continue;
    out.push('', `${date}${colon}`);
    for (const x of some)
      out.push(
        x.kind === 'governing'
          ? `  ${x.column}${colon} ${w.format(lang, 'governing')} ${x.from ?? compareWords.format(lang, 'absent')} → ${x.to ?? compareWords.format(lang, 'absent')}`
          : `  ${x.column}${colon} ${x.name} ${word(x.from)} → ${word(x.to)}`,
      );
  }
  return out.join('\n');
}
