/**
 * The hover of a name: what it is (a clause with its kind, holder and counterparty; a definition with its type; an
 * event type with its fields; a party; a source), where its text is and the source it cites, its status or value as
 * of a date with the first lines of the explanation, and the clause's text.
 */
import { basename } from 'node:path';
import type { ClauseMeta, Type } from '../check/ir.js';
import { typeArg } from '../check/types.js';
import type { Lang } from '../diagnostics/terms.js';
import { holdersLabel, term } from '../diagnostics/terms.js';
import { kindLabel } from '../diff/diff-messages.js';
import { renderBecause, showValue } from '../engine/render-state.js';
import type { Because } from '../engine/explain.js';
import type { StateJson } from '../engine/state.js';
import { statusWord, waitsText } from '../engine/why.js';
import type { Named } from './lookup.js';
import { lspWords } from './lsp-words.js';

const W = lspWords;
const typeText = (t: Type, lang: Lang): string => term(typeArg(t), lang);

function where(meta: ClauseMeta, lang: Lang): string[] {
  const c = meta.citation;
  return [
    W.format(lang, 'written', {
      version: meta.version,
      file: basename(meta.span.file),
      line: meta.span.start.line,
      trail: meta.trail.length ? ` · § ${meta.trail.join(' › ')}` : '',
    }),
    ...(c ? [W.format(lang, 'cites', { title: c.source.title, status: statusWord(lang, c.status) })] : []),
  ];
}

/** The explanation's first lines, as a quoted block (without the clause's own citation, shown above it). */
function firstLines(b: Because, lang: Lang, n: number): string {
  const { clause: _, ...rest } = b;
  const lines = renderBecause(rest, lang).split('\n');
  return ['```text', ...lines.slice(0, n), ...(lines.length > n ? ['…'] : []), '```'].join('\n');
}

function asOfLines(named: Named, st: StateJson | null, asOf: string, lang: Lang): string[] {
  if (!st) return [];
  if (named.kind === 'norm') {
    const n = st.norms.find((x) => x.id === named.norm.id);
    if (!n)
      return [
        st.governing
          ? W.format(lang, 'not-in-force', { date: asOf, version: st.governing.version })
          : W.format(lang, 'no-governing', { date: asOf }),
      ];
    const until = n.until && n.status !== 'terminated' && n.status !== 'expired' ? W.format(lang, 'until', { date: n.until }) : '';
    const ended = n.endedBy ? W.format(lang, 'ended-by', { reason: statusWord(lang, n.endedBy) }) : '';
    return [
      W.format(lang, 'as-of', { date: asOf, status: statusWord(lang, n.status), since: n.since, until: `${until}${ended}` }),
      firstLines(n.because, lang, 4),
    ];
  }
  if (named.kind === 'definition') {
    const v = st.values[named.definition.name];
    if (!v)
      return [
        st.governing
          ? W.format(lang, 'not-in-force', { date: asOf, version: st.governing.version })
          : W.format(lang, 'no-governing', { date: asOf }),
      ];
    const head = v.indeterminate
      ? W.format(lang, 'indeterminate-as-of', { date: asOf, name: named.definition.name, waits: waitsText(lang, v.waitsFor ?? []) })
      : W.format(lang, 'value-as-of', { date: asOf, name: named.definition.name, value: showValue(v.value, lang) });
    return [head, firstLines(v.because, lang, 4)];
  }
  return [];
}

function code(text: string): string {
  return ['```pacte', text.trim(), '```'].join('\n');
}

export function hoverText(named: Named, st: StateJson | null, asOf: string, lang: Lang): string {
  const parts: string[] = [];
  switch (named.kind) {
    case 'norm': {
      const n = named.norm;
      parts.push(
        W.format(lang, 'norm-head', {
          id: n.id,
          kind: kindLabel(lang, n.kind),
          holder: holdersLabel(lang, n.holders),
          counterparty: n.counterparty ?? '—',
        }),
      );
      parts.push(where(n.meta, lang).join('  \n'));
      parts.push(...asOfLines(named, st, asOf, lang));
      parts.push(code(n.meta.text));
      break;
    }
    case 'definition': {
      const d = named.definition;
      parts.push(W.format(lang, 'definition-head', { name: d.name, type: typeText(d.type, lang) }));
      parts.push(where(d.meta, lang).join('  \n'));
      parts.push(...asOfLines(named, st, asOf, lang));
      parts.push(code(d.meta.text));
      break;
    }
    case 'event': {
      const e = named.event;
      const fields = [...e.fields].map(([k, t]) => `${k}${e.optional?.has(k) ? '?' : ''} (${typeText(t, lang)})`).join(', ');
      parts.push(W.format(lang, 'event-head', { name: e.name, fields: fields || W.format(lang, 'none') }));
      parts.push(where(e.meta, lang).join('  \n'));
      parts.push(code(e.meta.text));
      break;
    }
    case 'field':
      parts.push(`**${named.event.name}.${named.field}** — ${typeText(named.type, lang)}`);
      break;
    case 'party':
      parts.push(
        W.format(lang, 'party-head', {
          id: named.party.id,
          name: named.party.name,
          role: named.party.role ? ` (${named.party.role})` : '',
        }),
      );
      break;
    case 'source':
      parts.push(
        W.format(lang, 'source-head', {
          id: named.source.id,
          title: named.source.title,
          status: statusWord(lang, named.source.status),
          url: named.source.url ? ` <${named.source.url}>` : '',
        }),
      );
      break;
  }
  return parts.join('\n\n');
}

/** The code lens of a clause or definition: its status (or value) as of the date. */
export function lensText(named: Named, st: StateJson | null, asOf: string, lang: Lang): string | null {
  if (!st) return null;
  if (named.kind === 'norm') {
    const n = st.norms.find((x) => x.id === named.norm.id);
    if (!n) return W.format(lang, 'lens-absent', { date: asOf });
    const until = n.until && n.status !== 'terminated' && n.status !== 'expired' ? W.format(lang, 'until', { date: n.until }) : '';
    const ended = n.endedBy ? W.format(lang, 'ended-by', { reason: statusWord(lang, n.endedBy) }) : '';
    return W.format(lang, 'lens', { status: statusWord(lang, n.status), since: n.since, until: `${until}${ended}` });
  }
  if (named.kind === 'definition') {
    const v = st.values[named.definition.name];
    if (!v) return W.format(lang, 'lens-absent', { date: asOf });
    return v.indeterminate
      ? W.format(lang, 'lens-indeterminate', { waits: waitsText(lang, v.waitsFor ?? []) })
      : W.format(lang, 'lens-value', { value: showValue(v.value, lang) });
  }
  return null;
}
