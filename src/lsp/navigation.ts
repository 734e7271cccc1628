/**
 * Where a name is defined and where it is used, across the family's documents: a clause, definition or event type
 * goes to its statement (an amendment's `replace x` or `remove x` to the base version's clause), a party or a source
 * to its key in the front matter; references are the name's occurrences in the `pacte` blocks of every document.
 */
import type { Version } from '../check/ir.js';
import type { Range, Span } from '../source/source-file.js';
import type { FamilyView } from './family-view.js';
import type { Named } from './lookup.js';
import { lookup } from './lookup.js';
import type { Outline } from './document-outline.js';
import { occurrences } from './document-outline.js';

/** A place in a file: its path and 0-based offsets. */
export interface Place {
  readonly path: string;
  readonly at: Range;
}

function base(view: FamilyView, v: Version): Version | null {
  const id = v.amends ?? v.supersedes;
  return view.family?.versions.find((x) => x.id === id) ?? null;
}

/** The meaning of a name written in version `v`; `toBase` (after `replace` or `remove`) looks in the version it amends first. */
export function resolveName(view: FamilyView, v: Version, name: string, owner: string | null, toBase: boolean): Named | null {
  const b = base(view, v);
  if (toBase && b) return lookup(b, name, owner) ?? lookup(v, name, owner);
  return lookup(v, name, owner) ?? (b ? lookup(b, name, owner) : null);
}

const spanPlace = (s: Span): Place => ({ path: s.file, at: [s.start.offset, s.end.offset] });

/** Where the name is declared; `outlines` gives each family document's outline by path (for front matter keys). */
export function definitionOf(named: Named, view: FamilyView, outlineOf: (path: string) => Outline | null): Place | null {
  switch (named.kind) {
    case 'norm':
      return spanPlace(named.norm.meta.span);
    case 'definition':
      return spanPlace(named.definition.meta.span);
    case 'event':
    case 'field':
      return spanPlace(named.event.meta.span);
    case 'party':
    case 'source': {
      const id = named.kind === 'party' ? named.party.id : named.source.id;
      // The earliest version that declares it: the first document to name a party is where it comes from.
      for (const v of view.family?.versions ?? []) {
        const o = outlineOf(v.file);
        const at = (named.kind === 'party' ? o?.parties : o?.sources)?.get(id);
        if (o && at) return { path: v.file, at };
      }
      return null;
    }
  }
}

/** Every place the name is written in the family's `pacte` blocks, and its front matter key for a party or source. */
export function referencesOf(name: string, paths: readonly string[], outlineOf: (path: string) => Outline | null): Place[] {
  const out: Place[] = [];
  for (const p of paths) {
    const o = outlineOf(p);
    if (!o) continue;
    const key = o.parties.get(name) ?? o.sources.get(name);
    if (key) out.push({ path: p, at: key });
    for (const at of occurrences(o, name)) out.push({ path: p, at });
  }
  return out;
}
