/**
 * Group commit: requests that arrive while a commit is being written wait, then go together into the next
 * transaction, so one durable commit (one fsync) acknowledges many requests. Each request still gets its own result
 * (the committer evaluates them one by one inside the transaction). If a whole group fails (an unexpected database
 * error), its requests are retried one per transaction, so one bad request cannot fail the others.
 * A request's promise resolves only after the transaction holding it committed.
 */
interface Pending<I, O> {
  readonly input: I;
  resolve(o: O): void;
  reject(e: unknown): void;
}

export class GroupCommit<I, O> {
  private queue: Pending<I, O>[] = [];
  private draining: Promise<void> | null = null;
  private groups = 0;
  private requests = 0;

  /** `commit(batch)` writes the batch in one transaction and returns one result per input, in order. */
  constructor(
    private readonly commit: (batch: readonly I[]) => Promise<readonly O[]>,
    private readonly maxBatch = 256,
  ) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      // setImmediate: let the I/O already waiting (other requests) queue up before the first group starts.
      this.draining ??= new Promise<void>((done) => setImmediate(() => void this.drain().finally(done)));
    });
  }

  /** Groups committed so far and the requests they held (retries one by one not counted). */
  stats(): { readonly groups: number; readonly requests: number } {
    return { groups: this.groups, requests: this.requests };
  }

  /** Resolves when every request submitted so far has its answer. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const outs = await this.commit(batch.map((p) => p.input));
          this.groups += 1;
          this.requests += batch.length;
          for (const [i, p] of batch.entries()) p.resolve(outs[i]!);
        } catch (e) {
          if (batch.length === 1) batch[0]!.reject(e);
          else
            for (const p of batch) {
              try {
                const [o] = await this.commit([p.input]);
                p.resolve(o!);
              } catch (e1) {
                p.reject(e1);
              }
            }
        }
      }
    } finally {
      this.draining = null;
    }
  }
}
