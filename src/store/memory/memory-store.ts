/**
 * The in-memory adapter: the same promises as the others except durability (everything is gone when the process
 * ends). Each call runs to completion on the event loop, so appends are serialized by construction. Used by tests
 * and `--db memory:`.
 */
import { chainHash, familyHead, GENESIS, versionHash } from '../chain.js';
import type { Head, PriorRequest } from '../decide.js';
import { decide, invalidId } from '../decide.js';
import { planRechain } from '../rechain.js';
import type {
  AppendInput,
  AppendResult,
  EventRow,
  FamilyHead,
  RechainRecord,
  RechainResult,
  Store,
  TokenRow,
  VerifyReport,
  VersionRow,
  ScenarioRow,
} from '../store.js';
import { TOKENS_ANCHOR } from '../store.js';
import type { TokenLogEntry, VersionsHead } from '../verify-chain.js';
import { ChainChecker, checkTokens, tokenLogBody } from '../verify-chain.js';

/** A stored version with its link in the family's versions chain. */
type HashedVersion = VersionRow & { readonly hash: string };

interface Ledger {
  rows: EventRow[];
  head: Head;
  ids: Set<string>;
  requests: Map<string, PriorRequest>;
}

/** Rows are exposed for tests that tamper with them (`rowsForTest`). */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly versionRows: HashedVersion[] = [];
  private readonly versionHeads = new Map<string, VersionsHead>();
  private readonly ledgers = new Map<string, Ledger>();
  private readonly tokenRows = new Map<string, TokenRow>();
  private readonly tokenLog: { seq: number; body: string; hash: string }[] = [];
  private readonly rechainRows: RechainRecord[] = [];
  private readonly scenarioRows: ScenarioRow[] = [];

  async migrate(): Promise<void> {}
  async close(): Promise<void> {}

  async families(): Promise<readonly string[]> {
    return [...new Set(this.versionRows.map((v) => v.family))].sort();
  }

  async putVersion(family: string, file: string, source: string): Promise<'added' | 'unchanged' | 'conflict'> {
    const found = this.versionRows.find((v) => v.family === family && v.file === file);
    if (found) return found.source === source ? 'unchanged' : 'conflict';
    const head = this.versionHeads.get(family) ?? { count: 0, hash: GENESIS };
    const hash = versionHash(head.hash, file, source);
    this.versionRows.push({ family, file, source, storedAt: new Date().toISOString(), hash });
    this.versionHeads.set(family, { count: head.count + 1, hash });
    return 'added';
  }

  async versions(family: string): Promise<readonly VersionRow[]> {
    return this.versionRows.filter((v) => v.family === family).map(({ hash: _, ...v }) => v);
  }

  async putScenario(family: string, name: string, source: string, events: string): Promise<'added' | 'unchanged' | 'conflict'> {
    const found = this.scenarioRows.find((r) => r.family === family && r.name === name);
    if (found) return found.source === source && found.events === events ? 'unchanged' : 'conflict';
    this.scenarioRows.push({ family, name, source, events, addedAt: new Date().toISOString() });
    return 'added';
  }

  async scenarios(family: string): Promise<readonly ScenarioRow[]> {
    return this.scenarioRows.filter((r) => r.family === family).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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
    const invalid = invalidId(input);
    if (invalid) return invalid;
    const l = this.ledger(input.family);
    const prior = input.idempotencyKey === null ? undefined : l.requests.get(input.idempotencyKey);
    const versions = this.versionHeads.get(input.family)?.count ?? 0;
    const d = decide(input, l.head, prior, (id) => l.ids.has(id), new Date().toISOString(), versions);
    switch (d.kind) {
      case 'replay':
        return { kind: 'replayed', rows: l.rows.slice(d.prior.firstSeq - 1, d.prior.firstSeq - 1 + d.prior.count) };
      case 'write':
        if (d.rows.length === 0) return { kind: 'appended', rows: [] };
        l.rows.push(...d.rows);
        for (const r of d.rows) l.ids.add(r.id);
        l.head = d.head;
        if (input.idempotencyKey !== null && d.digest !== null)
          l.requests.set(input.idempotencyKey, { digest: d.digest, firstSeq: d.rows[0]!.seq, count: d.rows.length });
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

  private log(e: TokenLogEntry): void {
    const body = tokenLogBody(e);
    const prev = this.tokenLog[this.tokenLog.length - 1]?.hash ?? GENESIS;
    this.tokenLog.push({ seq: this.tokenLog.length + 1, body, hash: chainHash(prev, body) });
  }

  async addToken(token: Omit<TokenRow, 'revokedAt'>): Promise<void> {
    if (this.tokenRows.has(token.hash)) throw new Error('a token with this hash is already stored');
    this.log({ op: 'add', token });
    this.tokenRows.set(token.hash, { ...token, revokedAt: null });
  }

  async tokenByHash(hash: string): Promise<TokenRow | null> {
    return this.tokenRows.get(hash) ?? null;
  }

  async tokens(): Promise<readonly TokenRow[]> {
    return [...this.tokenRows.values()];
  }

  async revokeToken(hash: string, at: string): Promise<boolean> {
    const t = this.tokenRows.get(hash);
    if (!t || t.revokedAt !== null) return false;
    this.log({ op: 'revoke', hash, at });
    this.tokenRows.set(hash, { ...t, revokedAt: at });
    return true;
  }

  async scopeToken(hash: string, family: string): Promise<boolean> {
    const t = this.tokenRows.get(hash);
    if (!t || t.admin || t.org !== undefined || t.family !== null) return false;
    this.log({ op: 'scope', hash, family });
    this.tokenRows.set(hash, { ...t, family });
    return true;
  }

  async head(family: string): Promise<FamilyHead> {
    const v = this.versionHeads.get(family) ?? { count: 0, hash: GENESIS };
    const e = this.ledgers.get(family)?.head ?? { lastSeq: 0, lastHash: GENESIS };
    return {
      family,
      versions: v.count,
      versionsHash: v.hash,
      events: e.lastSeq,
      eventsHash: e.lastHash,
      head: familyHead(v.hash, e.lastHash),
    };
  }

  async tokensHead(): Promise<string> {
    return this.tokenLog[this.tokenLog.length - 1]?.hash ?? GENESIS;
  }

  async verify(expect: ReadonlyMap<string, string> = new Map()): Promise<VerifyReport> {
    const names = [
      ...new Set([
        ...this.versionRows.map((v) => v.family),
        ...this.ledgers.keys(),
        ...[...expect.keys()].filter((k) => k !== TOKENS_ANCHOR),
      ]),
    ].sort();
    const families = names.map((f) => {
      const l = this.ledgers.get(f);
      const c = new ChainChecker(
        f,
        expect.has(f),
        this.rechainRows.filter((r) => r.family === f),
      );
      for (const v of this.versionRows) if (v.family === f) c.version(v);
      for (const r of l?.rows ?? []) c.row(r);
      return c.finish(l?.head ?? null, this.versionHeads.get(f) ?? { count: 0, hash: GENESIS }, expect.get(f));
    });
    let events = 0;
    for (const l of this.ledgers.values()) events += l.rows.length;
    const tokens = checkTokens(this.tokenLog, [...this.tokenRows.values()], expect.get(TOKENS_ANCHOR));
    return {
      ok: families.every((f) => f.ok) && tokens.damages.length === 0,
      families,
      tokenDamages: tokens.damages,
      tokensHead: tokens.head,
      versions: this.versionRows.length,
      events,
      tokens: this.tokenRows.size,
    };
  }

  async rechain(family: string): Promise<RechainResult> {
    const l = this.ledgers.get(family);
    if (!l) return { kind: 'nothing', family };
    const versionsHash = this.versionHeads.get(family)?.hash ?? GENESIS;
    const plan = planRechain(family, l.rows, l.head, versionsHash, new Date().toISOString());
    if (plan.kind !== 'rechained') return plan;
    l.rows = l.rows.map((r, i) => ({ ...r, salt: plan.rows[i]!.salt, hash: plan.rows[i]!.hash }));
    l.head = { lastSeq: l.head.lastSeq, lastHash: plan.record.newEventsHash };
    this.rechainRows.push(plan.record);
    return { kind: 'rechained', record: plan.record };
  }

  async rechains(family: string): Promise<readonly RechainRecord[]> {
    return this.rechainRows.filter((r) => r.family === family);
  }

  async unsalted(): Promise<ReadonlyMap<string, number>> {
    const out = new Map<string, number>();
    for (const [family, l] of [...this.ledgers].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const n = l.rows.filter((r) => r.salt === '').length;
      if (n > 0) out.set(family, n);
    }
    return out;
  }

  /** Test hook: edits a stored version's text, deletes it, or stores a token behind the log's back. */
  tamperVersionForTest(family: string, file: string, change: { source: string } | 'delete'): void {
    const i = this.versionRows.findIndex((v) => v.family === family && v.file === file);
    if (i < 0) throw new Error(`no version ${family}/${file}`);
    if (change === 'delete') this.versionRows.splice(i, 1);
    else this.versionRows[i] = { ...this.versionRows[i]!, ...change };
  }

  tamperHeadForTest(family: string, lastHash: string): void {
    const l = this.ledger(family);
    l.head = { ...l.head, lastHash };
  }

  insertTokenForTest(token: TokenRow): void {
    this.tokenRows.set(token.hash, token);
  }

  /** Test hook: edits or deletes a stored row as a direct edit of the database would. */
  tamperForTest(family: string, seq: number, change: Partial<Pick<EventRow, 'body' | 'salt' | 'hash'>> | 'delete'): void {
    const l = this.ledger(family);
    const i = l.rows.findIndex((r) => r.seq === seq);
    if (i < 0) throw new Error(`no row ${family}#${seq}`);
    if (change === 'delete') l.rows.splice(i, 1);
    else l.rows[i] = { ...l.rows[i]!, ...change };
  }
}
