/**
 * Findings 7 and 8, second half: evaluation ran on the server's event loop without a bound, so one long request
 * blocked every other, `/healthz` included. Evaluations now run in worker threads (src/server/evaluator/) with a
 * time budget per request: past it the worker is terminated (the work stops) and replaced, and the request is
 * answered 503 `over-budget` in the request's language; meanwhile `/healthz` and a request on another family are
 * answered at once, and afterwards the server answers as before.
 *
 * The slow input is real work, no sleep hook: a what-if (never cached) over a family whose ledger holds 60,000
 * invoices, each an instance of the payment obligation, which takes several seconds here against a budget of one.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { evaluatorOf } from '../../src/server/deps.js';
import { serverMessages } from '../../src/server/errors.js';
import type { EvaluatorPool } from '../../src/server/evaluator/evaluator-pool.js';
import type { Running } from '../../src/server/listen.js';
import { listen } from '../../src/server/listen.js';
import { canonicalEvent } from '../../src/store/chain.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { Reply } from '../server-harness.js';
import { addToken, call, FIXTURES, loadDir } from '../server-harness.js';
import { pacte, ROOT, STACK } from './cli.js';
import { errorOf, INVOICES } from './harness.js';

const BUDGET_MS = 1000;
const N = 60_000;
const OTHER = 'server-consortium';

interface Setup {
  readonly store: MemoryStore;
  readonly server: Running;
  readonly pool: EvaluatorPool;
  readonly vendor: string;
  readonly alice: string;
}

async function serve(workers: number): Promise<Setup> {
  const store = new MemoryStore();
  await loadDir(store, INVOICES, 'invoices');
  await loadDir(store, join(FIXTURES, OTHER), OTHER);
  const vendor = await addToken(store, 'vendor', 'invoices');
  const alice = await addToken(store, 'alice', OTHER);
  const app = createApp({ store, webDir: null, evaluation: { workers, budgetMs: BUDGET_MS }, onError: () => undefined });
  const server = await listen(app, store, '127.0.0.1', 0);
  return { store, server, pool: evaluatorOf(app)!, vendor, alice };
}

function bigInvoice(i: number): Record<string, unknown> {
  return {
    id: `big-${i}`,
    type: 'invoice',
    date: '2025-03-01',
    actor: 'vendor',
    data: { amount: 'EUR 1', issued: '2025-03-01', terms: `${(i % 900) + 1} days`, note: '' },
  };
}

/**
 * 60,000 invoices, each due on its own day: appended once the workers are warm, so that only the what-if is slow; and
 * read once by the server's thread (a page of events), so that the what-if goes to its worker at once.
 */
async function fillLedger(s: Setup): Promise<void> {
  const store = s.store;
  const events = Array.from({ length: N }, (_, i) => {
    const o = bigInvoice(i);
    return { id: String(o['id']), body: canonicalEvent(o) };
  });
  const r = await store.append({ family: 'invoices', events, idempotencyKey: null, expectedSeq: null });
  expect(r.kind).toBe('appended');
  expect((await call(`${api(s, 'invoices')}/events?limit=1`, s.vendor)).status).toBe(200);
}

const api = (s: Setup, family: string): string => `${s.server.url}/api/families/${family}`;
const slowWhatIf = (s: Setup, lang = 'en'): Promise<Reply> =>
  call(`${api(s, 'invoices')}/what-if`, s.vendor, {
    method: 'POST',
    headers: { 'accept-language': lang },
    body: JSON.stringify({ asOf: '2030-01-01', lang, events: [] }),
  });
const cheapState = (s: Setup, asOf = '2025-06-01'): Promise<Reply> => call(`${api(s, OTHER)}/state?asOf=${asOf}`, s.alice);

async function timed<T>(p: Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await p;
  return { value, ms: performance.now() - t0 };
}

describe('a request past the time budget, with two workers', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await serve(2);
    // Both workers started (two requests at once), each holding one family, before the ledger grows.
    const warm = await Promise.all([call(`${api(s, 'invoices')}/state?asOf=2025-06-01`, s.vendor), cheapState(s)]);
    expect(warm.map((r) => r.status)).toEqual([200, 200]);
    expect(s.pool.threadIds()).toHaveLength(2);
    await fillLedger(s);
  }, 120_000);
  afterAll(async () => s.server.close());

  it('answers 503 with the message, while /healthz and another family answer at once', async () => {
    const before = s.pool.threadIds();
    const slow = timed(slowWhatIf(s));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const health = await timed(fetch(`${s.server.url}/healthz`));
    expect(health.value.status).toBe(200);
    expect(health.ms).toBeLessThan(500);
    const other = await timed(cheapState(s));
    expect(other.value.status).toBe(200);
    expect(other.ms).toBeLessThan(BUDGET_MS);

    const { value: r, ms } = await slow;
    expect(r.status).toBe(503);
    expect(errorOf(r).code).toBe('over-budget');
    expect(errorOf(r).message).toContain(`(${BUDGET_MS} ms)`);
    expect(errorOf(r).message).toContain('pacte serve --budget-ms');
    // Stopped at the budget (plus what the server's thread does first), not when the work would have ended.
    expect(ms).toBeLessThan(BUDGET_MS + 2500);

    // The worker that ran it is gone, another took its place; the other one is still there.
    const after = s.pool.threadIds();
    expect(after).toHaveLength(2);
    expect(after.filter((id) => before.includes(id))).toHaveLength(1);
  });

  it('says it in French', async () => {
    const r = await slowWhatIf(s, 'fr');
    expect(r.status).toBe(503);
    expect(errorOf(r).message).toMatch(/^l'évaluation a pris plus de temps que le serveur n'en accorde/);
  });

  it('keeps answering afterwards', async () => {
    for (let i = 0; i < 3; i++) expect((await cheapState(s)).status).toBe(200);
    const [a, b] = await Promise.all([cheapState(s), cheapState(s)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await fetch(`${s.server.url}/healthz`)).status).toBe(200);
  });
});

describe('a request waiting for the only worker', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await serve(1);
    expect((await cheapState(s)).status).toBe(200);
    await fillLedger(s);
  }, 120_000);
  afterAll(async () => s.server.close());

  it('waits at most the budget, then is told the server is busy; the next one is answered', async () => {
    // Two slow ones hold the worker for a budget each; the cheap one behind them waits one budget, then is told.
    const slow = [slowWhatIf(s)];
    await new Promise((resolve) => setTimeout(resolve, 150));
    slow.push(slowWhatIf(s));
    await new Promise((resolve) => setTimeout(resolve, 150));
    // A date not asked before: an answer already given is sent from the server's answer cache, without a worker.
    const queued = await timed(cheapState(s, '2025-06-02'));
    expect(queued.value.status).toBe(503);
    expect(errorOf(queued.value).code).toBe('over-budget');
    expect(errorOf(queued.value).message).toContain('the server is busy');
    expect(queued.ms).toBeLessThan(BUDGET_MS + 1000);
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([503, 503]);
    expect((await cheapState(s)).status).toBe(200);
  });
});

describe('without workers (--workers 0)', () => {
  it("answers on the server's thread, the same bytes, and starts no thread", async () => {
    const inline = await serve(0);
    const pooled = await serve(2);
    try {
      const a = await cheapState(inline);
      const b = await cheapState(pooled);
      expect(a.status).toBe(200);
      expect(a.text).toBe(b.text);
      expect(inline.pool.threadIds()).toEqual([]);
    } finally {
      await inline.server.close();
      await pooled.server.close();
    }
  });
});

describe('pacte serve --budget-ms (the built command, its compiled worker)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pacte-budget-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a budget or a number of workers out of range, in English and French', () => {
    for (const [args, word] of [
      [['--budget-ms', '5'], '--budget-ms'],
      [['--budget-ms', 'soon'], '--budget-ms'],
      [['--workers', '-1'], '--workers'],
      [['--workers', '1000'], '--workers'],
    ] as const) {
      const en = pacte(['serve', '--db', 'memory:', '--port', '0', ...args]);
      expect(en.code).toBe(2);
      expect(en.err).toContain(`${word} must be`);
      expect(en.err).not.toMatch(STACK);
      const fr = pacte(['serve', '--db', 'memory:', '--port', '0', ...args, '--lang', 'fr']);
      expect(fr.code).toBe(2);
      expect(fr.err).toContain(`\`${word}\` doit être`);
    }
  });

  it('docs/http.md quotes the message as the server says it', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'http.md'), 'utf8').replace(/\s+/g, ' ');
    expect(doc).toContain(JSON.stringify(serverMessages.format('en', 'over-budget', { ms: 5000 })));
    expect(doc).toContain(serverMessages.format('fr', 'over-budget', { ms: 5000 }).slice(0, 110));
  });

  it('answers 503 past the budget given, and a request on another family 200 meanwhile and afterwards', async () => {
    // 30,000 invoices: a what-if over them takes several seconds here (3.7 s in a fresh worker), against 1 s.
    const family = join(dir, 'invoices');
    cpSync(INVOICES, family, { recursive: true });
    const lines = Array.from({ length: 30_000 }, (_, i) => JSON.stringify(bigInvoice(i)));
    writeFileSync(join(family, 'ledger.jsonl'), `${lines.join('\n')}\n`);
    const db = `sqlite:${join(dir, 'pacte.db')}`;
    expect(pacte(['load', family, '--db', db]).code).toBe(0);
    expect(pacte(['load', join(FIXTURES, OTHER), '--db', db]).code).toBe(0);
    const token = pacte(['token', 'add', '--family', 'invoices', '--party', 'vendor', '--db', db]).out.trim().split('\n')[0]!;
    const alice = pacte(['token', 'add', '--family', OTHER, '--party', 'alice', '--db', db]).out.trim().split('\n')[0]!;
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'pacte.js'), 'serve', '--db', db, '--port', '0', '--budget-ms', '1000'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const t0 = Date.now();
      while (!/http:\/\/127\.0\.0\.1:\d+/.test(out)) {
        if (child.exitCode !== null || Date.now() - t0 > 30_000) throw new Error(`pacte serve did not start:\n${out}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      const base = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
      const cheap = (): Promise<Reply> => call(`${base}/api/families/${OTHER}/state?asOf=2025-06-01`, alice);
      expect((await cheap()).status).toBe(200);
      const slow = call(`${base}/api/families/invoices/what-if`, token, {
        method: 'POST',
        body: JSON.stringify({ asOf: '2030-01-01', events: [] }),
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await cheap()).status).toBe(200);
      const r = await slow;
      expect(r.status).toBe(503);
      expect(errorOf(r).message).toContain('(1000 ms)');
      expect((await cheap()).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
