/**
 * `diffVersions(family, from, to)`: the redline between two versions of a family, both in their effective form (an
 * amendment is its base with the amendment applied). Clauses are matched by id: norms first, then definitions,
 * then event types, each in the order of the version; a clause that turned from a definition into a norm (or back)
 * is shown as removed and added.
 */
import type { ClauseMeta, Definition, EventType, Family, Norm, Version } from '../check/ir.js';
import { affectedClauses } from './affected-clauses.js';
import { classifyNorm, presenceClassification } from './classify-norm.js';
import { classifyDefinition, definitionChanges } from './definition-changes.js';
import { classifyEvent, eventChanges } from './event-changes.js';
import { clauseText } from '../check/expr-text.js';
import { normChanges } from './norm-changes.js';
import { proseDiffs } from './prose-diff.js';
import type { ChangedClauseJson, ChangeJson, ClauseJson, ClauseKind, RedlineJson, VersionRef } from './redline-json.js';
import { versionChanges } from './version-changes.js';

export function versionRef(v: Version): VersionRef {
  return { version: v.id, title: v.title, binding: v.binding, signed: v.signed, effective: v.effective };
}

type Clause = { readonly kind: ClauseKind; readonly meta: ClauseMeta } & (
  | { readonly of: 'norm'; readonly norm: Norm }
  | { readonly of: 'definition'; readonly def: Definition }
  | { readonly of: 'event'; readonly event: EventType }
);

/** Every clause of a version, keyed by `norm:id`, `definition:id` or `event:id`, in output order. */
function clausesOf(v: Version): Map<string, Clause> {
  const out = new Map<string, Clause>();
  for (const n of v.norms.values()) out.set(`clause:${n.id}`, { kind: n.kind, meta: n.meta, of: 'norm', norm: n });
  for (const d of v.definitions.values()) out.set(`clause:${d.name}`, { kind: 'definition', meta: d.meta, of: 'definition', def: d });
  for (const e of v.events.values()) out.set(`event:${e.name}`, { kind: 'event', meta: e.meta, of: 'event', event: e });
  return out;
}

function clauseId(c: Clause): string {
  return c.of === 'norm' ? c.norm.id : c.of === 'definition' ? c.def.name : c.event.name;
}

function parties(c: Clause): { holder?: string; counterparty?: string | null } {
  return c.of === 'norm' ? { holder: c.norm.holder, counterparty: c.norm.counterparty } : {};
}

function presence(c: Clause, present: 'added' | 'removed'): ClauseJson {
  return {
    id: clauseId(c),
    kind: c.kind,
    classification: presenceClassification(c.kind, present),
    ...parties(c),
    version: c.meta.version,
    text: clauseText(c.meta),
    trail: c.meta.trail,
  };
}

function compare(a: Clause, b: Clause): { changes: ChangeJson[]; classification: string[] } {
  if (a.of === 'norm' && b.of === 'norm') {
    const changes = normChanges(a.norm, b.norm);
    return { changes, classification: classifyNorm(a.norm.kind, b.norm.kind, changes) };
  }
  if (a.of === 'definition' && b.of === 'definition') {
    const changes = definitionChanges(a.def, b.def);
    return { changes, classification: classifyDefinition(changes) };
  }
  if (a.of === 'event' && b.of === 'event') {
    const changes = eventChanges(a.event, b.event);
    return { changes, classification: classifyEvent(changes) };
  }
  return { changes: [], classification: [] };
}

/** The redline from one version to another (without impact). */
export function redline(family: Family, from: Version, to: Version): RedlineJson {
  const a = clausesOf(from);
  const b = clausesOf(to);
  const added: ClauseJson[] = [];
  const removed: ClauseJson[] = [];
  const changed: ChangedClauseJson[] = [];
  const sameCategory = (x: Clause, y: Clause): boolean => x.of === y.of;
  for (const [key, ca] of a) {
    const cb = b.get(key);
    if (!cb || !sameCategory(ca, cb)) {
      removed.push(presence(ca, 'removed'));
      continue;
    }
    if (ca.meta === cb.meta) continue;
    const { changes, classification } = compare(ca, cb);
    const prose = proseDiffs(ca.meta, cb.meta);
    if (changes.length === 0 && prose.length === 0) continue;
    changed.push({
      id: clauseId(cb),
      kind: cb.kind,
      ...(ca.kind !== cb.kind ? { fromKind: ca.kind } : {}),
      ...parties(cb),
      classification,
      changes,
      prose,
      fromVersion: ca.meta.version,
      toVersion: cb.meta.version,
      trail: cb.meta.trail,
    });
  }
  for (const [key, cb] of b) {
    const ca = a.get(key);
    if (!ca || !sameCategory(ca, cb)) added.push(presence(cb, 'added'));
  }
  // Clauses whose meaning changed (not only their wording or citation); event types are another name space.
  const touched = new Set(changed.filter((c) => c.kind !== 'event' && c.changes.some((x) => x.part !== 'source')).map((c) => c.id));
  const listed = new Set(changed.filter((c) => c.kind !== 'event').map((c) => c.id));
  return {
    family: family.agreement,
    from: versionRef(from),
    to: versionRef(to),
    versionChanges: versionChanges(from, to),
    added,
    removed,
    changed,
    affected: affectedClauses(from, to, touched, listed),
  };
}

/** The redline between the versions named `from` and `to`; null when either is not in the family. */
export function diffVersions(family: Family, from: string, to: string): RedlineJson | null {
  const va = family.versions.find((v) => v.id === from);
  const vb = family.versions.find((v) => v.id === to);
  return va && vb ? redline(family, va, vb) : null;
}
