/**
 * The store conformance suite: the promises of src/store/store.ts, checked against every adapter — memory, SQLite
 * (a temporary file) and PostgreSQL (a fresh database per store, on PACTE_TEST_PG, else the local server on
 * 127.0.0.1:5432, else a PostgreSQL started from npm for the run: tests/store/postgres-server.ts; skipped, with the
 * reason, only when none of them can be had).
 * Each adapter gives: a fresh store, a reopened store over the same data (a restart), and a direct edit of a stored
 * row (tampering behind the store's back).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { canonicalEvent, chainHash, GENESIS } from '../src/store/chain.js';
import type { AppendInput, AppendResult, EventRow, Store } from '../src/store/store.js';
import { hashToken } from '../src/store/tokens.js';
import type { Adapter, Handle } from './store/adapters.js';
import { adapters } from './store/adapters.js';
import { findPostgres } from './store/postgres-server.js';

const MONEY = 'USD 12345678901234567890.123456789';

function ev(id: string, data: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): { id: string; body: string } {
  return { id, body: canonicalEvent({ id, type: 'payment', date: '2026-01-15', actor: 'acme', data, ...extra }) };
}

function req(family: string, events: { id: string; body: string }[], more: Partial<AppendInput> = {}): AppendInput {
  return { family, events, idempotencyKey: null, expectedSeq: null, ...more };
}

function rowsOf(r: AppendResult): readonly EventRow[] {
  if (r.kind !== 'appended' && r.kind !== 'replayed') throw new Error(`expected rows, got ${JSON.stringify(r)}`);
  return r.rows;
}

const pg = await findPostgres();
// Said in the run's output: which server, or why none (each PostgreSQL test is then skipped with that reason).
if (pg.kind === 'found') console.log(`PostgreSQL suite: on ${pg.label}`);
else if (pg.kind === 'none') console.warn(`PostgreSQL suite skipped: ${pg.reason}`);
else console.error(`PostgreSQL suite: ${pg.message}`);
afterAll(async () => {
  if (pg.kind === 'found') await pg.stop();
});
const list = adapters(pg);

describe.each(list)('store conformance: $name', (adapter: Adapter) => {
  const opened: Store[] = [];
  async function fresh(): Promise<Handle> {
    const h = await adapter.fresh();
    opened.push(h.store);
    return {
      ...h,
      reopen: async () => {
        const s = await h.reopen();
        opened.push(s);
        return s;
      },
    };
  }
  afterAll(async () => {
    for (const s of opened) await s.close().catch(() => {});
    await adapter.cleanup();
  });
  beforeEach((ctx) => {
    if (adapter.skip !== undefined) ctx.skip(adapter.skip);
  });
  // Group commit and two processes over one store exist only where data is durable: not defined for memory.
  const whenDurable = (name: string, fn: () => Promise<void>): void => {
    if (adapter.durable) it(name, fn);
  };

  it('appends events numbered 1, 2, 3… and reads them after a seq, at most limit of them', async () => {
    const { store } = await fresh();
    expect(await store.lastSeq('fam')).toBe(0);
    const a = rowsOf(await store.append(req('fam', [ev('e1'), ev('e2')])));
    expect(a.map((r) => [r.seq, r.id])).toEqual([
      [1, 'e1'],
      [2, 'e2'],
    ]);
    const b = rowsOf(await store.append(req('fam', [ev('e3')])));
    expect(b[0]!.seq).toBe(3);
    expect(await store.lastSeq('fam')).toBe(3);
    expect((await store.events('fam', 0, 100)).map((r) => r.id)).toEqual(['e1', 'e2', 'e3']);
    expect((await store.events('fam', 1, 1)).map((r) => r.seq)).toEqual([2]);
    expect(await store.events('fam', 3, 10)).toEqual([]);
    // Out-of-range arguments are answered, not errors.
    expect(await store.events('fam', 1e12, 10)).toEqual([]);
    expect((await store.events('fam', -5, 1e12)).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect((await store.events('fam', 1.5, 1)).map((r) => r.seq)).toEqual([2]);
    expect(await store.events('fam', 0, 0)).toEqual([]);
    expect(await store.events('other', 0, 10)).toEqual([]);
    // Another family has its own numbering.
    expect(rowsOf(await store.append(req('other', [ev('e1')])))[0]!.seq).toBe(1);
    const read = (await store.events('fam', 0, 100))[0]!;
    expect(read).toMatchObject({ family: 'fam', seq: 1, id: 'e1', body: ev('e1').body, idempotencyKey: null });
    expect(read.storedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });

  it('chains every row: hash = sha256(previous hash + body), from GENESIS', async () => {
    const { store } = await fresh();
    await store.append(req('fam', [ev('a', { amount: 'USD 1' }), ev('b')]));
    await store.append(req('fam', [ev('c')]));
    const rows = await store.events('fam', 0, 10);
    let prev = GENESIS;
    for (const r of rows) {
      // Each row has its own secret salt, and the hash covers it.
      expect(r.salt).toMatch(/^[0-9a-f]{32}$/);
      expect(r.hash).toBe(chainHash(prev, r.body, r.salt));
      expect(r.hash).not.toBe(chainHash(prev, r.body));
      prev = r.hash;
    }
    expect(new Set(rows.map((r) => r.salt)).size).toBe(3);
    const v = await store.verify();
    expect(v.ok).toBe(true);
    expect(v.events).toBe(3);
    expect(v.families).toEqual([
      {
        family: 'fam',
        events: 3,
        versions: 0,
        ok: true,
        firstBadSeq: null,
        reason: null,
        damages: [],
        head: (await store.head('fam')).head,
        unsalted: 0,
      },
    ]);
  });

  it('keeps money and bodies exactly as given (no float anywhere)', async () => {
    const { store, reopen } = await fresh();
    const e = ev('big', { amount: MONEY, rate: '0.000000000000000000000001%', note: 'café — 東京 \u2028 "quoted"' });
    expect(e.body).toContain(`"amount":"${MONEY}"`);
    await store.append(req('fam', [e]));
    const s2 = adapter.durable ? await reopen() : store;
    const [row] = await s2.events('fam', 0, 1);
    expect(row!.body).toBe(e.body);
    expect((JSON.parse(row!.body) as { data: { amount: string } }).data.amount).toBe(MONEY);
  });

  it("keeps dates known only to a period as given, in the order appended (the ledger file's order)", async () => {
    const { store, reopen } = await fresh();
    // The order a ledger file would have them in: the engine places each at its period's first day, then by seq.
    const dates: unknown[] = ['2021-06-30', '2021', { between: ['2021-03-01', '2021-04-15'] }, 'FY2022', '2021-Q3', '2021-H2', '2021-03'];
    const events = dates.map((date, i) => ({
      id: `p${i}`,
      body: canonicalEvent({ id: `p${i}`, type: 'payment', date, actor: 'acme', data: {} }),
    }));
    expect(events[2]!.body).toContain('"date":{"between":["2021-03-01","2021-04-15"]}');
    await store.append(req('fam', events.slice(0, 3)));
    for (const e of events.slice(3)) await store.append(req('fam', [e]));
    const s2 = adapter.durable ? await reopen() : store;
    const rows = await s2.events('fam', 0, 100);
    expect(rows.map((r) => [r.seq, r.id, r.body])).toEqual(events.map((e, i) => [i + 1, e.id, e.body]));
    expect(rows.map((r) => (JSON.parse(r.body) as { date: unknown }).date)).toEqual(dates);
  });

  it('replays a request with a used idempotency key, and refuses the key with another request', async () => {
    const { store, reopen } = await fresh();
    const first = await store.append(req('fam', [ev('p1'), ev('p2')], { idempotencyKey: 'k-1' }));
    expect(first.kind).toBe('appended');
    await store.append(req('fam', [ev('p3')]));
    // The ledger moved since: a retry with a stale expectedSeq still replays.
    const again = await store.append(req('fam', [ev('p1'), ev('p2')], { idempotencyKey: 'k-1', expectedSeq: 0 }));
    expect(again).toEqual({ kind: 'replayed', rows: rowsOf(first) });
    expect(await store.lastSeq('fam')).toBe(3);
    expect(await store.append(req('fam', [ev('p1', { amount: 'USD 2' })], { idempotencyKey: 'k-1' }))).toEqual({ kind: 'key-reused' });
    // Keys belong to a family.
    expect((await store.append(req('other', [ev('p1')], { idempotencyKey: 'k-1' }))).kind).toBe('appended');
    if (adapter.durable) {
      const s2 = await reopen();
      expect(await s2.append(req('fam', [ev('p1'), ev('p2')], { idempotencyKey: 'k-1' }))).toEqual({
        kind: 'replayed',
        rows: rowsOf(first),
      });
      expect(await s2.append(req('fam', [ev('zz')], { idempotencyKey: 'k-1' }))).toEqual({ kind: 'key-reused' });
      expect(await s2.lastSeq('fam')).toBe(3);
    }
  });

  it('appends checked against a count of versions only while the family has that count (versions-moved otherwise)', async () => {
    const { store } = await fresh();
    expect(await store.putVersion('fam', 'v1.pacte.md', '# V1\n')).toBe('added');
    expect(rowsOf(await store.append(req('fam', [ev('v-1')], { versions: 1 })))[0]!.seq).toBe(1);
    expect(await store.putVersion('fam', 'v2.pacte.md', '# V2\n')).toBe('added');
    // Checked against one version while there are two: nothing written, the count given back.
    expect(await store.append(req('fam', [ev('v-2')], { versions: 1 }))).toEqual({ kind: 'versions-moved', versions: 2 });
    expect(await store.lastSeq('fam')).toBe(1);
    // In a group with other requests, only that one is refused; a keyed replay is a replay whatever the count.
    const [a, b, c] = await Promise.all([
      store.append(req('fam', [ev('v-3')], { versions: 2 })),
      store.append(req('fam', [ev('v-4')], { versions: 3 })),
      store.append(req('fam', [ev('v-5')])),
    ]);
    expect(rowsOf(a)[0]!.seq).toBe(2);
    expect(b).toEqual({ kind: 'versions-moved', versions: 2 });
    expect(rowsOf(c)[0]!.seq).toBe(3);
    const keyed = await store.append(req('fam', [ev('v-6')], { versions: 2, idempotencyKey: 'k' }));
    expect(await store.append(req('fam', [ev('v-6')], { versions: 1, idempotencyKey: 'k' }))).toEqual({
      kind: 'replayed',
      rows: rowsOf(keyed),
    });
    // One group writing to three families, with and without keys: each head moves by its own rows.
    const group = await Promise.all([
      store.append(req('fam', [ev('g-1'), ev('g-2')], { idempotencyKey: 'g' })),
      store.append(req('fam-b', [ev('g-1')])),
      store.append(req('fam-c', [ev('g-1')], { idempotencyKey: 'g' })),
      store.append(req('fam-b', [ev('g-2')])),
    ]);
    expect(group.map((r) => rowsOf(r).map((x) => `${x.family}:${x.seq}`))).toEqual([
      ['fam:5', 'fam:6'],
      ['fam-b:1'],
      ['fam-c:1'],
      ['fam-b:2'],
    ]);
    expect([await store.lastSeq('fam'), await store.lastSeq('fam-b'), await store.lastSeq('fam-c')]).toEqual([6, 2, 1]);
    expect((await store.append(req('fam-c', [ev('g-1')], { idempotencyKey: 'g' }))).kind).toBe('replayed');
    expect((await store.verify()).ok).toBe(true);
  });

  it('replays concurrent retries of one keyed request: written once', async () => {
    const { store } = await fresh();
    const results = await Promise.all(Array.from({ length: 12 }, () => store.append(req('fam', [ev('once')], { idempotencyKey: 'same' }))));
    expect(results.filter((r) => r.kind === 'appended')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'replayed')).toHaveLength(11);
    expect(await store.lastSeq('fam')).toBe(1);
  });

  it('If-Match under 16 concurrent writers: exactly one wins, the others conflict, seq moves by one', async () => {
    const { store } = await fresh();
    await store.append(req('fam', [ev('base')]));
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => store.append(req('fam', [ev(`w${i}`)], { expectedSeq: 1 }))));
    expect(results.filter((r) => r.kind === 'appended')).toHaveLength(1);
    const conflicts = results.filter((r) => r.kind === 'conflict');
    expect(conflicts).toHaveLength(15);
    for (const c of conflicts) expect(c).toEqual({ kind: 'conflict', lastSeq: 2 });
    expect(await store.lastSeq('fam')).toBe(2);
    expect((await store.events('fam', 0, 10)).map((r) => r.seq)).toEqual([1, 2]);
    expect(await store.append(req('fam', [ev('late')], { expectedSeq: 0 }))).toEqual({ kind: 'conflict', lastSeq: 2 });
    expect((await store.append(req('new-family', [ev('first')], { expectedSeq: 0 }))).kind).toBe('appended');
  });

  it('concurrent appends never interleave a request’s rows and leave no gap', async () => {
    const { store } = await fresh();
    const n = 40;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => store.append(req(i % 3 === 0 ? 'f-b' : 'f-a', [ev(`r${i}-1`), ev(`r${i}-2`), ev(`r${i}-3`)]))),
    );
    for (const r of results) {
      const rows = rowsOf(r);
      expect(rows.map((x) => x.seq)).toEqual([rows[0]!.seq, rows[0]!.seq + 1, rows[0]!.seq + 2]);
      expect(new Set(rows.map((x) => x.id.split('-')[0]))).toHaveProperty('size', 1);
    }
    for (const f of ['f-a', 'f-b']) {
      const rows = await store.events(f, 0, 1000);
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    }
    expect((await store.verify()).ok).toBe(true);
  });

  whenDurable('groups concurrent appends into fewer transactions, each acknowledged with its own rows', async () => {
    const { store } = await fresh();
    const stats = (store as unknown as { groupStats(): { groups: number; requests: number } }).groupStats.bind(store);
    const before = stats();
    const results = await Promise.all(
      Array.from({ length: 32 }, (_, i) => store.append(req('fam', [ev(`g${i}`)], { idempotencyKey: `g${i}` }))),
    );
    const after = stats();
    expect(after.requests - before.requests).toBe(32);
    expect(after.groups - before.groups).toBeLessThan(32);
    expect(results.map((r) => rowsOf(r)[0]!.id).sort()).toEqual(Array.from({ length: 32 }, (_, i) => `g${i}`).sort());
    expect(new Set(results.map((r) => rowsOf(r)[0]!.seq)).size).toBe(32);
  });

  it('refuses a duplicate id, writing nothing of that request, without failing the others sent with it', async () => {
    const { store } = await fresh();
    await store.append(req('fam', [ev('x')]));
    const [dup, ok, inner, ok2] = await Promise.all([
      store.append(req('fam', [ev('y'), ev('x')])),
      store.append(req('fam', [ev('z')])),
      store.append(req('fam', [ev('w'), ev('w')])),
      store.append(req('fam', [ev('y')])),
    ]);
    expect(dup).toEqual({ kind: 'duplicate-id', id: 'x' });
    expect(inner).toEqual({ kind: 'duplicate-id', id: 'w' });
    expect(rowsOf(ok)[0]!.id).toBe('z');
    expect(rowsOf(ok2)[0]!.id).toBe('y');
    expect((await store.events('fam', 0, 10)).map((r) => r.id)).toEqual(['x', 'z', 'y']);
    // The same id in another family is fine.
    expect((await store.append(req('other', [ev('x')]))).kind).toBe('appended');
  });

  it('finds a tampered body, a tampered hash and a truncated ledger', async () => {
    const h = await fresh();
    await h.store.append(req('fam', [ev('a'), ev('b', { amount: 'USD 100' }), ev('c')]));
    await h.store.append(req('clean', [ev('a')]));
    await h.tamper('fam', 2, { body: ev('b', { amount: 'USD 1' }).body });
    let v = await h.store.verify();
    expect(v.ok).toBe(false);
    expect(v.families.find((f) => f.family === 'fam')).toMatchObject({ ok: false, firstBadSeq: 2, reason: 'hash-mismatch', events: 3 });
    expect(v.families.find((f) => f.family === 'clean')).toMatchObject({ ok: true });
    if (adapter.durable) {
      // The same damage found by `pacte verify` (the built binary) over the same database.
      const cli = spawnSync(
        process.execPath,
        [join(import.meta.dirname, '..', 'bin', 'pacte.js'), 'verify', '--db', h.url, '--lang', 'en'],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(cli.status).toBe(1);
      expect(cli.stderr).toContain('fam: chain broken at seq 2 (hash-mismatch');
      expect(cli.stdout).toContain('clean: 1 event(s), chain valid');
      expect(cli.stderr).not.toMatch(/\n\s+at /);
    }

    const h2 = await fresh();
    await h2.store.append(req('fam', [ev('a'), ev('b'), ev('c')]));
    const rows = await h2.store.events('fam', 0, 10);
    // A consistent-looking row 2 (its own hash recomputed) still breaks row 3.
    const forged = ev('b', { amount: 'USD 999' }).body;
    await h2.tamper('fam', 2, { body: forged, hash: chainHash(rows[0]!.hash, forged, rows[1]!.salt) });
    v = await h2.store.verify();
    expect(v.families[0]).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'hash-mismatch' });

    const h3 = await fresh();
    await h3.store.append(req('fam', [ev('a'), ev('b'), ev('c')]));
    await h3.tamper('fam', 3, { hash: '0'.repeat(64) });
    v = await h3.store.verify();
    expect(v.families[0]).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'hash-mismatch' });

    // The last row deleted: every remaining row chains, but the ledger no longer ends where it did.
    const h4 = await fresh();
    await h4.store.append(req('fam', [ev('a'), ev('b'), ev('c')]));
    await h4.tamper('fam', 3, 'delete');
    v = await h4.store.verify();
    expect(v.families[0]).toMatchObject({ ok: false, events: 2, firstBadSeq: 3, reason: 'head-mismatch' });

    // A row deleted in the middle: a gap.
    const h5 = await fresh();
    await h5.store.append(req('fam', [ev('a'), ev('b'), ev('c')]));
    await h5.tamper('fam', 2, 'delete');
    v = await h5.store.verify();
    expect(v.families[0]).toMatchObject({ ok: false, firstBadSeq: 2, reason: 'seq-gap' });
  });

  whenDurable('keeps seq gap-free and If-Match exact across two stores over the same data (two processes)', async () => {
    const h = await fresh();
    const other = await h.reopen();
    await h.store.append(req('fam', [ev('base')]));
    const writers = [h.store, other];
    const raced = await Promise.all(
      Array.from({ length: 20 }, (_, i) => writers[i % 2]!.append(req('fam', [ev(`race${i}`)], { expectedSeq: 1 }))),
    );
    expect(raced.filter((r) => r.kind === 'appended')).toHaveLength(1);
    expect(raced.filter((r) => r.kind === 'conflict')).toHaveLength(19);
    const many = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        writers[i % 2]!.append(req(i % 4 === 0 ? 'fam2' : 'fam', [ev(`m${i}`), ev(`m${i}-b`)], { idempotencyKey: `k${i % 30}` })),
      ),
    );
    expect(
      many.filter((r) => r.kind === 'appended').length + many.filter((r) => r.kind === 'replayed' || r.kind === 'key-reused').length,
    ).toBe(60);
    for (const f of ['fam', 'fam2']) {
      const rows = await other.events(f, 0, 1000);
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
      expect(await h.store.lastSeq(f)).toBe(rows.length);
    }
    expect((await h.store.verify()).ok).toBe(true);
  });

  it('stores versions: added, unchanged for the same text, conflict for another; families in order', async () => {
    const { store, reopen } = await fresh();
    expect(await store.families()).toEqual([]);
    expect(await store.putVersion('zeta', 'v1.pacte.md', '# Z1\n')).toBe('added');
    expect(await store.putVersion('alpha', 'v1.pacte.md', `# A1 ${MONEY}\n`)).toBe('added');
    expect(await store.putVersion('alpha', 'v0.pacte.md', '# A0\n')).toBe('added');
    expect(await store.putVersion('alpha', 'v1.pacte.md', `# A1 ${MONEY}\n`)).toBe('unchanged');
    expect(await store.putVersion('alpha', 'v1.pacte.md', '# A1 changed\n')).toBe('conflict');
    const s = adapter.durable ? await reopen() : store;
    expect(await s.families()).toEqual(['alpha', 'zeta']);
    const vs = await s.versions('alpha');
    expect(vs.map((v) => [v.file, v.source])).toEqual([
      ['v1.pacte.md', `# A1 ${MONEY}\n`],
      ['v0.pacte.md', '# A0\n'],
    ]);
    expect(vs[0]!.storedAt).toMatch(/Z$/);
    expect(await s.versions('nobody')).toEqual([]);
    // What a server asks on every request: the same files, in the same order, without their sources.
    expect(await s.versionFiles('alpha')).toEqual(['v1.pacte.md', 'v0.pacte.md']);
    expect(await s.versionFiles('nobody')).toEqual([]);
    expect((await s.verify()).versions).toBe(3);
  });

  it('stores scenarios: added, unchanged for the same text and events, conflict for others; listed by name', async () => {
    const { store, reopen } = await fresh();
    const events = JSON.stringify([{ id: 'h1', type: 'payment', date: '2026-02-01', actor: 'acme', data: { amount: MONEY } }]);
    const mark = store.changeMark?.('scenarios') ?? null;
    expect(await store.putScenario('alpha', 'zz-late', '---\ntitle: Late\n---\n', '[]')).toBe('added');
    // A store with change marks moves its scenarios mark when it writes one (cached reads then read again).
    if (mark !== null) expect(store.changeMark?.('scenarios')).not.toBe(mark);
    expect(await store.putScenario('alpha', 'early', `---\ntitle: Early ${MONEY}\n---\n`, events)).toBe('added');
    expect(await store.putScenario('beta', 'early', '', '[]')).toBe('added');
    expect(await store.putScenario('alpha', 'early', `---\ntitle: Early ${MONEY}\n---\n`, events)).toBe('unchanged');
    expect(await store.putScenario('alpha', 'early', '---\ntitle: Other\n---\n', events)).toBe('conflict');
    expect(await store.putScenario('alpha', 'early', `---\ntitle: Early ${MONEY}\n---\n`, '[]')).toBe('conflict');
    const s = adapter.durable ? await reopen() : store;
    const rows = await s.scenarios('alpha');
    expect(rows.map((r) => [r.name, r.source, r.events])).toEqual([
      ['early', `---\ntitle: Early ${MONEY}\n---\n`, events],
      ['zz-late', '---\ntitle: Late\n---\n', '[]'],
    ]);
    expect(rows[0]!.addedAt).toMatch(/Z$/);
    expect((await s.scenarios('beta')).map((r) => r.name)).toEqual(['early']);
    expect(await s.scenarios('nobody')).toEqual([]);
    // Scenarios are no family of their own, and no part of any chain.
    expect(await s.families()).toEqual([]);
    expect((await s.verify()).ok).toBe(true);
  });

  it('keeps tokens by hash only, with their family, dates and revocation; lists, revokes and scopes them', async () => {
    const { store, reopen } = await fresh();
    const party = {
      hash: hashToken('secret-party'),
      family: 'deal',
      party: 'acme',
      admin: false,
      label: 'laptop',
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2027-01-01T00:00:00.000Z',
    };
    const admin = {
      hash: hashToken('secret-admin'),
      family: null,
      party: null,
      admin: true,
      label: null,
      createdAt: '2026-01-02T00:00:00.000Z',
      expiresAt: null,
    };
    const old = { hash: hashToken('secret-old'), family: null, party: 'acme', admin: false, label: null, createdAt: '', expiresAt: null };
    const org = {
      hash: hashToken('secret-org'),
      family: null,
      party: null,
      admin: false,
      label: null,
      createdAt: '2026-01-03T00:00:00.000Z',
      expiresAt: null,
      org: {
        name: 'Acme group',
        grants: [
          { family: 'deal', party: 'acme' },
          { family: 'other', party: 'acme-uk' },
        ],
      },
    };
    await store.addToken(party);
    await store.addToken(admin);
    await store.addToken(old);
    await store.addToken(org);
    await expect(store.addToken(party)).rejects.toThrow();
    const s = adapter.durable ? await reopen() : store;
    expect(await s.tokenByHash(hashToken('secret-party'))).toEqual({ ...party, revokedAt: null });
    expect(await s.tokenByHash(hashToken('secret-admin'))).toEqual({ ...admin, revokedAt: null });
    expect(await s.tokenByHash(hashToken('secret-org'))).toEqual({ ...org, revokedAt: null });
    expect(await s.tokenByHash(hashToken('guess'))).toBeNull();
    expect(await s.tokenByHash('secret-party')).toBeNull();
    expect((await s.tokens()).map((t) => t.hash).sort()).toEqual([party.hash, admin.hash, old.hash, org.hash].sort());
    expect(await s.revokeToken(party.hash, '2026-02-01T00:00:00.000Z')).toBe(true);
    expect(await s.revokeToken(party.hash, '2026-02-02T00:00:00.000Z')).toBe(false);
    expect(await s.revokeToken(hashToken('guess'), '2026-02-02T00:00:00.000Z')).toBe(false);
    expect((await s.tokenByHash(party.hash))?.revokedAt).toBe('2026-02-01T00:00:00.000Z');
    // Only a party token without a family can be given one, once.
    expect(await s.scopeToken(admin.hash, 'deal')).toBe(false);
    expect(await s.scopeToken(party.hash, 'other')).toBe(false);
    expect(await s.scopeToken(org.hash, 'deal')).toBe(false);
    expect(await s.scopeToken(old.hash, 'deal')).toBe(true);
    expect(await s.scopeToken(old.hash, 'other')).toBe(false);
    expect((await s.tokenByHash(old.hash))?.family).toBe('deal');
    const v = await s.verify();
    expect(v.tokens).toBe(4);
    expect(v.tokenDamages).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.tokensHead).toBe(await s.tokensHead());
  });

  it('finds a token added, changed or deleted behind the token log', async () => {
    const h = await fresh();
    await h.store.addToken({
      hash: hashToken('real'),
      family: 'deal',
      party: 'acme',
      admin: false,
      label: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: null,
    });
    const anchor = await h.store.tokensHead();
    await h.insertToken({
      hash: hashToken('planted'),
      family: null,
      party: null,
      admin: true,
      label: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: null,
      revokedAt: null,
    });
    const v = await h.store.verify(new Map([['@tokens', anchor]]));
    expect(v.ok).toBe(false);
    expect(v.tokenDamages).toEqual([{ seq: null, reason: 'token-not-logged', what: hashToken('planted').slice(0, 12) }]);
    // A head that the token log never had is an anchor mismatch.
    const w = await h.store.verify(new Map([['@tokens', 'f'.repeat(64)]]));
    expect(w.tokenDamages.map((d) => d.reason)).toContain('anchor-mismatch');
  });

  it('chains versions: an edited text, a deleted version and a removed last version are found', async () => {
    const h = await fresh();
    for (const f of ['v1.pacte.md', 'v2.pacte.md', 'v3.pacte.md']) await h.store.putVersion('fam', f, `# ${f}\n`);
    await h.store.append(req('fam', [ev('a')]));
    expect((await h.store.verify()).families[0]).toMatchObject({ ok: true, versions: 3 });
    await h.tamperVersion('fam', 'v1.pacte.md', { source: '# edited\n' });
    await h.tamperVersion('fam', 'v3.pacte.md', 'delete');
    const v = await h.store.verify();
    expect(v.ok).toBe(false);
    expect(v.families[0]!.damages).toEqual([
      { seq: 1, reason: 'version-mismatch', what: 'v1.pacte.md' },
      { seq: 3, reason: 'versions-head-mismatch' },
    ]);
  });

  it('reports every damage of a ledger, not only the first, and checks published heads', async () => {
    const h = await fresh();
    await h.store.putVersion('fam', 'v1.pacte.md', '# v1\n');
    await h.store.append(req('fam', [ev('a'), ev('b'), ev('c')]));
    const published = (await h.store.head('fam')).head;
    await h.store.append(req('fam', [ev('d'), ev('e')]));
    // Any head the family had is still found (a ledger grows after its head is published).
    expect((await h.store.verify(new Map([['fam', published]]))).ok).toBe(true);
    expect((await h.store.verify(new Map([['fam', 'a'.repeat(64)]]))).families[0]!.damages).toEqual([
      { seq: null, reason: 'anchor-mismatch', what: 'a'.repeat(64) },
    ]);
    await h.tamper('fam', 2, { body: ev('b', { amount: 'USD 1' }).body });
    await h.tamper('fam', 4, { body: ev('d', { amount: 'USD 2' }).body });
    const v = await h.store.verify();
    expect(v.families[0]!.damages).toEqual([
      { seq: 2, reason: 'hash-mismatch' },
      { seq: 4, reason: 'hash-mismatch' },
    ]);
    // Re-hashing the whole chain from row 2 on (and its head) passes the chain check, but not the published head.
    const rows = await h.store.events('fam', 0, 10);
    let prev = rows[0]!.hash;
    for (const r of rows.slice(1)) {
      prev = chainHash(prev, r.body, r.salt);
      await h.tamper('fam', r.seq, { hash: prev });
    }
    await h.tamperHead('fam', prev);
    expect((await h.store.verify()).ok).toBe(true);
    const anchored = await h.store.verify(new Map([['fam', published]]));
    expect(anchored.ok).toBe(false);
    expect(anchored.families[0]!.damages.map((d) => d.reason)).toEqual(['anchor-mismatch']);
  });

  it('refuses ids a database would not keep exactly (NUL, lone surrogates), before anything else', async () => {
    const { store } = await fresh();
    expect(await store.append(req('fam', [ev('ok')]))).toMatchObject({ kind: 'appended' });
    for (const id of ['a\u0000b', '\ud800', 'x\udc00', '\udfff\ud800']) {
      expect(
        await store.append(
          req('fam', [{ id, body: canonicalEvent({ id, type: 'payment', date: '2026-01-15', actor: 'acme', data: {} }) }]),
        ),
      ).toEqual({ kind: 'invalid-id', id });
    }
    // A well-formed pair is an ordinary id.
    expect((await store.append(req('fam', [ev('\ud83d\ude00')]))).kind).toBe('appended');
    expect(await store.lastSeq('fam')).toBe(2);
    expect((await store.verify()).ok).toBe(true);
  });
});
