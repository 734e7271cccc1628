/**
 * `pacte test`: a failing expectation exits 1 with a diff; a malformed line is a diagnostic at its position; `--json`
 * holds the same content; `--lang fr` speaks French; a tests file whose expectation would change with the ledger does
 * fail (no test here passes whatever the engine says).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { englishIn } from './harness/english-words.js';
import { runPacte } from './harness/run-pacte.js';

const tmp = mkdtempSync(join(tmpdir(), 'pacte-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of the supply deal with `tests` as its tests file. */
function family(name: string, tests: string): string {
  const dir = join(tmp, name);
  cpSync('examples/supply-deal', dir, { recursive: true });
  writeFileSync(join(dir, 'tests.md'), tests);
  return dir;
}

const block = (lines: string): string => `# Tests\n\n## Exclusivity\n\n\`\`\`expect\n${lines}\n\`\`\`\n`;

describe('pacte test', () => {
  it('exits 1 on a failing expectation, with the expected and actual answers', async () => {
    const dir = family('failing', block('as of 2024-09-30: exclusivity is active until 2026-12-31\nas of 2024-09-30: buyer paid EUR 135k'));
    const r = await runPacte(['test', dir], tmp);
    expect(r.code).toBe(1);
    expect(r.out).toContain('FAIL $DIR/failing/tests.md:6:1: as of 2024-09-30: exclusivity is active until 2026-12-31\n');
    expect(r.out).toContain('  - expected: exclusivity is active until 2026-12-31\n');
    expect(r.out).toContain('  + actual:   exclusivity is violated until 2026-12-31\n');
    expect(r.out).toContain('    because:  acme did what `exclusivity` prohibits on 2024-09-03\n');
    expect(r.out).toContain('pass $DIR/failing/tests.md:7:1: as of 2024-09-30: buyer paid EUR 135k\n');
    expect(r.out.endsWith('1 passed, 1 failed\n')).toBe(true);
  });

  it('fails when the ledger changes what the expectation rests on', async () => {
    const dir = family('ledger-changed', block('as of 2024-09-30: buyer paid EUR 135k'));
    expect((await runPacte(['test', dir])).code).toBe(0);
    const ledger = join(dir, 'ledger.jsonl');
    writeFileSync(ledger, readFileSync(ledger, 'utf8').replace('"EUR 45000","recipient"', '"EUR 44000","recipient"'));
    const r = await runPacte(['test', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('  + actual:   buyer paid EUR 134,000\n');
  });

  it('reports a malformed line where it is, and still runs the others', async () => {
    const dir = family('malformed', block('as of 2024-09-30: exclusivity is actve\nas of 2024-09-30: governing is v1-master'));
    const r = await runPacte(['test', dir], tmp);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      '$DIR/malformed/tests.md:6:34: error test-unknown-status: `actve` is not a status (did you mean `active`?)\n 6 | as of 2024-09-30: exclusivity is actve\n   |                                  ^^^^^\n   = § Exclusivity',
    );
    expect(r.out).toBe(
      'pass $DIR/malformed/tests.md:7:1: as of 2024-09-30: governing is v1-master\n1 passed, 0 failed, 1 error(s) in the tests or the family\n',
    );
  });

  it('prints the same content as JSON', async () => {
    const dir = family(
      'json',
      block('as of 2024-09-30:\n  exclusivity is active\n  exclusivty is violated\n  paid_total = EUR 135k\n  foo bar'),
    );
    const r = await runPacte(['test', dir, '--json'], tmp);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ passed: 1, failed: 2, errors: 1 });
    expect(j.results[0]).toEqual({
      file: '$DIR/json/tests.md',
      line: 7,
      column: 3,
      text: 'as of 2024-09-30: exclusivity is active',
      trail: ['Exclusivity'],
      asOf: '2024-09-30',
      version: null,
      events: [],
      party: null,
      passed: false,
      expected: 'exclusivity is active',
      actual: 'exclusivity is violated',
      because: 'acme did what `exclusivity` prohibits on 2024-09-03',
      suggestion: null,
    });
    expect(j.results[1]).toMatchObject({ passed: false, actual: 'exclusivty is absent', suggestion: 'exclusivity' });
    expect(j.results[2]).toMatchObject({ passed: true, expected: 'paid_total = EUR 135,000' });
    expect(j.diagnostics).toEqual([
      expect.objectContaining({ code: 'syntax', file: '$DIR/json/tests.md', start: expect.objectContaining({ line: 10, column: 7 }) }),
    ]);
  });

  it('speaks French with --lang fr, quoting the expectations as written', async () => {
    const dir = family('french', block('as of 2024-09-30: exclusivity is active\nas of 2024-09-30: buyer owes at least EUR 0'));
    const r = await runPacte(['test', dir, '--lang', 'fr'], tmp);
    expect(r.code).toBe(1);
    expect(r.out).toContain('ÉCHEC $DIR/french/tests.md:6:1 : « as of 2024-09-30: exclusivity is active »\n');
    expect(r.out).toContain('  + obtenu :    « exclusivity is violated »\n');
    expect(r.out).toContain('    parce que : acme a fait ce que `exclusivity` interdit, le 2024-09-03\n');
    expect(r.out).toContain('1 réussie(s), 1 échouée(s)');
    for (const line of r.out.split('\n')) expect(englishIn(line), line).toBeNull();
  });

  it('runs the example of docs/format.md, Tests, on the supply deal', async () => {
    const doc = readFileSync('docs/format.md', 'utf8');
    const section = doc.slice(doc.indexOf('## Tests\n'), doc.indexOf('## Keywords\n'));
    const example = /^````markdown\n([\s\S]*?)^````$/m.exec(section)?.[1];
    expect(example).toContain('```expect');
    const dir = family('docs', example!);
    const r = await runPacte(['test', dir]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/^7 passed, 0 failed$/m);
  });

  it('prints what the console examples of the README and docs/cli.md show', async () => {
    /** The report lines of the `pacte test` console blocks of a page (the `…` lines left out). */
    const shown = (page: string): string[][] =>
      [...readFileSync(page, 'utf8').matchAll(/```console\n\$ npx pacte test [^\n]*\n([\s\S]*?)```/g)].map((m) =>
        m[1]!.split('\n').filter((l) => l !== '' && l !== '…'),
      );
    const [flagship] = shown('README.md');
    const flagshipOut = (await runPacte(['test', 'examples/openai-microsoft'])).out.split('\n');
    for (const line of flagship!) expect(flagshipOut).toContain(line);
    const [passing, failing] = shown('docs/cli.md');
    const supplyOut = (await runPacte(['test', 'examples/supply-deal'])).out.split('\n');
    for (const line of passing!) expect(supplyOut).toContain(line);
    // The failing example: the supply deal's tests with the exclusivity written as never breached.
    const tests = readFileSync('examples/supply-deal/tests.md', 'utf8');
    const dir = family('cli-docs', tests.replace('exclusivity is violated since 2024-09-03 until', 'exclusivity is active until'));
    const failingOut = (await runPacte(['test', dir])).out.replaceAll(`${dir}/`, 'examples/supply-deal/').split('\n');
    for (const line of failing!) expect(failingOut).toContain(line);
  });

  it('runs every directory it is given, and says a usage mistake', async () => {
    const ok = family('ok', block('as of 2024-09-30: governing is v1-master'));
    const r = await runPacte(['test', ok, 'examples/supply-deal', '--json']);
    expect(JSON.parse(r.out)).toMatchObject({ passed: 26, failed: 0, errors: 0 });
    const missing = await runPacte(['test', join(tmp, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/not a family directory/);
  });
});
