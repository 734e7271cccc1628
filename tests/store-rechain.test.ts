/**
 * `store.rechain(family)` (src/store/rechain.ts) against every adapter — memory, SQLite, PostgreSQL (found or started
 * as for the conformance suite: tests/store/postgres-server.ts). A ledger's first rows are made old-style, as stores
 * written before salts existed hold them (empty salt, `hash = sha256(previous + body)`, the rows after rehashed on
 * them, the recorded head updated), directly in the database; then re-chained, and checked: nothing lost, no
 * unsalted hash left to confirm a guess, `verify` clean, and a head published before reported as replaced.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { canonicalEvent, chainHash, familyHead, GENESIS } from '../src/store/chain.js';
import type { AppendInput, Store } from '../src/store/store.js';
import type { Adapter, Handle } from './store/adapters.js';
import { adapters, pgAdmin } from './store/adapters.js';
import { findPostgres } from './store/postgres-server.js';

function ev(id: string, amount: string, visibility?: string[]): { id: string; body: string } {
  const event = { id, type: 'payment', date: '2026-01-15', actor: 'acme', data: { amount }, ...(visibility ? { visibility } : {}) };
  return { id, body: canonicalEvent(event) };
}

function req(family: string, events: { id: string; body: string }[]): AppendInput {
  return { family, events, idempotencyKey: null, expectedSeq: null };
}

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** Makes the first `n` rows of the family old-style (no salt) and rehashes every row after them, as before salts. */
async function unsalt(h: Handle, family: string, n: number): Promise<string[]> {
  const rows = await h.store.events(family, 0, 1000);
  let prev = GENESIS;
  const hashes: string[] = [];
  for (const r of rows) {
    const salt = r.seq <= n ? '' : r.salt;
    prev = chainHash(prev, r.body, salt);
    hashes.push(prev);
    await h.tamper(family, r.seq, { salt, hash: prev });
  }
  await h.tamperHead(family, prev);
  return hashes;
}

const pg = await findPostgres();
if (pg.kind === 'found') console.log(`PostgreSQL suite: on ${pg.label}`);
else if (pg.kind === 'none') console.warn(`PostgreSQL suite skipped: ${pg.reason}`);
afterAll(async () => {
  if (pg.kind === 'found') await pg.stop();
});

describe.each(adapters(pg))('rechain: $name', (adapter: Adapter) => {
  const opened: Store[] = [];
  async function fresh(): Promise<Handle> {
    const h = await adapter.fresh();
    opened.push(h.store);
    return h;
  }
  afterAll(async () => {
    for (const s of opened) await s.close().catch(() => {});
    await adapter.cleanup();
  });
  beforeEach((ctx) => {
    if (adapter.skip !== undefined) ctx.skip(adapter.skip);
  });

  it('salts the old rows, keeps ids, bodies and seqs, and a guess no longer links the hashes around a hidden event', async () => {
    const h = await fresh();
    const { store } = h;
    await store.putVersion('fam', 'v1.pacte.md', '# v1\n');
    const hidden = ev('pay-2', 'EUR 1500.00', ['alice', 'bob']);
    await store.append(req('fam', [ev('inv-1', 'EUR 10'), hidden, ev('inv-3', 'EUR 30'), ev('inv-4', 'EUR 40')]));
    await store.append(req('other', [ev('x', 'EUR 1')]));
    const old = await unsalt(h, 'fam', 3);
    await unsalt(h, 'other', 1);
    // Before: the stored hashes around the hidden row confirm the true body (and the store still verifies).
    const before = await store.events('fam', 0, 10);
    expect(before.map((r) => r.salt === '')).toEqual([true, true, true, false]);
    expect(sha(sha(before[0]!.hash + hidden.body) + before[2]!.body)).toBe(before[2]!.hash);
    const v0 = await store.verify();
    expect(v0.ok).toBe(true);
    expect(v0.families.map((f) => [f.family, f.unsalted])).toEqual([
      ['fam', 3],
      ['other', 1],
    ]);
    expect([...(await store.unsalted())]).toEqual([
      ['fam', 3],
      ['other', 1],
    ]);
    const versionsHash = (await store.head('fam')).versionsHash;
    const published = (await store.head('fam')).head;
    const publishedAt2 = familyHead(versionsHash, old[1]!);

    const r = await store.rechain('fam');
    if (r.kind !== 'rechained') throw new Error(JSON.stringify(r));
    expect(r.record).toMatchObject({ family: 'fam', events: 4, resalted: 3, versionsHash, oldEventsHash: old[3], oldHead: published });
    const after = await store.events('fam', 0, 10);
    expect(after.map((x) => [x.seq, x.id, x.body])).toEqual(before.map((x) => [x.seq, x.id, x.body]));
    expect(after.every((x) => /^[0-9a-f]{32}$/.test(x.salt))).toBe(true);
    expect(after[3]!.salt).toBe(before[3]!.salt);
    expect(after.every((x, i) => x.hash !== before[i]!.hash)).toBe(true);
    const head = await store.head('fam');
    expect(head).toMatchObject({ events: 4, eventsHash: after[3]!.hash, head: r.record.newHead });
    // The brute force of finding 3 over the new hashes: the true body no longer links them.
    expect(sha(sha(after[0]!.hash + hidden.body) + after[2]!.body)).not.toBe(after[2]!.hash);
    expect([...(await store.unsalted())]).toEqual([['other', 1]]);

    // verify is clean, and the heads published before are reported as replaced, not as a rewrite.
    const v = await store.verify(new Map([['fam', published]]));
    expect(v.ok).toBe(true);
    const fam = v.families.find((f) => f.family === 'fam')!;
    expect(fam).toMatchObject({ ok: true, unsalted: 0, damages: [] });
    expect(fam.replaced).toEqual({ oldHead: published, newHead: head.head, at: r.record.at, resalted: 3 });
    const prefix = (await store.verify(new Map([['fam', publishedAt2]]))).families.find((f) => f.family === 'fam')!;
    expect(prefix.replaced).toEqual({
      oldHead: publishedAt2,
      newHead: familyHead(versionsHash, after[1]!.hash),
      at: r.record.at,
      resalted: 3,
    });
    expect((await store.verify(new Map([['fam', 'a'.repeat(64)]]))).families.find((f) => f.family === 'fam')!.damages).toEqual([
      { seq: null, reason: 'anchor-mismatch', what: 'a'.repeat(64) },
    ]);

    // Idempotent: a second run salts nothing and records nothing; the ledger grows on the new chain.
    expect(await store.rechain('fam')).toEqual({ kind: 'nothing', family: 'fam' });
    expect(await store.rechains('fam')).toEqual([r.record]);
    await store.append(req('fam', [ev('inv-5', 'EUR 50')]));
    const later = await store.verify(new Map([['fam', published]]));
    expect(later.ok).toBe(true);
    expect(later.families.find((f) => f.family === 'fam')!.replaced?.newHead).toBe(head.head);
    if (adapter.durable) {
      const again = await h.reopen();
      opened.push(again);
      expect(await again.rechains('fam')).toEqual([r.record]);
      expect((await again.verify(new Map([['fam', published]]))).ok).toBe(true);
    }
  });

  it('refuses a damaged chain (re-hashing it would hide the damage) and writes nothing', async () => {
    const h = await fresh();
    await h.store.append(req('fam', [ev('a', 'EUR 1'), ev('b', 'EUR 2'), ev('c', 'EUR 3')]));
    await unsalt(h, 'fam', 3);
    await h.tamper('fam', 2, { body: ev('b', 'EUR 2000').body });
    const rows = await h.store.events('fam', 0, 10);
    const r = await h.store.rechain('fam');
    expect(r).toEqual({ kind: 'damaged', family: 'fam', damages: [{ seq: 2, reason: 'hash-mismatch' }] });
    expect(await h.store.events('fam', 0, 10)).toEqual(rows);
    expect(await h.store.rechains('fam')).toEqual([]);
  });

  it('a body edited after the re-chaining, its chain rehashed, cannot pass for a re-chained old head', async () => {
    const h = await fresh();
    await h.store.append(req('fam', [ev('a', 'EUR 1'), ev('b', 'EUR 2'), ev('c', 'EUR 3')]));
    await unsalt(h, 'fam', 3);
    const published = (await h.store.head('fam')).head;
    expect((await h.store.rechain('fam')).kind).toBe('rechained');
    // The attacker rewrites row 2 and every hash after it, and the recorded head: the present chain verifies...
    await h.tamper('fam', 2, { body: ev('b', 'EUR 2000').body });
    const rows = await h.store.events('fam', 0, 10);
    let prev = rows[0]!.hash;
    for (const r of rows.slice(1)) {
      prev = chainHash(prev, r.body, r.salt);
      await h.tamper('fam', r.seq, { hash: prev });
    }
    await h.tamperHead('fam', prev);
    // ...but the record no longer matches the rows, and the published head is not accounted for.
    const v = await h.store.verify(new Map([['fam', published]]));
    expect(v.ok).toBe(false);
    expect(v.families[0]!.damages.map((d) => d.reason)).toEqual(['rechain-mismatch', 'anchor-mismatch']);
    expect(v.families[0]!.replaced).toBeUndefined();
  });

  if (adapter.durable)
    it('an interrupted re-chaining leaves the old chain and records nothing (one transaction per family)', async () => {
      const h = await fresh();
      await h.store.append(req('fam', [ev('a', 'EUR 1'), ev('b', 'EUR 2'), ev('c', 'EUR 3')]));
      await unsalt(h, 'fam', 3);
      const rows = await h.store.events('fam', 0, 10);
      const head = await h.store.head('fam');
      // The database fails the rewrite of row 3, after rows 1 and 2 were rewritten in the same transaction.
      if (adapter.name === 'sqlite') {
        const db = new Database(h.url.slice('sqlite:'.length));
        db.exec("CREATE TRIGGER stop AFTER UPDATE ON events WHEN NEW.seq = 3 BEGIN SELECT RAISE(ABORT, 'interrupted'); END");
        db.close();
      } else
        await pgAdmin(h.url, async (c) => {
          await c.query(
            "CREATE FUNCTION stop() RETURNS trigger AS $$ BEGIN IF NEW.seq = 3 THEN RAISE EXCEPTION 'interrupted'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
          );
          await c.query('CREATE TRIGGER stop AFTER UPDATE ON events FOR EACH ROW EXECUTE FUNCTION stop()');
        });
      await expect(h.store.rechain('fam')).rejects.toThrow(/interrupted/);
      expect(await h.store.events('fam', 0, 10)).toEqual(rows);
      expect(await h.store.head('fam')).toEqual(head);
      expect(await h.store.rechains('fam')).toEqual([]);
      const v = await h.store.verify();
      expect(v.ok).toBe(true);
      expect(v.families[0]!.unsalted).toBe(3);
    });
});
