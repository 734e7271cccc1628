/**
 * Fuzzing the parser and checker (DESIGN §7: any input, however broken, gets diagnostics with positions, never an
 * uncaught exception). Inputs are random text and grammar-aware mutations of the good documents of the golden
 * cases: tokens deleted, duplicated, swapped or replaced, truncation, deep nesting, huge numbers, lone UTF-16
 * surrogates, random front matter. Every call of `checkFamily` must return, within a time bound, diagnostics whose
 * positions lie in the text; rendering them must not throw either.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { KEYWORDS as RESERVED } from '../src/syntax/keywords.js';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFamily } from '../src/check/family.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { render } from '../src/diagnostics/render.js';
import { parseCase } from './harness/case-file.js';
import { frontMatter } from './harness/front-matter.js';

/** Inputs per property: five properties of 4,000 and one of 1,000 make 21,000 inputs per run (FUZZ_RUNS=n to change). */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 4000);
/**
 * The bound for one `checkFamily` call on one input, in milliseconds of CPU time: 50 ms, or 8 times what the valid
 * good family takes on this machine in this run (`REF_MS`, measured after warm-up), whichever is larger. A slow or
 * busy machine slows every input alike; what the bound catches is an input pathologically slower than valid text
 * (backtracking, quadratic scans), which costs tens or thousands of times more, not a few.
 */
const BOUND_MS = 50;
const REF_FACTOR = 8;
const SEED = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);

// ---- seeds: the good documents of the golden cases ----

const CASES = join(import.meta.dirname, 'cases', 'check');
// Also the good documents with units and `previous` (a quantity, a price per unit, an undisclosed quantity, a payment per
// newly completed GW).
const MORE_SEEDS = ['units/units.case.md', 'units/undisclosed-quantity.case.md', 'previous/previous.case.md'].map((n) =>
  join(CASES, '..', n),
);
const SEEDS: string[] = readdirSync(CASES)
  .filter((n) => n.startsWith('good-') && n.endsWith('.case.md'))
  .sort()
  .map((n) => join(CASES, n))
  .concat(MORE_SEEDS)
  .flatMap((path) =>
    parseCase(readFileSync(path, 'utf8'))
      .files.filter((f) => f.name.endsWith('.pacte.md'))
      .map((f) => f.content),
  );

/** The good family (base, amendment, restatement), mutated together. */
const FAMILY = parseCase(readFileSync(join(CASES, 'good-family.case.md'), 'utf8')).files;

/** The seeds cut at each `##` heading: smaller documents that keep the front matter. */
const SECTIONS: string[] = SEEDS.flatMap((doc) => {
  const end = doc.indexOf('\n---\n', 4) + 5;
  const header = doc.slice(0, end);
  return doc
    .slice(end)
    .split(/\n(?=## )/)
    .map((section) => header + section);
});

// With units, so that quantities (`2 GW`) and prices (`USD 1m per GW`) parse and check too.
const HEADER = frontMatter('fuzz').replace('parties:', 'units: [GW, shares]\nparties:');

// ---- alphabets ----

// The language's reserved words, and the function and unit names the grammar also knows.
const KEYWORDS = [
  ...RESERVED,
  'min',
  'max',
  'round',
  'ceil',
  'floor',
  'datetime',
  'business',
  'hours',
  'minutes',
  'seconds',
  'start',
  'end',
];

const ODD_TOKENS = [
  '\uD800',
  '\uDFFF',
  '\uD83D',
  '\u0000',
  '\u202E',
  '\uFEFF',
  '\r',
  '\r\n',
  '\t',
  '\n```\n',
  '```pacte\n',
  '~~~',
  '---\n',
  '#',
  '"',
  '\\',
  '(',
  ')',
  '{',
  '}',
  ',',
  ':',
  '.',
  '|',
  '%',
  '-',
  '+',
  '*',
  '/',
  '<=',
  '==',
  '!=',
  '>',
  '99999999999999999999999999999999999999999999999999999',
  '1,000,000,000,000,000,000',
  '0.000000000000000000001',
  'USD 99999999999999999999999999999999999999999bn',
  '9999999 days',
  '9999-99-99',
  '0000-00-00',
  '2025-02-29',
  '2024-02-29',
  '9999-Q9',
  'FY0000',
  'FY0001',
  '2026-Q1',
  '2026-H2',
  '2026-03',
  '2026-13',
  'FY2027',
  'CY2026',
  'FY2027 of alice',
  'FY2027 of carol',
  'start of ',
  'end of ',
  'start of FY2028 of bob',
  'end of 2026-H1',
  'note?: text',
  '?',
  '[',
  ']',
  '[a, b]',
  'all conditions met',
  'date all conditions met',
  'count pending conditions',
  'pending',
  'extended by 3 months',
  ' on ',
  ' unless ',
  'because regulatory_failure',
  'terminated for regulatory_failure',
  '20%',
  '60 days',
  'USD 1bn',
  'EUR 1m',
  'alice',
  'bob',
  'carol',
  'x',
  'amount',
  'recipient',
  'date',
  'actor',
  'consent_given',
  'min(',
  'max(',
  '2 GW',
  '0.5 GW',
  '1,000,000 shares',
  '3 MW',
  'GW',
  'shares',
  'USD 1m per GW',
  'USD 0.01 per share',
  'capacity: GW',
  'undisclosed GW',
  'undisclosed GW at least 1 GW',
];

const TOKEN = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 4, arbitrary: fc.constantFrom(...ODD_TOKENS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 2000 }).map((n) => '('.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }).map((n) => `${'('.repeat(n)}1${')'.repeat(n)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 1000 }).map((n) => `${'(1 + '.repeat(n)}1${')'.repeat(n)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 2000 }).map((n) => 'not '.repeat(n)) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 2000 }).map((n) =>
      Array(n + 1)
        .fill('1')
        .join(' + '),
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 200 }).map((n) => '9'.repeat(n)) },
);

/** Characters that matter to the grammar and to Markdown, plus lone surrogates and control characters. */
const CHAR = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(...' \n\tabcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-:,.(){}|#"\\%+*/<>=!`~'),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)) },
);

const TEXT = (maxLength: number): fc.Arbitrary<string> => fc.string({ unit: CHAR, maxLength });

// ---- mutations ----

function tokens(text: string): string[] {
  return text.match(/\s+|[A-Za-z_][A-Za-z0-9_]*|\d+|[^\s\w]/gu) ?? [];
}

type Mutation =
  | { readonly op: 'delete' | 'duplicate'; readonly at: number }
  | { readonly op: 'swap'; readonly at: number; readonly other: number }
  | { readonly op: 'replace' | 'insert'; readonly at: number; readonly token: string };

const MUTATION: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constantFrom('replace' as const, 'insert' as const), at: fc.nat(), token: TOKEN }),
);

function mutate(text: string, mutations: readonly Mutation[], truncate: number | null): string {
  const t = tokens(text);
  for (const m of mutations) {
    if (t.length === 0) break;
    const i = m.at % t.length;
    switch (m.op) {
      case 'delete':
        t.splice(i, 1);
        break;
      case 'duplicate':
        t.splice(i, 0, t[i]!);
        break;
      case 'swap': {
        const j = m.other % t.length;
        [t[i], t[j]] = [t[j]!, t[i]!];
        break;
      }
      case 'replace':
        t[i] = m.token;
        break;
      case 'insert':
        t.splice(i, 0, ' ', m.token, ' ');
        break;
    }
  }
  const out = t.join('');
  return truncate === null ? out : out.slice(0, Math.floor(out.length * truncate));
}

/** YAML-ish front matter: known and unknown keys, scalars, flow and block collections, broken indentation. */
const FRONT_MATTER: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'pacte',
        'agreement',
        'version',
        'binding',
        'effective',
        'signed',
        'amends',
        'supersedes',
        'parties',
        'sources',
        'fiscal-year',
        'title',
        'x',
        '"y z"',
        '? ',
        '- ',
      ),
      fc.oneof(
        fc.constantFrom(
          '1',
          '2',
          'true',
          'no',
          '~',
          'null',
          '2025-01-01',
          '2025-13-45',
          'v1',
          '[a, b',
          '{a: 1}',
          '|',
          '>',
          '&a',
          '*a',
          '!!binary',
          "'q",
          '"u\\x"',
          '07-01',
          '02-29',
          '{ any: 04-01, alice: 06-01 }',
          '{ carol: 01-01 }',
        ),
        fc.constantFrom('\n  alice: A\n  bob: B', '\n  - a\n  - b', '\n  s: { title: t, status: official }', '\n   bad: indent\n  x: y'),
        TEXT(20),
      ),
    ),
    { maxLength: 12 },
  )
  .map((entries) => `---\n${entries.map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n`);

// ---- the property ----

let inputs = 0;
let maxMs = 0;
let slowest = '';

/**
 * Milliseconds of CPU time this process spent running `f`: unlike wall-clock time, it does not count the time the
 * machine gave to other processes (CI runs the browser tests beside this file on two cores).
 */
function cpuMs<T>(f: () => T): { result: T; ms: number } {
  const t0 = process.cpuUsage();
  const result = f();
  const d = process.cpuUsage(t0);
  return { result, ms: (d.user + d.system) / 1000 };
}

function timed(text: string): { result: ReturnType<typeof checkFamily>; ms: number } {
  return cpuMs(() => checkFamily([{ path: 'fuzz.pacte.md', text }]));
}

function checkOne(text: string): void {
  const { result, ms: first } = timed(text);
  // A garbage collection or a recompilation can pause any call: a slow-looking input is timed twice more and
  // keeps its best time, so that only an input that is slow every time counts as slow.
  const ms = first > BOUND_MS / 2 ? Math.min(first, timed(text).ms, timed(text).ms) : first;
  inputs++;
  if (ms > maxMs) {
    maxMs = ms;
    slowest = text;
  }
  for (const d of result.diagnostics) assertPositioned(d, text);
  for (const d of result.diagnostics.slice(0, 20)) {
    render(d, 'en', result.files);
    render(d, 'fr', result.files);
  }
}

function checkMany(files: readonly { path: string; text: string }[]): void {
  const { result, ms: first } = timedMany(files);
  const ms = first > BOUND_MS / 2 ? Math.min(first, timedMany(files).ms, timedMany(files).ms) : first;
  inputs++;
  if (ms > maxMs) {
    maxMs = ms;
    slowest = files.map((f) => f.text).join('\n');
  }
  for (const d of result.diagnostics) {
    const f = files.find((x) => x.path === d.file);
    if (!f) throw new Error(`diagnostic in an unknown file ${JSON.stringify(d)}`);
    assertPositioned(d, f.text, f.path);
  }
}

function timedMany(files: readonly { path: string; text: string }[]): { result: ReturnType<typeof checkFamily>; ms: number } {
  return cpuMs(() => checkFamily(files));
}

function assertPositioned(d: Diagnostic, text: string, path = 'fuzz.pacte.md'): void {
  const ok =
    d.file === path &&
    d.start.line >= 1 &&
    d.start.column >= 1 &&
    d.start.offset >= 0 &&
    d.start.offset <= text.length &&
    d.end.offset >= d.start.offset &&
    d.end.offset <= text.length &&
    d.end.line >= d.start.line;
  if (!ok) throw new Error(`badly positioned diagnostic ${JSON.stringify(d)}`);
}

const params = <T extends unknown[]>(n: number): fc.Parameters<T> => ({ numRuns: n, ...(SEED === undefined ? {} : { seed: SEED }) });

describe('fuzz: checkFamily never throws, answers fast, and positions every diagnostic in the text', () => {
  // Warm the JIT on every kind of input first, so that the per-input bound measures the checker, not the compiler.
  for (const s of SEEDS) checkFamily([{ path: 'warm.pacte.md', text: s }]);
  for (const text of [
    ...fc.sample(TEXT(400), 200),
    ...fc.sample(FRONT_MATTER, 200),
    ...fc
      .sample(fc.tuple(fc.constantFrom(...SECTIONS), fc.array(MUTATION, { minLength: 1, maxLength: 8 })), 300)
      .map(([d, ms]) => mutate(d, ms, null)),
  ]) {
    checkFamily([{ path: 'warm.pacte.md', text }]);
  }
  const refRuns = Array.from({ length: 7 }, () => timedMany(FAMILY.map((f) => ({ path: f.name, text: f.content }))).ms).sort(
    (a, b) => a - b,
  );
  const REF_MS = refRuns[3]!;
  const bound = Math.max(BOUND_MS, REF_FACTOR * REF_MS);

  afterAll(() => {
    if (process.env['FUZZ_DUMP']) writeFileSync(process.env['FUZZ_DUMP'], slowest);
    console.log(
      `fuzz: ${inputs} inputs, slowest ${maxMs.toFixed(2)} ms of CPU time (${slowest.length} characters); the valid family ${REF_MS.toFixed(2)} ms`,
    );
  });

  it('random text', () => {
    fc.assert(
      fc.property(TEXT(400), (text) => checkOne(text)),
      params(RUNS),
    );
  });

  it('random text inside a front matter and a pacte block', () => {
    fc.assert(
      fc.property(TEXT(400), (text) => checkOne(`${HEADER}\n\`\`\`pacte\n${text}\n\`\`\`\n`)),
      params(RUNS),
    );
  });

  it('random front matter over a valid body', () => {
    fc.assert(
      fc.property(FRONT_MATTER, fc.constantFrom(...SECTIONS), (fm, doc) => checkOne(fm + doc.slice(doc.indexOf('\n---\n', 4) + 5))),
      params(RUNS),
    );
  });

  it('token mutations of sections of valid documents', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SECTIONS),
        fc.array(MUTATION, { minLength: 1, maxLength: 8 }),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        (doc, ms, cut) => checkOne(mutate(doc, ms, cut)),
      ),
      params(RUNS),
    );
  });

  it('token mutations of whole valid documents', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(MUTATION, { minLength: 1, maxLength: 4 }),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        (doc, ms, cut) => checkOne(mutate(doc, ms, cut)),
      ),
      params(RUNS),
    );
  });

  it('token mutations of a whole family (amends, supersedes)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(MUTATION, { maxLength: 3 }), { minLength: FAMILY.length, maxLength: FAMILY.length }), (mutations) =>
        checkMany(FAMILY.map((f, i) => ({ path: f.name, text: mutate(f.content, mutations[i]!, null) }))),
      ),
      params(Math.ceil(RUNS / 4)),
    );
  });

  it(`took less than ${BOUND_MS} ms of CPU time (or ${REF_FACTOR}× the valid family's time) on every input`, () => {
    expect(inputs).toBeGreaterThanOrEqual(RUNS * 5);
    const what = `slowest input ${maxMs.toFixed(1)} ms (the valid family: ${REF_MS.toFixed(1)} ms; bound ${bound.toFixed(1)} ms), ${slowest.length} characters`;
    expect(maxMs, `${what}: ${JSON.stringify(slowest.slice(0, 300))}`).toBeLessThan(bound);
  });
});
