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
  const versions = orderVersions([...checked.values()], byId, diagnostics);
  const family = agreement ? { agreement, dir, versions } : null;
  return { family, files, diagnostics: sortDiagnostics(diagnostics) };
}

/**
 * Versions by effective date; on the same day, a version after the ones it amends or supersedes (directly or not).
 * Two binding versions of the same day that neither derives from are an ambiguity (`ambiguous-version-order`): which
 * governs is never decided by file name. Proposals of the same day are ordered by id, since they never govern.
 */
function orderVersions(
  versions: Version[],
  byId: ReadonlyMap<string, { doc: SyntaxDocument; header: Header }>,
  diagnostics: Diagnostic[],
): Version[] {
  const derives = (a: string, b: string): boolean => {
    // Whether `a` amends or supersedes `b`, through any chain.
    const seen = new Set<string>();
    const todo = [a];
    while (todo.length > 0) {
      const h = byId.get(todo.pop()!)?.header;
      if (!h) continue;
      for (const ref of [h.amends, h.supersedes]) {
        if (!ref || seen.has(ref.id)) continue;
        if (ref.id === b) return true;
        seen.add(ref.id);
        todo.push(ref.id);
      }
    }
    return false;
  };
  const byDay = new Map<string, Version[]>();
  for (const v of versions) byDay.set(v.effective, [...(byDay.get(v.effective) ?? []), v]);
  const out: Version[] = [];
  for (const day of [...byDay.keys()].sort()) {
    const same = byDay.get(day)!.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // Kahn's order over "derives from" within the day; ties by id.
    const left = [...same];
    while (left.length > 0) {
      const i = left.findIndex((v) => !left.some((w) => w !== v && derives(v.id, w.id)));
      out.push(...left.splice(Math.max(i, 0), 1));
    }
    const binding = same.filter((v) => v.binding);
    for (let i = 0; i < binding.length; i++)
      for (let j = i + 1; j < binding.length; j++) {
        const a = binding[i]!;
        const b = binding[j]!;
        if (derives(a.id, b.id) || derives(b.id, a.id)) continue;
        const d = byId.get(b.id)!;
        diagnostics.push(
          diagnostic(d.doc.file, d.header.versionAt, 'ambiguous-version-order', {
            name: b.id,
            other: a.id,
            date: day,
          }),
        );
      }
  }
  return out;
}
