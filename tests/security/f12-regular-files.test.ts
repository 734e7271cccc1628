/**
 * Finding 12: `pacte state` and `pacte check` hung when `ledger.jsonl` or a `.pacte.md` was a FIFO or a link to
 * /dev/zero. Only regular files are read now: anything else is a `read-error` naming what it is, at once.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pacte, ROOT, STACK } from './cli.js';

const work = mkdtempSync(join(tmpdir(), 'pacte-sec12-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function family(name: string): string {
  const dir = join(work, name);
  cpSync(join(ROOT, 'examples', 'supply-deal'), dir, { recursive: true });
  return dir;
}

const CASES = [
  { what: 'a FIFO', make: (p: string) => execFileSync('mkfifo', [p]), says: 'not a regular file: a FIFO' },
  { what: 'a link to /dev/zero', make: (p: string) => symlinkSync('/dev/zero', p), says: 'not a regular file: a character device' },
];

describe.each(CASES)('finding 12: $what is refused at once, never read', ({ what, make, says }) => {
  it(`as ledger.jsonl: state, and load, answer within seconds`, () => {
    const dir = family(`ledger-${what.replace(/\W/g, '')}`);
    rmSync(join(dir, 'ledger.jsonl'));
    make(join(dir, 'ledger.jsonl'));
    for (const args of [
      ['state', dir, '--as-of', '2025-01-01'],
      ['load', dir, '--db', `sqlite:${join(dir, 'p.db')}`],
    ]) {
      const r = pacte(args, { timeout: 20_000 });
      expect(r.timedOut).toBe(false);
      expect(r.code).toBe(1);
      expect(r.err).toContain(says);
      expect(r.err).not.toMatch(STACK);
    }
  });

  it(`as a .pacte.md: check and state answer within seconds`, () => {
    const dir = family(`doc-${what.replace(/\W/g, '')}`);
    make(join(dir, 'v9-extra.pacte.md'));
    for (const args of [
      ['check', dir],
      ['state', dir, '--as-of', '2025-01-01'],
      ['check', join(dir, 'v9-extra.pacte.md')],
    ]) {
      const r = pacte(args, { timeout: 20_000 });
      expect(r.timedOut).toBe(false);
      expect(r.code).toBe(1);
      expect(r.err).toContain(says);
      expect(r.err).not.toMatch(STACK);
    }
  });
});
