/**
 * The report of `pacte test`: one line per expectation, `pass` or `FAIL` with its file:line:column and its text; under
 * a failure the expectation and the state's answer in the same words (a small diff: the `+` line is what would pass)
 * and the engine's reason; then `N passed, M failed`. `reportJson` is the same content for `--json`.
 */
import { escapeControls, toJson } from '../diagnostics/render.js';
import type { Lang } from '../diagnostics/terms.js';
import type { FamilyTestRun, TestResult } from './run-family-tests.js';
import { testWords } from './test-words.js';

export interface Totals {
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
}

export function totals(runs: readonly FamilyTestRun[]): Totals {
  const results = runs.flatMap((r) => r.results);
  const passed = results.filter((r) => r.passed).length;
  const errors = runs.flatMap((r) => r.diagnostics).filter((d) => d.severity === 'error').length;
  return { passed, failed: results.length - passed, errors };
}

function resultLines(r: TestResult, lang: Lang): string[] {
  const where = `${r.file}:${r.line}:${r.column}`;
  if (r.passed) return [testWords.format(lang, 'pass', { where, text: r.text })];
  const out = [
    testWords.format(lang, 'fail', { where, text: r.text }),
    testWords.format(lang, 'expected', { text: r.expected }),
    testWords.format(lang, 'actual', { text: r.actual }),
  ];
  if (r.suggestion) out.push(testWords.format(lang, 'suggestion', { name: r.suggestion }));
  if (r.because) out.push(testWords.format(lang, 'because', { text: r.because.split('\n')[0]! }));
  return out;
}

/** The report's text (the diagnostics are rendered apart, with their source lines). */
export function renderReport(runs: readonly FamilyTestRun[], lang: Lang): string {
  const lines = runs.flatMap((run) => run.results.flatMap((r) => resultLines(r, lang)));
  const t = totals(runs);
  lines.push(
    t.errors > 0
      ? testWords.format(lang, 'summary-errors', { passed: t.passed, failed: t.failed, errors: t.errors })
      : testWords.format(lang, 'summary', { passed: t.passed, failed: t.failed }),
  );
  return lines.map(escapeControls).join('\n');
}

/** The report as JSON: the totals, every result and every diagnostic. */
export function reportJson(runs: readonly FamilyTestRun[], lang: Lang): Record<string, unknown> {
  return {
    ...totals(runs),
    results: runs.flatMap((r) => r.results),
    diagnostics: runs.flatMap((r) => r.diagnostics.map((d) => toJson(d, lang))),
  };
}
