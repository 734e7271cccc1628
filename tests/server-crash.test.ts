/**
 * Crash: `pacte serve` on SQLite as a child process, concurrent clients appending and recording every acknowledged
 * id, SIGKILL at a random moment, a restart on the same file: every acknowledged event is there exactly once, a retry
 * of each unacknowledged request with its Idempotency-Key lands it exactly once, and `pacte verify` finds the hash
 * chain valid. Then SIGTERM stops the server gracefully (exit 0).
 */
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../src/store/open/open-store.js';
import { addToken, FIXTURES, loadDir } from './server-harness.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'pacte.js');
const F = 'server-consortium';
const dir = mkdtempSync(join(tmpdir(), 'pacte-crash-'));
const db = `sqlite:${join(dir, 'crash.db')}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(): Promise<{ child: ChildProcess; url: string; out: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const t0 = Date.now();
  for (;;) {
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    if (url) return { child, url, out: () => out };
    if (child.exitCode !== null || Date.now() - t0 > 30_000) throw new Error(`pacte serve did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const exited = (c: ChildProcess): Promise<number | null> =>
  c.exitCode !== null || c.signalCode !== null ? Promise.resolve(c.exitCode) : new Promise((r) => c.once('exit', (code) => r(code)));

it('every acknowledged append survives kill -9, exactly once; the chain verifies', async () => {
  const store = await openStore(db);
  await loadDir(store, join(FIXTURES, F), F);
  const token = await addToken(store, null);
  await store.close();
  const headers = (key: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key });
  const event = (id: string) => JSON.stringify({ id, type: 'invoice', date: '2025-05-01', actor: 'alice', data: { amount: 'EUR 12.30' } });

  const first = await start();
  const acked = new Set<string>();
  const attempted = new Set<string>();
  let stop = false;
  const client = async (c: number): Promise<void> => {
    for (let i = 0; !stop; i++) {
      const id = `crash-${c}-${i}`;
      attempted.add(id);
      try {
        const r = await fetch(`${first.url}/api/families/${F}/events`, { method: 'POST', headers: headers(id), body: event(id) });
        if (r.status === 201) acked.add(id);
        else throw new Error(`unexpected ${r.status}: ${await r.text()}`);
      } catch (e) {
        if (e instanceof Error && e.message.startsWith('unexpected')) throw e;
        return; // the server is gone
      }
    }
  };
  const clients = Array.from({ length: 8 }, (_, c) => client(c));
  // A random moment once appends are flowing (the first acknowledgements, then 0 to 700 ms more).
  const t0 = Date.now();
  while (acked.size < 3 && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 5));
  const delay = Math.floor(Math.random() * 700);
  await new Promise((r) => setTimeout(r, delay));
  first.child.kill('SIGKILL');
  stop = true;
  await Promise.all(clients);
  await exited(first.child);
  expect(acked.size, `acknowledged before kill -9, ${delay} ms after the third`).toBeGreaterThan(0);

  const second = await start();
  const count = new Map<string, number>();
  for (let after = 0; ; ) {
    const r = await fetch(`${second.url}/api/families/${F}/events?after=${after}&limit=1000`, { headers: headers('-') });
    const page = (await r.json()) as { events: { id: string }[]; next: number | null };
    for (const e of page.events) count.set(e.id, (count.get(e.id) ?? 0) + 1);
    if (page.next === null) break;
    after = page.next;
  }
  for (const id of acked) expect(count.get(id), id).toBe(1);
  for (const [id, n] of count) expect(n, id).toBe(1);
  // Retrying each unacknowledged request with its key: 200 if it had been written before the kill, else 201.
  for (const id of attempted) {
    if (acked.has(id)) continue;
    const r = await fetch(`${second.url}/api/families/${F}/events`, { method: 'POST', headers: headers(id), body: event(id) });
    expect(r.status).toBe(count.has(id) ? 200 : 201);
  }
  second.child.kill('SIGTERM');
  expect(await exited(second.child)).toBe(0);

  const verify = spawnSync(process.execPath, [BIN, 'verify', '--db', db, '--json'], { encoding: 'utf8' });
  expect(verify.status, verify.stderr).toBe(0);
  const report = JSON.parse(verify.stdout) as { ok: boolean; families: { family: string; events: number }[] };
  expect(report.ok).toBe(true);
  expect(report.families.find((f) => f.family === F)?.events).toBe(3 + attempted.size);
});
