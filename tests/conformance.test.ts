/**
 * Conformance with the Accord Project clause templates: every upstream scenario passes or is a documented
 * divergence (pacte follows the clause text where upstream's logic contradicts it), and the committed
 * conformance/accord/RESULTS.md is what `npm run conformance` generates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the runner is plain JavaScript (it runs on the built library, dist/).
import { agree, runConformance } from '../conformance/run.mjs';

interface Check {
  readonly what: string;
  readonly verdict: string;
  readonly why?: string;
  readonly text?: unknown;
}
interface Result {
  readonly id: string;
  readonly verdict: string;
  readonly checks: readonly Check[];
}
const run = runConformance() as {
  results: Result[];
  counts: { passed: number; failed: number; divergent: number };
  line: string;
  markdown: string;
};

describe('Accord Project conformance', () => {
  it('runs all 49 upstream scenarios, none failed', () => {
    expect(run.results).toHaveLength(49);
    const failed = run.results
      .filter((r) => r.verdict === 'failed')
      .map(
        (r) =>
          `${r.id}: ${r.checks
            .filter((c) => c.verdict === 'failed')
            .map((c) => c.what)
            .join(', ')}`,
      );
    expect(failed).toEqual([]);
    expect(run.line).toBe(`conformance: ${run.counts.passed} passed, 0 failed, ${run.counts.divergent} divergent`);
  });

  it('explains every divergence by the clause text', () => {
    for (const r of run.results) {
      for (const c of r.checks.filter((x) => x.verdict === 'divergent'))
        expect(c.why ?? '', `${r.id} ${c.what}`).toMatch(/^.{40,}upstream/is);
    }
  });

  it('compares upstream floating-point answers to 10 decimal places, and nothing looser', () => {
    expect(agree(110.00000000000001, 'USD 110')).toBe(true);
    expect(agree(0.30000000000000004, '0.3')).toBe(true);
    expect(agree(52.5, 'USD 63')).toBe(false);
    expect(agree(0.99, '0.9900000001')).toBe(false);
    expect(agree('USD 1550', 'EUR 1550')).toBe(false);
  });

  it('quotes the counts line in the README', () => {
    expect(readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8')).toContain(run.line);
  });

  it('has RESULTS.md as generated', () => {
    expect(readFileSync(join(import.meta.dirname, '..', 'conformance', 'accord', 'RESULTS.md'), 'utf8')).toBe(run.markdown);
  });
});
