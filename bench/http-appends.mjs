#!/usr/bin/env node
/**
 * Durable appends through HTTP against raw better-sqlite3, in one run (the server helper's version; the bench
 * helper's `npm run bench` integrates its own).
 *
 *   npm run build && node bench/http-appends.mjs [--events 4000] [--clients 32]
 *
 * 1. The server (dist/, createApp + listen) runs in a child process on a fresh SQLite file (WAL, synchronous=FULL,
 *    group commit); 32 concurrent clients POST events (each waits for its 201 before sending the next) and record
 *    every acknowledged id. Reported: acknowledged appends per second, p50/p99 latency.
 * 2. Raw better-sqlite3 on another fresh file, same pragmas: one INSERT per transaction (single-row commits) of rows
 *    of the same size, one after another. Reported: commits per second.
 * 3. Check: every acknowledged id is in the store exactly once, and `verify()` finds the hash chain intact.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = join(ROOT, 'tests', 'fixtures', 'server-consortium');
const FAMILY = 'server-consortium';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function serverChild() {
  const { createApp } = await import('../dist/server/app.js');
  const { listen } = await import('../dist/server/listen.js');
  const { openStore } = await import('../dist/store/open/open-store.js');
  const { generateToken, hashToken } = await import('../dist/store/tokens.js');
  const store = await openStore(`sqlite:${process.env.BENCH_DB}`);
  for (const f of ['v1-supply.pacte.md', 'v2-amendment.pacte.md'])
    await store.putVersion(FAMILY, f, readFileSync(join(FIXTURE, f), 'utf8'));
  const token = generateToken();
  await store.addToken({
    hash: hashToken(token),
    family: null,
    party: null,
    admin: true,
    label: 'bench',
    createdAt: new Date().toISOString(),
    expiresAt: null,
  });
  const running = await listen(createApp({ store, webDir: null }), store, '127.0.0.1', 0);
  process.send({ url: running.url, token });
  process.on('message', async (m) => {
    if (m === 'stop') {
      process.send({ stats: typeof store.groupStats === 'function' ? store.groupStats() : null });
      await running.close();
      process.exit(0);
    }
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function httpRun(dir, total, clients) {
  const child = fork(fileURLToPath(import.meta.url), ['--child'], {
    execArgv: process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROF] : [],
    env: { ...process.env, BENCH_DB: join(dir, 'http.db') },
  });
  const { url, token } = await new Promise((resolve) => child.once('message', resolve));
  const acked = [];
  const latencies = [];
  let next = 0;
  const body = (i) =>
    JSON.stringify({ id: `bench-${i}`, type: 'invoice', date: '2025-05-01', actor: 'alice', data: { amount: `EUR ${1000 + i}.25` } });
  // Warm up (JIT, caches) outside the timed part.
  for (let i = 0; i < 50; i++)
    await fetch(`${url}/api/families/${FAMILY}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: `warm-${i}`, type: 'audit', date: '2025-05-01', actor: 'carol', data: { finding: 'x' } }),
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t0 = performance.now();
        const r = await fetch(`${url}/api/families/${FAMILY}/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: body(i),
        });
        await r.arrayBuffer();
        if (r.status !== 201) throw new Error(`append ${i}: ${r.status}`);
        latencies.push(performance.now() - t0);
        acked.push(`bench-${i}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  child.send('stop');
  const { stats } = await new Promise((resolve) => child.once('message', resolve));
  await new Promise((r) => child.once('exit', r));
  latencies.sort((a, b) => a - b);
  return { acked, seconds, stats, rate: acked.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function rawRun(dir, total) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE events (family TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (family, seq))',
  );
  const insert = db.prepare('INSERT INTO events (family, seq, id, body, hash) VALUES (?, ?, ?, ?, ?)');
  const one = db.transaction((i) =>
    insert.run(
      FAMILY,
      i + 1,
      `bench-${i}`,
      `{"id":"bench-${i}","type":"invoice","date":"2025-05-01","actor":"alice","data":{"amount":"EUR ${1000 + i}.25"}}`,
      'f'.repeat(64),
    ),
  );
  const started = performance.now();
  for (let i = 0; i < total; i++) one(i);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { seconds, rate: total / seconds };
}

async function check(dir, acked) {
  const { openStore } = await import('../dist/store/open/open-store.js');
  const store = await openStore(`sqlite:${join(dir, 'http.db')}`);
  const seen = new Map();
  for (let after = 0; ; ) {
    const page = await store.events(FAMILY, after, 1000);
    for (const r of page) seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
    if (page.length < 1000) break;
    after = page[page.length - 1].seq;
  }
  const lost = acked.filter((id) => seen.get(id) !== 1);
  const report = await store.verify();
  await store.close();
  return { lost: lost.length, chainOk: report.ok };
}

async function main() {
  const total = arg('events', 4000);
  const clients = arg('clients', 32);
  const dir = mkdtempSync(join(tmpdir(), 'pacte-http-appends-'));
  try {
    const http = await httpRun(dir, total, clients);
    const raw = await rawRun(dir, total);
    const c = await check(dir, http.acked);
    const fmt = (x) => x.toFixed(0);
    process.stdout.write(
      [
        `machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}, load average ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')}`,
        `HTTP appends (SQLite WAL, synchronous=FULL, group commit), ${clients} concurrent clients, ${total} events: ${fmt(http.rate)} acknowledged/s (p50 ${http.p50.toFixed(1)} ms, p99 ${http.p99.toFixed(1)} ms)`,
        http.stats
          ? `group commit: ${http.stats.requests} appends in ${http.stats.groups} transactions (${(http.stats.requests / Math.max(1, http.stats.groups)).toFixed(1)} per commit)`
          : 'group commit: no statistics from the store',
        `raw better-sqlite3 single-row commits (WAL, synchronous=FULL), ${total} rows: ${fmt(raw.rate)} commits/s`,
        `ratio HTTP / raw: ${(http.rate / raw.rate).toFixed(2)}×`,
        `check: ${c.lost} acknowledged event(s) missing or duplicated; hash chain ${c.chainOk ? 'valid' : 'INVALID'}`,
        '',
      ].join('\n'),
    );
    if (c.lost > 0 || !c.chainOk) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--child')) await serverChild();
else await main();
