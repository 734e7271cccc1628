/** Runs every literate golden case under tests/cases, and docs/cookbook.md (see tests/harness/case-file.ts for the format). */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { containsJson, parseCase, splitArgs } from './harness/case-file.js';
import { runPacte } from './harness/run-pacte.js';

const ROOT = join(import.meta.dirname, 'cases');
const UPDATE = process.env['PACTE_UPDATE'] === '1';

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : n.endsWith('.case.md') ? [p] : [];
    });
}

const tmpRoot = mkdtempSync(join(tmpdir(), 'pacte-cases-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

// The cookbook is a literate case too: every pattern's commands run, and their output is what it shows.
const COOKBOOK = join(import.meta.dirname, '..', 'docs', 'cookbook.md');

for (const path of [...walk(ROOT), COOKBOOK]) {
  const name = relative(ROOT, path);
  describe(name, () => {
    const c = parseCase(readFileSync(path, 'utf8'));
    const dir = join(tmpRoot, name.replace(/[^A-Za-z0-9]+/g, '_'));
    mkdirSync(dir, { recursive: true });
    for (const f of c.files) {
      mkdirSync(dirname(join(dir, f.name)), { recursive: true });
      writeFileSync(join(dir, f.name), f.content);
    }
    it('has at least one expectation', () => expect(c.expectations.length).toBeGreaterThan(0));
    const updates: { start: number; end: number; text: string }[] = [];
    for (const e of c.expectations) {
      it(`line ${e.line}: pacte ${e.args}`, async () => {
        const tokens = splitArgs(e.args);
        const positional = tokens.some(
          (t, k) => k > 0 && (t.startsWith('$DIR') || (c.files.length === 0 && existsSync(t))) && !tokens[k - 1]!.startsWith('--'),
        );
        const raw = tokens.map((t) => t.replaceAll('$DIR', dir));
        const args = positional ? raw : [...raw.slice(0, 1), dir, ...raw.slice(1)];
        const r = await runPacte(args, dir);
        if (e.kind === 'expect') {
          const actual = `exit ${r.code}\n${r.out}${r.err}`;
          if (UPDATE) updates.push({ start: e.contentStart, end: e.contentEnd, text: actual });
          else expect(actual).toBe(e.expected);
        } else {
          let parsed: unknown;
          try {
            parsed = JSON.parse(r.out);
          } catch {
            throw new Error(`not JSON (exit ${r.code}):\n${r.out}${r.err}`);
          }
          expect(containsJson(parsed, JSON.parse(e.expected)), r.err).toBeNull();
        }
      });
    }
    afterAll(() => {
      if (!UPDATE || updates.length === 0) return;
      let t = readFileSync(path, 'utf8');
      for (const u of [...updates].sort((a, b) => b.start - a.start)) t = t.slice(0, u.start) + u.text + t.slice(u.end);
      writeFileSync(path, t);
    });
  });
}
