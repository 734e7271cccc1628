/**
 * Checks a family: every version document sharing one `agreement` id. Resolves `amends`/`supersedes`, checks
 * bases before the versions that amend them, and returns the versions ordered by effective date.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { hint } from '../diagnostics/terms.js';
import type { SourceFile } from '../source/source-file.js';
import { sourceFile } from '../source/source-file.js';
import type { SyntaxDocument } from '../syntax/document.js';
import { parseDocument } from '../syntax/parse.js';
import type { Header } from './header.js';
import { checkHeader } from './header.js';
import type { Family, Version } from './ir.js';
import { suggest } from './suggest.js';
import { checkVersion } from './version.js';

export interface InputFile {
  readonly path: string;
  readonly text: string;
}

export interface CheckResult {
  readonly family: Family | null;
  readonly files: ReadonlyMap<string, SourceFile>;
  readonly diagnostics: readonly Diagnostic[];
}

/** Checks documents given as text. `dir` names the family's directory (for messages and the family record). */
export function checkFamily(inputs: readonly InputFile[], dir = '.'): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, SourceFile>();
  const docs: { doc: SyntaxDocument; header: Header }[] = [];
  for (const input of inputs) {
    const file = sourceFile(input.path, input.text);
    files.set(file.path, file);
    const parsed = parseDocument(file);
    diagnostics.push(...parsed.diagnostics);
    const header = checkHeader(parsed.value, diagnostics);
    if (header) docs.push({ doc: parsed.value, header });
  }
  const agreement = docs[0]?.header.agreement ?? null;
  const byId = new Map<string, { doc: SyntaxDocument; header: Header }>();
  for (const d of docs) {
    const h = d.header;
    if (h.agreement !== agreement) {
      diagnostics.push(diagnostic(d.doc.file, h.agreementAt, 'agreement-mismatch', { found: h.agreement, expected: agreement ?? '' }));
      continue;
    }
    const prior = byId.get(h.version);
    if (prior) {
      diagnostics.push(diagnostic(d.doc.file, h.versionAt, 'duplicate-version', { name: h.version, other: prior.doc.file.path }));
      continue;
    }
    byId.set(h.version, d);
  }
  const checked = new Map<string, Version>();
  const failed = new Set<string>();
  const visiting = new Set<string>();
  const check = (id: string, path: string[]): Version | null => {
    const done = checked.get(id);
    if (done) return done;
    if (failed.has(id)) return null;
    const d = byId.get(id);
    if (!d) return null;
    const h = d.header;
    if (visiting.has(id)) {
      diagnostics.push(diagnostic(d.doc.file, h.versionAt, 'version-cycle', { cycle: [...path.slice(path.indexOf(id)), id].join(' → ') }));
      failed.add(id);
      return null;
    }
    visiting.add(id);
    let base: Version | null = null;
    for (const [relation, ref] of [
      ['amends', h.amends],
      ['supersedes', h.supersedes],
    ] as const) {
      if (!ref) continue;
      if (!byId.has(ref.id)) {
        diagnostics.push(
          diagnostic(d.doc.file, ref.at, 'unknown-version', {
            relation: `@${relation}`,
            name: ref.id,
            hint: hint(suggest(ref.id, byId.keys())),
          }),
        );
        continue;
      }
      const b = check(ref.id, [...path, id]);
      if (relation === 'amends') base = b;
    }
    visiting.delete(id);
    if (failed.has(id)) return null;
    if (h.amends && !base) {
      failed.add(id);
      return null;
    }
    const v = checkVersion(d.doc, h, base, diagnostics);
    checked.set(id, v);
    return v;
  };
  for (const id of byId.keys()) check(id, []);
  const order = [...byId.keys()];
  const versions = [...checked.values()].sort(
    (a, b) => (a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : 0) || order.indexOf(a.id) - order.indexOf(b.id),
  );
  const family = agreement ? { agreement, dir, versions } : null;
  return { family, files, diagnostics: sortDiagnostics(diagnostics) };
}
