/**
 * Finding 11: stack traces from `pacte verify` on a corrupt database, `pacte serve --port <busy>`, `--host 300.1.1.1`,
 * and unreadable files. Every case is now one clear line and a non-zero exit; never `at …` frames.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pacte, ROOT, STACK } from './cli.js';

const work = mkdtempSync(join(tmpdir(), 'pacte-sec11-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('finding 11: no stack trace for any input or environment', () => {
  it('verify on a file that is not a database, and on a database whose tables are damaged', () => {
    const junk = join(work, 'junk.db');
    writeFileSync(junk, 'SQLite format 3\u0000'.padEnd(4096, 'x'));
    const r = pacte(['verify', '--db', `sqlite:${junk}`]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/^pacte: /);
    expect(r.err).not.toMatch(STACK);
    const text = join(work, 'text.db');
    writeFileSync(text, 'hello, this is not a database\n'.repeat(200));
    const t = pacte(['verify', '--db', `sqlite:${text}`]);
    expect(t.code).not.toBe(0);
    expect(t.err).toContain('cannot open');
    expect(t.err).not.toMatch(STACK);
  });

  it('serve on a busy port, and on an address that is not one', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    const port = (busy.address() as AddressInfo).port;
    try {
      const r = pacte(['serve', '--db', 'memory:', '--port', String(port)], { timeout: 30_000 });
      expect(r.timedOut).toBe(false);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`cannot listen on 127.0.0.1:${port}: the port is already in use`);
      expect(r.err).not.toMatch(STACK);
    } finally {
      busy.close();
    }
    const h = pacte(['serve', '--db', 'memory:', '--host', '300.1.1.1', '--port', '0'], { timeout: 30_000 });
    expect(h.timedOut).toBe(false);
    expect(h.code).toBe(1);
    expect(h.err).toContain('cannot listen on "300.1.1.1"');
    expect(h.err).not.toMatch(STACK);
  });

  it('state on a family whose clause computes a date past year 9999 (finding 2): one line at worst, never a trace', () => {
    const dir = join(work, 'far');
    cpSync(join(ROOT, 'examples', 'supply-deal'), dir, { recursive: true });
    const v1 = join(dir, 'v1-master.pacte.md');
    writeFileSync(v1, readFileSync(v1, 'utf8').replace('for each invoice within 30 days', 'for each invoice within 999999 years'));
    const r = pacte(['state', dir, '--as-of', '2025-06-01']);
    expect(r.timedOut).toBe(false);
    expect(r.err).not.toMatch(STACK);
    if (r.code !== 0) expect(r.err.trim().split('\n').length).toBeLessThan(20);
  });

  it('state and check with a ledger or a document that cannot be read (a directory in its place)', () => {
    const dir = join(work, 'fam');
    cpSync(join(ROOT, 'examples', 'supply-deal'), dir, { recursive: true });
    rmSync(join(dir, 'ledger.jsonl'));
    mkdirSync(join(dir, 'ledger.jsonl'));
    mkdirSync(join(dir, 'broken.pacte.md'));
    for (const args of [
      ['state', dir, '--as-of', '2025-01-01'],
      ['check', dir],
      ['load', dir, '--db', `sqlite:${join(work, 'l.db')}`],
    ]) {
      const r = pacte(args);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/read-error/);
      expect(r.err).not.toMatch(STACK);
    }
  });
});
