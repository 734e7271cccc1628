/**
 * The JSON the API gives for a version (`VersionInfo`), a version with its text (`VersionDetail`) and a family
 * (`FamilyInfo`). The web UI imports these types (web/src/api-types.ts), so the two cannot drift apart.
 */
import { printUndisclosed, printValue } from '../check/expr-text.js';
import type { Family, Type, Version } from '../check/ir.js';
import type { CheckedFamily, PartyLedger } from './family-cache.js';
import { eventAnchor, versionAnchors, versionHtml } from './version-html.js';
import { lastBinding } from '../check/last-binding.js';

export interface VersionInfo {
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly date: string;
  readonly binding: boolean;
  readonly amends: string | null;
  readonly supersedes: readonly string[];
  readonly signed?: string;
}

export interface EventTypeInfo {
  readonly name: string;
  readonly actors: readonly string[];
  /** Each field's type by name (`money`, `money USD`, `date`, `text`…). */
  readonly fields: readonly { readonly name: string; readonly type: string; readonly optional?: boolean }[];
  readonly anchor: string;
  /** The version whose text declares it. */
  readonly version: string;
}

export interface VersionDetail extends VersionInfo {
  readonly source: string;
  readonly html: string;
  readonly clauses: ReturnType<typeof versionAnchors>['clauses'];
  readonly definitions: ReturnType<typeof versionAnchors>['definitions'];
  readonly eventTypes: readonly EventTypeInfo[];
}

export interface FamilyInfo {
  readonly family: string;
  readonly title: string;
  readonly parties: readonly { readonly id: string; readonly name: string }[];
  readonly versions: readonly VersionInfo[];
  /** The events this token may see. */
  readonly events: number;
  readonly lastEvent: { readonly seq: number; readonly id: string; readonly date: string; readonly type: string } | null;
  /** The undisclosed terms of the last binding version: what a what-if may assume (`assume`, `TERM=VALUE`). */
  readonly undisclosed: readonly UndisclosedTerm[];
}

/** What `GET …/scenarios` says of each: read from its document (its `title`, `description`, `version`, `branch`…). */
export interface ScenarioInfo {
  readonly name: string;
  readonly title: string;
  readonly description: string | null;
  readonly version: string | null;
  readonly branch: string | null;
  readonly retract: readonly string[];
  /** How many hypothetical events it adds. */
  readonly events: number;
  readonly addedAt: string;
}

export interface UndisclosedTerm {
  readonly name: string;
  /** Its type (`money`, `money USD`, `number`, `date`…). */
  readonly type: string;
  /** The version whose text defines it. */
  readonly version: string;
  /** What is known of it, as written (`undisclosed at least USD 13bn`). */
  readonly known: string;
  /** Its bounds in pacte syntax (a value to assume must lie within them), or null on a side with none. */
  readonly lo: string | null;
  readonly loOpen: boolean;
  readonly hi: string | null;
  readonly hiOpen: boolean;
}

/** A money value of no currency prints with a leading space (`more than  0`). */
const tidy = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The undisclosed terms of the family's last binding version (engine/load-scenarios.ts sets `--assume` on it). */
export function undisclosedTerms(family: Family): UndisclosedTerm[] {
  const v = lastBinding(family);
  if (!v) return [];
  return [...v.definitions.values()].flatMap((d) => {
    if (d.expr.kind !== 'undisclosed') return [];
    const b = d.expr.bounds;
    return [
      {
        name: d.name,
        type: typeName(d.type),
        version: d.meta.version,
        known: tidy(printUndisclosed(b)),
        lo: b?.lo ? tidy(printValue(b.lo)) : null,
        loOpen: b?.loOpen ?? false,
        hi: b?.hi ? tidy(printValue(b.hi)) : null,
        hiOpen: b?.hiOpen ?? false,
      },
    ];
  });
}

export function versionInfo(v: Version): VersionInfo {
  return {
    id: v.id,
    file: v.file,
    title: v.title,
    date: v.effective,
    binding: v.binding,
    amends: v.amends,
    supersedes: v.supersedes ? [v.supersedes] : [],
    ...(v.signed ? { signed: v.signed } : {}),
  };
}

function typeName(t: Type): string {
  return t.t === 'money' && t.currency ? `money ${t.currency}` : t.t;
}

/** The HTML of each checked version, rendered once: a checked family's versions are immutable objects. */
const htmlCache = new WeakMap<Version, string>();

export function versionDetail(fam: CheckedFamily, v: Version): VersionDetail {
  const row = fam.rows.find((r) => r.file === v.file);
  const source = row?.source ?? '';
  const anchors = versionAnchors(v);
  let html = htmlCache.get(v);
  if (html === undefined) {
    html = versionHtml(v.file, source, v);
    htmlCache.set(v, html);
  }
  return {
    ...versionInfo(v),
    source,
    html,
    clauses: anchors.clauses,
    definitions: anchors.definitions,
    eventTypes: [...v.events.values()].map((t) => ({
      name: t.name,
      actors: t.actors,
      // `optional: true` for a field written `name?: type`, which an event may leave out.
      fields: [...t.fields].map(([name, type]) => ({ name, type: typeName(type), ...(t.optional?.has(name) ? { optional: true } : {}) })),
      anchor: eventAnchor(t.name),
      version: t.meta.version,
    })),
  };
}

export function familyItem(fam: CheckedFamily, ledger: PartyLedger): FamilyInfo {
  const parties = new Map<string, string>();
  for (const v of fam.family.versions) for (const p of v.parties.values()) if (!parties.has(p.id)) parties.set(p.id, p.name);
  const last = ledger.rows[ledger.rows.length - 1];
  return {
    family: fam.name,
    title: fam.family.versions[0]?.title ?? fam.name,
    parties: [...parties].map(([id, name]) => ({ id, name })),
    versions: fam.family.versions.map(versionInfo),
    events: ledger.rows.length,
    lastEvent: last ? { seq: last.seq, id: last.id, date: String(last.event['date']), type: String(last.event['type']) } : null,
    undisclosed: undisclosedTerms(fam.family),
  };
}
