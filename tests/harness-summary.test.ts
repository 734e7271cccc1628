/**
 * The closing summary of a test run (tests/harness/summary-reporter.ts), read from a real vitest run of a fixture:
 * the tests that ran, passed and failed; the skipped ones grouped by suite with the reason each gave (or that none
 * was given); the suites that could not run, with their error.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'summary');
const VITEST = join(import.meta.dirname, '..', 'node_modules', 'vitest', 'vitest.mjs');

it('says how many tests ran, passed, failed and were skipped, each skipped group with its reason', () => {
  const r = spawnSync(process.execPath, [VITEST, 'run', '--config', join(FIXTURE, 'vitest.config.ts')], {
    cwd: FIXTURE,
    encoding: 'utf8',
    env: { ...process.env, CI: '', NO_COLOR: '1' },
    timeout: 60_000,
  });
  // A test failed and a suite could not start: the run fails.
  expect(r.status).toBe(1);
  const out = r.stdout;
  expect(out).toMatch(/^Summary: 2 tests ran in 1 file, [\d.]+ s: 1 passed and 1 failed; 3 skipped; 1 did not run\.$/m);
  expect(out).toContain(
    'Skipped: 3, by group:\n     2  skips.fixture.ts › needs a server — no server answers here\n     1  skips.fixture.ts › plain — no reason given (.skip)\n',
  );
  expect(out).toContain(
    'Could not run (the file or suite failed before its tests):\n  skips.fixture.ts › broken: Error: the fixture cannot start\n',
  );
  expect(out).toMatch(/^Slowest files: skips\.fixture\.ts [\d.]+ s\.$/m);
});
