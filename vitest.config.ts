import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

const SOUNDNESS = 'tests/soundness-*.test.ts';

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // In CI, a JSON report, from which .ci/run prints its closing "N passed, N failed, N skipped" line. Then a summary:
    // tests run and skipped, and why each group was skipped (tests/harness/summary-reporter.ts).
    reporters: ['default', ...(process.env['CI'] ? ['json'] : []), './tests/harness/summary-reporter.ts'],
    outputFile: { json: 'test-results.json' },
    // Two groups, one after the other. First every suite, one file per core but one (as vitest does by default): the
    // servers, databases and browsers they start are not slowed by a CPU-bound neighbour. Then the soundness property's
    // shards (tests/harness/soundness-suite.ts), pure computation, side by side: at least two at once even on two cores.
    projects: [
      {
        extends: true,
        test: {
          name: 'suites',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, SOUNDNESS],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'soundness',
          include: [SOUNDNESS],
          maxWorkers: Math.max(2, availableParallelism() - 1),
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
