/**
 * Every diagnostic code has a message in both languages, and every code the parser and checker can emit is shown
 * by at least one golden case (rendered as `error CODE:` / `warning CODE:`, or as `"code": "CODE"` in JSON).
 * The `ledger-*` codes, `rule-conflict` and `act-conflict` belong to the engine and are covered by its own cases.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagesEn } from '../src/diagnostics/messages.en.js';
import { messagesFr } from '../src/diagnostics/messages.fr.js';

const CASES = join(import.meta.dirname, 'cases');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : n.endsWith('.case.md') ? [p] : [];
  });
}

// `document-too-large` needs a document over 1 MiB: tests/security/prose-limits.test.ts shows it instead of a golden case.
const engineCode = (code: string): boolean =>
  code.startsWith('ledger-') || code === 'rule-conflict' || code === 'act-conflict' || code === 'document-too-large';

describe('diagnostic codes', () => {
  const codes = Object.keys(messagesEn);

  it('have a French message for every English one, and no other', () => {
    expect(Object.keys(messagesFr).sort()).toEqual([...codes].sort());
    for (const code of codes) expect(messagesFr[code as keyof typeof messagesFr].trim(), code).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
    for (const code of codes) {
      const en = messagesEn[code as keyof typeof messagesEn];
      const fr = messagesFr[code as keyof typeof messagesFr];
      expect(placeholders(fr), code).toEqual(placeholders(en));
    }
  });

  it('are each shown by at least one golden case (parser and checker codes)', () => {
    const text = walk(CASES)
      .map((p) => readFileSync(p, 'utf8'))
      .join('\n');
    const missing = codes.filter((code) => {
      if (engineCode(code)) return false;
      const rendered = new RegExp(`(error|warning|info|erreur|avertissement) ${code}:`);
      return !rendered.test(text) && !text.includes(`"code": "${code}"`);
    });
    expect(missing).toEqual([]);
  });
});
