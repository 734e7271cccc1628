/**
 * Every family of examples/ (the flagship first) has a tests file, and `pacte test` passes on it: an expectation that
 * no longer holds after a change to the engine or to a family fails `npm test`, with the diff of what changed.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPacte } from './harness/run-pacte.js';

const EXAMPLES = 'examples';
const FLAGSHIP = 'openai-microsoft';

const families = readdirSync(EXAMPLES)
  .filter((n) => statSync(join(EXAMPLES, n)).isDirectory())
  .sort((a, b) => (a === FLAGSHIP ? -1 : b === FLAGSHIP ? 1 : a < b ? -1 : 1));

describe('pacte test on every example family', () => {
  it('finds the flagship first, and the other families', () => {
    expect(families[0]).toBe(FLAGSHIP);
    expect(families.length).toBeGreaterThan(1);
    // The second real family: a merger with a regulatory condition, an amendment and a termination fee.
    expect(families).toContain('irobot-amazon');
  });

  for (const name of families) {
    const dir = join(EXAMPLES, name);
    it(`${dir}: every expectation of tests.md holds`, async () => {
      expect(existsSync(join(dir, 'tests.md')), `${dir}/tests.md`).toBe(true);
      const r = await runPacte(['test', dir]);
      // The report itself is the failure message: the failing lines with their diffs, then any diagnostic.
      expect(r.code, `${r.out}${r.err}`).toBe(0);
      const summary = /^(\d+) passed, 0 failed$/m.exec(r.out);
      expect(Number(summary?.[1]), r.out).toBeGreaterThanOrEqual(name === FLAGSHIP ? 60 : 15);
    });
  }
});
