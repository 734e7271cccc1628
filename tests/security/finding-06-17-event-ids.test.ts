/**
 * Findings 6 and 17: event ids accepted a lone UTF-16 surrogate (then `pacte verify` stopped at it), NUL (a 500 on
 * PostgreSQL), control characters, newlines, bidi overrides and zero-width characters, and the NFC and NFD forms
 * of one id were two ids. An id now has a strict syntax: 1 to 128 printable characters in NFC, refused with 400
 * and the path `id` otherwise, nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idProblem } from '../../src/ledger/event-id.js';
import type { Served } from './harness.js';
import { errorOf, invoice, serveInvoices } from './harness.js';

let s: Served;
beforeAll(async () => {
  s = await serveInvoices();
});
afterAll(async () => s.server.close());

describe('event ids', () => {
  it.each([
    ['a lone surrogate', 'inv-\ud800', 'has a lone UTF-16 surrogate'],
    ['NUL', 'inv-\u0000', 'has a character that is not printable (U+0000)'],
    ['a newline', 'inv\n2', 'has a character that is not printable (U+000A)'],
    ['a bidi override', 'inv-\u202e1', 'has a character that is not printable (U+202E)'],
    ['a zero-width space', 'inv\u200b1', 'has a character that is not printable (U+200B)'],
    ['a zero-width joiner', 'inv\u200d1', 'has a character that is not printable (U+200D)'],
    ['the NFD form of café', 'cafe\u0301', 'is not in Unicode normal form NFC'],
    ['129 characters', 'x'.repeat(129), 'has 129 characters (at most 128)'],
    ['a trailing space', 'inv-1 ', 'starts or ends with a space'],
  ])('%s: 400 at `id`, nothing written', async (_, id, problem) => {
    const before = await s.store.lastSeq('invoices');
    const r = await s.post('/events', invoice(id, '2025-03-01'));
    expect(r.status).toBe(400);
    expect(errorOf(r).path).toBe('id');
    expect(errorOf(r).message).toContain(problem);
    expect(await s.store.lastSeq('invoices')).toBe(before);
  });

  it('printable ids in NFC, in any script, with inner spaces, are accepted', async () => {
    for (const id of ['café-1', 'facture n° 2', '請求書-3', 'x'.repeat(128)]) {
      expect(idProblem(id)).toBeNull();
      expect((await s.post('/events', invoice(id, '2025-03-01'))).status).toBe(201);
    }
  });

  it('the chain stays verifiable', async () => {
    expect((await s.store.verify()).ok).toBe(true);
  });
});
