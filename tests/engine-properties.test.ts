/**
 * Properties of the engine on generated ledgers (DESIGN.md §3, §7; reliability notes promise 11):
 *
 * - evaluating twice gives byte-identical JSON;
 * - the CLI gives byte-identical JSON whatever TZ, LANG and LC_ALL (child processes);
 * - an evaluator with checkpoints (`createEvaluator`, small intervals) equals a replay from scratch;
 * - an event dated after D never changes the state as of D;
 * - the order of ledger lines does not matter as long as events of one date keep their relative order;
 * - the fast allocation of payments and deliveries (allocation.ts `performInOrder`) equals the general one;
 * - an event of a type no clause reads, added on any day, changes nothing in the state (the fold visiting one more
 *   day must not move a lapse, a deadline or an expiry).
 *
 * The ledgers are random but valid (every line passes `parseLedger` without a diagnostic), for the supply-deal
 * example and for a one-version agreement written below that uses every kind of clause and aggregate.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFamily } from '../src/check/family.js';
import type { Family } from '../src/check/ir.js';
import { loadForEvaluation } from '../src/cli/load.js';
import { createEvaluator, evaluate } from '../src/engine/evaluate.js';
import { foldTuning } from '../src/engine/allocation.js';
import type { LedgerEvent } from '../src/ledger/event.js';
import { readLedger } from '../src/engine/read-ledger.js';
import { sourceFile } from '../src/source/source-file.js';
import { addDays, type IsoDate } from '../src/values/dates.js';

/** Multiplies the number of runs (`PACTE_PROPERTY_RUNS=20 npx vitest run tests/engine-properties.test.ts` for a longer search). */
const SCALE = Math.max(1, Number(process.env['PACTE_PROPERTY_RUNS'] ?? 1) || 1);
const runs = (n: number): number => n * SCALE;
const ROOT = join(import.meta.dirname, '..');
const SUPPLY_DIR = join(ROOT, 'examples', 'supply-deal');
const SUPPLY_DOCS = ['v1-master.pacte.md', 'v2-amendment.pacte.md', 'v3-term-sheet.pacte.md'];

/** One version with every kind of norm, instances with a cap, a suspension, a start date, a consent that lapses or is deemed given, and every aggregate. */
const MINI = `---
pacte: 1
agreement: mini
version: v1
title: Mini agreement for property tests
binding: true
signed: 2024-01-01
effective: 2024-01-01
parties:
  acme: Acme SA
  buyer: Buyer Ltd
---

# Mini

\`\`\`pacte
event pay by buyer, acme { amount: money, recipient: party }
event invoice by acme { period: period, amount: money }
event deliver by acme { units: number }
event supply_other by acme { customer: text, competitor: bool }
event assign by acme { assignee: text }
event terminate by buyer { reason: text }
event note by acme, buyer { text: text }
event borrow by acme { amount: money }

define paid_total = sum pay.amount where recipient == acme
define units_2025 = sum deliver.units within CY2025
define invoiced = count invoice
define last_invoice = latest invoice.amount
define first_delivery = first deliver.date
define any_breach = exists supply_other where competitor
define low = paid_total < EUR 200k and not any_breach
define review_end = undisclosed date

obligation invoice_payment: buyer must pay invoice.amount to acme
  for each invoice within 30 days capped at EUR 2m
obligation minimum_volume: acme must deliver 500 from 2025-01-01 by 2025-06-30
obligation deposit: buyer must pay EUR 100k to acme by 2024-03-31
  suspended while invoiced == 0
permission carve_out: acme may supply_other where customer == "Contoso"
  overrides exclusivity
prohibition exclusivity: acme must not supply_other where competitor
  until 2026-12-31 or exercised termination
power termination: buyer can terminate when paid_total >= EUR 100k
  until 2027-06-30
consent assignment_consent: acme needs buyer to assign
  lapses after 15 days deemed given after 10 days
consent borrowing: acme needs buyer to borrow
  lapses after 15 days
prohibition no_assignment: acme must not assign from exists deliver until review_end
\`\`\`
`;

function load(inputs: { path: string; text: string }[]): Family {
  const r = checkFamily(inputs);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (!r.family || errors.length > 0) throw new Error(`family does not check: ${errors.map((d) => d.code).join(', ')}`);
  return r.family;
}

const FAMILIES: { name: string; family: Family; docs: { name: string; text: string }[] }[] = [
  {
    name: 'supply-deal',
    docs: SUPPLY_DOCS.map((name) => ({ name, text: readFileSync(join(SUPPLY_DIR, name), 'utf8') })),
    family: load(SUPPLY_DOCS.map((name) => ({ path: `examples/supply-deal/${name}`, text: readFileSync(join(SUPPLY_DIR, name), 'utf8') }))),
  },
  { name: 'mini', docs: [{ name: 'mini.pacte.md', text: MINI }], family: load([{ path: 'mini.pacte.md', text: MINI }]) },
];

// ---- generated ledgers ----

const FIRST_DAY = '2024-01-01';
const DAYS = 4 * 365; // 2024-01-01 .. 2027-12-30

/** An event without its id: the id is its position, given when the ledger is written. */
interface RawEvent {
  readonly type: string;
  readonly date: IsoDate;
  readonly actor: string;
  readonly data: Record<string, unknown>;
  readonly source?: unknown;
  readonly visibility?: string[];
}

/** Days from 2024-01-01, more often in the windows where the agreements' dated terms fall (early 2024, first half of 2025). */
const dayArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: DAYS - 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 120 }) },
  { weight: 1, arbitrary: fc.integer({ min: 366, max: 366 + 200 }) },
);
const party = fc.constantFrom('acme', 'buyer');
/** Mostly euros (the agreements' currency), sometimes dollars; whole amounts and cents. */
const moneyArb = fc
  .tuple(
    fc.constantFrom('EUR', 'EUR', 'EUR', 'EUR', 'EUR', 'EUR', 'EUR', 'USD'),
    fc.oneof(fc.integer({ min: 1, max: 150_000 }), fc.constantFrom(40_000, 50_000, 100_000)),
    fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined, freq: 3 }),
  )
  .map(([c, a, cents]) => `${c} ${a}${cents === undefined ? '' : `.${String(cents).padStart(2, '0')}`}`);
const periodArb = fc
  .tuple(fc.integer({ min: 2024, max: 2027 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom('Q', 'M', 'H'))
  .map(([y, m, k]) =>
    k === 'Q' ? `${y}-Q${Math.ceil(m / 3)}` : k === 'H' ? `${y}-H${m <= 6 ? 1 : 2}` : `${y}-${String(m).padStart(2, '0')}`,
  );
const unitsArb = fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }).map(String));
const textArb = fc.constantFrom('Contoso', 'Fabrikam', 'Globex', 'Initech', 'Umbrella', 'Ünïcödé — «x»');

/** Events of both families' types; `mini`: also those only the mini agreement declares (a borrowing and its consent). */
function eventArb(dates: readonly IsoDate[], mini = false): fc.Arbitrary<RawEvent> {
  const date = fc.constantFrom(...dates);
  const extras = fc.record(
    {
      source: fc.record({ title: textArb, status: fc.constantFrom('official', 'reported', 'unverified') }),
      visibility: fc.subarray(['acme', 'buyer'], { minLength: 1 }),
    },
    { requiredKeys: [] },
  );
  const ev = (type: string, actor: fc.Arbitrary<string>, data: fc.Arbitrary<Record<string, unknown>>, weight: number) => ({
    weight,
    arbitrary: fc.tuple(date, actor, data, extras).map(([d, a, x, e]): RawEvent => ({ type, date: d, actor: a, data: x, ...e })),
  });
  const clause = mini
    ? fc.constantFrom({ clause: 'assignment_consent' }, { clause: 'borrowing' })
    : fc.constant({ clause: 'assignment_consent' });
  return fc.oneof(
    ev(
      'pay',
      fc.constantFrom('buyer', 'buyer', 'buyer', 'acme'),
      fc.record({ amount: moneyArb, recipient: fc.constantFrom('acme', 'acme', 'acme', 'buyer') }),
      8,
    ),
    ev('invoice', fc.constant('acme'), fc.record({ period: periodArb, amount: moneyArb }), 5),
    ev('deliver', fc.constant('acme'), fc.record({ units: unitsArb }), 4),
    ev('supply_other', fc.constant('acme'), fc.record({ customer: textArb, competitor: fc.boolean() }), 2),
    ev('assign', fc.constant('acme'), fc.record({ assignee: textArb }), 1),
    ...(mini ? [ev('borrow', fc.constant('acme'), fc.record({ amount: moneyArb }), 1)] : []),
    ev('terminate', fc.constant('buyer'), fc.record({ reason: textArb }), 1),
    ev('consent_request', party, clause, 2),
    ev('consent_given', party, clause, 1),
    ev('consent_refused', party, clause, 1),
  );
}

/** A ledger: a pool of dates (so that several events share a day), then events on those dates, in random line order. */
const ledgerOf = (mini: boolean): fc.Arbitrary<RawEvent[]> =>
  fc.uniqueArray(dayArb, { minLength: 1, maxLength: 14 }).chain((days) =>
    fc.array(
      eventArb(
        days.map((d) => addDays(FIRST_DAY, d)),
        mini,
      ),
      { minLength: 0, maxLength: 45 },
    ),
  );
const ledgerArb = ledgerOf(false);

/** Ids by line: the id stays with the event when lines move. */
function withIds(raw: readonly RawEvent[]): { id: string; e: RawEvent }[] {
  return raw.map((e, i) => ({ id: `ev-${i + 1}`, e }));
}

function line(id: string, e: RawEvent): string {
  return JSON.stringify({
    id,
    type: e.type,
    date: e.date,
    actor: e.actor,
    data: e.data,
    ...(e.source ? { source: e.source } : {}),
    ...(e.visibility ? { visibility: e.visibility } : {}),
  });
}

function ledgerText(lines: readonly { id: string; e: RawEvent }[]): string {
  return lines.map(({ id, e }) => `${line(id, e)}\n`).join('');
}

function parse(family: Family, text: string): LedgerEvent[] {
  const r = readLedger(sourceFile('ledger.jsonl', text), family);
  if (r.diagnostics.length > 0) throw new Error(`generated ledger is invalid: ${r.diagnostics.map((d) => d.code).join(', ')}\n${text}`);
  return r.events;
}

const asOfArb = dayArb.map((d) => addDays(FIRST_DAY, d));
/** Families by name (so that a counterexample prints a name, not the checked IR). */
const familyArb = fc.constantFrom(...FAMILIES.map((f) => f.name));
const fam = (name: string): (typeof FAMILIES)[number] => FAMILIES.find((f) => f.name === name)!;
const state = (family: Family, events: readonly LedgerEvent[], asOf: IsoDate): string => JSON.stringify(evaluate(family, events, asOf));

describe('engine properties on generated ledgers', () => {
  it('generated ledgers are valid', () => {
    fc.assert(
      fc.property(familyArb, ledgerArb, (name, raw) => {
        const f = fam(name);
        expect(parse(f.family, ledgerText(withIds(raw)))).toHaveLength(raw.length);
      }),
      { numRuns: runs(100) },
    );
  });

  it('the generated ledgers reach every lifecycle status and kind of violation (the properties are not vacuous)', () => {
    const seen = new Set<string>();
    for (const [name, raw, asOf] of fc.sample(fc.tuple(familyArb, ledgerArb, asOfArb), { numRuns: 300, seed: 42 })) {
      const f = fam(name);
      const st = evaluate(f.family, parse(f.family, ledgerText(withIds(raw))), asOf);
      for (const n of st.norms) {
        seen.add(`${n.kind}:${n.status}`);
        for (const i of n.instances) seen.add(`instance:${i.status}`);
      }
      for (const v of st.violations) seen.add(`violation:${v.kind}${v.reason ? `:${v.reason}` : ''}`);
    }
    const wanted = [
      ...['consent:pending', 'consent:requested', 'consent:given', 'consent:refused', 'consent:lapsed'],
      ...[
        'obligation:active',
        'obligation:suspended',
        'obligation:fulfilled',
        'obligation:violated',
        'instance:fulfilled',
        'instance:violated',
      ],
      ...['power:active', 'power:exercised', 'power:expired', 'permission:active'],
      ...['prohibition:active', 'prohibition:violated', 'prohibition:terminated', 'prohibition:expired'],
      ...['violation:breach', 'violation:missed-deadline', 'violation:without-consent:not-requested', 'violation:without-consent:lapsed'],
      ...['violation:invalid-exercise:condition-false', 'violation:not-entitled:not-holder'],
    ];
    expect(wanted.filter((w) => !seen.has(w))).toEqual([]);
  });

  it('evaluating twice gives byte-identical JSON (from separately parsed ledgers)', () => {
    fc.assert(
      fc.property(familyArb, ledgerArb, asOfArb, (name, raw, asOf) => {
        const f = fam(name);
        const text = ledgerText(withIds(raw));
        expect(state(f.family, parse(f.family, text), asOf)).toBe(state(f.family, parse(f.family, text), asOf));
      }),
      { numRuns: runs(100) },
    );
  });

  it('checkpoints (every 1, 2 or 7 events) give the state of a replay from scratch', () => {
    fc.assert(
      fc.property(
        familyArb,
        ledgerArb,
        fc.constantFrom(1, 2, 7),
        fc.array(asOfArb, { minLength: 1, maxLength: 8 }),
        (name, raw, k, dates) => {
          const f = fam(name);
          const events = parse(f.family, ledgerText(withIds(raw)));
          const ev = createEvaluator(f.family, events, { checkpointEvery: k });
          // Random dates, and the days around each event (checkpoints are taken on event days).
          const around = events.flatMap((e) => [addDays(e.date, -1), e.date, addDays(e.date, 1)]);
          const all = [...new Set([...dates, ...around.filter((_, i) => i % 5 === 0)])].sort();
          // Queries out of order, to use checkpoints before and after the previous query.
          for (const d of [...all.filter((_, i) => i % 2 === 1), ...all.filter((_, i) => i % 2 === 0).reverse()]) {
            expect(ev.at(d)).toEqual(evaluate(f.family, events, d));
          }
          if (events.length >= k) expect(ev.checkpoints).toBeGreaterThan(0);
        },
      ),
      { numRuns: runs(80) },
    );
  });

  it('the fast allocation of performing events gives the same state as the general one', () => {
    fc.assert(
      fc.property(familyArb, ledgerArb, asOfArb, (name, raw, asOf) => {
        const f = fam(name);
        const events = parse(f.family, ledgerText(withIds(raw)));
        const fast = state(f.family, events, asOf);
        foldTuning.allocateInOrder = false;
        try {
          expect(state(f.family, events, asOf)).toBe(fast);
        } finally {
          foldTuning.allocateInOrder = true;
        }
      }),
      { numRuns: runs(100) },
    );
  });

  it('an event dated after D never changes the state as of D (appended, or inserted anywhere)', () => {
    fc.assert(
      fc.property(
        familyArb,
        ledgerArb,
        asOfArb,
        fc.integer({ min: 1, max: 800 }),
        eventArb([FIRST_DAY]),
        fc.nat(),
        fc.boolean(),
        (name, raw, asOf, later, shape, pos, append) => {
          const f = fam(name);
          const lines = withIds(raw);
          // Any event, moved after D.
          const extra: RawEvent = { ...shape, date: addDays(asOf, later) };
          const before = state(f.family, parse(f.family, ledgerText(lines)), asOf);
          const at = append ? lines.length : pos % (lines.length + 1);
          const more = [...lines.slice(0, at), { id: 'late-1', e: extra }, ...lines.slice(at)];
          expect(state(f.family, parse(f.family, ledgerText(more)), asOf)).toBe(before);
        },
      ),
      { numRuns: runs(100) },
    );
  });

  it('an event of a type no clause reads, added on any day, changes nothing in the state', () => {
    const f = fam('mini');
    // Days after an event: on and around the last days of the agreement's delays (10, 15 and 30 days), or any.
    const offsetArb = fc.oneof(fc.constantFrom(9, 10, 11, 14, 15, 16, 29, 30, 31), fc.integer({ min: -2, max: 40 }));
    fc.assert(
      fc.property(
        ledgerOf(true),
        dayArb,
        fc.nat(),
        offsetArb,
        dayArb,
        fc.boolean(),
        fc.nat(),
        (raw, requestDay, which, offset, day, nearEvent, pos) => {
          // At least one request for a consent that only lapses (its last day is where a visit too many would show).
          const request: RawEvent = {
            type: 'consent_request',
            date: addDays(FIRST_DAY, requestDay),
            actor: 'acme',
            data: { clause: 'borrowing' },
          };
          const lines = withIds([request, ...raw]);
          // Near an event (a request's delay, an invoice's 30 days, a deadline fall there), mostly a request, or any day.
          const requests = lines.filter((l) => l.e.type === 'consent_request');
          const pool = requests.length > 0 && which % 3 !== 0 ? requests : lines;
          const anchor = pool[which % Math.max(1, pool.length)]?.e.date;
          const date = nearEvent && anchor ? addDays(anchor, offset) : addDays(FIRST_DAY, day);
          const note: RawEvent = { type: 'note', date, actor: 'buyer', data: { text: 'a note no clause reads' } };
          const at = pos % (lines.length + 1);
          const more = [...lines.slice(0, at), { id: 'note-1', e: note }, ...lines.slice(at)];
          const events = parse(f.family, ledgerText(lines));
          const noted = parse(f.family, ledgerText(more));
          for (const asOf of [date, addDays(date, 1), addDays(date, 20), '2027-12-31' as IsoDate]) {
            expect(state(f.family, noted, asOf)).toBe(state(f.family, events, asOf));
          }
        },
      ),
      { numRuns: runs(150) },
    );
  });

  it('moving lines while keeping the order of events on the same date gives the same state', () => {
    fc.assert(
      fc.property(
        familyArb,
        ledgerArb,
        asOfArb,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 45, maxLength: 45 }),
        (name, raw, asOf, keys) => {
          const f = fam(name);
          const lines = withIds(raw);
          // A random interleaving: shuffle the lines, then put each date's lines back in their original order in the
          // slots that date occupies in the shuffled order.
          const shuffled = lines
            .map((l, i) => ({ l, k: keys[i] ?? 0, i }))
            .sort((a, b) => a.k - b.k || a.i - b.i)
            .map((x) => x.l);
          const byDate = new Map<string, { id: string; e: RawEvent }[]>();
          for (const l of lines) byDate.set(l.e.date, [...(byDate.get(l.e.date) ?? []), l]);
          const next = new Map<string, number>();
          const interleaved = shuffled.map((l) => {
            const k = next.get(l.e.date) ?? 0;
            next.set(l.e.date, k + 1);
            return byDate.get(l.e.date)![k]!;
          });
          // And the same lines sorted by date (a stable sort of the interleaving).
          const sorted = [...interleaved].sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : 0));
          const expected = state(f.family, parse(f.family, ledgerText(lines)), asOf);
          expect(state(f.family, parse(f.family, ledgerText(interleaved)), asOf)).toBe(expected);
          expect(state(f.family, parse(f.family, ledgerText(sorted)), asOf)).toBe(expected);
        },
      ),
      { numRuns: runs(100) },
    );
  });
});

describe('the CLI does not depend on the time zone or the locale', () => {
  const tmpRoot = mkdtempSync(join(tmpdir(), 'pacte-props-'));
  afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));
  const ENVS: Record<string, string>[] = [
    { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
    { TZ: 'Pacific/Kiritimati', LANG: 'fr_FR.UTF-8', LC_ALL: 'fr_FR.UTF-8' },
    { TZ: 'America/St_Johns', LANG: 'ja_JP.UTF-8', LC_ALL: 'ja_JP.UTF-8' },
    { TZ: 'Asia/Kathmandu', LANG: 'ar_EG.UTF-8', LC_ALL: 'ar_EG.UTF-8' },
  ];
  let run = 0;

  it('`pacte state --json` prints the same bytes under every TZ, LANG and LC_ALL, and the same as in process', () => {
    fc.assert(
      fc.property(familyArb, ledgerArb, asOfArb, (name, raw, asOf) => {
        const f = fam(name);
        const dir = join(tmpRoot, `${f.name}-${run++}`);
        execFileSync('mkdir', ['-p', dir]);
        for (const d of f.docs) writeFileSync(join(dir, d.name), d.text);
        writeFileSync(join(dir, 'ledger.jsonl'), ledgerText(withIds(raw)));
        const outputs = ENVS.map((env) =>
          execFileSync(process.execPath, [join(ROOT, 'bin', 'pacte.js'), 'state', dir, '--as-of', asOf, '--json'], {
            cwd: ROOT,
            env: { PATH: process.env['PATH'] ?? '', ...env },
            encoding: 'utf8',
          }),
        );
        for (const o of outputs.slice(1)) expect(o).toBe(outputs[0]);
        // The same bytes as evaluating in this process (the CLI loads and evaluates the same way).
        const loaded = loadForEvaluation(dir, [], false);
        expect(loaded.family).not.toBeNull();
        expect(outputs[0]).toBe(`${JSON.stringify(evaluate(loaded.family!, loaded.events, asOf), null, 2)}\n`);
      }),
      { numRuns: 3 },
    );
  });
});
