/**
 * Finding 9: `define x = 9999-12-31 + 999999 years` or 20,000 chained definitions made `POST …/versions` answer 500
 * and `pacte check` print a stack trace; 600 nested parentheses were accepted although the docs cap nesting at 500.
 * Each is now a diagnostic with a position (422 on the API).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPacte } from '../harness/run-pacte.js';
import type { Served } from './harness.js';
import { codesOf, INVOICES, serveInvoices } from './harness.js';

const base = readFileSync(join(INVOICES, 'v1.pacte.md'), 'utf8');
/** The fixture as version v2 with `logic` as one more pacte block. */
const withLogic = (logic: string): string =>
  `${base.replace('version: v1', 'version: v2').replace('effective: 2025-01-01', 'effective: 2026-01-01')}\n## More\n\n\`\`\`pacte\n${logic}\n\`\`\`\n`;

const chain = (n: number): string =>
  ['define c0 = 1', ...Array.from({ length: n - 1 }, (_, i) => `define c${i + 1} = c${i} + 1`)].join('\n');

const cases: [string, string, string][] = [
  ['a fixed date past 9999', 'define x = 9999-12-31 + 1 day', 'date-range'],
  ['999999 years', 'define x = 9999-12-31 + 999999 years', 'duration-range'],
  ['20,000 chained definitions', chain(20_000), 'definition-too-deep'],
  ['600 nested parentheses', `define p = ${'('.repeat(600)}1${')'.repeat(600)}`, 'too-deep'],
];

let s: Served;
beforeAll(async () => {
  s = await serveInvoices();
});
afterAll(async () => s.server.close());

describe('POST …/versions', () => {
  it.each(cases)('%s: 422 with its diagnostic, never 500', async (_, logic, code) => {
    const r = await s.post('/versions', { file: 'v2.pacte.md', source: withLogic(logic) }, s.admin);
    expect(r.status).toBe(422);
    expect(codesOf(r)).toContain(code);
  });

  it('a chain of 256 definitions and 500 nested parentheses are within the limits', async () => {
    const r = await s.post(
      '/versions',
      { file: 'v2.pacte.md', source: withLogic(`${chain(256)}\ndefine p = ${'('.repeat(500)}1${')'.repeat(500)}`) },
      s.admin,
    );
    expect(r.status).toBe(201);
    const st = await s.get('/state?asOf=2026-06-01');
    expect(st.status).toBe(200);
    expect((st.body as { values: Record<string, { value: unknown }> }).values['c255']!.value).toBe('256');
  });
});

describe('pacte check', () => {
  it.each(cases)('%s: exit 1 with the diagnostic, no stack trace', async (_, logic, code) => {
    const dir = mkdtempSync(join(tmpdir(), 'pacte-defs-'));
    writeFileSync(join(dir, 'v1.pacte.md'), withLogic(logic).replace('version: v2', 'version: v1'));
    const r = await runPacte(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain(`error ${code}:`);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
