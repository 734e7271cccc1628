#!/usr/bin/env node
/**
 * Durable appends on SQLite (`synchronous=FULL`, WAL), in process: raw better-sqlite3 single-row commits (one
 * INSERT per transaction, the best a store without group commit can do) against the store's grouped appends with
 * 32 concurrent callers (each awaits its acknowledgement before sending the next event). Then checks that every
 * acknowledged event is there exactly once and the chain is valid. Build first (`npm run build`): imports dist/.
 * With `--pg <url>` (a server where it may create a database), the same on PostgreSQL: raw single-row INSERT
 * commits (pg, one connection) against the store's grouped appends.
 *   node bench/store-appends.mjs [--quick] [--callers 32] [--seconds 5] [--pg postgres://postgres@127.0.0.1:5432/postgres]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { canonicalEvent } from '../dist/store/chain.js';
import { openStore } from '../dist/store/open/open-store.js';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const quick = args.includes('--quick');
const seconds = opt('seconds', quick ? 2 : 5);
const callers = opt('callers', 32);
const pgIndex = args.indexOf('--pg');
const pgBase = pgIndex >= 0 ? args[pgIndex + 1] : undefined;
const dir = mkdtempSync(join(tmpdir(), 'pacte-bench-appends-'));

const body = (i) =>
  canonicalEvent({ id: `e${i}`, type: 'payment', date: '2026-01-15', actor: 'acme', data: { amount: `USD ${i}.50`, recipient: 'globex' } });

function raw() {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE events (family TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (family, seq))',
  );
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?)');
  let n = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    n += 1;
    insert.run('fam', n, `e${n}`, body(n));
  }
  const s = (performance.now() - start) / 1000;
  db.close();
  return { commits: n, perSecond: n / s };
}

async function rawPg(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(
    'CREATE TABLE raw_events (family TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (family, seq))',
  );
  let n = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    n += 1;
    await c.query('INSERT INTO raw_events VALUES ($1, $2, $3, $4)', ['fam', n, `e${n}`, body(n)]);
  }
  const s = (performance.now() - start) / 1000;
  await c.end();
  return { commits: n, perSecond: n / s };
}

async function grouped(url) {
  const store = await openStore(url);
  const acked = [];
  const latencies = [];
  let next = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < end) {
        const i = ++next;
        const t0 = performance.now();
        const r = await store.append({
          family: 'fam',
          events: [{ id: `e${i}`, body: body(i) }],
          idempotencyKey: `k${i}`,
          expectedSeq: null,
        });
        if (r.kind !== 'appended') throw new Error(`append ${i}: ${r.kind}`);
        latencies.push(performance.now() - t0);
        acked.push(`e${i}`);
      }
    }),
  );
  const s = (performance.now() - start) / 1000;
  // Every acknowledged event present exactly once, and the chain valid.
  const rows = await store.events('fam', 0, acked.length + 10);
  const ids = new Set(rows.map((r) => r.id));
  const lost = acked.filter((id) => !ids.has(id)).length;
  const verify = await store.verify();
  const stats = store.groupStats();
  await store.close();
  latencies.sort((a, b) => a - b);
  return {
    appends: acked.length,
    perSecond: acked.length / s,
    p99ms: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
    lost,
    extra: rows.length - acked.length,
    chainOk: verify.ok,
    perGroup: stats.requests / stats.groups,
  };
}

function report(name, r, g) {
  console.log(`${name}: raw single-row commits ${r.perSecond.toFixed(0)}/s (${r.commits} in ${seconds} s)`);
  console.log(
    `${name}: store grouped appends, ${callers} concurrent callers: ${g.perSecond.toFixed(0)}/s (${g.appends} acknowledged, p99 ${g.p99ms.toFixed(1)} ms, ${g.perGroup.toFixed(1)} requests per transaction)`,
  );
  console.log(
    `${name}: ratio ${(g.perSecond / r.perSecond).toFixed(2)}x; lost ${g.lost}, extra ${g.extra}, chain ${g.chainOk ? 'valid' : 'BROKEN'}`,
  );
  if (g.lost !== 0 || g.extra !== 0 || !g.chainOk) process.exitCode = 1;
}

try {
  report('sqlite (synchronous=FULL, WAL)', raw(), await grouped(`sqlite:${join(dir, 'store.db')}`));
  if (pgBase) {
    const name = `pacte_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgBase });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const u = new URL(pgBase);
      u.pathname = `/${name}`;
      report('postgres', await rawPg(u.toString()), await grouped(u.toString()));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
