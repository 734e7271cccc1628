/**
 * Finding 8: pathological Markdown prose. A line of 20,000 `>` was accepted by `POST …/versions` (after 6.1 s), then
 * every `GET …/versions/v1` answered 500 after 5–11 s (a stack overflow in the version HTML, not cached); `pacte
 * check` ran past 120 s on 200 KB of `>` and 81 s on 100k `[`+`]`. Prose now keeps bounds checked in linear time
 * before it is parsed (32 levels of nesting on a line, 2,000 quote markers, 50,000 inline markup characters, 1 MiB),
 * and the HTML is rendered without recursion, once per version.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/syntax/parse.js';
import { sourceFile } from '../../src/source/source-file.js';
import { runPacte } from '../harness/run-pacte.js';
import type { Served } from './harness.js';
import { codesOf, INVOICES, serveInvoices } from './harness.js';

const base = readFileSync(join(INVOICES, 'v1.pacte.md'), 'utf8');
/** The fixture as version v2, with `prose` added after its title. */
const withProse = (prose: string): string =>
  base
    .replace('version: v1', 'version: v2')
    .replace('effective: 2025-01-01', 'effective: 2026-01-01')
    .replace('# Invoices\n', `# Invoices\n\n${prose}\n`);

let s: Served;
beforeAll(async () => {
  s = await serveInvoices();
});
afterAll(async () => s.server.close());

describe('POST …/versions refuses prose past its bounds, quickly', () => {
  it.each([
    ['20,000 `>` on one line', '>'.repeat(20_000) + ' quoted', 'prose-too-deep'],
    ['100k `[` then `]`', '['.repeat(50_000) + ']'.repeat(50_000), 'prose-too-complex'],
    ['2,001 quote markers', Array.from({ length: 70 }, () => '>'.repeat(30) + ' q').join('\n\n'), 'prose-too-complex'],
    ['16,000 nested emphasis marks in one paragraph', `${'*a _b '.repeat(4000)}end${' b_ a*'.repeat(4000)}`, 'prose-too-complex'],
  ])('%s: 422', async (_, prose, code) => {
    const t0 = performance.now();
    const r = await s.post('/versions', { file: 'v2.pacte.md', source: withProse(prose) }, s.admin);
    expect(r.status).toBe(422);
    expect(codesOf(r)).toContain(code);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('a document over 1 MiB is refused by the checker (document-too-large), not parsed', () => {
    const big = withProse('word '.repeat(220_000));
    const r = parseDocument(sourceFile('big.pacte.md', big));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['document-too-large']);
  });
});

describe('the version HTML', () => {
  it('renders prose nested as deep as allowed, and deep inline markup, without a stack overflow', async () => {
    const nested = '>'.repeat(32) + ' deep quote';
    const inline = `${'*a _b '.repeat(62)}end${' b_ a*'.repeat(62)}`;
    const put = await s.post(
      '/versions',
      { file: 'v3.pacte.md', source: withProse(`${nested}\n\n${inline}`).replace('version: v2', 'version: v3') },
      s.admin,
    );
    expect(put.status).toBe(201);
    const first = await s.get('/versions/v3');
    expect(first.status).toBe(200);
    const html = (first.body as { html: string }).html;
    expect(html).toContain('deep quote');
    expect(html).toContain('<span class="pacte-clause" id="clause-pay_invoice"');
    const t0 = performance.now();
    const again = await s.get('/versions/v3');
    expect((again.body as { html: string }).html).toBe(html);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('pacte check', () => {
  it('reports 200 KB of `>` at once, with a position and no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pacte-prose-'));
    writeFileSync(join(dir, 'v1.pacte.md'), base.replace('# Invoices\n', `# Invoices\n\n${'>'.repeat(200_000)}\n`));
    const t0 = performance.now();
    const r = await runPacte(['check', dir]);
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain('v1.pacte.md:15:1: error prose-too-deep');
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
