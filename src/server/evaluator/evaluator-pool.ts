/**
 * `EvaluatorPool`: evaluation off the server's event loop, with a time budget per request. The evaluating routes
 * (routes/queries.ts) hand it a `Query`; it runs in one of a few worker threads (worker.ts), so that however long an
 * evaluation takes, the server keeps answering everything else (`/healthz`, appends, other families).
 *
 * The budget (`pacte serve --budget-ms`, default 5 s) bounds both waits a request can have: for a free worker
 * (then 503 `over-budget`, "the server is busy"), and for the evaluation once a worker has it (then the worker is
 * terminated, so the work stops, and another is started in its place: 503 `over-budget`). Every evaluating request
 * is thus answered within twice the budget, and no abandoned evaluation keeps running.
 *
 * A worker keeps a copy of each family it has evaluated (replica.ts) with its own caches, so a job carries only what
 * the copy lacks (versions that changed, rows appended since); jobs go preferably to an idle worker that already holds
 * the family. Workers start when first needed (or all at once: `warm`). With `workers: 0` queries are answered on the server's thread, without
 * a budget (what the CLI does: it has no other request to keep answering).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError, apiErrorFrom } from '../errors.js';
import type { CheckedFamily, FamilyCache, LedgerRow, Principal } from '../family-cache.js';
import { firstRowAfter } from '../family-cache.js';
import type { Query } from './answer-query.js';
import { answerQuery } from './answer-query.js';
import type { FromWorker, Job, Sync } from './protocol.js';

import { DEFAULT_BUDGET_MS, DEFAULT_WORKERS } from './defaults.js';

export interface EvaluatorOptions {
  /** Worker threads (default 2); 0 answers on the server's thread, without a budget. */
  readonly workers?: number;
  /** How long a request may wait for a worker, and then run on it, in milliseconds (default 5000). */
  readonly budgetMs?: number;
}

interface Pending {
  readonly id: number;
  readonly fam: CheckedFamily;
  readonly rows: readonly LedgerRow[];
  readonly lastSeq: number;
  readonly principal: Principal;
  readonly query: Query;
  readonly resolve: (text: string) => void;
  readonly reject: (e: unknown) => void;
  timer: NodeJS.Timeout | null;
}

interface Slot {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  /** What the worker holds of each family: the key of its versions and the last sequence sent. */
  readonly synced: Map<string, { key: string; lastSeq: number }>;
  job: Pending | null;
}

/** The worker's script: the compiled one next to this file, else (running from the sources) worker.ts through tsx. */
function startWorker(): Worker {
  const compiled = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled);
  const source = new URL('./worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true });
}

export class EvaluatorPool {
  readonly workers: number;
  readonly budgetMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly cache: FamilyCache,
    options: EvaluatorOptions = {},
  ) {
    this.workers = options.workers ?? DEFAULT_WORKERS;
    this.budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  }

  /** Starts every worker now rather than when first needed (`pacte serve`: the first requests do not wait for one). */
  warm(): void {
    while (!this.closed && this.slots.length < this.workers) this.spawn();
  }

  /** The thread ids of the workers alive now (for tests: a worker stopped for its budget is gone). */
  threadIds(): number[] {
    return this.slots.map((s) => s.worker.threadId);
  }

  /** The JSON text answering `query` over the family as `principal` sees it; ApiError for a refusal or the budget. */
  async run(fam: CheckedFamily, principal: Principal, query: Query): Promise<string> {
    if (this.workers === 0) return answerQuery(this.cache, principal, query);
    const { rows, lastSeq } = await this.cache.rows(fam.name);
    return new Promise<string>((resolve, reject) => {
      const job: Pending = { id: this.nextId++, fam, rows, lastSeq, principal, query, resolve, reject, timer: null };
      job.timer = setTimeout(() => {
        const i = this.queue.indexOf(job);
        if (i >= 0) this.queue.splice(i, 1);
        reject(new ApiError('over-budget-queued', { ms: this.budgetMs }));
      }, this.budgetMs);
      this.queue.push(job);
      this.pump();
    });
  }

  /** Stops every worker; requests still waiting are answered 503. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      if (job.timer) clearTimeout(job.timer);
      job.reject(new ApiError('over-budget-queued', { ms: this.budgetMs }));
    }
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  /** Hands waiting jobs to free workers, in order. */
  private pump(): void {
    while (!this.closed && this.queue.length > 0) {
      const slot = this.freeSlot(this.queue[0]!.fam.name);
      if (!slot) return;
      const job = this.queue.shift()!;
      if (job.timer) clearTimeout(job.timer);
      slot.job = job;
      slot.ready.then(
        () => this.send(slot, job),
        (e: unknown) => this.settle(slot, job, () => job.reject(e)),
      );
    }
  }

  /** An idle worker that holds the family, else any idle one, else a new one while there are fewer than `workers`. */
  private freeSlot(family: string): Slot | null {
    const idle = this.slots.filter((s) => s.job === null);
    return idle.find((s) => s.synced.has(family)) ?? idle[0] ?? (this.slots.length < this.workers ? this.spawn() : null);
  }

  private spawn(): Slot {
    const worker = startWorker();
    worker.unref();
    let started: () => void = () => undefined;
    let failed: (e: unknown) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      started = resolve;
      failed = reject;
    });
    // Nobody may be waiting for `ready` yet: a worker that fails before any job is assigned is not an unhandled error.
    ready.catch(() => undefined);
    const slot: Slot = { worker, ready, synced: new Map(), job: null };
    worker.on('message', (m: FromWorker) => {
      if (m.kind === 'ready') return started();
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      this.settle(slot, job, () => {
        if (m.kind === 'answer') job.resolve(m.text);
        else if (m.kind === 'refused') job.reject(apiErrorFrom(m.error));
        else job.reject(new Error(`evaluation worker: ${m.message}`));
      });
    });
    const lost = (e: unknown): void => {
      failed(e);
      const i = this.slots.indexOf(slot);
      if (i < 0) return; // terminated by the pool
      this.slots.splice(i, 1);
      const job = slot.job;
      if (job) {
        slot.job = null;
        if (job.timer) clearTimeout(job.timer);
        job.reject(e);
      }
      this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`evaluation worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  /** Posts the job with what the worker lacks of its family; the budget starts now. */
  private send(slot: Slot, job: Pending): void {
    if (slot.job !== job) return;
    const had = slot.synced.get(job.fam.name);
    const versions = had?.key === job.fam.key ? null : job.fam.rows.map((v) => ({ file: v.file, source: v.source }));
    const from = had ? firstRowAfter(job.rows, had.lastSeq) : 0;
    const rows = job.rows.slice(from, firstRowAfter(job.rows, job.lastSeq)).map((r) => ({ seq: r.seq, id: r.id, body: r.body }));
    const sync: Sync = { family: job.fam.name, versions, rows };
    slot.synced.set(job.fam.name, { key: job.fam.key, lastSeq: Math.max(had?.lastSeq ?? 0, job.lastSeq) });
    const message: Job = { id: job.id, sync, principal: job.principal, query: job.query };
    job.timer = setTimeout(() => this.overBudget(slot, job), this.budgetMs);
    slot.worker.postMessage(message);
  }

  /** Ends a job: its worker is free again. */
  private settle(slot: Slot, job: Pending, answer: () => void): void {
    if (slot.job !== job) return;
    if (job.timer) clearTimeout(job.timer);
    slot.job = null;
    answer();
    this.pump();
  }

  /** The job ran past the budget: its worker is terminated (the evaluation stops) and another takes its place. */
  private overBudget(slot: Slot, job: Pending): void {
    if (slot.job !== job) return;
    slot.job = null;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate();
    job.reject(new ApiError('over-budget', { ms: this.budgetMs }));
    if (!this.closed) this.spawn();
    this.pump();
  }
}
