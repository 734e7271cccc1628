/**
 * SQLite durability: the store's pragmas are the promised ones, and a process killed with SIGKILL in the middle of
 * grouped appends loses none of the appends it acknowledged (each present exactly once, the chain valid).
 * The child imports dist/ (`npm test` builds first).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open/open-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'pacte-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite store durability', () => {
  it('runs with WAL, synchronous=FULL and a busy timeout', async () => {
    const store = openSqliteStore(join(dir, 'pragmas.db'));
    await store.migrate();
    const one = async (q: string): Promise<unknown> => Object.values((await sql.raw(q).execute(store.db)).rows[0] as object)[0];
    expect(await one('PRAGMA journal_mode')).toBe('wal');
    expect(await one('PRAGMA synchronous')).toBe(2); // FULL
    expect(Number(await one('PRAGMA busy_timeout'))).toBeGreaterThan(0);
    await store.close();
  });

  it('opens a new file from several stores and processes at once: one migration, every append kept', async () => {
    const inProcess = `sqlite:${join(dir, 'open-race-1.db')}`;
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(inProcess)));
    for (const s of stores) await s.close();
    const url = `sqlite:${join(dir, 'open-race-2.db')}`;
    const children = Array.from({ length: 4 }, () =>
      spawn(process.execPath, [join(import.meta.dirname, 'store', 'open-child.mjs'), url], { stdio: ['ignore', 'ignore', 'pipe'] }),
    );
    const codes = await Promise.all(
      children.map(
        (c) =>
          new Promise<{ code: number | null; err: string }>((resolve) => {
            let err = '';
            c.stderr!.on('data', (d: Buffer) => (err += d.toString()));
            c.on('exit', (code) => resolve({ code, err }));
          }),
      ),
    );
    expect(codes).toEqual(Array.from({ length: 4 }, () => ({ code: 0, err: '' })));
    const store = await openStore(url);
    expect(await store.lastSeq('fam')).toBe(4);
    expect((await store.verify()).ok).toBe(true);
    await store.close();
  });

  it('keeps every acknowledged append after kill -9, exactly once, with a valid chain', async () => {
    const url = `sqlite:${join(dir, 'crash.db')}`;
    const child = spawn(process.execPath, [join(import.meta.dirname, 'store', 'append-child.mjs'), url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    let buf = '';
    const enough = new Promise<void>((resolve, reject) => {
      // Kill at a moment that depends on timing: after a random number of acknowledgements.
      const target = 300 + Math.floor(Math.random() * 1500);
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const lines = buf.split('\n');
        buf = lines.pop() ?? '';
        for (const l of lines) if (l.startsWith('ack ')) acked.push(l.slice(4));
        if (acked.length >= target) resolve();
      });
      child.on('exit', (code) => reject(new Error(`child ended (${code}) before the kill: ${err}`)));
    });
    await enough;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const store = await openStore(url);
    const rows = await store.events('fam', 0, 1_000_000);
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const present = new Set(ids);
    expect(acked.filter((id) => !present.has(id))).toEqual([]);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect((await store.verify()).ok).toBe(true);
    await store.close();
  });
});
