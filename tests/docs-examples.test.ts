/**
 * Every `pacte` block of docs/format.md checks without errors. The first block of the page holds the declarations
 * the examples share; each other block is checked after it, in a document whose front matter declares the parties
 * and sources the examples use. A block that uses `replace` or `remove` is checked as a version that amends a base
 * made of the shared declarations. A complete file shown in a ````markdown block is checked as it is (with a base
 * version when it amends one).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, it } from 'vitest';
import { checkFamily } from '../src/check/family.js';
import { render } from '../src/diagnostics/render.js';

const DOC = readFileSync(join(import.meta.dirname, '..', 'docs', 'format.md'), 'utf8');

interface Code {
  readonly type: string;
  readonly lang?: string | null;
  readonly value?: string;
  readonly position?: { readonly start: { readonly line: number } };
  readonly children?: readonly Code[];
}

const blocks = ((fromMarkdown(DOC) as Code).children ?? []).filter((n) => n.type === 'code');
const pacte = blocks.filter((b) => b.lang === 'pacte');
const files = blocks.filter((b) => b.lang === 'markdown' && (b.value ?? '').startsWith('---\n'));
const [shared, ...examples] = pacte;

function header(version: string, amends?: string): string {
  return `---
pacte: 1
agreement: docs
version: ${version}
binding: true
effective: 2025-01-01
${amends ? `amends: ${amends}\n` : ''}units: [GW, shares]
parties:
  alice: Alice SA
  bob: Bob Ltd
  panel: Independent expert panel
sources:
  press: { title: "Press release", status: official }
  wire: { title: "Wire report", status: reported }
---
`;
}

const fence = (code: string): string => `\n\`\`\`pacte\n${code}\n\`\`\`\n`;

function expectClean(inputs: { path: string; text: string }[]): void {
  const r = checkFamily(inputs);
  const shown = r.diagnostics.map((d) => render(d, 'en', r.files)).join('\n\n');
  expect(r.diagnostics, shown).toEqual([]);
}

describe('docs/format.md', () => {
  it('has a block of shared declarations and examples', () => {
    expect(shared).toBeDefined();
    expect(examples.length).toBeGreaterThanOrEqual(15);
    expect(files.length).toBeGreaterThan(0);
  });

  it('shared declarations check on their own', () => {
    expectClean([{ path: 'base.pacte.md', text: header('base') + fence(shared!.value ?? '') }]);
  });

  for (const ex of examples) {
    const code = ex.value ?? '';
    const amends = /^(replace|remove)\b/m.test(code);
    it(`example at line ${ex.position?.start.line ?? '?'}${amends ? ' (an amendment)' : ''} checks without a diagnostic`, () => {
      if (amends) {
        expectClean([
          { path: 'base.pacte.md', text: header('base') + fence(shared!.value ?? '') },
          { path: 'example.pacte.md', text: header('example', 'base') + fence(code) },
        ]);
      } else {
        expectClean([{ path: 'example.pacte.md', text: header('example') + fence(`${shared!.value ?? ''}\n${code}`) }]);
      }
    });
  }

  for (const f of files) {
    it(`complete file at line ${f.position?.start.line ?? '?'} checks without a diagnostic`, () => {
      const text = `${f.value ?? ''}\n`;
      const inputs = [{ path: 'example.pacte.md', text }];
      const base = /^amends: (.+)$/m.exec(text)?.[1];
      if (base) {
        // A base version with the same front matter and no clauses.
        const head = text.slice(0, text.indexOf('\n---\n', 4) + 5);
        inputs.push({ path: 'base.pacte.md', text: head.replace(/^version: .+$/m, `version: ${base}`).replace(/^amends: .+\n/m, '') });
      }
      expectClean(inputs);
    });
  }

  it('lists every keyword of the grammar', async () => {
    const { KEYWORDS } = await import('../src/syntax/keywords.js');
    const section = DOC.slice(DOC.indexOf('## Keywords'), DOC.indexOf('## ', DOC.indexOf('## Keywords') + 3));
    const listed = new Set([...section.matchAll(/`([a-z]+)`/g)].map((m) => m[1]!));
    for (const k of KEYWORDS) expect(listed.has(k), k).toBe(true);
  });

  it('names every diagnostic code of the checker', async () => {
    const { messagesEn } = await import('../src/diagnostics/messages.en.js');
    for (const code of Object.keys(messagesEn)) {
      if (code.startsWith('ledger-') || code === 'rule-conflict' || code === 'act-conflict') continue;
      expect(DOC.includes(`\`${code}\``), code).toBe(true);
    }
  });
});
