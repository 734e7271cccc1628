/**
 * `pacte can`: the example of docs/cli.md prints what the page shows, the ledger is left as it was, and a bad `--data`
 * is a usage error in both languages.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitArgs } from './harness/case-file.js';
import { englishIn } from './harness/english-words.js';
import { runPacte } from './harness/run-pacte.js';

describe('pacte can', () => {
  it('prints what the console example of docs/cli.md shows, and writes nothing', async () => {
    const ledger = readFileSync('examples/openai-microsoft/ledger.jsonl', 'utf8');
    const m = /```console\n\$ npx pacte can ([^\n]*?) \\\n\s+([^\n]*)\n([\s\S]*?)```/.exec(readFileSync('docs/cli.md', 'utf8'));
    expect(m).not.toBeNull();
    const r = await runPacte(['can', ...splitArgs(`${m![1]} ${m![2]}`)]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(m![3]);
    expect(readFileSync('examples/openai-microsoft/ledger.jsonl', 'utf8')).toBe(ledger);
  });

  it('refuses --data that is not a JSON object, in English and in French', async () => {
    const args = ['can', 'examples/openai-microsoft', 'openai', 'agi_declaration', '--as-of', '2026-06-01', '--data', '[1]'];
    const en = await runPacte(args);
    expect(en.code).toBe(2);
    expect(en.err).toContain('--data must be a JSON object');
    const fr = await runPacte([...args, '--lang', 'fr']);
    expect(fr.code).toBe(2);
    for (const line of fr.err.split('\n')) expect(englishIn(line), line).toBeNull();
  });
});
