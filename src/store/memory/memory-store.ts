/**
 * The in-memory adapter: the same promises as the others except durability (everything is gone when the process
 * ends). Each call runs to completion on the event loop, so appends are serialized by construction. Used by tests
 * and `--db memory:`.
 */
import { GENESIS } from '../chain.js';
import type { Head, PriorRequest } from '../decide.js';
import { decide } from '../decide.js';
import type { AppendInput, AppendResult, EventRow, Store, TokenRow, VerifyReport, VersionRow } from '../store.js';
import { ChainChecker } from '../verify-chain.js';

interface Ledger {
  rows: EventRow[];
  head: Head;
  ids: Set<string>;
  requests: Map<string, PriorRequest>;
}

/** Rows are exposed for tests that tamper with them (`rowsForTest`). */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly versionRows: VersionRow[] = [];
  private readonly ledgers = new Map<string, Ledger>();
  private readonly tokens = new Map<string, TokenRow>();

  async migrate(): Promise<void> {}
  async close(): Promise<void> {}

  async families(): Promise<readonly string[]> {
    return [...new Set(this.versionRows.map((v) => v.family))].sort();
  }

  async putVersion(family: string, file: string, source: string): Promise<'added' | 'unchanged' | 'conflict'> {
    const found = this.versionRows.find((v) => v.family === family && v.file === file);
    if (found) return found.source === source ? 'unchanged' : 'conflict';
    this.versionRows.push({ family, file, source, storedAt: new Date().toISOString() });
    return 'added';
  }

  async versions(family: string): Promise<readonly VersionRow[]> {
    return this.versionRows.filter((v) => v.family === family);
  }

  async versionFiles(family: string): Promise<readonly string[]> {
    return this.versionRows.filter((v) => v.family === family).map((v) => v.file);
  }

  private ledger(family: string): Ledger {
    let l = this.ledgers.get(family);
    if (!l) {
      l = { rows: [], head: { lastSeq: 0, lastHash: GENESIS }, ids: new Set(), requests: new Map() };
      this.ledgers.set(family, l);
    }
    return l;
  }

  async append(input: AppendInput): Promise<AppendResult> {
    const l = this.ledger(input.family);
    const prior = input.idempotencyKey === null ? undefined : l.requests.get(input.idempotencyKey);
    const d = decide(input, l.head, prior, (id) => l.ids.has(id), new Date().toISOString());
    switch (d.kind) {
      case 'replay':
        return { kind: 'replayed', rows: l.rows.slice(d.prior.firstSeq - 1, d.prior.firstSeq - 1 + d.prior.count) };
      case 'write':
        if (d.rows.length === 0) return { kind: 'appended', rows: [] };
        l.rows.push(...d.rows);
        for (const r of d.rows) l.ids.add(r.id);
        l.head = d.head;
        if (input.idempotencyKey !== null) l.requests.set(input.idempotencyKey, { digest: d.digest, firstSeq: d.rows[0]!.seq, count: d.rows.length });
        return { kind: 'appended', rows: d.rows };
      default:
        return d;
    }
  }

  async events(family: string, after: number, limit: number): Promise<readonly EventRow[]> {
    const rows = this.ledgers.get(family)?.rows ?? [];
    return rows.filter((r) => r.seq > after).slice(0, Math.max(0, limit));
  }

  async lastSeq(family: string): Promise<number> {
    return this.ledgers.get(family)?.head.lastSeq ?? 0;
  }

  async addToken(token: TokenRow): Promise<void> {
    if (this.tokens.has(token.hash)) throw new Error('a token with this hash is already stored');
    this.tokens.set(token.hash, token);
  }

  async tokenByHash(hash: string): Promise<TokenRow | null> {
    return this.tokens.get(hash) ?? null;
  }

  async verify(): Promise<VerifyReport> {
    const names = [...new Set([...this.versionRows.map((v) => v.family), ...this.ledgers.keys()])].sort();
    const families = names.map((f) => {
      const l = this.ledgers.get(f);
      const c = new ChainChecker(f);
      for (const r of l?.rows ?? []) c.row(r);
      return c.finish(l?.head ?? null);
    });
    let events = 0;
    for (const l of this.ledgers.values()) events += l.rows.length;
    return { ok: families.every((f) => f.ok), families, versions: this.versionRows.length, events, tokens: this.tokens.size };
  }

  /** Test hook: edits or deletes a stored row as a direct edit of the database would. */
  tamperForTest(family: string, seq: number, change: Partial<Pick<EventRow, 'body' | 'hash'>> | 'delete'): void {
    const l = this.ledger(family);
    const i = l.rows.findIndex((r) => r.seq === seq);
    if (i < 0) throw new Error(`no row ${family}#${seq}`);
    if (change === 'delete') l.rows.splice(i, 1);
    else l.rows[i] = { ...l.rows[i]!, ...change };
  }
}
