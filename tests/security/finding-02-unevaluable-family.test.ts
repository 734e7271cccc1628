/**
 * Finding 2: one ordinary event made a family unevaluable for everyone, for ever. With
 * `for each invoice by invoice.issued + invoice.terms`, an invoice with `"terms": "999999 years"` was accepted and
 * every later state, explain, what-if and diff answered 500. Now such an event is refused (422, nothing written),
 * naming what is wrong — the duration longer than the calendar, or the clause that computes an out-of-range date
 * from it — and a date computed out of range through a definition leaves the other clauses evaluated, with a
 * `date-range` diagnostic, never a 500.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFamily } from '../../src/check/family.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { readLedger } from '../../src/engine/read-ledger.js';
import { sourceFile } from '../../src/source/source-file.js';
import type { Served } from './harness.js';
import { codesOf, errorOf, INVOICES, invoice, serveInvoices } from './harness.js';

let s: Served;
beforeAll(async () => {
  s = await serveInvoices();
});
afterAll(async () => s.server.close());

async function everyQueryAnswers200(): Promise<void> {
  for (const asOf of ['2025-03-01', '2030-01-01', '9999-12-31']) {
    expect((await s.get(`/state?asOf=${asOf}`)).status).toBe(200);
    expect((await s.get(`/explain/pay_invoice?asOf=${asOf}`)).status).toBe(200);
    expect((await s.post('/what-if', { asOf, events: [] }, s.buyer)).status).toBe(200);
  }
  expect((await s.get('/diff?from=v1&to=v1&impact=true&asOf=2030-01-01')).status).toBe(200);
}

describe('an event whose dates leave the calendar is refused', () => {
  it('terms of 999999 years: 422 (the duration outruns the calendar), nothing written, the family still evaluates', async () => {
    const before = await s.store.lastSeq('invoices');
    const r = await s.post('/events', invoice('inv-far', '2025-03-01', { terms: '999999 years' }));
    expect(r.status).toBe(422);
    expect(codesOf(r)).toEqual(['ledger-duration-range']);
    expect(errorOf(r).diagnostics![0]!.message).toContain('`999999 years` is longer than the calendar');
    expect(await s.store.lastSeq('invoices')).toBe(before);
    await everyQueryAnswers200();
  });

  it('terms of 9000 years: within the calendar alone, but the clause that reads it computes 11025: refused, naming the clause', async () => {
    const r = await s.post('/events', invoice('inv-9000', '2025-03-01', { terms: '9000 years' }));
    expect(r.status).toBe(422);
    expect(codesOf(r)).toEqual(['ledger-date-range']);
    expect(errorOf(r).diagnostics![0]!.message).toBe(
      'event inv-9000: `pay_invoice` computes from it the date `2025-03-01 + 9000 years`, outside the years 0001 to 9999',
    );
    await everyQueryAnswers200();
  });

  it('in a what-if too: 422 with the path of the event', async () => {
    const r = await s.post(
      '/what-if',
      { asOf: '2026-01-01', events: [invoice('w-9000', '2025-03-01', { terms: '9000 years' })] },
      s.vendor,
    );
    expect(r.status).toBe(422);
    expect(codesOf(r)).toEqual(['ledger-date-range']);
  });

  it('an ordinary invoice is still accepted and evaluated', async () => {
    const r = await s.post('/events', invoice('inv-ok', '2025-03-01', { terms: '9000 days' }));
    expect(r.status).toBe(201);
    const st = await s.get('/state?asOf=2025-03-02');
    const norm = (st.body as { norms: { id: string; instances: { trigger: { id: string }; due: string }[] }[] }).norms.find(
      (n) => n.id === 'pay_invoice',
    )!;
    expect(norm.instances.find((i) => i.trigger.id === 'inv-ok')?.due).toBe('2049-10-21');
  });
});

describe('a document whose durations leave the calendar is refused', () => {
  it('`within 999999 years` fails the check (422 with duration-range) instead of breaking the family at its first invoice', async () => {
    const source = readFileSync(join(INVOICES, 'v1.pacte.md'), 'utf8')
      .replace('version: v1', 'version: v2')
      .replace('effective: 2025-01-01', 'effective: 2026-01-01')
      .replace('for each delivery within 7 business days', 'for each delivery within 999999 years');
    const r = await s.post('/versions', { file: 'v2.pacte.md', source }, s.admin);
    expect(r.status).toBe(422);
    expect(codesOf(r)).toContain('duration-range');
  });
});

describe('a date computed out of range through a definition', () => {
  const doc = `---
pacte: 1
agreement: settle
version: v1
binding: true
effective: 2025-01-01
parties:
  buyer: Buyer
  vendor: Vendor
---

# Settlement

\`\`\`pacte
event invoice by vendor { amount: money, issued: date }
event pay by buyer { amount: money, recipient: party }
define last_issue = latest invoice.issued
define settle_by = last_issue + 9000 years
obligation settle: buyer must pay EUR 1 to vendor by last_issue + 9000 years
obligation fee: buyer must pay EUR 5 to vendor by 2025-06-30
\`\`\`
`;
  it('leaves that clause indeterminate with a date-range diagnostic, and the other clauses evaluated', () => {
    const checked = checkFamily([{ path: 'v1.pacte.md', text: doc }], 'settle');
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const family = checked.family!;
    const ledger = readLedger(
      sourceFile(
        'ledger.jsonl',
        '{"id":"i1","type":"invoice","date":"2025-01-10","actor":"vendor","data":{"amount":"EUR 1","issued":"2025-01-10"}}',
      ),
      family,
    );
    expect(ledger.diagnostics).toEqual([]);
    const st = evaluate(family, ledger.events, '2025-07-01', { lang: 'en' });
    const norms = new Map(st.norms.map((n) => [n.id, n]));
    expect(norms.get('fee')!.status).toBe('violated');
    expect(norms.get('settle')!.waitsFor).toEqual(['a date within the years 0001 to 9999, not 2025-01-10 + 9000 years']);
    expect(st.values['settle_by']!.indeterminate).toBe(true);
    const ranges = st.diagnostics.filter((d) => d['code'] === 'date-range').map((d) => d['message']);
    expect(ranges).toEqual([
      'this date, `2025-01-10 + 9000 years`, falls outside the years 0001 to 9999',
      'this date, `2025-01-10 + 9000 years`, falls outside the years 0001 to 9999',
    ]);
  });
});
