import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // In CI, a JSON report, from which .ci/run prints its closing "N passed, N failed, N skipped" line. Then a summary:
    // tests run and skipped, and why each group was skipped (tests/harness/summary-reporter.ts).
    reporters: ['default', ...(process.env['CI'] ? ['json'] : []), './tests/harness/summary-reporter.ts'],
    outputFile: { json: 'test-results.json' },
  },
});
