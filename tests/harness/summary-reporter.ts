/**
 * The test run's last words (a vitest reporter, after the default one): how many tests ran, passed and failed, how
 * many were skipped and, for each group of skipped tests (a file, a suite and the reason it gave with
 * `ctx.skip(reason)`), how many and why; the files whose tests could not run (an import or a `beforeAll` failed), with
 * the error; the slowest files. `npm test` prints it; `.ci/run` then prints its own closing line from the JSON report.
 */
import type { Reporter, TestCase, TestModule, TestRunEndReason, TestSuite } from 'vitest/node';
import type { SerializedError } from 'vitest';

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const firstLine = (e: SerializedError): string => `${e.name ?? 'Error'}: ${(e.message ?? '').split('\n')[0]}`;

/** The nearest enclosing suite or file whose own hook or collection failed, if any: then the test never ran. */
function failedAncestor(test: TestCase): TestSuite | TestModule | null {
  for (let p: TestSuite | TestModule = test.parent; ; p = p.parent) {
    if (p.errors().length > 0) return p;
    if (p.type === 'module') return null;
  }
}

export default class SummaryReporter implements Reporter {
  private started = performance.now();

  onTestRunStart(): void {
    this.started = performance.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<unknown>, reason: TestRunEndReason): void {
    let passed = 0;
    let failed = 0;
    let notRun = 0;
    const skipped = new Map<string, number>();
    const broken = new Map<string, string>();
    for (const m of modules) {
      for (const e of m.errors()) broken.set(m.relativeModuleId, firstLine(e));
      for (const test of m.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') failed++;
        else if (result.state === 'skipped') {
          const culprit = failedAncestor(test);
          if (culprit) {
            notRun++;
            const where = culprit.type === 'module' ? m.relativeModuleId : `${m.relativeModuleId} › ${culprit.fullName}`;
            broken.set(where, firstLine(culprit.errors()[0]!));
            continue;
          }
          const why =
            result.note ??
            (test.options.mode === 'todo' ? 'to do' : `no reason given (${test.options.mode === 'skip' ? '.skip' : 'skipped'})`);
          const suite = test.parent.type === 'suite' ? ` › ${test.parent.fullName}` : '';
          const key = `${m.relativeModuleId}${suite} — ${why}`;
          skipped.set(key, (skipped.get(key) ?? 0) + 1);
        } else notRun++;
      }
    }
    const skippedCount = [...skipped.values()].reduce((a, b) => a + b, 0);
    const lines = [
      '',
      `Summary: ${count(passed + failed, 'test')} ran in ${count(modules.length, 'file')}, ${seconds(performance.now() - this.started)}: ${passed} passed and ${failed} failed; ${skippedCount} skipped${notRun ? `; ${notRun} did not run` : ''}${reason === 'interrupted' ? ' (interrupted)' : ''}.`,
    ];
    if (skippedCount === 0) lines.push('Skipped: none.');
    else {
      lines.push(`Skipped: ${skippedCount}, by group:`);
      for (const [key, n] of skipped) lines.push(`  ${String(n).padStart(4)}  ${key}`);
    }
    if (broken.size > 0) {
      lines.push('Could not run (the file or suite failed before its tests):');
      for (const [where, error] of broken) lines.push(`  ${where}: ${error}`);
    }
    if (unhandled.length > 0) lines.push(`Unhandled errors: ${unhandled.length} (above).`);
    const slowest = [...modules].sort((a, b) => b.diagnostic().duration - a.diagnostic().duration).slice(0, 3);
    if (slowest.length > 0)
      lines.push(`Slowest files: ${slowest.map((m) => `${m.relativeModuleId} ${seconds(m.diagnostic().duration)}`).join(', ')}.`);
    console.log(lines.join('\n'));
  }
}
