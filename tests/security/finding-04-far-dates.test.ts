/**
 * Finding 4: dates past 9999 were written `+010000-…` and sorted before every ordinary date: an invoice due
 * 9999-12-31 plus 7 business days was "violated since 2025-02-01", `within 999999 weeks` violated at once. Dates
 * are now bounded to 0001–9999: arithmetic that leaves the calendar throws `DateRangeError` (never a `+010000`
 * date), an event whose clause would compute one is refused, and the last day of the calendar is an ordinary day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addDuration, DateRangeError, MAX_DURATION, parseDate } from '../../src/values/dates.js';
import type { Served } from './harness.js';
import { codesOf, errorOf, invoice, serveInvoices } from './harness.js';

describe('date arithmetic stays within the years 0001 to 9999', () => {
  it.each([
    ['9999-12-25', 7, 'business days'],
    ['9999-12-31', 1, 'days'],
    ['2025-01-01', 999_999, 'weeks'],
    ['2025-01-01', 8000, 'years'],
    ['0001-01-01', -1, 'days'],
  ] as const)('%s + %i %s throws DateRangeError, never a +010000 date', (date, amount, unit) => {
    expect(() => addDuration(date, { amount: Math.abs(amount), unit }, amount < 0 ? -1 : 1)).toThrow(DateRangeError);
  });
  it('the edges of the calendar are ordinary dates', () => {
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
    expect(addDuration('0001-01-01', { amount: 9998, unit: 'years' })).toBe('9999-01-01');
    expect(parseDate('0000-12-31')).toBeUndefined();
    expect(MAX_DURATION['years']).toBe(9998);
  });
});

describe('through the API', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serveInvoices();
  });
  afterAll(async () => s.server.close());

  it('a delivery on 9999-12-28, answered within 7 business days, is refused (422) naming the clause', async () => {
    const r = await s.post('/events', {
      id: 'd-last',
      type: 'delivery',
      date: '9999-12-28',
      actor: 'vendor',
      data: { units: 1, share: '1%' },
    });
    expect(r.status).toBe(422);
    expect(codesOf(r)).toEqual(['ledger-date-range']);
    expect(errorOf(r).diagnostics![0]!.message).toContain('`answer_delivery` computes from it the date `9999-12-28 + 7 business days`');
  });

  it('an invoice due on 9999-12-31 is accepted, and is not violated before its due date', async () => {
    const r = await s.post('/events', invoice('inv-last', '2025-01-15', { issued: '9999-12-01', terms: '30 days' }));
    expect(r.status).toBe(201);
    for (const asOf of ['2025-02-01', '9999-12-31']) {
      const st = await s.get(`/state?asOf=${asOf}`);
      expect(st.status).toBe(200);
      const norm = (
        st.body as { norms: { id: string; instances: { trigger: { id: string }; due: string; status: string }[] }[] }
      ).norms.find((n) => n.id === 'pay_invoice')!;
      const inst = norm.instances.find((i) => i.trigger.id === 'inv-last')!;
      expect(inst.due).toBe('9999-12-31');
      expect(inst.status).toBe('active');
    }
  });
});
