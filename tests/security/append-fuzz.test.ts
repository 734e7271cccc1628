/**
 * The append fuzzer: random events of the declared types (invoice, pay, delivery, credit) with adversarial values —
 * huge and odd durations, far and edge dates, long digit strings, odd Unicode in ids and texts, fields left undisclosed
 * or bounded (`{"atLeast": …}`, wrong bounds among them) — appended through
 * HTTP. Every append is answered with a 2xx or a 4xx (never 500); after each batch the state, an explanation and a
 * what-if (with the accepted events again as hypothetical ones) answer 200 for both parties at ordinary and far dates, and the
 * store's chain verifies.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Served } from './harness.js';
import { serveInvoices } from './harness.js';

let s: Served;
beforeAll(async () => {
  s = await serveInvoices();
});
afterAll(async () => s.server.close());

const units = ['day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'business day', 'business days', 'hours', 'seconds'];
const duration = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 999_999 }), fc.constantFrom(...units)).map(([n, u]) => `${n} ${u}`),
  fc.constantFrom(
    '999999 years',
    '9998 years',
    '9999 years',
    '2609 business days',
    '2609825 business days',
    '0 days',
    '-1 days',
    '1e3 days',
    ' 30 days',
  ),
);
const date = fc.oneof(
  fc
    .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('9999-12-31', '9999-12-25', '0001-01-01', '0000-12-31', '10000-01-01', '2025-02-29', '2024-02-29', '+010000-01-01'),
);
const digits = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map((n) => '9'.repeat(n)),
  fc.tuple(fc.integer({ min: 1, max: 45 }), fc.integer({ min: 1, max: 30 })).map(([a, b]) => `${'1'.repeat(a)}.${'5'.repeat(b)}`),
  fc.constantFrom('0', '0.01', '-5', '1e5', '00000000000000000000000000000000000000000001'),
);
const odd = fc.constantFrom('\ud800', '\u0000', '\u202e', '\u200b', '\u200d', 'e\u0301', '\n', ' ', '\ufeff', '\u{1F600}', 'é', '');
const id = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => `ev-${n}`),
  fc.tuple(fc.string({ maxLength: 8 }), odd, fc.string({ maxLength: 8 })).map(([a, b, c]) => `${a}${b}${c}`),
  fc.integer({ min: 120, max: 140 }).map((n) => 'x'.repeat(n)),
);
const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.tuple(fc.string({ maxLength: 5 }), odd).map(([a, b]) => a + b),
);

/** A field as the ledger may leave it undisclosed: `"undisclosed"`, or bounds (docs/format.md), some of them wrong. */
const unknownOf = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constant('undisclosed'),
    value.map((v) => ({ atLeast: v })),
    value.map((v) => ({ lessThan: v })),
    fc.tuple(value, value).map(([a, b]) => ({ between: [a, b] })),
    fc.tuple(value, value).map(([a, b]) => ({ moreThan: a, atMost: b })),
    fc.constantFrom({ undisclosed: 'nothing' }, { between: [] }, { atLeast: null }),
  );
const maybeUnknown = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 3, arbitrary: value }, { weight: 1, arbitrary: unknownOf(value) });
const event = fc.oneof(
  fc
    .record({
      id,
      date,
      issued: maybeUnknown(date),
      terms: maybeUnknown(duration),
      amount: maybeUnknown(digits.map((d) => `EUR ${d}`)),
      note: text,
    })
    .map((e) => ({
      id: e.id,
      type: 'invoice',
      date: e.date,
      actor: 'vendor',
      data: { amount: e.amount, issued: e.issued, terms: e.terms, note: e.note },
    })),
  fc
    .record({ id, date, amount: maybeUnknown(digits.map((d) => `EUR ${d}`)) })
    .map((e) => ({ id: e.id, type: 'pay', date: e.date, actor: 'buyer', data: { amount: e.amount, recipient: 'vendor' } })),
  fc
    .record({ id, date, units: digits, share: digits })
    .map((e) => ({ id: e.id, type: 'delivery', date: e.date, actor: 'vendor', data: { units: e.units, share: `${e.share}%` } })),
  fc
    .record({ id, date, amount: digits })
    .map((e) => ({ id: e.id, type: 'credit', date: e.date, actor: 'vendor', data: { amount: `EUR ${e.amount}` } })),
);

describe('appending adversarial events', () => {
  it('never answers 500, and every state, explain and what-if stays 200 with a clean chain', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 6 }), async (batch) => {
        const accepted: typeof batch = [];
        for (const e of batch) {
          const r = await s.post('/events', e, e.actor === 'buyer' ? s.buyer : s.vendor);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status === 201) accepted.push(e);
          expect([200, 201, 400, 409, 413, 422], `${r.status} for ${JSON.stringify(e)}: ${r.text}`).toContain(r.status);
        }
        for (const token of [s.buyer, s.vendor]) {
          for (const asOf of ['2025-06-01', '2999-01-01', '9999-12-31']) {
            const st = await s.get(`/state?asOf=${asOf}`, token);
            expect(st.status, st.text).toBe(200);
            const ex = await s.get(`/explain/pay_invoice?asOf=${asOf}`, token);
            expect(ex.status, ex.text).toBe(200);
          }
          // The accepted events again, as hypothetical ones (under new ids): what was appended can be played forward.
          const w = await s.post('/what-if', { asOf: '9999-12-31', events: accepted.map((e, i) => ({ ...e, id: `what-if-${i}` })) }, token);
          expect(w.status, w.text).toBe(200);
        }
        expect((await s.store.verify()).ok).toBe(true);
      }),
      { numRuns: 60 },
    );
    // The generator reaches both outcomes.
    expect(statuses.get(201) ?? 0).toBeGreaterThan(0);
    expect((statuses.get(400) ?? 0) + (statuses.get(422) ?? 0)).toBeGreaterThan(0);
  }, 300_000);
});
