/** What a name means in a version (effective form): a clause, a definition, an event type, a field, a party or a source. */
import type { Definition, EventType, Norm, Party, SourceInfo, Type, Version } from '../check/ir.js';

export type Named =
  | { readonly kind: 'norm'; readonly norm: Norm }
  | { readonly kind: 'definition'; readonly definition: Definition }
  | { readonly kind: 'event'; readonly event: EventType }
  | { readonly kind: 'field'; readonly event: EventType; readonly field: string; readonly type: Type }
  | { readonly kind: 'party'; readonly party: Party }
  | { readonly kind: 'source'; readonly source: SourceInfo };

export function lookup(v: Version, name: string, owner: string | null = null): Named | null {
  if (owner !== null) {
    const e = v.events.get(owner);
    const type = e?.fields.get(name);
    return e && type ? { kind: 'field', event: e, field: name, type } : null;
  }
  const norm = v.norms.get(name);
  if (norm) return { kind: 'norm', norm };
  const definition = v.definitions.get(name);
  if (definition) return { kind: 'definition', definition };
  const event = v.events.get(name);
  if (event) return { kind: 'event', event };
  const party = v.parties.get(name);
  if (party) return { kind: 'party', party };
  const source = v.sources.get(name);
  if (source) return { kind: 'source', source };
  return null;
}
