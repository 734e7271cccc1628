#!/usr/bin/env node
/**
 * Item 5 of the benchmarks (issue 8): reads through HTTP.
 *
 * The server (src/server, in its own process: bench/lib/serve.mjs) on an SQLite file holding the flagship
 * (examples/openai-microsoft, loaded with `pacte load`), 16 clients asking `GET /api/families/openai-microsoft/
 * state?asOf=<date>` at random dates of its ledger, as fast as they are answered; against a bare hono route in the
 * same server (`GET /api/bare`, behind the same token check, answering `{"ok":true}`). The two take turns, twice.
 *
 * node bench/reads.mjs [--quick]   (needs `npm run build`)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { emit, fmt, log, median, quantile, QUICK, ROOT, rng } from './lib/common.mjs';
import { closedLoop, pacte, startServer, stopServer } from './lib/http.mjs';

const CLIENTS = 16;
const SECONDS = QUICK ? 1.5 : 8;
const FAMILY = 'openai-microsoft';

mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
const work = mkdtempSync(join(ROOT, 'bench', 'out', 'reads-'));
try {
  const db = `sqlite:${join(work, 'pacte.db')}`;
  await pacte(['load', join(ROOT, 'examples', FAMILY), '--db', db]);
  const token = (await pacte(['token', 'add', '--family', 'openai-microsoft', '--party', 'microsoft', '--db', db]))
    .trim()
    .split('\n')[0]
    .trim();
  const { url, child } = await startServer(db);
  try {
    const random = rng(20250104);
    const first = Date.UTC(2019, 0, 1);
    const days = Math.floor((Date.UTC(2026, 11, 31) - first) / 86_400_000);
    const dates = Array.from({ length: 1000 }, () => new Date(first + random.int(0, days) * 86_400_000).toISOString().slice(0, 10));
    const headers = { authorization: `Bearer ${token}` };
    let bad = 0;
    let sample = '';
    const check = (_c, _k, r) => {
      if (r.status === 200) return;
      bad++;
      if (!sample) sample = `${r.status} ${r.body.slice(0, 300)}`;
    };
    const state = () =>
      closedLoop({
        clients: CLIENTS,
        seconds: SECONDS,
        next: (c, k) => ({ url: `${url}/api/families/${FAMILY}/state?asOf=${dates[(c * 7919 + k) % dates.length]}`, headers }),
        done: check,
      });
    const bare = () => closedLoop({ clients: CLIENTS, seconds: SECONDS, next: () => ({ url: `${url}/api/bare`, headers }), done: check });
    // Warm-up (the family's evaluator and its checkpoints are built on the first query), then two turns each.
    await closedLoop({
      clients: CLIENTS,
      seconds: 1,
      next: (_c, k) => ({ url: `${url}/api/families/${FAMILY}/state?asOf=${dates[k % dates.length]}`, headers }),
      done: check,
    });
    const runs = { state: [], bare: [] };
    for (let r = 0; r < 2; r++) {
      runs.state.push(await state());
      runs.bare.push(await bare());
    }
    if (bad > 0) throw new Error(`${bad} requests were not answered 200: ${sample}`);
    const rate = (xs) => Math.max(...xs.map((x) => x.count / (x.elapsed / 1000)));
    const lat = (xs) => xs.flatMap((x) => x.latencies);
    log(
      `  state?asOf: ${fmt(rate(runs.state))} req/s, median ${fmt(median(lat(runs.state)), 2)} ms; bare route: ${fmt(rate(runs.bare))} req/s`,
    );
    emit({
      id: 'reads',
      title: `GET …/state?asOf= on the flagship through HTTP, ${CLIENTS} clients`,
      figure: rate(runs.state),
      unit: 'requests/s',
      comparator: { name: 'a bare hono route in the same server (same token check)', figure: rate(runs.bare), unit: 'requests/s' },
      target: 0.3,
      notes: `best of 2 turns of ${SECONDS} s; p99 ${fmt(quantile(lat(runs.state), 0.99), 1)} ms vs ${fmt(quantile(lat(runs.bare), 0.99), 1)} ms`,
    });
  } finally {
    await stopServer(child);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
