import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Last, a summary: tests run and skipped, and why each group was skipped (tests/harness/summary-reporter.ts). In CI,
    // also a JSON report, from which .ci/run prints its closing "N passed, N failed, N skipped" line.
    reporters: ['default', './tests/harness/summary-reporter.ts', ...(process.env['CI'] ? ['json'] : [])],
    outputFile: { json: 'test-results.json' },
  },
});
