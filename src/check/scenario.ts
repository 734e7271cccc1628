/**
 * `checkScenario(file, family, name)`: a scenario file (`scenarios/<name>.pacte.md`, docs/format.md "Scenarios")
 * checked against its family. Its front matter (title, description, sources, the version it is a counterfactual of,
 * a branch date, the ledger events it retracts), its assumptions (`assume TERM = VALUE [as LABEL]`, check/assume.ts)
 * and its clause overlay: the other statements of its `pacte` blocks, checked like an amendment of its base version
 * (its `version`, else the family's last binding version). A scenario never governs the real timeline: the engine
 * applies it only when asked (engine/apply-scenarios.ts).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { hint } from '../diagnostics/terms.js';
import type { Range, SourceFile } from '../source/source-file.js';
import type { Statement } from '../syntax/ast.js';
import type { SyntaxDocument, YamlEntry, YamlNode } from '../syntax/document.js';
import { parseDocument } from '../syntax/parse.js';
import type { IsoDate } from '../values/dates.js';
import { parseDate } from '../values/dates.js';
import type { Assumption } from './assume.js';
import { checkAssumptions } from './assume.js';
import type { Header } from './header.js';
import type { Family, SourceInfo, SourceStatus, Version } from './ir.js';
import { suggest } from './suggest.js';
import { checkVersion } from './version.js';
import { lastBinding } from './last-binding.js';

export const SCENARIO_SUFFIX = '.pacte.md';

export interface ScenarioOverlay {
  /** The version the overlay amends, and that version with the overlay (its effective form). */
  readonly base: Version;
  readonly version: Version;
}

export interface Scenario {
  readonly name: string;
  readonly file: string;
  readonly title: string;
  readonly description: string | null;
  readonly sources: ReadonlyMap<string, SourceInfo>;
  /** The version it is a counterfactual of (evaluated as `--version`), or null. */
  readonly version: string | null;
  /** Where `version` is written (for the diagnostic when two scenarios name different versions). */
  readonly versionAt: Range | null;
  /** Real events after this date are set aside. */
  readonly branch: IsoDate | null;
  readonly retract: readonly { readonly id: string; readonly at: Range }[];
  readonly assumptions: readonly Assumption[];
  /** Null when the scenario changes no clause. */
  readonly overlay: ScenarioOverlay | null;
  /** Where each front matter field is written (for diagnostics that name both scenarios of a conflict). */
  readonly at: Range;
}

const KNOWN = new Set(['title', 'description', 'sources', 'version', 'branch', 'retract', 'pacte', 'notes']);
const STATUSES = new Set(['official', 'reported', 'unverified']);

function scalar(n: YamlNode | undefined): string | null {
  if (n?.kind !== 'scalar' || n.value === null || typeof n.value === 'boolean') return null;
  return String(n.value);
}

/** The scenario in `file` (already read), checked against `family`; null with diagnostics when it cannot be used. */
export function checkScenario(
  file: SourceFile,
  family: Family,
  name: string,
  eventIds: ReadonlySet<string>,
): { scenario: Scenario | null; diagnostics: Diagnostic[] } {
  const parsed = parseDocument(file);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const doc = parsed.value;
  const fm = doc.frontMatter;
  const start: Range = [doc.frontMatterAt[0], doc.frontMatterAt[0] + 3];
  if (fm?.kind !== 'map') {
    diagnostics.push(
      diagnostic(file, fm?.at ?? [0, 0], fm ? 'front-matter-type' : 'missing-front-matter', {
        field: 'front matter',
        expected: '@mapping',
      }),
    );
    return { scenario: null, diagnostics };
  }
  const get = (k: string): YamlEntry | undefined => fm.entries.find((e) => e.key === k);
  for (const e of fm.entries)
    if (!KNOWN.has(e.key)) diagnostics.push(diagnostic(file, e.keyAt, 'unknown-front-matter-field', { field: e.key }));
  const wrong = (at: Range, field: string, expected: string): void => {
    diagnostics.push(diagnostic(file, at, 'front-matter-type', { field, expected }));
  };
  const title = scalar(get('title')?.value) ?? doc.title;
  if (title === null) diagnostics.push(diagnostic(file, start, 'missing-front-matter-field', { field: 'title' }));
  const description = scalar(get('description')?.value);
  const sources = new Map<string, SourceInfo>();
  const se = get('sources');
  if (se && se.value.kind !== 'map') wrong(se.value.at, 'sources', '@mapping');
  else if (se && se.value.kind === 'map')
    for (const s of se.value.entries) {
      const v = s.value;
      const field = (k: string): string | null => (v.kind === 'map' ? scalar(v.entries.find((x) => x.key === k)?.value) : null);
      const status = field('status');
      if (v.kind !== 'map' || status === null || !STATUSES.has(status)) {
        wrong(v.at, `sources.${s.key}.status`, '@source-status');
        continue;
      }
      sources.set(s.key, { id: s.key, title: field('title') ?? s.key, url: field('url'), status: status as SourceStatus });
    }
  const versionE = get('version');
  const versionId = scalar(versionE?.value);
  let base: Version | null = null;
  if (versionE) {
    base = family.versions.find((v) => v.id === versionId) ?? null;
    if (!base)
      diagnostics.push(
        diagnostic(file, versionE.value.at, 'scenario-unknown-version', {
          name: versionId ?? '',
          hint: hint(
            suggest(
              versionId ?? '',
              family.versions.map((v) => v.id),
            ),
          ),
        }),
      );
  }
  const branchE = get('branch');
  const branch = branchE ? (parseDate(scalar(branchE.value) ?? '') ?? null) : null;
  if (branchE && !branch) wrong(branchE.value.at, 'branch', '@iso-date');
  const retract: { id: string; at: Range }[] = [];
  const re = get('retract');
  if (re) {
    const items = re.value.kind === 'seq' ? re.value.items : [re.value];
    for (const it of items) {
      const id = scalar(it);
      if (id === null) {
        wrong(it.at, 'retract', '@event-ids');
        continue;
      }
      if (!eventIds.has(id)) {
        diagnostics.push(diagnostic(file, it.at, 'scenario-unknown-event', { id, hint: hint(suggest(id, eventIds)) }));
        continue;
      }
      retract.push({ id, at: it.at });
    }
  }
  const target = base ?? lastBinding(family);
  if (!target) return { scenario: null, diagnostics };
  // The assumptions, then the other statements: an overlay, checked as an amendment of the base version.
  const assumes: (Statement & { kind: 'assume' })[] = [];
  const blocks = doc.blocks.map((b) => {
    const rest: Statement[] = [];
    for (const s of b.statements) {
      if (s.kind === 'assume') assumes.push(s);
      else rest.push(s);
    }
    return { ...b, statements: rest };
  });
  let overlay: ScenarioOverlay | null = null;
  if (blocks.some((b) => b.statements.length > 0)) {
    const header: Header = {
      pacte: 1,
      agreement: family.agreement,
      agreementAt: start,
      version: `scenario:${name}`,
      versionAt: start,
      title: title ?? name,
      binding: false,
      signed: null,
      effective: target.effective,
      amends: { id: target.id, at: start },
      supersedes: null,
      parties: new Map(),
      sources,
      record: null,
      fiscalYear: { start: null, parties: [] },
      holidays: null,
      units: [],
    };
    const overlayDoc: SyntaxDocument = { ...doc, blocks };
    overlay = { base: target, version: checkVersion(overlayDoc, header, target, diagnostics) };
  }
  const assumptions = checkAssumptions(file, assumes, overlay?.version ?? target, name, diagnostics);
  return {
    scenario: {
      name,
      file: file.path,
      title: title ?? name,
      description,
      sources,
      version: base?.id ?? null,
      versionAt: base ? (versionE?.value.at ?? null) : null,
      branch,
      retract,
      assumptions,
      overlay,
      at: start,
    },
    diagnostics,
  };
}
