/** `pacte state`, `explain`, `story` and `diff`: exit codes and messages for a user's mistakes, never a stack trace. */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPacte } from './harness/run-pacte.js';

const FAMILY = 'examples/supply-deal';
const tmp = mkdtempSync(join(tmpdir(), 'pacte-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function noStack(text: string): void {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe('usage errors exit 2 with a message', () => {
  const cases: [string, string[], RegExp][] = [
    ['a date that is not a date', ['state', FAMILY, '--as-of', '2025-02-30'], /--as-of must be a date/],
    ['a missing --as-of', ['state', FAMILY], /--as-of/],
    ['an unknown version', ['state', FAMILY, '--as-of', '2025-01-01', '--version', 'v2-amendmnt'], /did you mean v2-amendment/],
    ['a directory without documents', ['state', tmp, '--as-of', '2025-01-01'], /no \*\.pacte\.md document/],
    ['a missing events file', ['state', FAMILY, '--as-of', '2025-01-01', '--events', join(tmp, 'nope.jsonl')], /no such events file/],
    ['an unknown name to explain', ['explain', FAMILY, 'exclusivty', '--as-of', '2025-01-01'], /did you mean exclusivity/],
    ['an unknown version to diff', ['diff', FAMILY, 'v1-master', 'v9'], /v9/],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const r = await runPacte(args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      noStack(r.err + r.out);
    });
  }
});

describe('input errors exit 1 with diagnostics', () => {
  it('a ledger that cannot be read', async () => {
    const dir = join(tmp, 'unreadable');
    cpSync(FAMILY, dir, { recursive: true });
    rmSync(join(dir, 'ledger.jsonl'));
    mkdirSync(join(dir, 'ledger.jsonl'));
    const r = await runPacte(['state', dir, '--as-of', '2025-01-01']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ledger\.jsonl:1:1: error read-error/);
    noStack(r.err);
  });
});

describe('the evaluating commands work on the small example', () => {
  it('state, explain, story and diff exit 0', async () => {
    for (const args of [
      ['state', FAMILY, '--as-of', '2025-12-31'],
      ['explain', FAMILY, 'exclusivity', '--as-of', '2025-12-31', '--lang', 'fr'],
      ['story', FAMILY],
      ['diff', FAMILY, 'v1-master', 'v2-amendment', '--impact', '--as-of', '2025-12-31'],
    ]) {
      const r = await runPacte(args);
      expect(r.code, r.err).toBe(0);
      expect(r.out.length).toBeGreaterThan(100);
    }
  });
});
