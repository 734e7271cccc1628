import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    // Two files at a time even on two cores (the default would be one): many suites wait on a server, a database or a
    // browser, and the soundness shards (tests/soundness-*.test.ts) then run side by side.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // In CI, a JSON report, from which .ci/run prints its closing "N passed, N failed, N skipped" line. Then a summary:
    // tests run and skipped, and why each group was skipped (tests/harness/summary-reporter.ts).
    reporters: ['default', ...(process.env['CI'] ? ['json'] : []), './tests/harness/summary-reporter.ts'],
    outputFile: { json: 'test-results.json' },
  },
});
