/**
 * `pacte test <family-dir…>`: runs each family's tests file (`tests.md`, docs/format.md § Tests) and reports one line
 * per expectation, a small diff under each failure and `N passed, M failed`. Exit 1 when an expectation fails or
 * the tests file, the family or the events it names have errors.
 */
import { existsSync, statSync } from 'node:fs';
import { listDocuments } from '../check/load.js';
import { renderAll } from '../diagnostics/render.js';
import type { SourceFile } from '../source/source-file.js';
import { renderReport, reportJson, totals } from '../testing/render-report.js';
import { runFamilyTests } from '../testing/run-family-tests.js';
import type { CommonOptions, Io } from './options.js';
import { UsageError } from './options.js';

export function runTest(dirs: readonly string[], opts: CommonOptions, io: Io): number {
  if (dirs.length === 0) throw new UsageError('missing-path');
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError('not-a-family', { dir });
    if (listDocuments(dir).length === 0) throw new UsageError('no-documents', { dir });
  }
  const runs = dirs.map((dir) => runFamilyTests(dir, opts.lang));
  const t = totals(runs);
  if (opts.json) io.out(JSON.stringify(reportJson(runs, opts.lang), null, 2));
  else {
    const diags = runs.flatMap((r) => r.diagnostics);
    if (diags.length > 0) {
      const files = new Map<string, SourceFile>();
      for (const r of runs) for (const [k, v] of r.files) files.set(k, v);
      io.err(renderAll(diags, opts.lang, files));
    }
    io.out(renderReport(runs, opts.lang));
  }
  return t.failed > 0 || t.errors > 0 ? 1 : 0;
}
