/** What completion offers at a point: an event's fields after `event.`, else the keywords and the names in scope. */
import type { Version } from '../check/ir.js';
import { typeArg } from '../check/types.js';
import type { Lang } from '../diagnostics/terms.js';
import { holdersLabel, term } from '../diagnostics/terms.js';
import { kindLabel } from '../diff/diff-messages.js';
import { KEYWORDS } from '../syntax/keywords.js';

export type ItemKind = 'keyword' | 'norm' | 'definition' | 'event' | 'field' | 'party' | 'source';

export interface Item {
  readonly label: string;
  readonly kind: ItemKind;
  readonly detail: string;
}

export function completionItems(v: Version | null, owner: string | null, lang: Lang): Item[] {
  if (owner !== null) {
    const e = v?.events.get(owner);
    return e ? [...e.fields].map(([k, t]) => ({ label: k, kind: 'field' as const, detail: term(typeArg(t), lang) })) : [];
  }
  const items: Item[] = [...KEYWORDS].map((k) => ({ label: k, kind: 'keyword' as const, detail: '' }));
  if (!v) return items;
  for (const n of v.norms.values())
    items.push({
      label: n.id,
      kind: 'norm',
      detail: `${kindLabel(lang, n.kind)}, ${holdersLabel(lang, n.holders)} → ${n.counterparty ?? '—'}`,
    });
  for (const d of v.definitions.values()) items.push({ label: d.name, kind: 'definition', detail: term(typeArg(d.type), lang) });
  for (const e of v.events.values()) items.push({ label: e.name, kind: 'event', detail: kindLabel(lang, 'event') });
  for (const p of v.parties.values()) items.push({ label: p.id, kind: 'party', detail: p.name });
  for (const s of v.sources.values()) items.push({ label: s.id, kind: 'source', detail: s.title });
  return items;
}
