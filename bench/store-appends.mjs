#!/usr/bin/env node
/**
 * Durable appends on SQLite (`synchronous=FULL`, WAL), in process: raw better-sqlite3 single-row commits (one
 * INSERT per transaction, the best a store without group commit can do) against the store's grouped appends with
 * 32 concurrent callers (each awaits its acknowledgement before sending the next event). Then checks that every
 * acknowledged event is there exactly once and the chain is valid. Build first (`npm run build`): imports dist/.
 *   node bench/store-appends.mjs [--quick] [--callers 32] [--seconds 5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalEvent } from '../dist/store/chain.js';
import { openStore } from '../dist/store/open.js';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const quick = args.includes('--quick');
const seconds = opt('seconds', quick ? 2 : 5);
const callers = opt('callers', 32);
const dir = mkdtempSync(join(tmpdir(), 'pacte-bench-appends-'));

const body = (i) => canonicalEvent({ id: `e${i}`, type: 'payment', date: '2026-01-15', actor: 'acme', data: { amount: `USD ${i}.50`, recipient: 'globex' } });

function raw() {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE events (family TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (family, seq))');
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

async function grouped() {
  const store = await openStore(`sqlite:${join(dir, 'store.db')}`);
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
        const r = await store.append({ family: 'fam', events: [{ id: `e${i}`, body: body(i) }], idempotencyKey: `k${i}`, expectedSeq: null });
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
  await store.close();
  latencies.sort((a, b) => a - b);
  return { appends: acked.length, perSecond: acked.length / s, p99ms: latencies[Math.floor(latencies.length * 0.99)] ?? 0, lost, extra: rows.length - acked.length, chainOk: verify.ok };
}

try {
  const r = raw();
  const g = await grouped();
  console.log(`raw better-sqlite3 single-row commits (synchronous=FULL, WAL): ${r.perSecond.toFixed(0)}/s (${r.commits} in ${seconds} s)`);
  console.log(`store grouped appends, ${callers} concurrent callers: ${g.perSecond.toFixed(0)}/s (${g.appends} acknowledged, p99 ${g.p99ms.toFixed(1)} ms)`);
  console.log(`ratio: ${(g.perSecond / r.perSecond).toFixed(2)}x; lost ${g.lost}, extra ${g.extra}, chain ${g.chainOk ? 'valid' : 'BROKEN'}`);
  if (g.lost !== 0 || g.extra !== 0 || !g.chainOk) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
