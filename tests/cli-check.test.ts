/**
 * `pacte check` as a user runs it: the built binary (`node bin/pacte.js`, run `npm run build` first) in a child
 * process. Exit codes (0 ok, 1 errors in the input, 2 usage), no stack trace for any user mistake, the
 * `file:line:col: severity CODE: message` form, and the shape of `--json`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frontMatter } from './harness/front-matter.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'pacte.js');

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

let work = '';

function pacte(args: readonly string[], env: Record<string, string> = {}): Run {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'PACTE_LANG' && k !== 'NODE_OPTIONS') base[k] = v;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: work, env: { ...base, ...env }, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A stack frame (`    at fn (file.js:1:2)`) or an uncaught error banner means a user mistake crashed the tool. */
function expectNoCrash(r: Run): void {
  const all = r.out + r.err;
  expect(all).not.toMatch(/^\s+at .+[:(]\d+:\d+\)?$/m);
  expect(all).not.toMatch(/Uncaught|TypeError|RangeError|ReferenceError|node:internal/);
}

const HEADER = frontMatter('demo');

const GOOD = `${HEADER}
## Fees

\`\`\`pacte
event pay by alice { amount: money, recipient: party }
obligation fee: alice must pay USD 1m to bob by 2025-06-30
\`\`\`
`;

const BAD = `${HEADER}
## Fees

\`\`\`pacte
event pay by alice { amount: money, recipient: party }
obligation fee: alice must pay USD 1m to bobb by 2025-02-30
\`\`\`
`;

function write(path: string, text: string | Buffer): void {
  mkdirSync(join(work, path, '..'), { recursive: true });
  writeFileSync(join(work, path), text);
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` before this test');
  work = mkdtempSync(join(tmpdir(), 'pacte-cli-'));
  write('good/demo.pacte.md', GOOD);
  write('bad/demo.pacte.md', BAD);
  write('empty/notes.txt', 'nothing here');
  write('odd/a.pacte.md', Buffer.from([0x00, 0xff, 0xfe, 0x2d, 0x2d, 0x2d, 0x0a, 0xed, 0xa0, 0x80]));
  write('odd/b.pacte.md', '');
  write('odd/c.pacte.md/inside.txt', 'a directory named like a document');
  write(
    'odd/d.pacte.md',
    `${HEADER}\n\`\`\`pacte\ndefine deep = ${'('.repeat(5000)}1${')'.repeat(5000)}\ndefine sum = ${Array(20000).fill('1').join(' + ')}\n\`\`\`\n`,
  );
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('pacte check: exit codes', () => {
  it('exits 0 on a good document and says how many were checked', () => {
    const r = pacte(['check', 'good/demo.pacte.md']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toBe('checked 1 document(s): 0 error(s), 0 warning(s)\n');
  });

  it('exits 0 on a good family directory', () => {
    const r = pacte(['check', 'good']);
    expect(r.code).toBe(0);
  });

  it('exits 1 on errors, printed as file:line:col: error CODE: message with a caret', () => {
    const r = pacte(['check', 'bad']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('bad/demo.pacte.md:16:42: error unknown-party: unknown party `bobb` (did you mean `bob`?)\n');
    expect(r.err).toContain(
      ' 16 | obligation fee: alice must pay USD 1m to bobb by 2025-02-30\n    |                                          ^^^^\n    = § Fees\n',
    );
    expect(r.err).toContain('bad/demo.pacte.md:16:50: error bad-date:');
    expect(r.err.trimEnd().split('\n').at(-1)).toBe('checked 1 document(s): 2 error(s), 0 warning(s)');
    expectNoCrash(r);
  });

  it('exits 1 when any of several paths has errors', () => {
    expect(pacte(['check', 'good', 'bad']).code).toBe(1);
    expect(pacte(['check', 'bad', 'good']).code).toBe(1);
  });

  it('speaks French with --lang fr or PACTE_LANG=fr', () => {
    const r = pacte(['check', 'bad', '--lang', 'fr']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('erreur unknown-party: partie inconnue `bobb` (vouliez-vous dire `bob` ?)');
    expect(r.err).toContain('1 document(s) vérifié(s) : 2 erreur(s), 0 avertissement(s)');
    const env = pacte(['check', 'bad'], { PACTE_LANG: 'fr' });
    expect(env.err).toBe(r.err);
  });

  it.each([
    ['an unknown flag', ['check', '--frobnicate', 'good']],
    ['a missing path', ['check']],
    ['a nonexistent path', ['check', 'no/such/place.pacte.md']],
    ['an unknown language', ['check', 'good', '--lang', 'de']],
    ['an unknown command', ['frobnicate', 'good']],
    ['no command at all', []],
  ])('exits 2 on a usage mistake: %s, without a stack trace', (_what, args) => {
    const r = pacte(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.length).toBeGreaterThan(0);
    expectNoCrash(r);
  });

  it('names the missing path', () => {
    expect(pacte(['check', 'no/such/place.pacte.md']).err).toBe('pacte: no such file or directory: no/such/place.pacte.md\n');
  });

  it('exits 0 on --help', () => {
    const r = pacte(['check', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: pacte check');
  });

  it('reports an empty directory, binary and empty files, unreadable documents and deep nesting without crashing', () => {
    const empty = pacte(['check', 'empty']);
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('error no-documents:');
    const odd = pacte(['check', 'odd']);
    expect(odd.code).toBe(1);
    expect(odd.err).toContain('odd/a.pacte.md:1:1: error missing-front-matter:');
    expect(odd.err).toContain('odd/b.pacte.md:1:1: error missing-front-matter:');
    expect(odd.err).toContain('odd/c.pacte.md:1:1: error read-error:');
    expect(odd.err).toContain('odd/d.pacte.md:13:1: error too-deep:');
    expect(odd.err).toContain('odd/d.pacte.md:14:1: error too-deep:');
    expectNoCrash(empty);
    expectNoCrash(odd);
  });
});

describe('pacte check --json', () => {
  it('prints [] on stdout and nothing on stderr for a good document', () => {
    const r = pacte(['check', 'good', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([]);
    expect(r.err).toBe('');
  });

  it('prints each diagnostic as {code, severity, message, file, start, end, trail}', () => {
    const r = pacte(['check', 'bad', '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const diags = JSON.parse(r.out) as unknown[];
    expect(diags).toHaveLength(2);
    const point = { line: expect.any(Number), column: expect.any(Number), offset: expect.any(Number) };
    for (const d of diags) {
      expect(Object.keys(d as object).sort()).toEqual(['code', 'end', 'file', 'message', 'severity', 'start', 'trail']);
      expect(d).toEqual({
        code: expect.any(String),
        severity: expect.stringMatching(/^(error|warning|info)$/),
        message: expect.any(String),
        file: 'bad/demo.pacte.md',
        start: point,
        end: point,
        trail: ['Fees'],
      });
    }
    expect(diags[0]).toEqual({
      code: 'unknown-party',
      severity: 'error',
      message: 'unknown party `bobb` (did you mean `bob`?)',
      file: 'bad/demo.pacte.md',
      start: { line: 16, column: 42, offset: BAD.indexOf('bobb') },
      end: { line: 16, column: 46, offset: BAD.indexOf('bobb') + 4 },
      trail: ['Fees'],
    });
  });

  it('translates messages, not codes, with --lang fr', () => {
    const r = pacte(['check', 'bad', '--json', '--lang', 'fr']);
    const diags = JSON.parse(r.out) as { code: string; message: string }[];
    expect(diags.map((d) => d.code)).toEqual(['unknown-party', 'bad-date']);
    expect(diags[1]!.message).toBe("`2025-02-30` n'est pas une date du calendrier");
  });

  it('keeps stdout free of anything but JSON on a usage mistake', () => {
    const r = pacte(['check', 'nowhere', '--json']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });
});
