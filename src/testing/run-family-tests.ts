/**
 * Runs a family's tests file: the family is loaded and evaluated by the same functions as `pacte state`
 * (`loadFamilyDir`, the engine's evaluator, with `--version` and `--events` as an expectation's `under` and `with`),
 * once per distinct context, and each expectation is judged against the state JSON of its date.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { suggest } from '../check/suggest.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic, hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import type { Lang } from '../diagnostics/terms.js';
import { hint } from '../diagnostics/terms.js';
import type { Evaluator } from '../engine/evaluate.js';
import { createEvaluator } from '../engine/evaluate.js';
import type { LoadedFamily, Overlay } from '../engine/load-family-dir.js';
import type { ScenarioFiles } from '../engine/load-scenarios.js';
import { scenarioFiles, withScenarios } from '../engine/load-scenarios.js';
import { loadFamilyDir } from '../engine/load-family-dir.js';
import { readTextFile } from '../source/read-text-file.js';
import type { SourceFile } from '../source/source-file.js';
import { pointAt, sourceFile } from '../source/source-file.js';
import type { Context, EventsBlock, Expectation } from './expectation.js';
import { judge } from './judge.js';
import { observe } from './observe.js';
import { parseTests, TESTS_FILE } from './parse-tests.js';

export interface TestResult {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The expectation as written (with its `as of …:` when it sits under a heading line). */
  readonly text: string;
  readonly trail: readonly string[];
  readonly asOf: string;
  readonly version: string | null;
  readonly events: readonly string[];
  readonly party: string | null;
  readonly passed: boolean;
  /** The expectation and the state's answer, in the tests file's words (the `+` line would pass). */
  readonly expected: string;
  readonly actual: string;
  /** Why the state says so (`because.text`, in the language asked), on failure. */
  readonly because: string | null;
  /** A name close to one the state does not have. */
  readonly suggestion: string | null;
}

export interface FamilyTestRun {
  readonly dir: string;
  readonly file: string;
  readonly results: readonly TestResult[];
  /** Mistakes in the tests file, the family or the events it names: each is an error, and fails the run. */
  readonly diagnostics: readonly Diagnostic[];
  readonly files: ReadonlyMap<string, SourceFile>;
}

/** Evaluations are shared by the expectations of one context (same version, events and party). */
const contextKey = (c: Context): string => JSON.stringify([c.version, c.events.map((e) => e.name), c.party]);

export function runFamilyTests(dir: string, lang: Lang): FamilyTestRun {
  const path = join(dir, TESTS_FILE);
  const files = new Map<string, SourceFile>();
  const empty = (d: Diagnostic[]): FamilyTestRun => ({ dir, file: path, results: [], diagnostics: d, files });
  if (!existsSync(path)) return empty([diagnostic(sourceFile(path, ''), [0, 0], 'no-tests', { path })]);
  let text: string;
  try {
    text = readTextFile(path);
  } catch (e) {
    return empty([diagnostic(sourceFile(path, ''), [0, 0], 'read-error', { path, detail: e instanceof Error ? e.message : String(e) })]);
  }
  const file = sourceFile(path, text);
  files.set(path, file);
  const parsed = parseTests(file);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (parsed.expectations.length === 0 && diagnostics.length === 0) diagnostics.push(diagnostic(file, [0, 0], 'no-tests', { path }));

  const base = loadFamilyDir(dir, [], false);
  for (const [k, v] of base.files) files.set(k, v);
  // The family's own warnings are shown, as `pacte state` shows them; its errors stop the run.
  diagnostics.push(...base.diagnostics);
  if (!base.family || hasErrors(base.diagnostics)) return empty(sortDiagnostics(diagnostics));
  const family = base.family;
  const versions = family.versions.map((v) => v.id);
  const parties = [...new Set(family.versions.flatMap((v) => [...v.parties.keys()]))];

  const evaluators = new Map<string, Evaluator | null>();
  const loads = new Map<string, LoadedFamily>();
  const evaluatorOf = (c: Context, trail: readonly string[]): Evaluator | null => {
    const key = contextKey(c);
    if (evaluators.has(key)) return evaluators.get(key)!;
    const problems: Diagnostic[] = [];
    if (c.version !== null && !versions.includes(c.version))
      problems.push(
        diagnostic(
          file,
          c.versionAt!,
          'unknown-version',
          { relation: '`under`', name: c.version, hint: hint(suggest(c.version, versions)) },
          { trail },
        ),
      );
    if (c.party !== null && !parties.includes(c.party))
      problems.push(diagnostic(file, c.partyAt!, 'unknown-party', { name: c.party, hint: hint(suggest(c.party, parties)) }, { trail }));
    const overlays: Overlay[] = [];
    // `with scenarios/NAME.pacte.md`: a scenario of the family (its events go with the ledger, the rest applied after).
    const scenarios: ScenarioFiles[] = [];
    for (const e of c.events) {
      const sc = e.name.endsWith('.pacte.md') ? scenarioFiles(dir, e.name) : null;
      if (sc) {
        scenarios.push(sc);
        if (sc.events) overlays.push(sc.events);
        continue;
      }
      const o = overlayOf(dir, path, parsed.events, e.name);
      if (o) overlays.push(o);
      else
        problems.push(
          diagnostic(
            file,
            e.at,
            'test-unknown-events',
            {
              name: e.name,
              hint: hint(
                suggest(
                  e.name,
                  parsed.events.map((b) => b.name),
                ),
              ),
            },
            { trail },
          ),
        );
    }
    let ev: Evaluator | null = null;
    if (problems.length === 0) {
      const overlayKey = JSON.stringify(c.events.map((x) => x.name));
      const loaded = overlays.length === 0 ? base : (loads.get(overlayKey) ?? loadFamilyDir(dir, overlays, false));
      loads.set(overlayKey, loaded);
      for (const [k, v] of loaded.files) if (k !== path) files.set(k, v);
      const read = new Set(overlays.map((o) => (typeof o === 'string' ? o : o.path)));
      problems.push(...loaded.diagnostics.filter((d) => read.has(d.file)));
      if (loaded.family && !hasErrors(problems)) {
        const view = scenarios.length > 0 ? withScenarios(loaded.family, loaded.events, { scenarios, assume: [], retract: [] }) : null;
        problems.push(...(view?.diagnostics ?? []));
        const all = view?.events ?? loaded.events;
        const seen = c.party === null ? all : all.filter((x) => x.visibility === null || x.visibility.includes(c.party!));
        if (!hasErrors(problems))
          ev = createEvaluator(view?.family ?? loaded.family, seen, {
            version: c.version ?? view?.version ?? null,
            lang,
            ...(view ? { scenarios: { applied: view.scenarios, assumed: view.assumed } } : {}),
          });
      }
    }
    // A problem of a context is reported once, at its first expectation.
    for (const d of problems) if (!diagnostics.some((x) => sameDiagnostic(x, d))) diagnostics.push(d);
    evaluators.set(key, ev);
    return ev;
  };

  const results: TestResult[] = [];
  for (const e of parsed.expectations) {
    const ev = evaluatorOf(e.context, e.trail);
    if (!ev) continue;
    results.push(result(file, e, ev, lang));
  }
  return { dir, file: path, results, diagnostics: sortDiagnostics(diagnostics), files };
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return a.code === b.code && a.file === b.file && a.start.offset === b.start.offset && a.end.offset === b.end.offset;
}

/**
 * `with NAME`: an `events` block of the tests file (read at its own lines, so that a mistake in it is reported
 * there), else a file of the family directory (`scenarios/agi-2027.jsonl`).
 */
function overlayOf(dir: string, testsPath: string, blocks: readonly EventsBlock[], name: string): Overlay | null {
  const b = blocks.find((x) => x.name === name);
  if (b) return { path: testsPath, text: '\n'.repeat(b.firstLine - 1) + b.text };
  const p = join(dir, name);
  return existsSync(p) ? p : null;
}

function result(file: SourceFile, e: Expectation, ev: Evaluator, lang: Lang): TestResult {
  const st = ev.at(e.context.asOf, lang);
  const o = observe(st, e.subject);
  const v = judge(e, o);
  const at = pointAt(file, e.at[0]);
  return {
    file: file.path,
    line: at.line,
    column: at.column,
    text: e.text,
    trail: e.trail,
    asOf: e.context.asOf,
    version: e.context.version,
    events: e.context.events.map((x) => x.name),
    party: e.context.party,
    passed: v.passed,
    expected: v.expected,
    actual: v.actual,
    because: v.passed ? null : o.because,
    suggestion: v.passed ? null : o.suggestion,
  };
}
