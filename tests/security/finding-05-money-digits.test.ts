/**
 * Finding 5: money had no digit limit (a million digits accepted; 25 of them cost 22.7 s per state call), and
 * amounts over 60 significant digits were silently rounded (a 0.01 underpayment of a 61-digit invoice showed
 * fulfilled). An amount in an event now has at most 40 digits (refused with a clear error past that), and below the
 * limit arithmetic is exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Served } from './harness.js';
import { codesOf, errorOf, invoice, serveInvoices } from './harness.js';

let s: Served;
beforeAll(async () => {
  s = await serveInvoices();
});
afterAll(async () => s.server.close());

const digits = (n: number): string => '9'.repeat(n);

describe('an amount has at most 40 digits', () => {
  it.each([
    ['41 digits', `EUR ${digits(41)}`, 41],
    ['61 digits', `EUR ${digits(59)}.01`, 61],
    ['a million digits', `EUR ${'1'.repeat(1_000_000 - 100)}`, 999_900],
  ])('%s: 422, nothing written', async (_, amount, count) => {
    const before = await s.store.lastSeq('invoices');
    const r = await s.post('/events', invoice(`big-${count}`, '2025-03-01', { amount }));
    expect(r.status === 422 || r.status === 413).toBe(true);
    if (r.status === 422) {
      expect(codesOf(r)).toEqual(['ledger-too-many-digits']);
      expect(errorOf(r).diagnostics![0]!.message).toBe(`event big-${count}: \`amount\` has ${count} digits (at most 40)`);
    }
    expect(await s.store.lastSeq('invoices')).toBe(before);
  });

  it('a number field: 41 digits as text, or 1e300 as a JSON number, is refused too', async () => {
    const r = await s.post('/events', {
      id: 'd-41',
      type: 'delivery',
      date: '2025-03-01',
      actor: 'vendor',
      data: { units: digits(41), share: '1%' },
    });
    expect(r.status).toBe(422);
    expect(codesOf(r)).toEqual(['ledger-too-many-digits']);
    const n = await s.post('/events', {
      id: 'd-1e300',
      type: 'delivery',
      date: '2025-03-01',
      actor: 'vendor',
      data: { units: 1e300, share: '1%' },
    });
    expect(n.status).toBe(400);
  });

  it('40 digits are exact: an underpayment of 0.01 leaves the invoice open, the exact payment fulfils it', async () => {
    const amount = `EUR ${digits(38)}.99`;
    expect((await s.post('/events', invoice('inv-40', '2025-03-01', { amount }))).status).toBe(201);
    const pay = (id: string, a: string) =>
      s.post('/events', { id, type: 'pay', date: '2025-03-02', actor: 'buyer', data: { amount: a, recipient: 'vendor' } }, s.buyer);
    expect((await pay('pay-40a', `EUR ${digits(38)}.98`)).status).toBe(201);
    const status = async (): Promise<string> => {
      const st = (await s.get('/state?asOf=2025-03-03')).body as {
        norms: { id: string; instances: { trigger: { id: string }; status: string }[] }[];
      };
      return st.norms.find((n) => n.id === 'pay_invoice')!.instances.find((i) => i.trigger.id === 'inv-40')!.status;
    };
    expect(await status()).toBe('active');
    expect((await pay('pay-40b', 'EUR 0.01')).status).toBe(201);
    expect(await status()).toBe('fulfilled');
  });
});
