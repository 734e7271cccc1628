/**
 * Finding 3, existing stores: events stored before salts existed keep `hash = sha256(previous + body)`, so the hashes
 * carol sees around the payment hidden from her would still confirm a guess of it. Until an admin re-chains, the
 * server withholds such hashes (null in event pages) and `pacte serve` and `pacte verify` say how many events are
 * unsalted and what to run; `pacte rechain` salts them and recomputes the chain (recorded), after which carol's hashes
 * come back — from the same running server — and confirm nothing, `pacte verify` is clean, and the head published
 * before the re-chaining is reported as replaced (when, by which head), not as a rewritten chain.
 * The store is an SQLite file written as schema 0001 left it, opened (migrated) as an upgraded server would.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open/open-store.js';
import { addToken, call, startServer } from '../server-harness.js';
import { pacte, ROOT, STACK } from './cli.js';
import { confirmed, guesses } from './brute-force.js';
import { OLD_FAMILY as F, writeOldStore } from './old-store.js';

const work = mkdtempSync(join(tmpdir(), 'pacte-sec3r-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Page {
  events: { seq: number; hash: string | null; event: unknown }[];
}

/** What `pacte serve` prints before it listens (stdout and stderr), then stops it. */
async function serveStartup(db: string): Promise<string> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'pacte.js'), 'serve', '--db', db, '--port', '0', '--workers', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PACTE_LANG: 'en' },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const t0 = Date.now();
  while (!out.includes('pacte serve: http')) {
    if (child.exitCode !== null || Date.now() - t0 > 30_000) throw new Error(`pacte serve did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return out;
}

describe('finding 3: events stored before salts are withheld, then re-chained', () => {
  it('the old hashes would confirm the hidden payment; the server withholds them; after pacte rechain none confirms', async () => {
    const file = join(work, 'old.db');
    writeOldStore(file);
    const db = `sqlite:${file}`;
    const store = await openStore(db);
    const carol = await addToken(store, 'carol', F);
    const alice = await addToken(store, 'alice', F);
    const oldHead = (await store.head(F)).head;
    const all = guesses();

    // The stored hashes, as the server sent them before this fix: they confirm the true payment (first guess).
    const stored = await store.events(F, 0, 10);
    expect(stored.map((r) => r.salt)).toEqual(['', '', '']);
    expect(confirmed(stored[0]!.hash, stored[2]!.body, stored[2]!.hash, all)).toEqual([all[0]]);

    const server = await startServer(store);
    try {
      // Carol sees seq 1 and 3: the hash of 3 would expose 2, so it is withheld; alice sees everything, hashes included.
      const before = (await call(`${server.url}/api/families/${F}/events`, carol)).body as Page;
      expect(before.events.map((e) => [e.seq, e.hash])).toEqual([
        [1, stored[0]!.hash],
        [3, null],
      ]);
      const full = (await call(`${server.url}/api/families/${F}/events`, alice)).body as Page;
      expect(full.events.map((e) => e.hash)).toEqual(stored.map((r) => r.hash));

      const startup = await serveStartup(db);
      expect(startup).toContain(`3 event(s) of ${F} were stored before salts existed`);
      expect(startup).toContain(`run pacte rechain --db ${db}`);
      const warned = pacte(['verify', '--db', db]);
      expect(warned.code).toBe(0);
      expect(warned.err).toContain(`${F}: 3 event(s) stored before salts existed`);

      // The re-chaining, by the CLI in its own process, while the server runs.
      const run = pacte(['rechain', '--db', db]);
      expect(run.err).not.toMatch(STACK);
      expect(run.code).toBe(0);
      const newHead = (await store.head(F)).head;
      expect(newHead).not.toBe(oldHead);
      expect(run.out).toContain(`${F}: 3 of 3 event(s) salted and the chain recomputed; head ${oldHead} replaced by ${newHead}`);

      // The same server notices it: carol gets both hashes again, the new ones, and they confirm nothing.
      const rows = await store.events(F, 0, 10);
      expect(rows.every((r) => /^[0-9a-f]{32}$/.test(r.salt))).toBe(true);
      expect(rows.map((r) => [r.seq, r.id, r.body])).toEqual(stored.map((r) => [r.seq, r.id, r.body]));
      const after = (await call(`${server.url}/api/families/${F}/events`, carol)).body as Page;
      expect(after.events.map((e) => [e.seq, e.hash])).toEqual([
        [1, rows[0]!.hash],
        [3, rows[2]!.hash],
      ]);
      expect(confirmed(after.events[0]!.hash!, rows[2]!.body, after.events[1]!.hash!, all)).toEqual([]);
      for (const r of rows) expect((await call(`${server.url}/api/families/${F}/events`, carol)).text).not.toContain(r.salt);
    } finally {
      await server.close();
    }

    // verify is clean; the head published before is reported as replaced by the recorded re-chaining.
    const published = pacte(['head', F, '--db', db]).out.trim();
    const newHead = published.split('\n')[0]!.split('=')[1]!;
    const clean = pacte(['verify', '--db', db]);
    expect(clean.code).toBe(0);
    expect(clean.err).toBe('');
    const anchored = pacte(['verify', '--db', db, '--expect-head', `${F}=${oldHead}`]);
    expect(anchored.code).toBe(0);
    expect(anchored.out).toMatch(
      new RegExp(
        `${F}: the published head ${oldHead} was replaced by a recorded re-chaining on \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\(3 event\\(s\\) salted\\); the same versions and events now have head ${newHead}`,
      ),
    );
    const json = JSON.parse(pacte(['verify', '--db', db, '--json', '--expect-head', `${F}=${oldHead}`]).out) as {
      families: { replaced?: { oldHead: string; newHead: string } }[];
    };
    expect(json.families[0]!.replaced).toMatchObject({ oldHead, newHead });
    expect(pacte(['verify', '--db', db, '--expect-head', `${F}=${'b'.repeat(64)}`]).code).toBe(1);
    // Idempotent: a second run salts nothing, in English and in French.
    const again = pacte(['rechain', F, '--db', db]);
    expect([again.code, again.out.trim()]).toEqual([0, `${F}: every event is salted, nothing to re-chain`]);
    expect(pacte(['rechain', F, '--db', db, '--lang', 'fr']).out.trim()).toBe(`${F} : chaque événement est salé, rien à rechaîner`);
    expect(pacte(['head', F, '--db', db]).out.trim()).toBe(published);
    expect(pacte(['rechain', 'nope', '--db', db]).err).toContain(`no stored family nope; families: ${F}`);
  });
});
