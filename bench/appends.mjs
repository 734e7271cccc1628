#!/usr/bin/env node
/**
 * Item 4 of the benchmarks (issue 8): durable appends through HTTP.
 *
 * The server (src/server, in its own process: bench/lib/serve.mjs) on an SQLite file (WAL, synchronous=FULL, group
 * commit: src/store/sqlite), 32 clients appending events with `POST /api/families/{family}/events` as fast as they are
 * acknowledged; acknowledged appends per second and p99 latency. Then the server is killed (SIGKILL, no goodbye) and
 * the database reopened: every acknowledged event must be there, with its sequence number and a valid hash chain.
 * The comparator, in the same run: raw better-sqlite3 on a file of the same disk, WAL, synchronous=FULL, one row per
 * commit, from one process as fast as it goes.
 *
 * Then the same on PostgreSQL (127.0.0.1:5432, a database `pacte_bench` made for the purpose), against multi-row
 * inserts with `pg` (32 rows per INSERT, one commit each).
 *
 * node bench/appends.mjs [--quick]   (needs `npm run build`)
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { emit, fmt, log, now, quantile, QUICK, ROOT } from './lib/common.mjs';
import { closedLoop, pacte, startServer, stopServer } from './lib/http.mjs';
import { storedIds } from './lib/stored.mjs';

const require = createRequire(join(ROOT, 'package.json'));
const Database = require('better-sqlite3');
const pg = require('pg');
const { openStore } = await import(join(ROOT, 'dist/store/open/open-store.js'));

const CLIENTS = 32;
const SECONDS = QUICK ? 2 : 10;
const FAMILY = 'installment-sale';
const PG_URL = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/pacte_bench';

// On the repository's disk (bench/out/ is ignored by git), not in a tmpfs: fsync must mean something.
mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
const work = mkdtempSync(join(ROOT, 'bench', 'out', 'appends-'));
const familyDir = join(work, FAMILY);
mkdirSync(familyDir);
copyFileSync(join(ROOT, 'bench', 'cicero', 'installment-sale.pacte.md'), join(familyDir, 'installment-sale.pacte.md'));

const body = (id) => JSON.stringify({ id, type: 'installment', date: '2024-03-01', actor: 'buyer', data: { amount: 'EUR 500.00' } });

async function httpAppends(dbUrl, label) {
  await pacte(['load', familyDir, '--db', dbUrl]);
  const token = (await pacte(['token', 'add', '--family', FAMILY, '--party', 'buyer', '--db', dbUrl])).trim().split('\n')[0].trim();
  const { url, child } = await startServer(dbUrl);
  const acknowledged = [];
  const refused = new Map();
  // Warm-up: one append per client.
  await closedLoop({
    clients: CLIENTS,
    seconds: 0.5,
    next: (c, k) => ({
      url: `${url}/api/families/${FAMILY}/events`,
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: body(`w-${c}-${k}`),
    }),
    done: (c, k, r) => r.status === 201 && acknowledged.push(`w-${c}-${k}`),
  });
  const run = await closedLoop({
    clients: CLIENTS,
    seconds: SECONDS,
    next: (c, k) => ({
      url: `${url}/api/families/${FAMILY}/events`,
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: body(`e-${c}-${k}`),
    }),
    done: (c, k, r) => {
      if (r.status === 201) acknowledged.push(`e-${c}-${k}`);
      else refused.set(r.status, (refused.get(r.status) ?? 0) + 1);
    },
  });
  // No goodbye: the process is killed, then the database is read by a new store.
  await stopServer(child, 'SIGKILL');
  const store = await openStore(dbUrl);
  const stored = await storedIds(store, FAMILY);
  const report = await store.verify();
  await store.close();
  const lost = acknowledged.filter((id) => !stored.has(id)).length;
  const chainOk = report.families.every((f) => f.ok);
  const acked = run.latencies.length - [...refused.values()].reduce((a, b) => a + b, 0);
  log(
    `  ${label}: ${fmt(acked)} appends acknowledged in ${fmt(run.elapsed / 1000, 1)} s; refused ${JSON.stringify(Object.fromEntries(refused))}; after SIGKILL: ${fmt(stored.size)} stored, ${lost} acknowledged missing, chain ${chainOk ? 'valid' : 'BROKEN'}`,
  );
  if (refused.size > 0) throw new Error(`${label}: appends refused: ${JSON.stringify(Object.fromEntries(refused))}`);
  if (lost > 0 || !chainOk) throw new Error(`${label}: ${lost} acknowledged events lost, chain ${chainOk ? 'valid' : 'broken'}`);
  return {
    rate: acked / (run.elapsed / 1000),
    p99: quantile(run.latencies, 0.99),
    median: quantile(run.latencies, 0.5),
    acked,
    lost,
    stored: stored.size,
  };
}

// ---------------------------------------------------------------- SQLite

const sqlite = await httpAppends(`sqlite:${join(work, 'pacte.db')}`, 'HTTP, SQLite');

function rawSqlite() {
  const db = new Database(join(work, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, body TEXT NOT NULL, hash TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO events (id, body, hash) VALUES (?, ?, ?)');
  const lat = [];
  let prev = '0'.repeat(64);
  const t0 = now();
  const until = t0 + SECONDS * 1000;
  for (let k = 0; now() < until; k++) {
    const t = now();
    const b = body(`r-${k}`);
    prev = createHash('sha256').update(prev).update(b).digest('hex');
    insert.run(`r-${k}`, b, prev); // autocommit: one fsynced commit per row
    lat.push(now() - t);
  }
  const elapsed = now() - t0;
  db.close();
  return { rate: lat.length / (elapsed / 1000), p99: quantile(lat, 0.99) };
}
const raw = rawSqlite();
log(`  raw better-sqlite3, one row per commit: ${fmt(raw.rate)} rows/s, p99 ${fmt(raw.p99, 2)} ms`);
emit({
  id: 'appends-sqlite',
  title: `Durable appends through HTTP, ${CLIENTS} clients, SQLite (synchronous=FULL, group commit)`,
  figure: sqlite.rate,
  unit: 'appends/s',
  comparator: { name: 'raw better-sqlite3, one row per commit, synchronous=FULL', figure: raw.rate, unit: 'rows/s' },
  target: 3,
  notes: `p99 ${fmt(sqlite.p99, 1)} ms (median ${fmt(sqlite.median, 1)} ms) vs raw commit p99 ${fmt(raw.p99, 2)} ms; ${fmt(sqlite.acked)} acknowledged, server killed (SIGKILL), ${sqlite.lost} lost, chain valid; ${SECONDS} s`,
  extra: { p99: sqlite.p99, lost: sqlite.lost },
});

// ---------------------------------------------------------------- PostgreSQL

async function ensureDatabase() {
  const admin = new pg.Client({ connectionString: PG_URL.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS pacte_bench');
  await admin.query('CREATE DATABASE pacte_bench');
  await admin.end();
}
let pgDone = false;
try {
  await ensureDatabase();
  const pgHttp = await httpAppends(PG_URL, 'HTTP, PostgreSQL');
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(
    'CREATE TABLE raw_events (seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, body TEXT NOT NULL, hash TEXT NOT NULL)',
  );
  const lat = [];
  let rows = 0;
  let prev = '0'.repeat(64);
  const t0 = now();
  for (let k = 0; now() < t0 + SECONDS * 1000; k++) {
    const params = [];
    const values = [];
    for (let j = 0; j < CLIENTS; j++) {
      const id = `r-${k}-${j}`;
      const b = body(id);
      prev = createHash('sha256').update(prev).update(b).digest('hex');
      params.push(id, b, prev);
      values.push(`($${3 * j + 1}, $${3 * j + 2}, $${3 * j + 3})`);
    }
    const t = now();
    await client.query(`INSERT INTO raw_events (id, body, hash) VALUES ${values.join(', ')}`, params);
    lat.push(now() - t);
    rows += CLIENTS;
  }
  const rawRate = rows / ((now() - t0) / 1000);
  await client.end();
  emit({
    id: 'appends-postgres',
    title: `Durable appends through HTTP, ${CLIENTS} clients, PostgreSQL`,
    figure: pgHttp.rate,
    unit: 'appends/s',
    comparator: { name: `raw pg multi-row INSERTs (${CLIENTS} rows per commit)`, figure: rawRate, unit: 'rows/s' },
    target: null,
    notes: `p99 ${fmt(pgHttp.p99, 1)} ms vs ${fmt(quantile(lat, 0.99), 1)} ms per multi-row commit; ${fmt(pgHttp.acked)} acknowledged, server killed, ${pgHttp.lost} lost`,
    extra: { p99: pgHttp.p99, lost: pgHttp.lost },
  });
  pgDone = true;
} finally {
  rmSync(work, { recursive: true, force: true });
  if (!pgDone) log('  PostgreSQL: not measured (see the error)');
}
