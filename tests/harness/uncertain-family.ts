/**
 * Random one-version families with undisclosed terms, for the soundness property (tests/soundness-*.test.ts).
 *
 * A family is a list of unknown terms (each `define NAME = undisclosed TYPE`), clauses of every kind whose dates,
 * conditions, amounts and delays read those terms, and a ledger. `instantiate` writes the same family with every
 * unknown replaced by a concrete value, so that the uncertain family can be compared with each of its instantiations.
 */
import fc from 'fast-check';
import { addDays, type IsoDate } from '../../src/values/dates.js';

export type UnknownType = 'date' | 'bool' | 'money' | 'number' | 'duration';

export interface Unknown {
  readonly name: string;
  readonly type: UnknownType;
}

/** What a family says of an unknown (`after 2025-05-01`, `at least USD 100`), and the test its values must pass. */
export interface Bound {
  readonly text: string;
  readonly holds: (value: string) => boolean;
  /** A value within the bounds, for a drawn value that is not. */
  readonly edge: string;
}

/** A field of a ledger event that the ledger gives as undisclosed (`"undisclosed"`, or bounds such as `{"atLeast": …}`). */
export interface LedgerUnknown {
  readonly ledgerUnknown: 'money' | 'number';
  readonly bound: (Bound & { readonly json: unknown }) | null;
  /** `{"undisclosed": "m1"}`: the field is the family's figure `m1` (its value when the family fixes it). */
  readonly term?: 'm1';
}

export interface GeneratedFamily {
  readonly unknowns: readonly Unknown[];
  readonly bounds: ReadonlyMap<string, Bound>;
  /** Terms that are disclosed in this family: their value, in every instantiation too. */
  readonly fixed: Assignment;
  readonly clauses: readonly string[];
  readonly events: readonly {
    readonly type: string;
    readonly date: IsoDate;
    readonly actor: string;
    readonly data: Record<string, unknown>;
    /** The ledger gives only a period for its day (`"2025-06"`, `{"between": […]}`); `date` is one day of it. */
    readonly period?: EventPeriodGen;
  }[];
}

/** A period an event's day is given as: its JSON in the ledger and its days. */
export interface EventPeriodGen {
  readonly json: unknown;
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** The periods that hold `d`: its month, quarter, half-year, or a range around it. */
function periodsOf(d: IsoDate): EventPeriodGen[] {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  const ym = (mo: number): string => `${y}-${String(mo).padStart(2, '0')}`;
  const end = (mo: number): IsoDate => addDays(`${mo === 12 ? y + 1 : y}-${String((mo % 12) + 1).padStart(2, '0')}-01`, -1);
  const q = Math.ceil(m / 3);
  const h = Math.ceil(m / 6);
  return [
    { json: ym(m), from: `${ym(m)}-01`, to: end(m) },
    { json: `${y}-Q${q}`, from: `${ym(3 * q - 2)}-01`, to: end(3 * q) },
    { json: `${y}-H${h}`, from: `${ym(6 * h - 5)}-01`, to: end(6 * h) },
    { json: { between: [addDays(d, -20), addDays(d, 45)] }, from: addDays(d, -20), to: addDays(d, 45) },
  ];
}

export const UNKNOWNS: readonly Unknown[] = [
  { name: 'd1', type: 'date' },
  { name: 'd2', type: 'date' },
  { name: 'u1', type: 'bool' },
  { name: 'u2', type: 'bool' },
  { name: 'm1', type: 'money' },
  { name: 'n1', type: 'number' },
  { name: 'k1', type: 'duration' },
];

const FIRST = '2025-01-01';

/**
 * Deal protection over the unknowns: lists of conditions (a member in doubt), and a date with an automatic extension
 * whose condition may be in doubt and an elective one; clauses read them (`all cp met`, `od`).
 */
const DEAL_DEFINITIONS = `define signed = exists sig
define cp = [u1, signed]
define cp2 = [signed, u2]
define od = 2025-06-30 extended by 90 days unless u1 extended by 30 days on ping`;
const LITERAL_DATES = ['2025-03-31', '2025-06-30', '2025-09-30', '2026-03-31'];
export const AS_OF: readonly IsoDate[] = ['2025-02-15', '2025-06-30', '2025-07-01', '2025-10-01', '2026-06-30', '2027-01-01'];

const date = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...LITERAL_DATES) },
  { weight: 3, arbitrary: fc.constantFrom('d1', 'd2') },
  { weight: 1, arbitrary: fc.constantFrom('d1 + 30 days', 'd1 + k1') },
  { weight: 1, arbitrary: fc.constant('(if u1 then 2025-06-30 else 2025-09-30)') },
  { weight: 1, arbitrary: fc.constantFrom('od', 'od + 1 day') },
);

/** The statuses a clause of each kind can have (`c is S`), as in docs/format.md "Outcomes of other clauses". */
const STATUSES: Record<string, readonly string[]> = {
  obligation: ['pending', 'active', 'suspended', 'fulfilled', 'violated', 'expired', 'terminated'],
  permission: ['pending', 'active', 'suspended', 'expired', 'terminated'],
  prohibition: ['pending', 'active', 'suspended', 'violated', 'expired', 'terminated'],
  power: ['pending', 'active', 'suspended', 'exercised', 'expired', 'terminated'],
};

/** `c is S`, `c is not S`, `in force c`, `amount of c` of the clauses before (`earlier`: their sources), so there is no circle. */
function outcomes(earlier: readonly string[]): fc.Arbitrary<string>[] {
  const clauses = earlier
    .filter((c) => c !== ACCOUNTS)
    .map((c) => ({ kind: c.split(' ')[0]!, id: c.split(/[ :]/)[1]!, pays: / must pay /.test(c) }));
  if (clauses.length === 0) return [];
  return [
    fc
      .tuple(fc.constantFrom(...clauses), fc.nat(), fc.constantFrom('is', 'is not', 'in force'))
      .map(([c, k, how]) =>
        how === 'in force' ? `in force ${c.id}` : `${c.id} ${how} ${STATUSES[c.kind]![k % STATUSES[c.kind]!.length]}`,
      ),
    // `amount of` an earlier obligation to pay (its amount, or the sum of its instances' amounts so far).
    ...(clauses.some((c) => c.pays)
      ? [
          fc
            .tuple(fc.constantFrom(...clauses.filter((c) => c.pays)), fc.constantFrom('>= USD 100', '< USD 120', '> USD 200'))
            .map(([c, test]) => `amount of ${c.id} ${test}`),
        ]
      : []),
  ];
}

/**
 * Put among `earlier` by a clause that owes nothing (a permission, a prohibition, a power): its conditions may read
 * the accounts of `a`, who holds every obligation (an obligation of `a` reading them would read its own outcome).
 */
const ACCOUNTS = '@accounts';

function condition(earlier: readonly string[]): fc.Arbitrary<string> {
  const powers = earlier.filter((c) => c.startsWith('power ')).map((c) => c.split(/[ :]/)[1]!);
  return fc.oneof(
    fc.constantFrom('u1', 'not u1', 'u2', 'u1 and u2', 'u1 or u2'),
    fc.constantFrom('exists sig', 'exists sig where flag', 'count sig >= n1', 'sum pay.amount >= m1', 'd1 < 2025-07-01'),
    fc.constantFrom('all cp met', 'not all cp2 met', 'count pending cp >= 1', 'date all cp met < 2025-07-01', 'od < 2025-08-01'),
    ...(powers.length > 0 ? [fc.constantFrom(...powers.map((p) => `exercised ${p}`))] : []),
    ...outcomes(earlier),
    ...(earlier.includes(ACCOUNTS)
      ? [fc.constantFrom('paid by a >= USD 100', 'owed by a > USD 0', 'owed by a to b >= USD 150', 'committed by a < USD 200')]
      : []),
  );
}

const start = fc.oneof(fc.constantFrom('2025-03-01', 'd1', 'd2'), fc.constantFrom('exists sig', 'u1', 'exists sig where flag'));
const amount = fc.constantFrom('USD 100', 'USD 100', 'm1', '10% of m1', '(if u2 then USD 100 else USD 150)');
const delay = fc.constantFrom('30 days', '90 days', 'k1');

function ends(earlier: readonly string[]): fc.Arbitrary<string> {
  return fc.array(fc.oneof(date, condition(earlier)), { minLength: 1, maxLength: 2 }).map((xs) => `until ${xs.join(' or ')}`);
}

function modifiers(earlier: readonly string[], extra: readonly fc.Arbitrary<string>[] = []): fc.Arbitrary<string[]> {
  return fc
    .tuple(
      fc.option(
        start.map((s) => `from ${s}`),
        { nil: null, freq: 3 },
      ),
      fc.option(ends(earlier), { nil: null, freq: 2 }),
      fc.option(
        condition(earlier).map((c) => `when ${c}`),
        { nil: null, freq: 3 },
      ),
      fc.option(
        condition(earlier).map((c) => `suspended while ${c}`),
        { nil: null, freq: 5 },
      ),
      ...extra.map((x) => fc.option(x, { nil: null, freq: 2 })),
    )
    .map((ms) => ms.filter((m): m is string => m !== null));
}

function clause(id: string, earlier: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(amount, date, modifiers(earlier)).map(([a, d, ms]) => [`obligation ${id}: a must pay ${a} to b by ${d}`, ...ms].join('\n  ')),
    fc
      .tuple(
        amount,
        fc.constantFrom('', ' where flag', ' where size > n1', ' or ping'),
        delay,
        modifiers(earlier, [fc.constant('capped at USD 250')]),
      )
      .map(([a, w, d, ms]) =>
        [`obligation ${id}: a must pay ${a} to b for each sig${w} within ${d}`, ...ms.filter((m) => !m.startsWith('when'))].join('\n  '),
      ),
    // A payment per newly reached peak: `previous peak` is the running value before the trigger (the ledger's `size`
    // may be undisclosed, so both may be indeterminate).
    fc
      .tuple(
        fc.constantFrom('', ' where previous peak < 3', ' where (peak > previous peak)', ' where previous peak_gw < 1 GW'),
        fc.constantFrom('USD 10 * (peak - previous peak)', 'USD 20 per GW * (peak_gw - previous peak_gw)'),
        delay,
        modifiers(earlier),
      )
      .map(([w, a, d, ms]) =>
        [`obligation ${id}: a must pay ${a} to b for each sig${w} within ${d}`, ...ms.filter((m) => !m.startsWith('when'))].join('\n  '),
      ),
    modifiers([...earlier, ACCOUNTS]).map((ms) => [`permission ${id}: b may act`, ...ms].join('\n  ')),
    modifiers([...earlier, ACCOUNTS]).map((ms) => [`prohibition ${id}: a must not act`, ...ms].join('\n  ')),
    modifiers([...earlier, ACCOUNTS]).map((ms) => [`power ${id}: b can decl`, ...ms].join('\n  ')),
    // Several holders: either party's act exercises the power, or breaches the prohibition.
    modifiers([...earlier, ACCOUNTS]).map((ms) => [`power ${id}: a or b can act`, ...ms].join('\n  ')),
    modifiers([...earlier, ACCOUNTS]).map((ms) => [`prohibition ${id}: a or b must not act`, ...ms].join('\n  ')),
    // Exceptions: a power or an obligation that overrides an earlier prohibition exempts the act that exercises or
    // performs it (a possible exercise or performance, a possible breach).
    ...overriding(id, earlier),
  );
}

function overriding(id: string, earlier: readonly string[]): fc.Arbitrary<string>[] {
  const prohibitions = earlier.filter((c) => c.startsWith('prohibition ')).map((c) => c.split(/[ :]/)[1]!);
  if (prohibitions.length === 0) return [];
  const target = fc.constantFrom(...prohibitions).map((p) => `overrides ${p}`);
  return [
    fc.tuple(modifiers([...earlier, ACCOUNTS]), target).map(([ms, o]) => [`power ${id}: a can act`, ...ms, o].join('\n  ')),
    fc.tuple(date, modifiers(earlier), target).map(([d, ms, o]) => [`obligation ${id}: a must act by ${d}`, ...ms, o].join('\n  ')),
  ];
}

const usd = (v: string): number => Number(v.replace('USD ', ''));
const days = (v: string): number => Number(v.split(' ')[0]);
/** Bounds a family may give its unknowns (dates compare as text). */
const BOUNDS: Record<UnknownType, readonly Bound[]> = {
  date: [
    { text: 'after 2025-05-01', holds: (v) => v > '2025-05-01', edge: '2025-05-02' },
    { text: 'before 2025-08-01', holds: (v) => v < '2025-08-01', edge: '2025-07-31' },
    { text: 'between 2025-06-01 and 2025-09-30', holds: (v) => v >= '2025-06-01' && v <= '2025-09-30', edge: '2025-06-01' },
  ],
  bool: [],
  money: [
    { text: 'at least USD 100', holds: (v) => usd(v) >= 100, edge: 'USD 100' },
    { text: 'more than USD 100', holds: (v) => usd(v) > 100, edge: 'USD 100.01' },
    { text: 'between USD 50 and USD 150', holds: (v) => usd(v) >= 50 && usd(v) <= 150, edge: 'USD 150' },
    { text: 'up to USD 120', holds: (v) => usd(v) <= 120, edge: 'USD 120' },
  ],
  number: [
    { text: 'at least 2', holds: (v) => Number(v) >= 2, edge: '2' },
    { text: 'less than 3', holds: (v) => Number(v) < 3, edge: '2' },
  ],
  duration: [{ text: 'between 20 days and 40 days', holds: (v) => days(v) >= 20 && days(v) <= 40, edge: '40 days' }],
};

const money = fc.constantFrom('USD 50', 'USD 100', 'USD 150');
const day = fc.oneof(
  fc.integer({ min: 0, max: 730 }).map((d) => addDays(FIRST, d)),
  fc.constantFrom(...LITERAL_DATES, ...LITERAL_DATES.map((d) => addDays(d, 1)), '2025-03-01', '2025-07-31'),
);
/** Bounds the ledger may give an undisclosed field (docs/format.md, "Undisclosed figures in the ledger"). */
const LEDGER_BOUNDS: Record<LedgerUnknown['ledgerUnknown'], readonly (Bound & { readonly json: unknown })[]> = {
  money: [
    { text: '', json: { atLeast: 'USD 100' }, holds: (v) => usd(v) >= 100, edge: 'USD 100' },
    { text: '', json: { moreThan: 'USD 100' }, holds: (v) => usd(v) > 100, edge: 'USD 100.01' },
    { text: '', json: { between: ['USD 50', 'USD 150'] }, holds: (v) => usd(v) >= 50 && usd(v) <= 150, edge: 'USD 50' },
    { text: '', json: { atMost: 'USD 120' }, holds: (v) => usd(v) <= 120, edge: 'USD 120' },
  ],
  number: [
    { text: '', json: { atLeast: 2 }, holds: (v) => Number(v) >= 2, edge: '2' },
    { text: '', json: { lessThan: 3 }, holds: (v) => Number(v) < 3, edge: '2' },
  ],
};
const ledgerUnknown = (type: LedgerUnknown['ledgerUnknown']): fc.Arbitrary<LedgerUnknown> =>
  fc.option(fc.constantFrom(...LEDGER_BOUNDS[type]), { nil: null }).map((bound) => ({ ledgerUnknown: type, bound }));

const event = fc.oneof(
  fc
    .tuple(
      day,
      fc.oneof(
        { weight: 4, arbitrary: money },
        { weight: 1, arbitrary: ledgerUnknown('money') },
        { weight: 1, arbitrary: fc.constant<LedgerUnknown>({ ledgerUnknown: 'money', bound: null, term: 'm1' }) },
      ),
    )
    .map(([d, m]) => ({ type: 'pay', date: d, actor: 'a', data: { amount: m, recipient: 'b' } })),
  fc.tuple(day, fc.constantFrom('a', 'b')).map(([d, actor]) => ({ type: 'act', date: d, actor, data: {} })),
  fc
    .tuple(
      day,
      fc.boolean(),
      fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 5 }) }, { weight: 1, arbitrary: ledgerUnknown('number') }),
    )
    .map(([d, flag, size]) => ({ type: 'sig', date: d, actor: 'b', data: { flag, size } })),
  day.map((d) => ({ type: 'decl', date: d, actor: 'b', data: {} })),
  day.map((d) => ({ type: 'ping', date: d, actor: 'a', data: {} })),
);

export const familyArb: fc.Arbitrary<GeneratedFamily> = fc
  .integer({ min: 1, max: 4 })
  .chain((count) => {
    // A clause may read `exercised` of the powers before it, and the outcome of the clauses before it (no circle).
    let arb: fc.Arbitrary<string[]> = fc.constant([]);
    for (let k = 0; k < count; k++) arb = arb.chain((done) => clause(`c${k}`, done).map((c) => [...done, c]));
    const fixed = fc
      .subarray([...UNKNOWNS])
      .chain((us) => fc.tuple(...us.map((u) => VALUES[u.type]([]))).map((vs) => new Map(us.map((u, k) => [u.name, vs[k]!]))));
    const bounds = fc.tuple(
      ...UNKNOWNS.map((u) =>
        BOUNDS[u.type].length > 0 ? fc.option(fc.constantFrom(...BOUNDS[u.type]), { nil: null, freq: 2 }) : fc.constant(null),
      ),
    );
    // Some events are known only to a period (the ledger writes the period; instantiations, a day of it).
    const dated = fc
      .tuple(event, fc.option(fc.integer({ min: 0, max: 3 }), { nil: null, freq: 6 }))
      .map(([e, p]) => (p === null ? e : { ...e, period: periodsOf(e.date)[p]! }));
    return fc.tuple(arb, fc.array(dated, { maxLength: 10 }), fixed, bounds);
  })
  .map(([clauses, events, fixed, bounds]) => ({
    unknowns: UNKNOWNS.filter((u) => !fixed.has(u.name)),
    bounds: new Map(UNKNOWNS.flatMap((u, k) => (bounds[k] && !fixed.has(u.name) ? [[u.name, bounds[k]] as const] : []))),
    fixed,
    clauses,
    events: [...events].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0)),
  }));

/** The value an unknown takes in an instantiation, written as pacte source. */
export type Assignment = ReadonlyMap<string, string>;

function literalDays(f: GeneratedFamily): IsoDate[] {
  const days = new Set<IsoDate>([...LITERAL_DATES, '2025-03-01', '2025-06-01', ...AS_OF, ...f.events.map((e) => e.date)]);
  const out = new Set<IsoDate>();
  for (const d of days) for (const k of [-31, -30, -1, 0, 1]) out.add(addDays(d, k));
  return [...out].sort();
}

/** Draws one value per unknown: edges (days next to every date the family names) and random values. */
const VALUES: Record<UnknownType, (days: readonly IsoDate[]) => fc.Arbitrary<string>> = {
  date: (days) => {
    // An undisclosed date is on or after the version's effective date (docs/format.md).
    const random = fc.integer({ min: 0, max: 800 }).map((d) => addDays(FIRST, d));
    return days.length > 0 ? fc.oneof(fc.constantFrom(...days), random) : random;
  },
  bool: () => fc.constantFrom('true', 'false'),
  // An undisclosed amount is more than zero (docs/format.md).
  money: () =>
    fc.oneof(
      fc.constantFrom('USD 0.01', 'USD 50', 'USD 100', 'USD 150', 'USD 1000'),
      fc.integer({ min: 1, max: 400 }).map((n) => `USD ${n}`),
    ),
  number: () => fc.oneof(fc.constantFrom('0', '1', '2', '5'), fc.integer({ min: 0, max: 8 }).map(String)),
  duration: () =>
    fc.oneof(
      fc.constantFrom('1 days', '30 days', '31 days', '90 days', '365 days'),
      fc.integer({ min: 1, max: 500 }).map((n) => `${n} days`),
    ),
};

function isLedgerUnknown(v: unknown): v is LedgerUnknown {
  return typeof v === 'object' && v !== null && 'ledgerUnknown' in v;
}

/** The fields of the ledger given as undisclosed: `e3.amount` and what is known of it (not those that are a term). */
export function ledgerUnknowns(f: GeneratedFamily): { readonly key: string; readonly unknown: LedgerUnknown }[] {
  return f.events.flatMap((e, k) =>
    Object.entries(e.data).flatMap(([field, v]) => (isLedgerUnknown(v) && !v.term ? [{ key: `e${k}.${field}`, unknown: v }] : [])),
  );
}

/** Whether the ledger writes some field as undisclosed (then each instantiation has its own ledger). */
export function ledgerHasUnknowns(f: GeneratedFamily): boolean {
  return (
    f.events.some((e) => e.period) ||
    f.events.some((e) => Object.values(e.data).some((v) => isLedgerUnknown(v) && !(v.term && f.fixed.has(v.term))))
  );
}

export function assignmentArb(f: GeneratedFamily): fc.Arbitrary<Assignment> {
  const days = literalDays(f).filter((d) => d >= FIRST);
  const within = (b: Bound | null | undefined, v: string): string => (!b || b.holds(v) ? v : b.edge);
  const fields = ledgerUnknowns(f);
  // An event known only to a period happens on one day of it: its ends, the days next to the dates the family names
  // within it, or any day of it.
  const periods = f.events.flatMap((e, k) => (e.period ? [{ key: `e${k}.date`, period: e.period }] : []));
  const dayIn = (p: EventPeriodGen): fc.Arbitrary<string> => {
    const span = Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000);
    const near = literalDays(f).filter((d) => d >= p.from && d <= p.to);
    return fc.oneof(
      fc.constantFrom(p.from, p.to, ...near),
      fc.integer({ min: 0, max: span }).map((i) => addDays(p.from, i)),
    );
  };
  return fc
    .tuple(
      fc.tuple(...f.unknowns.map((u) => VALUES[u.type](days))),
      fc.tuple(...fields.map((x) => VALUES[x.unknown.ledgerUnknown](days))),
      fc.tuple(...periods.map((x) => dayIn(x.period))),
    )
    .map(
      ([vs, ws, ds]) =>
        new Map([
          ...f.unknowns.map((u, k) => [u.name, within(f.bounds.get(u.name), vs[k]!)] as const),
          ...fields.map((x, k) => [x.key, within(x.unknown.bound, ws[k]!)] as const),
          ...periods.map((x, k) => [x.key, ds[k]!] as const),
        ]),
    );
}

/** The family's document, with each unknown undisclosed, or given its value by `assignment`. */
export function document(f: GeneratedFamily, assignment: Assignment | null): string {
  const undisclosed = (u: Unknown): string => `undisclosed ${u.type}${f.bounds.has(u.name) ? ` ${f.bounds.get(u.name)!.text}` : ''}`;
  const defs = UNKNOWNS.map((u) => `define ${u.name} = ${f.fixed.get(u.name) ?? assignment?.get(u.name) ?? undisclosed(u)}`);
  return `---
pacte: 1
agreement: g
version: v1
binding: true
effective: ${FIRST}
units: [GW]
parties:
  a: A
  b: B
---

# Generated

\`\`\`pacte
event pay by a { amount: money, recipient: party }
event act by a, b
event sig by b { flag: bool, size: number }
event decl by b
event ping by a
define peak = 0 then each sig: max(peak, size)
define peak_gw = 0 GW then each sig: max(peak_gw, 0.5 GW * size)
${defs.join('\n')}
${DEAL_DEFINITIONS}
${f.clauses.join('\n')}
\`\`\`
`;
}

/** The ledger, with its undisclosed fields as the ledger writes them, or given their value by `assignment`. */
export function ledger(f: GeneratedFamily, assignment: Assignment | null = null): string {
  return f.events
    .map((e, k) => {
      const data = Object.fromEntries(
        Object.entries(e.data).map(([field, v]) => {
          if (!isLedgerUnknown(v)) return [field, v];
          if (v.term) {
            const value = f.fixed.get(v.term) ?? assignment?.get(v.term);
            return [field, value ?? { undisclosed: v.term }];
          }
          const given = assignment?.get(`e${k}.${field}`);
          if (given !== undefined) return [field, v.ledgerUnknown === 'number' ? Number(given) : given];
          return [field, v.bound ? v.bound.json : 'undisclosed'];
        }),
      );
      const { period, ...rest } = e;
      const date = assignment?.get(`e${k}.date`) ?? (period ? period.json : e.date);
      return JSON.stringify({ id: `e${k}`, ...rest, date, data });
    })
    .join('\n');
}
