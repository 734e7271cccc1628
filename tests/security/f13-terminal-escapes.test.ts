/**
 * Finding 13: `pacte check` echoed raw terminal escape sequences from the offending line, so a document could print
 * a fake "0 error(s)" or recolour the terminal. Control characters in echoed text are now shown as visible
 * characters (ESC as ␛), one for one, so the caret stays under the text.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeControls } from '../../src/diagnostics/render.js';
import { pacte } from './cli.js';

const work = mkdtempSync(join(tmpdir(), 'pacte-sec13-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const DOC = `---
pacte: 1
agreement: escapes
version: v1
binding: true
signed: 2025-01-01
effective: 2025-01-01
parties:
  a: A
  b: B
---

# Terms

\`\`\`pacte
obligation pay: a must pay EUR 10 to b by 2025-02-01 \u001b[2K\u001b[1A\r0 error(s)\u001b[8m hidden \u009b31m \u202e
\`\`\`
`;

describe('finding 13: terminal control characters from a document never reach the terminal raw', () => {
  it('pacte check shows them as visible characters', () => {
    const file = join(work, 'escapes.pacte.md');
    writeFileSync(file, DOC);
    const r = pacte(['check', file]);
    expect(r.code).toBe(1);
    const all = r.out + r.err;
    const raw = [...all].filter((c) => {
      const code = c.charCodeAt(0);
      return (
        (code < 0x20 && code !== 0x09 && code !== 0x0a) ||
        (code >= 0x7f && code <= 0x9f) ||
        (code >= 0x202a && code <= 0x202e) ||
        (code >= 0x2066 && code <= 0x2069)
      );
    });
    expect(raw).toEqual([]);
    expect(all).toContain('␛[2K␛[1A␍0 error(s)');
  });

  it('one character for one, tabs and printable text untouched', () => {
    expect(escapeControls('a\u001b[31mb\tc\u0007\u007f\u0085\u2066d é')).toBe('a␛[31mb\tc␇␡\ufffd\ufffdd é');
  });
});
