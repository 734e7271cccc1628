/**
 * The ledger's check keeps what depends only on the family with it (ledger/ledger-facts.ts, engine/read-ledger.ts)
 * and scans a line's keys only to point at one: an event checked again, or against another family, must be judged
 * exactly as the first time, and a consent request's far date still refused naming its clause.
 */
import { describe, expect, it } from 'vitest';
import { checkFamily } from '../src/check/family.js';
import { toJson } from '../src/diagnostics/render.js';
import type { Family } from '../src/check/ir.js';
import { readLedger } from '../src/engine/read-ledger.js';
import { sourceFile } from '../src/source/source-file.js';

const doc = (version: string, effective: string, extra: string, head = ''): string => `---
pacte: 1
agreement: consents
version: ${version}
binding: true
effective: ${effective}
${head}parties:
  startup: Startup
  investor: Investor
---

## Vetoes

\`\`\`pacte
${extra}\`\`\`
`;

function family(...docs: string[]): Family {
  const r = checkFamily(docs.map((text, i) => ({ path: `v${i + 1}.pacte.md`, text })));
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.family!;
}

const V1 = doc(
  'v1',
  '2025-01-01',
  `event borrow by startup { amount: money }
event hire by startup { name: text }
consent borrowing: startup needs investor to borrow
  lapses after 10 days
consent hiring: startup needs investor to hire
  deemed given after 10 days
`,
);

function read(fam: Family, lines: readonly object[]) {
  const text = lines.map((l) => JSON.stringify(l)).join('\n');
  const r = readLedger(sourceFile('ledger.jsonl', text), fam, { ids: new Map() });
  return {
    ids: r.events.map((e) => e.id),
    diagnostics: r.diagnostics.map((d) => ({
      code: d.code,
      message: String(toJson(d, 'en')['message']),
      at: text.slice(d.start.offset, d.end.offset),
    })),
  };
}

const request = (id: string, date: string, clause: string) => ({ id, type: 'consent_request', date, actor: 'startup', data: { clause } });

describe('the ledger check against a family kept from one event to the next', () => {
  it('refuses a consent request whose lapse or deemed answer leaves the calendar, naming the clause, every time', () => {
    const fam = family(V1);
    const lines = [
      request('q1', '9999-12-28', 'borrowing'),
      request('q2', '9999-12-28', 'hiring'),
      request('q3', '2025-03-01', 'borrowing'),
      { id: 'b1', type: 'borrow', date: '9999-12-28', actor: 'startup', data: { amount: 'USD 5' } },
    ];
    const first = read(fam, lines);
    expect(first.ids).toEqual(['q3', 'b1']);
    expect(first.diagnostics.map((d) => d.code)).toEqual(['ledger-date-range', 'ledger-date-range']);
    expect(first.diagnostics[0]!.message).toContain('`borrowing`');
    expect(first.diagnostics[1]!.message).toContain('`hiring`');
    expect(first.diagnostics.map((d) => d.at)).toEqual(['"data"', '"data"']);
    expect(read(fam, lines)).toEqual(first);
    expect(read(fam, lines.slice().reverse()).diagnostics.map((d) => d.message)).toEqual(first.diagnostics.map((d) => d.message).reverse());
  });

  it('points at the key at fault, also once the family is known', () => {
    const fam = family(V1);
    const bad = [{ id: 'h1', type: 'hire', date: '2025-02-01', actor: 'startup', data: { name: 'J', salary: 'USD 1' } }];
    for (let i = 0; i < 2; i++) {
      const r = read(fam, bad);
      expect(r.diagnostics.map((d) => [d.code, d.at])).toEqual([['ledger-extra-data', '"salary"']]);
    }
    expect(read(fam, [{ ...bad[0], data: { name: 'J' }, actor: 'investor' }]).diagnostics.map((d) => [d.code, d.at])).toEqual([
      ['ledger-actor-not-allowed', '"actor"'],
    ]);
  });

  it('a new version is a new family: what it declares is known to it, not to the family checked before', () => {
    const before = family(V1);
    const hireBonus = { id: 'p1', type: 'pay_bonus', date: '2025-06-01', actor: 'startup', data: { amount: 'USD 5' } };
    expect(read(before, [hireBonus]).diagnostics.map((d) => d.code)).toEqual(['ledger-unknown-type']);
    const after = family(V1, doc('v2', '2025-05-01', 'event pay_bonus by startup { amount: money }\n', 'amends: v1\n'));
    expect(read(after, [hireBonus])).toEqual({ ids: ['p1'], diagnostics: [] });
    expect(read(before, [hireBonus]).diagnostics.map((d) => d.code)).toEqual(['ledger-unknown-type']);
  });
});
