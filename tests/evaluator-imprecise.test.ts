/**
 * An evaluator asked several dates in turn (the server, `pacte test`, `pacte story`) gives, for a ledger with events
 * known only to a period, what `evaluate` gives for each date alone. Found by the soundness test: the placement "not
 * yet" of an event was kept from one date to the next, so that an event of 2025-H2 not yet sent on 2025-07-01 was read
 * as sent on 2025-07-02 when 2025-10-01 was asked next.
 */
import { describe, expect, it } from 'vitest';
import { checkFamily } from '../src/check/family.js';
import { createEvaluator, evaluate } from '../src/engine/evaluate.js';
import { readLedger } from '../src/engine/read-ledger.js';
import { sourceFile } from '../src/source/source-file.js';

const DOC = `---
pacte: 1
agreement: g
version: v1
binding: true
effective: 2025-01-01
parties:
  a: A
  b: B
---

# Generated

\`\`\`pacte
event act by a, b
event sig by b { flag: bool }
permission c0: b may act
permission c1: b may act
  until exists sig
\`\`\`
`;

const LEDGER = `{"id":"e0","type":"sig","date":"2025-H2","actor":"b","data":{"flag":false}}
{"id":"e1","type":"act","date":"2025-03-01","actor":"b","data":{}}
`;

describe('an evaluator over events known only to a period', () => {
  it('answers each date as evaluate does, whatever it was asked before', () => {
    const r = checkFamily([{ path: 'g.pacte.md', text: DOC }]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const family = r.family!;
    const { events, diagnostics } = readLedger(sourceFile('ledger.jsonl', LEDGER), family);
    expect(diagnostics).toEqual([]);
    const dates = ['2025-02-15', '2025-07-01', '2025-10-01', '2025-12-31', '2026-01-01', '2025-08-01'];
    const ev = createEvaluator(family, events, { lang: 'en' });
    for (const asOf of dates) expect(ev.at(asOf), asOf).toEqual(evaluate(family, events, asOf, { lang: 'en' }));
    const c1 = evaluate(family, events, '2025-10-01', { lang: 'en' }).norms.find((n) => n.id === 'c1')!;
    expect(c1.status).toBe('indeterminate');
    expect(evaluate(family, events, '2026-01-01', { lang: 'en' }).norms.find((n) => n.id === 'c1')!.status).toBe('terminated');
  });
});
