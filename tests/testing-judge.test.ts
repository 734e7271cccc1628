/**
 * The judge of `pacte test` reads the state JSON's fields, whatever else the JSON holds: accounts given as lower
 * bounds (an `incomplete` list, or a sum written `at least …`), statuses in doubt, sets in any order.
 */
import { describe, expect, it } from 'vitest';
import type { StateJson } from '../src/engine/state.js';
import { sourceFile } from '../src/source/source-file.js';
import { judge } from '../src/testing/judge.js';
import { observe } from '../src/testing/observe.js';
import { parseTests } from '../src/testing/parse-tests.js';

const because = { text: 'why', clause: null, events: [], children: [] } as unknown as StateJson['norms'][number]['because'];

function state(accounts: Record<string, unknown>): StateJson {
  return {
    asOf: '2024-06-30',
    family: 'f',
    governing: null,
    proposals: [],
    norms: [
      {
        id: 'commitment',
        kind: 'obligation',
        version: 'v1',
        holder: 'a',
        counterparty: 'b',
        status: 'indeterminate',
        possibleStatuses: ['violated', 'active'],
        since: '2025-01-22',
        sinceKnown: false,
        waitsFor: ['commitment.by'],
        instances: [],
        because,
      },
    ],
    values: { rate: { value: '20%', because } },
    violations: [],
    accounts: accounts as StateJson['accounts'],
    diagnostics: [],
  };
}

/** Each expectation of `lines` judged against `st`: [expected, passed, actual]. */
function run(st: StateJson, lines: string): [string, boolean, string][] {
  const parsed = parseTests(sourceFile('tests.md', `\`\`\`expect\nas of 2024-06-30:\n${lines}\n\`\`\`\n`));
  expect(parsed.diagnostics).toEqual([]);
  return parsed.expectations.map((e) => {
    const v = judge(e, observe(st, e.subject));
    return [v.expected, v.passed, v.actual];
  });
}

describe('the judge of pacte test', () => {
  const lines = '  m paid at least USD 11bn\n  m paid USD 11bn\n  m paid at most USD 12bn\n  m committed at least USD 12bn';

  it('reads an exact account', () => {
    expect(run(state({ m: { paid: 'USD 11000000000', owed: 'USD 0', committed: 'USD 11000000000' } }), lines)).toEqual([
      ['m paid at least USD 11bn', true, 'm paid USD 11bn'],
      ['m paid USD 11bn', true, 'm paid USD 11bn'],
      ['m paid at most USD 12bn', true, 'm paid USD 11bn'],
      ['m committed at least USD 12bn', false, 'm committed USD 11bn'],
    ]);
  });

  it('reads an account with amounts left out as lower bounds', () => {
    const st = state({ m: { paid: 'USD 11000000000', owed: 'USD 0', committed: 'USD 11000000000', incomplete: ['x'] } });
    expect(run(st, lines).map(([, passed, actual]) => [passed, actual])).toEqual([
      [true, 'm paid at least USD 11bn'],
      [false, 'm paid at least USD 11bn'],
      [false, 'm paid at least USD 11bn'],
      [false, 'm committed at least USD 11bn'],
    ]);
  });

  it('reads a sum written as a bound', () => {
    const st = state({ m: { paid: 'at least USD 11000000000', owed: 'USD 0', committed: 'at least USD 11000000000' } });
    expect(run(st, lines).map(([, passed]) => passed)).toEqual([true, false, false, false]);
  });

  it('reads a status in doubt, its possible statuses as a set, a day not known', () => {
    const st = state({});
    expect(
      run(
        st,
        '  commitment is indeterminate, could be active or violated, waits for commitment.by\n  commitment is indeterminate since unknown\n  commitment is indeterminate since 2025-01-22\n  commitment is active\n  rate = 20%\n  rate = 20\n  rate is indeterminate',
      ),
    ).toEqual([
      [
        'commitment is indeterminate, could be active or violated, waits for commitment.by',
        true,
        'commitment is indeterminate, could be violated or active, waits for commitment.by',
      ],
      // What a status in doubt could be is shown with it, asked or not.
      ['commitment is indeterminate since unknown', true, 'commitment is indeterminate since unknown, could be violated or active'],
      ['commitment is indeterminate since 2025-01-22', false, 'commitment is indeterminate since unknown, could be violated or active'],
      ['commitment is active', false, 'commitment is indeterminate, could be violated or active'],
      ['rate = 20%', true, 'rate = 20%'],
      ['rate = 20', false, 'rate = 20%'],
      ['rate is indeterminate', false, 'rate = 20%'],
    ]);
  });
});
