/**
 * `pacte fmt`: the examples are formatted; formatting twice equals formatting once; a formatted document checks to
 * the same IR; the prose and front matter are left byte for byte. The properties run on the flagship and the other
 * examples with random changes of layout inside their `pacte` blocks (more spaces between tokens, spaces
 * inside parentheses and before commas, other indentations of continuation lines, trailing spaces, extra blank lines,
 * the parts of each clause in another order):
 * formatting such a document gives back the example, and checks to the example's IR.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFamily } from '../src/check/family.js';
import { listDocuments } from '../src/check/load.js';
import { sourceFile } from '../src/source/source-file.js';
import { formatBlock, formatDocument } from '../src/syntax/format-document.js';
import { parseDocument } from '../src/syntax/parse.js';
import { runPacte } from './harness/run-pacte.js';

const EXAMPLES = ['examples/openai-microsoft', 'examples/irobot-amazon', 'examples/supply-deal'];
const docs = EXAMPLES.flatMap((d) => listDocuments(d).map((p) => ({ dir: d, path: p, text: readFileSync(p, 'utf8') })));
const tmp = mkdtempSync(join(tmpdir(), 'pacte-fmt-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The IR without positions, raw clause text and the aggregates' keys (made of offsets): what formatting must not change. */
function ir(inputs: { path: string; text: string }[], dir: string): string {
  const r = checkFamily(inputs, dir);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const drop = new Set(['at', 'span', 'text', 'offset', 'line', 'column', 'keyAt', 'key']);
  return JSON.stringify(r.family, (k, v: unknown) => (drop.has(k) ? undefined : v instanceof Map ? Object.fromEntries(v) : v));
}

/** A layout change of one block line that formatting undoes: code spaces widened, parentheses padded, indentation changed. */
function shuffleLine(line: string, rnd: () => number): string {
  if (line.includes('#') || line.includes('"') || line.trim() === '') return rnd() < 0.3 ? `${line}  ` : line;
  const indent = /^[ \t]*/.exec(line)![0];
  let body = line.slice(indent.length);
  body = body.replace(/ /g, () => [' ', '  ', '   '][Math.floor(rnd() * 3)]!);
  body = body.replace(/\(/g, () => (rnd() < 0.5 ? '( ' : '('));
  body = body.replace(/\)/g, () => (rnd() < 0.5 ? ' )' : ')'));
  body = body.replace(/([^0-9]),/g, (_m, c: string) => (rnd() < 0.5 ? `${c} ,` : `${c},`));
  const newIndent = indent === '' ? '' : ['\t', ' ', '  ', '    ', '      '][Math.floor(rnd() * 5)]!;
  return `${newIndent}${body}${rnd() < 0.3 ? ' \t' : ''}`;
}

/** The parts of each clause whose parts start their own lines, in a random order. */
function shuffleParts(text: string, rnd: () => number): string {
  let out = '';
  let last = 0;
  for (const b of parseDocument(sourceFile('x.pacte.md', text)).value.blocks)
    for (const st of b.statements) {
      if (st.kind !== 'norm' || st.modifiers.length < 2) continue;
      const mods = st.modifiers;
      // Only clauses whose parts each start a line (as `pacte fmt` orders only those).
      if (!mods.every((m) => /\n[ \t]*$/.test(text.slice(0, m.at[0])))) continue;
      const parts = mods.map((m) => text.slice(m.at[0], m.at[1]));
      const gaps = mods.slice(1).map((m, i) => text.slice(mods[i]!.at[1], m.at[0]));
      const order = parts.map((p, i) => ({ p, k: rnd(), i })).sort((x, y) => x.k - y.k);
      out += text.slice(last, mods[0]!.at[0]) + order.map((o, i) => o.p + (gaps[i] ?? '')).join('');
      last = mods[mods.length - 1]!.at[1];
    }
  return out + text.slice(last);
}

function shuffle(original: string, seed: number): string {
  let s = seed >>> 0 || 1;
  const rnd = (): number => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const text = shuffleParts(original, rnd);
  const file = sourceFile('x.pacte.md', text);
  let out = '';
  let last = 0;
  for (const b of parseDocument(file).value.blocks) {
    const body = text.slice(b.at[0], b.at[1]);
    // The text after the block's last line break is the closing fence's indentation: Markdown, not the block's.
    const lines = body.split('\n').map((l, i, all) => (i === all.length - 1 ? l : shuffleLine(l, rnd)));
    const spaced = lines.flatMap((l, i) => (l.trim() === '' && i < lines.length - 1 && rnd() < 0.5 ? [l, ''] : [l]));
    out += text.slice(last, b.at[0]) + (rnd() < 0.3 ? '\n' : '') + spaced.join('\n');
    last = b.at[1];
  }
  return out + text.slice(last);
}

describe('pacte fmt', () => {
  it('finds every example formatted', async () => {
    const r = await runPacte(['fmt', '--check', ...EXAMPLES]);
    expect(r.err).toContain(`0 document(s) to format, ${docs.length} formatted`);
    expect(r.code).toBe(0);
  });

  it('gives back each example from any layout of its blocks, and the same IR', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: docs.length - 1 }), fc.integer(), (i, seed) => {
        const d = docs[i]!;
        const messy = shuffle(d.text, seed);
        const once = formatDocument(sourceFile(d.path, messy));
        expect(once).toBe(d.text);
        const family = docs.filter((x) => x.dir === d.dir);
        const withMessy = family.map((x) => (x.path === d.path ? { path: x.path, text: messy } : x));
        expect(ir(withMessy, d.dir)).toBe(ir(family, d.dir));
      }),
      { numRuns: 25 },
    );
  });

  it('formats twice as it formats once, on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\n', '(', ')', ',', '1', '"', '#', 'define ', '  ') }), (t) => {
        const once = formatBlock(t);
        expect(formatBlock(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('rewrites a document in place, leaving its prose and front matter byte for byte, and --check says so first', async () => {
    const d = docs.find((x) => x.path.endsWith('2026-04-amendment.pacte.md'))!;
    const messy = shuffle(d.text, 7);
    expect(messy).not.toBe(d.text);
    const path = join(tmp, basename(d.path));
    const prose = d.text.replace(/```pacte\n[\s\S]*?```/g, '```');
    const messyProse = messy.replace(/```pacte\n[\s\S]*?```/g, '```');
    expect(messyProse).toBe(prose);
    writeFileSync(path, messy);
    const check = await runPacte(['fmt', '--check', path, '--lang', 'fr'], tmp);
    expect([check.code, check.err]).toEqual([1, `pas formaté : $DIR/${basename(path)}\n1 document(s) à formater, 0 formaté(s)\n`]);
    expect(readFileSync(path, 'utf8')).toBe(messy);
    const fmt = await runPacte(['fmt', path], tmp);
    expect([fmt.code, fmt.err]).toEqual([0, '1 document(s) formatted, 0 already formatted\n']);
    expect(readFileSync(path, 'utf8')).toBe(d.text);
  });

  it('leaves a document with syntax errors as it is, and says why', async () => {
    const path = join(tmp, 'broken.pacte.md');
    const text =
      '---\npacte: 1\nagreement: t\nversion: v\nbinding: true\neffective: 2025-01-01\nparties:\n  a: A\n---\n\n```pacte\ndefine   x =\n```\n';
    writeFileSync(path, text);
    const r = await runPacte(['fmt', path, '--json'], tmp);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).errors[0].code).toBe('syntax');
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});
