/** The checked IR of small documents: what the engine receives (windows as fixed dates, fields vs definitions, amendments). */
import { describe, expect, it } from 'vitest';
import { checkFamily } from '../src/check/family.js';
import type { Expr, Version } from '../src/check/ir.js';

const header = (version: string, extra = ''): string => `---
pacte: 1
agreement: ir
version: ${version}
binding: true
effective: 2025-01-01
${extra}parties:
  alice: Alice SA
  bob: Bob Ltd
  panel: Panel
---
`;

function check(...docs: string[]): Version[] {
  const r = checkFamily(docs.map((text, i) => ({ path: `v${i}.pacte.md`, text })));
  expect(r.diagnostics).toEqual([]);
  return [...(r.family?.versions ?? [])];
}

function agg(e: Expr | undefined): Extract<Expr, { kind: 'agg' }>['agg'] {
  if (e?.kind !== 'agg') throw new Error(`not an aggregate: ${e?.kind}`);
  return e.agg;
}

describe('checked IR', () => {
  it('reads a bare name in a `where` as the event field it names, not as a definition of the same name', () => {
    const [v] = check(`${header('v1')}
\`\`\`pacte
event verification by panel { verified: bool }
define verified = exists verification where verified
define by_panel = count verification where (actor == panel and date >= 2025-01-01)
\`\`\``);
    const where = agg(v!.definitions.get('verified')?.expr).where;
    expect(where).toMatchObject({ kind: 'field', event: 'verification', field: 'verified' });
    expect(v!.definitionOrder).toEqual(['by_panel', 'verified']);
  });

  it('turns every window into fixed dates, definitions and date arithmetic included', () => {
    const [v] = check(`${header('v1')}
\`\`\`pacte
event pay by alice { amount: money }
define launch = 2025-01-31
define fy = sum pay.amount within FY2027
define quarter = sum pay.amount within 2026-Q1
define first_year = sum pay.amount between launch and launch + 1 month
define recent = count pay since launch - 2 weeks
define everything = sum pay.amount
\`\`\``);
    const window = (name: string): [string | null, string | null] => {
      const a = agg(v!.definitions.get(name)?.expr);
      return [a.from, a.to];
    };
    expect(window('fy')).toEqual(['2026-07-01', '2027-06-30']);
    expect(window('quarter')).toEqual(['2026-01-01', '2026-03-31']);
    expect(window('first_year')).toEqual(['2025-01-31', '2025-02-28']);
    expect(window('recent')).toEqual(['2025-01-17', null]);
    expect(window('everything')).toEqual([null, null]);
  });

  it('applies an amendment: additions, replacements and removals on top of the base', () => {
    const versions = check(
      `${header('base')}
\`\`\`pacte
event pay by alice, bob { amount: money, recipient: party }
define threshold = USD 1bn
obligation fee: alice must pay USD 1m to bob by 2025-06-30
permission ip: bob may pay until 2030-12-31
\`\`\``,
      `${header('amendment', 'amends: base\n')}
\`\`\`pacte
replace define threshold = USD 2bn
remove ip
obligation bonus: alice must pay USD 5m to bob by 2026-06-30
\`\`\``,
    );
    const amendment = versions.find((x) => x.id === 'amendment')!;
    expect(amendment.own).toEqual({ added: ['bonus'], replaced: ['threshold'], removed: ['ip'] });
    expect([...amendment.norms.keys()].sort()).toEqual(['bonus', 'fee']);
    expect(amendment.definitions.get('threshold')?.expr).toMatchObject({ kind: 'lit', value: { k: 'money' } });
    expect(amendment.events.has('pay')).toBe(true);
  });

  it('records what each clause needs from its action event', () => {
    const [v] = check(`${header('v1')}
\`\`\`pacte
event report by alice { revenue: money }
event pay by alice { sum_paid: money, to_whom: party }
obligation share: alice must pay 20% of report.revenue to bob for each report within 60 days capped at USD 10bn
\`\`\``);
    const n = v!.norms.get('share')!;
    expect(n).toMatchObject({
      kind: 'obligation',
      holder: 'alice',
      counterparty: 'bob',
      verb: 'pay',
      amountField: 'sum_paid',
      toField: 'to_whom',
    });
    expect(n.trigger).toEqual({ event: 'report', events: ['report'], where: null });
    expect(n.amount).toMatchObject({ kind: 'binary', op: 'of', right: { kind: 'field', event: 'report', field: 'revenue' } });
  });
});
