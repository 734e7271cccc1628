/**
 * What reading a ledger needs of a family and nothing of the event: its parties, sources, consent clauses, event
 * type names, and for each event type the versions that declare it. Computed once per family (a checked family is
 * never changed: a new version makes a new Family) and kept with it, so that checking one event costs what the
 * event holds, not what the agreement declares.
 */
import type { Family, SourceInfo, Version } from '../check/ir.js';

export interface LedgerFacts {
  readonly parties: ReadonlySet<string>;
  readonly sources: ReadonlyMap<string, SourceInfo>;
  readonly consentClauses: ReadonlySet<string>;
  readonly typeNames: ReadonlySet<string>;
  /** Per event type, the binding versions that declare it and all those that do, in the family's order. */
  readonly declaring: ReadonlyMap<string, { readonly binding: readonly Version[]; readonly all: readonly Version[] }>;
}

const kept = new WeakMap<Family, LedgerFacts>();

export function ledgerFacts(family: Family): LedgerFacts {
  let facts = kept.get(family);
  if (!facts) {
    const declaring = new Map<string, { binding: Version[]; all: Version[] }>();
    for (const v of family.versions) {
      for (const name of v.events.keys()) {
        let d = declaring.get(name);
        if (!d) {
          d = { binding: [], all: [] };
          declaring.set(name, d);
        }
        d.all.push(v);
        if (v.binding) d.binding.push(v);
      }
    }
    facts = {
      parties: new Set(family.versions.flatMap((v) => [...v.parties.keys()])),
      sources: new Map(family.versions.flatMap((v) => [...v.sources])),
      consentClauses: new Set(family.versions.flatMap((v) => [...v.norms.values()].filter((n) => n.kind === 'consent').map((n) => n.id))),
      typeNames: new Set(family.versions.flatMap((v) => [...v.events.keys()])),
      declaring,
    };
    kept.set(family, facts);
  }
  return facts;
}
