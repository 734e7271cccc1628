/** The canonical text of an event and the hash chain: what every adapter stores and hashes. */
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalEvent, chainHash, GENESIS } from '../src/store/chain.js';
import { openStore, parseStoreUrl } from '../src/store/open/open-store.js';

describe('canonicalEvent', () => {
  it('writes the event keys in ledger order, nested keys sorted, no whitespace', () => {
    const text = canonicalEvent({
      data: { z: 1, a: 'USD 1.50', m: [{ b: 2, a: 1 }] },
      visibility: ['b', 'a'],
      actor: 'acme',
      date: '2026-01-02',
      type: 'pay',
      id: 'e1',
    });
    expect(text).toBe(
      '{"id":"e1","type":"pay","date":"2026-01-02","actor":"acme","data":{"a":"USD 1.50","m":[{"a":1,"b":2}],"z":1},"visibility":["b","a"]}',
    );
  });
  it('gives the same text for the same event whatever the key order or spacing of its JSON', () => {
    const a = JSON.parse('{"id": "e", "type": "t", "date": "2026-01-01", "actor": "x", "data": {"n": 1.50, "k": 1e3}}') as unknown;
    const b = JSON.parse('{"data":{"k":1000,"n":1.5},"actor":"x","date":"2026-01-01","type":"t","id":"e"}') as unknown;
    expect(canonicalEvent(a)).toBe(canonicalEvent(b));
    expect(canonicalEvent(a)).toContain('"data":{"k":1000,"n":1.5}');
  });
  it('keeps money text digit for digit', () => {
    const money = 'USD 12345678901234567890.123456789';
    expect(JSON.parse(canonicalEvent({ id: 'e', data: { amount: money } })).data.amount).toBe(money);
  });
  it('refuses numbers that would not survive the round-trip, saying where', () => {
    expect(() => canonicalEvent({ id: 'e', data: { n: 2 ** 60 } })).toThrow(CanonicalJsonError);
    expect(() => canonicalEvent({ id: 'e', data: { n: 2 ** 60 } })).toThrow(/data\.n: integer too large/);
    expect(() => canonicalEvent({ id: 'e', data: { n: Number.NaN } })).toThrow(/data\.n/);
  });
});

describe('chainHash', () => {
  it('is sha256 hex of previous hash + body', () => {
    // printf '%s' "$(printf '0%.0s' $(seq 64)){}" | sha256sum
    expect(GENESIS).toBe('0'.repeat(64));
    expect(chainHash(GENESIS, '{}')).toBe('5508d2b710e64bc470079e1b211d9c58e21011e59d0559e422345dc19d659a75');
  });
});

describe('openStore', () => {
  it('reads memory:, sqlite:<file> and postgres:// URLs, and refuses others clearly', async () => {
    expect(parseStoreUrl('memory:')).toEqual({ kind: 'memory' });
    expect(parseStoreUrl('sqlite:./pacte.db')).toEqual({ kind: 'sqlite', file: './pacte.db' });
    expect(parseStoreUrl('sqlite:///var/x.db')).toEqual({ kind: 'sqlite', file: '/var/x.db' });
    expect(parseStoreUrl('postgres://u@h:5432/db')).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/db' });
    expect(() => parseStoreUrl('mysql://x')).toThrow(/expected memory:, sqlite:<file> or postgres:/);
    expect(() => parseStoreUrl('sqlite:')).toThrow(/sqlite:<file>/);
    const s = await openStore('memory:');
    expect(s.kind).toBe('memory');
    await s.close();
  });
});
