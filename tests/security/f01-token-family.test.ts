/**
 * Finding 1: a party token worked in every family that uses the same party id. Two families here share `alice` and
 * `bob`; bob's token of the consortium paying in the bilateral family (where bob is also a party, for another
 * company) was a 201 that fulfilled the other company's obligation. A token now belongs to a party of one family,
 * or to an organisation mapped explicitly to one party of each family it names (`pacte token add --org --map`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server/listen.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { addToken, call, FIXTURES, loadDir, startServer } from '../server-harness.js';
import { pacte } from './cli.js';

let server: Running;
let store: MemoryStore;
let bobOfConsortium: string;
let bobOfBilateral: string;

beforeAll(async () => {
  store = new MemoryStore();
  await loadDir(store, join(FIXTURES, 'server-consortium'), 'server-consortium');
  await loadDir(store, join(FIXTURES, 'server-bilateral'), 'server-bilateral');
  bobOfConsortium = await addToken(store, 'bob', 'server-consortium');
  bobOfBilateral = await addToken(store, 'bob', 'server-bilateral');
  server = await startServer(store);
});
afterAll(async () => server.close());

const pay = { id: 'fake-pay', type: 'pay', date: '2025-06-01', actor: 'bob', data: { amount: 'EUR 9999999', recipient: 'alice' } };

describe('finding 1: a token of one family is nothing in another family that uses the same party id', () => {
  it('bob of the consortium cannot list, read or write the bilateral family: 404 like a family that does not exist, nothing appended', async () => {
    const before = await store.lastSeq('server-bilateral');
    const url = `${server.url}/api/families/server-bilateral`;
    expect((await call(`${url}/events`, bobOfConsortium, { method: 'POST', body: JSON.stringify(pay) })).status).toBe(404);
    expect((await call(`${url}/state?asOf=2025-12-31`, bobOfConsortium)).status).toBe(404);
    expect((await call(`${url}/events`, bobOfConsortium)).status).toBe(404);
    expect(((await call(`${server.url}/api/families`, bobOfConsortium)).body as { family: string }[]).map((f) => f.family)).toEqual([
      'server-consortium',
    ]);
    expect(await store.lastSeq('server-bilateral')).toBe(before);
  });

  it("bob's token of the bilateral family does what bob may do there", async () => {
    const r = await call(`${server.url}/api/families/server-bilateral/events`, bobOfBilateral, {
      method: 'POST',
      body: JSON.stringify(pay),
    });
    expect(r.status).toBe(201);
    expect((await call(`${server.url}/api/families/server-consortium`, bobOfBilateral)).status).toBe(404);
  });
});

describe('organisation tokens from the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pacte-org-'));
  const db = `sqlite:${join(dir, 'pacte.db')}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pacte token add --org --map: one party per family, each checked; listed without its secret; verify stays clean', () => {
    for (const f of ['server-consortium', 'server-bilateral']) expect(pacte(['load', join(FIXTURES, f), '--db', db]).code).toBe(0);
    const added = pacte([
      'token',
      'add',
      '--org',
      'Carol and Bob',
      '--map',
      'server-consortium:carol,server-bilateral:bob',
      '--db',
      db,
      '--json',
    ]);
    expect(added.code, added.err).toBe(0);
    const made = JSON.parse(added.out) as { token: string; id: string; org: unknown };
    expect(made.org).toEqual({
      name: 'Carol and Bob',
      grants: [
        { family: 'server-consortium', party: 'carol' },
        { family: 'server-bilateral', party: 'bob' },
      ],
    });
    expect(added.err).toContain('organisation Carol and Bob (server-consortium:carol, server-bilateral:bob)');
    const list = pacte(['token', 'list', '--db', db]);
    expect(list.out).toContain('server-consortium:carol, server-bilateral:bob');
    expect(list.out).toContain('org Carol and Bob');
    expect(list.out).not.toContain(made.token);
    // Each grant is checked: a family not stored, a party the family does not have.
    expect(pacte(['token', 'add', '--org', 'X', '--map', 'server-consortium:carol,nowhere:bob', '--db', db]).code).toBe(1);
    const noParty = pacte(['token', 'add', '--org', 'X', '--map', 'server-bilateral:carol', '--db', db]);
    expect(noParty.code).toBe(1);
    expect(noParty.err).toContain('family server-bilateral has no party "carol"');
    // Usage: a map without pairs, a family twice, --org with --family, --map without --org (in French too).
    for (const args of [
      ['--org', 'X', '--map', 'server-bilateral'],
      ['--org', 'X', '--map', 'server-bilateral:alice,server-bilateral:bob'],
      ['--org', 'X', '--map', 'server-bilateral:alice', '--family', 'server-bilateral'],
      ['--map', 'server-bilateral:alice'],
    ])
      expect(pacte(['token', 'add', ...args, '--db', db]).code).toBe(2);
    expect(pacte(['token', 'add', '--map', 'server-bilateral:alice', '--db', db, '--lang', 'fr']).err).toContain("jeton d'organisation");
    // It is not a token made before families: it cannot be scoped.
    expect(pacte(['token', 'scope', made.id, '--family', 'server-bilateral', '--db', db]).code).toBe(1);
    const verify = pacte(['verify', '--db', db]);
    expect(verify.code, verify.out + verify.err).toBe(0);
  });
});
