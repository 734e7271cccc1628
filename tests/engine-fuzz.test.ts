/**
 * The engine never throws, whatever the ledger: random valid events for every agreement of the repository (the
 * examples, the good check cases, every engine case), evaluated at random dates under random versions, and random
 * garbage lines given to the ledger reader. Each state must also keep its invariants: nothing happens after the
 * date asked (`since`, violations), statuses are the documented ones, amounts are exact strings, owed is never
 * negative.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NORM_STATUSES } from '../src/engine/norm-state.js';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFamily, type InputFile } from '../src/check/family.js';
import type { Family, Type } from '../src/check/ir.js';
import { evaluate } from '../src/engine/evaluate.js';
import { eventTypeAt } from '../src/ledger/ledger.js';
import { readLedger } from '../src/engine/read-ledger.js';
import { sourceFile } from '../src/source/source-file.js';
import { addDays } from '../src/values/dates.js';
import { parseCase } from './harness/case-file.js';

const ROOT = join(import.meta.dirname, '..');
/** `PACTE_FUZZ_RUNS=20` multiplies the runs; `PACTE_FUZZ_RANDOM=1` draws new inputs instead of the fixed seed. */
const SCALE = Math.max(1, Number(process.env['PACTE_FUZZ_RUNS'] ?? 1) || 1);
const SEED = process.env['PACTE_FUZZ_RANDOM'] === '1';

function walk(dir: string, suffix: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p, suffix) : n.endsWith(suffix) ? [p] : [];
    });
}

/** Every valid family of the repository: example directories and the documents of golden cases that check clean. */
function corpus(): { name: string; family: Family }[] {
  const out: { name: string; family: Family }[] = [];
  const add = (name: string, inputs: InputFile[]): void => {
    const r = checkFamily(inputs);
    const declares = r.family?.versions.some((v) => [...v.events.keys()].some((t) => !t.startsWith('consent_'))) ?? false;
    if (r.family && declares && !r.diagnostics.some((d) => d.severity === 'error')) out.push({ name, family: r.family });
  };
  for (const dir of ['openai-microsoft', 'supply-deal']) {
    const d = join(ROOT, 'examples', dir);
    add(
      dir,
      readdirSync(d)
        .filter((n) => n.endsWith('.pacte.md'))
        .sort()
        .map((n) => ({ path: n, text: readFileSync(join(d, n), 'utf8') })),
    );
  }
  for (const path of [
    ...walk(join(ROOT, 'tests', 'cases', 'engine'), '.case.md'),
    ...walk(join(ROOT, 'tests', 'cases', 'check'), '.case.md'),
    ...walk(join(ROOT, 'tests', 'cases', 'units'), '.case.md'),
    ...walk(join(ROOT, 'tests', 'cases', 'previous'), '.case.md'),
  ]) {
    const c = parseCase(readFileSync(path, 'utf8'));
    const docs = c.files.filter((f) => f.name.endsWith('.pacte.md')).map((f) => ({ path: f.name, text: f.content }));
    if (docs.length > 0) add(path.slice(ROOT.length + 1), docs);
  }
  return out;
}

const FAMILIES = corpus();
const STATUSES = new Set<string>(NORM_STATUSES);
const MONEY = /^[A-Z]{3} -?\d+(\.\d+)?( \+ [A-Z]{3} -?\d+(\.\d+)?)*$/;

function valueArb(t: Type, parties: readonly string[], currencies: readonly string[]): fc.Arbitrary<unknown> {
  switch (t.t) {
    case 'money':
      return fc
        .tuple(
          fc.constantFrom(...currencies),
          fc.oneof(fc.constant('0'), fc.integer({ min: 1, max: 10_000_000 }).map(String), fc.constant('13000000000'), fc.constant('0.01')),
        )
        .map(([c, a]) => `${c} ${a}`);
    case 'number':
      return fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constant(0));
    case 'quantity':
      return fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constant(0)).map((n) => `${n} ${t.unit ?? 'units'}`);
    case 'price':
      return fc.constantFrom(...currencies).map((c) => `${c} 0.01 per ${t.unit ?? 'unit'}`);
    case 'percent':
      return fc.integer({ min: 0, max: 100 }).map((p) => `${p}%`);
    case 'date':
      return fc
        .date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'datetime':
      return fc
        .date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'period':
      // Quarters, half-years, months, calendar and fiscal years, and a party's fiscal year.
      return fc
        .tuple(fc.integer({ min: 2019, max: 2031 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(...parties))
        .chain(([y, n, p]) =>
          fc.constantFrom(
            `${y}-Q${1 + (n % 4)}`,
            `${y}-H${1 + (n % 2)}`,
            `${y}-${String(n).padStart(2, '0')}`,
            `CY${y}`,
            `FY${y}`,
            `FY${y} of ${p}`,
          ),
        );
    case 'duration':
      return fc.tuple(fc.integer({ min: 1, max: 400 }), fc.constantFrom('days', 'months', 'years')).map(([n, u]) => `${n} ${u}`);
    case 'bool':
      return fc.boolean();
    case 'text':
      return fc.constantFrom('A-1', 'A-2', 'Contoso', 'azure', 'Microsoft Azure', 'x');
    case 'party':
      return fc.constantFrom(...parties);
    case 'list':
    case 'unknown':
      return fc.constant(null);
  }
}

/** Random valid ledger lines for a family (types, actors and fields as declared; consent events naming its consents). */
function ledgerArb(family: Family): fc.Arbitrary<string[]> {
  const parties = [...new Set(family.versions.flatMap((v) => [...v.parties.keys()]))];
  const consents = [...new Set(family.versions.flatMap((v) => [...v.norms.values()].filter((n) => n.kind === 'consent').map((n) => n.id)))];
  const types = [...new Set(family.versions.filter((v) => v.binding).flatMap((v) => [...v.events.keys()]))].filter(
    (t) => consents.length > 0 || !t.startsWith('consent_'),
  );
  const first = family.versions[0]!.effective;
  const dates = fc.integer({ min: -100, max: 2500 }).map((d) => addDays(first, d));
  const event = fc.tuple(fc.constantFrom(...types), dates, fc.nat()).chain(([type, date, seed]) => {
    const t = eventTypeAt(family, type, date)!;
    const actors = t.actors.length > 0 ? t.actors : parties;
    const actor = actors[seed % actors.length]!;
    const fields = [...t.fields].filter(([f]) => !(type.startsWith('consent_') && f === 'clause'));
    // An optional field (`note?: text`) is left out one time in three.
    const data = fc
      .tuple(
        ...fields.map(([f, ft]) =>
          t.optional?.has(f) ? fc.option(valueArb(ft, parties, ['USD', 'EUR']), { freq: 3 }) : valueArb(ft, parties, ['USD', 'EUR']),
        ),
      )
      .map((vs) => Object.fromEntries(fields.flatMap(([f], k) => (vs[k] === null && t.optional?.has(f) ? [] : [[f, vs[k]]]))));
    const clause = type.startsWith('consent_')
      ? fc.constantFrom(...(consents.length > 0 ? consents : ['none'])).map((c) => ({ clause: c }))
      : fc.constant({});
    return fc.tuple(data, clause).map(([d, c]) => ({ type, date, actor, data: { ...d, ...c } }));
  });
  return fc.array(event, { minLength: 0, maxLength: 40 }).map((es) => es.map((e, k) => JSON.stringify({ id: `e${k}`, ...e })));
}

let accepted = 0;
let generated = 0;

describe('the engine never throws on a valid ledger, and its states keep their invariants', () => {
  it(`covers ${FAMILIES.length} families`, () => expect(FAMILIES.length).toBeGreaterThan(20));
  // The generator must produce ledgers the reader accepts, or the property tests little.
  afterAll(() => expect(accepted / Math.max(1, generated)).toBeGreaterThan(0.9));
  for (const { name, family } of FAMILIES) {
    it(name, () => {
      const versions = family.versions.map((v) => v.id);
      fc.assert(
        fc.property(
          ledgerArb(family),
          fc.integer({ min: -30, max: 3000 }),
          fc.option(fc.constantFrom(...versions), { nil: null }),
          (lines, offset, version) => {
            const file = sourceFile('ledger.jsonl', lines.join('\n'));
            const { events, diagnostics } = readLedger(file, family);
            accepted += events.length;
            generated += lines.length;
            const asOf = addDays(family.versions[0]!.effective, offset);
            const st = evaluate(family, events, asOf, { version, lang: offset % 2 === 0 ? 'en' : 'fr' });
            JSON.stringify(st);
            for (const n of st.norms) {
              expect(STATUSES.has(n.status), `${n.id} ${n.status}`).toBe(true);
              expect(n.since <= asOf, `${n.id} since ${n.since} > ${asOf}`).toBe(true);
              for (const i of n.instances) expect(i.since <= asOf && i.trigger.date <= asOf).toBe(true);
            }
            for (const v of st.violations) expect(v.date <= asOf, `violation ${v.norm} on ${v.date}`).toBe(true);
            for (const a of Object.values(st.accounts)) {
              for (const x of [a.paid, a.owed, a.committed]) expect(x).toMatch(MONEY);
              expect(a.owed).not.toMatch(/ -/);
            }
            // Some generated lines may be refused (an event type declared only by a later version, say): never a crash.
            expect(diagnostics.every((d) => d.code.startsWith('ledger-') || d.code === 'unknown-source')).toBe(true);
          },
        ),
        { numRuns: 40 * SCALE, ...(SEED ? {} : { seed: 20251128 }) },
      );
    });
  }
});

describe('the ledger reader never throws on garbage', () => {
  it('random lines, JSON values and mutated events', () => {
    const family = FAMILIES.find((f) => f.name === 'supply-deal')!.family;
    const line = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.json({ maxDepth: 3 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ id: 'x', type: 'pay', date: '2025-01-01', actor: 'buyer', data: v })),
      fc
        .record({
          id: fc.jsonValue(),
          type: fc.constantFrom('pay', 'invoice', 'consent_request', 'nope'),
          date: fc.string(),
          actor: fc.jsonValue(),
          data: fc.jsonValue(),
          source: fc.jsonValue(),
          visibility: fc.jsonValue(),
        })
        .map((o) => JSON.stringify(o)),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        const r = readLedger(sourceFile('ledger.jsonl', lines.join('\n')), family);
        for (const d of r.diagnostics) expect(d.start.line).toBeGreaterThanOrEqual(1);
        evaluate(family, r.events, '2026-01-01');
      }),
      { numRuns: 1500 * SCALE, ...(SEED ? {} : { seed: 7 }) },
    );
  });
});
