/**
 * The redline as text for a lawyer, in English or French: the two versions, what changed in the versions, the
 * clauses added, removed and changed (each change with its part, before → after, and what it means), the word-level
 * redline of the clause text and prose (`[-deleted-]`, `{+inserted+}`), and the impact on the ledger.
 */
import type { Lang } from '../diagnostics/terms.js';
import { statusWord } from '../engine/why.js';
import { classificationLabel, dt, kindLabel, partLabel } from './diff-messages.js';
import type { ChangedClauseJson, ChangeJson, ClauseJson, NormStatusJson, ProsePart, RedlineJson, VersionRef } from './redline-json.js';

/** `[-removed-]` and `{+added+}` inline; the white space at the edges of a run stays outside its markers. */
export function renderParts(parts: readonly ProsePart[]): string {
  return parts
    .map((p, i) => {
      if (p.op === 'same') return p.text;
      const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(p.text)!;
      if (m[2] === '') return p.text;
      // A replacement reads `[-old-]{+new+}`: the space after the old words goes after the new ones.
      const after = p.op === 'removed' && parts[i + 1]?.op === 'added' ? '' : m[3];
      return `${m[1]}${p.op === 'removed' ? '[-' : '{+'}${m[2]}${p.op === 'removed' ? '-]' : '+}'}${after}`;
    })
    .join('');
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l, i) => (i === 0 || l.trim() === '' ? l.trimEnd() : `${prefix}${l}`))
    .join('\n');
}

function versionLine(lang: Lang, code: 'from-line' | 'to-line', v: VersionRef): string {
  return dt(lang, code, {
    version: v.version,
    title: v.title,
    binding: dt(lang, v.binding ? 'binding' : 'not-binding'),
    effective: v.effective,
  });
}

function parties(c: { holder?: string; counterparty?: string | null }): string {
  return c.holder ? `, ${c.holder}${c.counterparty ? ` → ${c.counterparty}` : ''}` : '';
}

function where(lang: Lang, version: string, trail: readonly string[]): string {
  return `[${dt(lang, 'written-in', { version })}${trail.length > 0 ? `, § ${trail.join(' › ')}` : ''}]`;
}

function changeLine(lang: Lang, c: ChangeJson, quote: boolean): string {
  const v = (s: string | null): string => {
    if (s === null) return dt(lang, 'none');
    if (c.part === 'binding') return dt(lang, s === 'binding' ? 'binding' : 'not-binding');
    return quote ? `\`${s}\`` : s;
  };
  return `${partLabel(lang, c.part)}${dt(lang, 'colon')}${v(c.from)} → ${v(c.to)} (${classificationLabel(lang, c.classification)})`;
}

function presenceBlock(lang: Lang, sign: string, c: ClauseJson): string[] {
  return [
    `  ${sign} ${c.id} — ${kindLabel(lang, c.kind)}${parties(c)}${dt(lang, 'colon')}${classificationLabel(lang, c.classification)}  ${where(lang, c.version, c.trail)}`,
    `      ${c.text}`,
  ];
}

/** Prose redlines already shown, by content, with the clause they were shown under (a section holds several clauses). */
type Shown = Map<string, string>;

function changedBlock(lang: Lang, c: ChangedClauseJson, shown: Shown): string[] {
  const kind = c.fromKind ? `${kindLabel(lang, c.fromKind)} → ${kindLabel(lang, c.kind)}` : kindLabel(lang, c.kind);
  const versions = c.fromVersion === c.toVersion ? c.toVersion : `${c.fromVersion} → ${c.toVersion}`;
  const out = [
    `  ~ ${c.id} — ${kind}${parties(c)}${dt(lang, 'colon')}${c.classification.map((x) => classificationLabel(lang, x)).join(', ')}  ${where(lang, versions, c.trail)}`,
  ];
  for (const ch of c.changes) out.push(`      ${changeLine(lang, ch, true)}`);
  for (const p of c.prose) {
    const key = `${p.field}:${JSON.stringify(p.parts)}`;
    const first = shown.get(key);
    if (first === undefined) shown.set(key, c.id);
    const body = first === undefined ? indent(renderParts(p.parts), '        ') : dt(lang, 'same-prose', { id: first });
    out.push(`      ${partLabel(lang, p.field)}${dt(lang, 'colon')}${body}`);
  }
  return out;
}

function statusText(lang: Lang, s: NormStatusJson | null): string {
  if (s === null) return dt(lang, 'absent');
  const extra = [
    s.until ? dt(lang, 'until', { date: s.until }) : '',
    s.endedBy ? dt(lang, 'ended-by', { why: statusWord(lang, s.endedBy) }) : '',
  ].filter(Boolean);
  return `${statusWord(lang, s.status)} ${dt(lang, 'since')} ${s.since}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
}

export function renderRedline(r: RedlineJson, lang: Lang): string {
  const out: string[] = [
    dt(lang, 'header', { family: r.family, from: r.from.version, to: r.to.version }),
    versionLine(lang, 'from-line', r.from),
    versionLine(lang, 'to-line', r.to),
  ];
  if (r.versionChanges.length > 0) {
    out.push('', dt(lang, 'versions'));
    for (const c of r.versionChanges) out.push(`  ${changeLine(lang, c, false)}`);
  }
  if (r.added.length > 0) out.push('', dt(lang, 'added', { n: r.added.length }), ...r.added.flatMap((c) => presenceBlock(lang, '+', c)));
  if (r.removed.length > 0)
    out.push('', dt(lang, 'removed', { n: r.removed.length }), ...r.removed.flatMap((c) => presenceBlock(lang, '-', c)));
  const shown: Shown = new Map();
  if (r.changed.length > 0)
    out.push('', dt(lang, 'changed', { n: r.changed.length }), ...r.changed.flatMap((c) => changedBlock(lang, c, shown)));
  if (r.affected.length > 0) {
    out.push('', dt(lang, 'affected', { n: r.affected.length }));
    for (const a of r.affected) {
      const uses = a.uses.map((u) => `\`${u}\``).join(', ');
      out.push(`  · ${a.id} — ${kindLabel(lang, a.kind)}${parties(a)}${dt(lang, 'colon')}${dt(lang, 'uses', { uses })}`);
    }
  }
  if (r.versionChanges.length + r.added.length + r.removed.length + r.changed.length === 0) out.push('', dt(lang, 'no-difference'));
  if (r.impact) {
    out.push('', dt(lang, 'impact', { date: r.impact.asOf }));
    if (r.impact.hypothetical > 0) out.push(`  ${dt(lang, 'impact-hypothetical', { n: r.impact.hypothetical })}`);
    if (r.impact.norms.length === 0) out.push(`  ${dt(lang, 'impact-none')}`);
    for (const n of r.impact.norms) out.push(`  ${n.id}${dt(lang, 'colon')}${statusText(lang, n.from)} → ${statusText(lang, n.to)}`);
  }
  return out.join('\n');
}
