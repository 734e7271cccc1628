/**
 * The store over SQL, shared by the SQLite and PostgreSQL adapters (kysely). Appends go through group commit:
 * one transaction per group, which locks the heads of the families it touches (PostgreSQL: `SELECT … FOR UPDATE`
 * in family order, so several server processes over one database stay gap-free and `expectedSeq` stays exact;
 * SQLite: `BEGIN IMMEDIATE`, one writer at a time), reads the idempotency keys and ids the group could collide
 * with, decides every request in order (decide.ts) against the heads as the group's earlier requests left them,
 * then writes all new rows with multi-row inserts and commits. Nothing is acknowledged before COMMIT returns.
 */
import type { Kysely, QueryCreator } from 'kysely';
import { sql } from 'kysely';
import { canonicalJson, chainHash, familyHead, GENESIS, storableText, versionHash } from '../chain.js';
import type { Head, PriorRequest } from '../decide.js';
import { decide, invalidId } from '../decide.js';
import { OwnWrites } from '../change-clock.js';
import { GroupCommit } from '../group-commit.js';
import { planRechain } from '../rechain.js';
import type {
  AppendInput,
  AppendResult,
  ChainReport,
  EventRow,
  FamilyHead,
  RechainRecord,
  RechainResult,
  Store,
  TokenOrg,
  TokenRow,
  VerifyReport,
  VersionRow,
  ChangeKind,
  ScenarioRow,
} from '../store.js';
import { TOKENS_ANCHOR } from '../store.js';
import type { TokenLogEntry } from '../verify-chain.js';
import { ChainChecker, checkTokens, tokenLogBody } from '../verify-chain.js';
import type { SqlDialect } from './migrations.js';
import { migrateToLatest } from './migrations.js';
import type { EventsTable, RechainsTable, Schema, TokensTable } from './schema.js';

/** seq is a 32-bit integer column (PostgreSQL `integer`): bounds for parameters compared with it. */
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** Rows per multi-row INSERT and values per IN list (SQLite allows 32766 parameters, PostgreSQL 65535). */
const CHUNK = 500;

function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

function toRow(r: EventsTable): EventRow {
  return {
    family: r.family,
    seq: Number(r.seq),
    id: r.id,
    body: r.body,
    salt: r.salt,
    hash: r.hash,
    idempotencyKey: r.idempotency_key,
    storedAt: r.stored_at,
  };
}

/** An event row as the `events` table takes it. */
function eventValues(r: EventRow): EventsTable {
  return {
    family: r.family,
    seq: r.seq,
    id: r.id,
    body: r.body,
    salt: r.salt,
    hash: r.hash,
    idempotency_key: r.idempotencyKey,
    stored_at: r.storedAt,
  };
}

function toToken(r: TokensTable): TokenRow {
  return {
    hash: r.hash,
    family: r.family,
    party: r.party,
    admin: Number(r.admin) === 1,
    label: r.label,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    ...(r.org !== null && r.org !== undefined ? { org: JSON.parse(r.org) as TokenOrg } : {}),
  };
}

function toRechain(r: RechainsTable): RechainRecord {
  return {
    family: r.family,
    at: r.at,
    events: Number(r.events),
    resalted: Number(r.resalted),
    versionsHash: r.versions_hash,
    oldEventsHash: r.old_events_hash,
    newEventsHash: r.new_events_hash,
    oldHead: r.old_head,
    newHead: r.new_head,
  };
}

export class SqlStore implements Store {
  private readonly group: GroupCommit<AppendInput, AppendResult>;
  /** Families whose `ledgers` row is known to exist (created outside the group's transaction, see ensureLedgers). */
  private readonly knownLedgers = new Set<string>();
  private closed = false;
  private readonly own = new OwnWrites();

  /**
   * `dataVersion`: SQLite's `PRAGMA data_version` on this store's connection (moves when another connection commits),
   * which with this store's own writes makes the change mark; none for PostgreSQL (no mark: every read asks).
   */
  constructor(
    readonly kind: SqlDialect,
    readonly db: Kysely<Schema>,
    private readonly onClose: () => Promise<void>,
    private readonly dataVersion: (() => number) | null = null,
  ) {
    this.group = new GroupCommit((batch) => this.commitGroup(batch));
  }

  changeMark(what: ChangeKind): string | null {
    if (this.dataVersion === null || this.closed) return null;
    return `${this.dataVersion()}.${this.own.get(what)}`;
  }

  async migrate(): Promise<void> {
    if (this.kind === 'postgres') {
      // kysely runs PostgreSQL migrations in a transaction under an advisory lock: safe with concurrent processes.
      await migrateToLatest(this.db as unknown as Kysely<unknown>, this.kind);
      this.own.bump('tokens', 'versions', 'events', 'scenarios');
      return;
    }
    // SQLite: kysely takes no lock, so two processes opening a new file at once would both migrate. Under
    // BEGIN IMMEDIATE (SQLite's DDL is transactional) the second waits (busy_timeout), then finds nothing to do.
    // Within one process the wait would block the event loop (better-sqlite3 is synchronous) while the holder
    // needs it, so SQLite migrations of one process also run one at a time.
    const run = SqlStore.sqliteMigrations.then(() => this.migrateSqlite());
    SqlStore.sqliteMigrations = run.catch(() => {});
    try {
      await run;
    } finally {
      this.own.bump('tokens', 'versions', 'events', 'scenarios');
    }
  }

  private static sqliteMigrations: Promise<void> = Promise.resolve();

  private async migrateSqlite(): Promise<void> {
    await this.db.connection().execute(async (conn) => {
      await sql.raw('BEGIN IMMEDIATE').execute(conn);
      try {
        await migrateToLatest(conn as unknown as Kysely<unknown>, this.kind);
        await sql.raw('COMMIT').execute(conn);
      } catch (e) {
        await sql
          .raw('ROLLBACK')
          .execute(conn)
          .catch(() => {});
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.group.idle();
    await this.onClose();
  }

  async families(): Promise<readonly string[]> {
    const rows = await this.db.selectFrom('versions').select('family').distinct().orderBy('family').execute();
    return rows.map((r) => r.family);
  }

  async putVersion(family: string, file: string, source: string): Promise<'added' | 'unchanged' | 'conflict'> {
    // Texts a database would change (a NUL, a lone surrogate) are refused as a conflict with what could be stored.
    if (!storableText(family) || !storableText(file) || !storableText(source)) return 'conflict';
    const found = await this.db
      .selectFrom('versions')
      .select('source')
      .where('family', '=', family)
      .where('file', '=', file)
      .executeTakeFirst();
    if (found) return found.source === source ? 'unchanged' : 'conflict';
    await this.ensureLedgers([family]);
    return this.writeTx('versions', async (tx) => {
      let q = tx.selectFrom('ledgers').select(['versions_count', 'versions_hash']).where('family', '=', family);
      if (this.kind === 'postgres') q = q.forUpdate();
      const head = await q.executeTakeFirstOrThrow();
      const again = await tx
        .selectFrom('versions')
        .select('source')
        .where('family', '=', family)
        .where('file', '=', file)
        .executeTakeFirst();
      if (again) return again.source === source ? 'unchanged' : 'conflict';
      const hash = versionHash(head.versions_hash, file, source);
      await tx.insertInto('versions').values({ family, file, source, stored_at: new Date().toISOString(), hash }).execute();
      await tx
        .updateTable('ledgers')
        .set({ versions_count: Number(head.versions_count) + 1, versions_hash: hash })
        .where('family', '=', family)
        .execute();
      return 'added';
    });
  }

  async putScenario(family: string, name: string, source: string, events: string): Promise<'added' | 'unchanged' | 'conflict'> {
    if (![family, name, source, events].every(storableText)) return 'conflict';
    return this.writeTx('scenarios', async (tx) => {
      const found = await tx
        .selectFrom('scenarios')
        .select(['source', 'events'])
        .where('family', '=', family)
        .where('name', '=', name)
        .executeTakeFirst();
      if (found) return found.source === source && found.events === events ? 'unchanged' : 'conflict';
      const r = await tx
        .insertInto('scenarios')
        .values({ family, name, source, events, added_at: new Date().toISOString() })
        .onConflict((oc) => oc.columns(['family', 'name']).doNothing())
        .executeTakeFirst();
      // Another process stored that name meanwhile (PostgreSQL): what it stored decides.
      if (Number(r.numInsertedOrUpdatedRows ?? 0n) === 0) {
        const other = await tx
          .selectFrom('scenarios')
          .select(['source', 'events'])
          .where('family', '=', family)
          .where('name', '=', name)
          .executeTakeFirst();
        return other && other.source === source && other.events === events ? 'unchanged' : 'conflict';
      }
      return 'added';
    });
  }

  async scenarios(family: string): Promise<readonly ScenarioRow[]> {
    const rows = await this.db.selectFrom('scenarios').selectAll().where('family', '=', family).orderBy('name').execute();
    return rows.map((r) => ({ family: r.family, name: r.name, source: r.source, events: r.events, addedAt: r.added_at }));
  }

  /** Runs `fn` in a write transaction (SQLite: BEGIN IMMEDIATE, one writer at a time) that may change `what`. */
  private writeTx<T>(what: ChangeKind, fn: (tx: Kysely<Schema>) => Promise<T>): Promise<T> {
    return this.db.connection().execute(async (conn) => {
      await sql.raw(this.kind === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN').execute(conn);
      try {
        const out = await fn(conn);
        await sql.raw('COMMIT').execute(conn);
        return out;
      } catch (e) {
        await sql
          .raw('ROLLBACK')
          .execute(conn)
          .catch(() => {});
        throw e;
      } finally {
        this.own.bump(what);
      }
    });
  }

  async versions(family: string): Promise<readonly VersionRow[]> {
    const rows = await this.db
      .selectFrom('versions')
      .select(['family', 'file', 'source', 'stored_at'])
      .where('family', '=', family)
      .orderBy('pos')
      .execute();
    return rows.map((r) => ({ family: r.family, file: r.file, source: r.source, storedAt: r.stored_at }));
  }

  /** How appends were grouped so far: transactions committed and requests they held (for benchmarks). */
  groupStats(): { readonly groups: number; readonly requests: number } {
    return this.group.stats();
  }

  async versionFiles(family: string): Promise<readonly string[]> {
    const rows = await this.db.selectFrom('versions').select('file').where('family', '=', family).orderBy('pos').execute();
    return rows.map((r) => r.file);
  }

  append(input: AppendInput): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    const invalid = invalidId(input);
    if (invalid) return Promise.resolve(invalid);
    return this.group.submit(input);
  }

  async events(family: string, after: number, limit: number): Promise<readonly EventRow[]> {
    // Any number is a valid `after`/`limit`: clamped to what the integer column can compare with.
    const a = Math.floor(Math.max(0, after));
    const n = Math.floor(Math.min(limit, INT_MAX));
    if (!(n > 0) || !(a < INT_MAX) || Number.isNaN(a)) return [];
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('family', '=', family)
      .where('seq', '>', a)
      .orderBy('seq')
      .limit(n)
      .execute();
    return rows.map(toRow);
  }

  async lastSeq(family: string): Promise<number> {
    const r = await this.db.selectFrom('ledgers').select('last_seq').where('family', '=', family).executeTakeFirst();
    return r ? Number(r.last_seq) : 0;
  }

  /** Appends to the token log and applies the change to `tokens`, in one transaction. */
  private async logToken(entry: TokenLogEntry, apply: (tx: Kysely<Schema>) => Promise<boolean>): Promise<boolean> {
    return this.writeTx('tokens', async (tx) => {
      // PostgreSQL: one token writer at a time, so the log's seq and chain stay gap-free across processes.
      if (this.kind === 'postgres') await sql.raw('LOCK TABLE token_log IN EXCLUSIVE MODE').execute(tx);
      if (!(await apply(tx))) return false;
      const last = await tx.selectFrom('token_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      const body = tokenLogBody(entry);
      await tx
        .insertInto('token_log')
        .values({ seq: Number(last?.seq ?? 0) + 1, body, hash: chainHash(last?.hash ?? GENESIS, body) })
        .execute();
      return true;
    });
  }

  async addToken(token: Omit<TokenRow, 'revokedAt'>): Promise<void> {
    await this.logToken({ op: 'add', token }, async (tx) => {
      await tx
        .insertInto('tokens')
        .values({
          hash: token.hash,
          family: token.family,
          party: token.party,
          admin: token.admin ? 1 : 0,
          label: token.label,
          created_at: token.createdAt,
          expires_at: token.expiresAt,
          org: token.org === undefined ? null : canonicalJson(token.org),
          revoked_at: null,
        })
        .execute();
      return true;
    });
  }

  async tokenByHash(hash: string): Promise<TokenRow | null> {
    const r = await this.db.selectFrom('tokens').selectAll().where('hash', '=', hash).executeTakeFirst();
    return r ? toToken(r) : null;
  }

  async tokens(): Promise<readonly TokenRow[]> {
    const rows = await this.db.selectFrom('tokens').selectAll().orderBy('created_at').orderBy('hash').execute();
    return rows.map(toToken);
  }

  async revokeToken(hash: string, at: string): Promise<boolean> {
    return this.logToken({ op: 'revoke', hash, at }, async (tx) => {
      const r = await tx
        .updateTable('tokens')
        .set({ revoked_at: at })
        .where('hash', '=', hash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    });
  }

  async scopeToken(hash: string, family: string): Promise<boolean> {
    return this.logToken({ op: 'scope', hash, family }, async (tx) => {
      const r = await tx
        .updateTable('tokens')
        .set({ family })
        .where('hash', '=', hash)
        .where('family', 'is', null)
        .where('admin', '=', 0)
        .where('org', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    });
  }

  async head(family: string): Promise<FamilyHead> {
    const r = await this.db
      .selectFrom('ledgers')
      .select(['last_seq', 'last_hash', 'versions_count', 'versions_hash'])
      .where('family', '=', family)
      .executeTakeFirst();
    const versionsHash = r?.versions_hash ?? GENESIS;
    const eventsHash = r?.last_hash ?? GENESIS;
    return {
      family,
      versions: Number(r?.versions_count ?? 0),
      versionsHash,
      events: Number(r?.last_seq ?? 0),
      eventsHash,
      head: familyHead(versionsHash, eventsHash),
    };
  }

  async tokensHead(): Promise<string> {
    const last = await this.db.selectFrom('token_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return last?.hash ?? GENESIS;
  }

  async verify(expect: ReadonlyMap<string, string> = new Map()): Promise<VerifyReport> {
    const names = new Set<string>();
    for (const r of await this.db.selectFrom('versions').select('family').distinct().execute()) names.add(r.family);
    for (const r of await this.db.selectFrom('ledgers').select('family').execute()) names.add(r.family);
    for (const r of await this.db.selectFrom('events').select('family').distinct().execute()) names.add(r.family);
    for (const k of expect.keys()) if (k !== TOKENS_ANCHOR) names.add(k);
    const families: ChainReport[] = [];
    let events = 0;
    for (const family of [...names].sort()) {
      const c = new ChainChecker(family, expect.has(family), await this.rechains(family));
      for (const v of await this.db
        .selectFrom('versions')
        .select(['file', 'source', 'hash'])
        .where('family', '=', family)
        .orderBy('pos')
        .execute())
        c.version(v);
      // Keyset pages: (family, seq) is the primary key, so every row is read exactly once.
      for (let after = INT_MIN; ; ) {
        const page = await this.db
          .selectFrom('events')
          .select(['seq', 'id', 'body', 'salt', 'hash'])
          .where('family', '=', family)
          .where('seq', '>', after)
          .orderBy('seq')
          .limit(5000)
          .execute();
        for (const r of page) c.row({ seq: Number(r.seq), id: r.id, body: r.body, salt: r.salt, hash: r.hash });
        if (page.length < 5000) break;
        after = Number(page[page.length - 1]!.seq);
      }
      const head = await this.db
        .selectFrom('ledgers')
        .select(['last_seq', 'last_hash', 'versions_count', 'versions_hash'])
        .where('family', '=', family)
        .executeTakeFirst();
      const report = c.finish(
        head ? { lastSeq: Number(head.last_seq), lastHash: head.last_hash } : { lastSeq: 0, lastHash: GENESIS },
        head ? { count: Number(head.versions_count), hash: head.versions_hash } : { count: 0, hash: GENESIS },
        expect.get(family),
      );
      events += report.events;
      families.push(report);
    }
    const log = (await this.db.selectFrom('token_log').selectAll().orderBy('seq').execute()).map((r) => ({
      seq: Number(r.seq),
      body: r.body,
      hash: r.hash,
    }));
    const tokenRows = await this.tokens();
    const tokens = checkTokens(log, tokenRows, expect.get(TOKENS_ANCHOR));
    const versions = Number(
      (
        await this.db
          .selectFrom('versions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    return {
      ok: families.every((f) => f.ok) && tokens.damages.length === 0,
      families,
      tokenDamages: tokens.damages,
      tokensHead: tokens.head,
      versions,
      events,
      tokens: tokenRows.length,
    };
  }

  async rechain(family: string): Promise<RechainResult> {
    if (this.closed) throw new Error('the store is closed');
    return this.writeTx('events', async (tx) => {
      // The family's head, locked as an append locks it: no append interleaves with the rewrite.
      let q = tx.selectFrom('ledgers').select(['last_seq', 'last_hash', 'versions_hash']).where('family', '=', family);
      if (this.kind === 'postgres') q = q.forUpdate();
      const head = await q.executeTakeFirst();
      if (!head) return { kind: 'nothing', family };
      const rows = (
        await tx.selectFrom('events').select(['seq', 'id', 'body', 'salt', 'hash']).where('family', '=', family).orderBy('seq').execute()
      ).map((r) => ({ ...r, seq: Number(r.seq) }));
      const last = { lastSeq: Number(head.last_seq), lastHash: head.last_hash };
      const plan = planRechain(family, rows, last, head.versions_hash, new Date().toISOString());
      if (plan.kind !== 'rechained') return plan;
      for (const r of plan.rows)
        await tx.updateTable('events').set({ salt: r.salt, hash: r.hash }).where('family', '=', family).where('seq', '=', r.seq).execute();
      const rec = plan.record;
      await tx.updateTable('ledgers').set({ last_hash: rec.newEventsHash }).where('family', '=', family).execute();
      await tx
        .insertInto('rechains')
        .values({
          family,
          at: rec.at,
          events: rec.events,
          resalted: rec.resalted,
          versions_hash: rec.versionsHash,
          old_events_hash: rec.oldEventsHash,
          new_events_hash: rec.newEventsHash,
          old_head: rec.oldHead,
          new_head: rec.newHead,
        })
        .execute();
      return { kind: 'rechained', record: rec };
    });
  }

  async rechains(family: string): Promise<readonly RechainRecord[]> {
    const rows = await this.db.selectFrom('rechains').selectAll().where('family', '=', family).orderBy('at').orderBy('events').execute();
    return rows.map(toRechain);
  }

  async unsalted(): Promise<ReadonlyMap<string, number>> {
    const rows = await this.db
      .selectFrom('events')
      .select((eb) => ['family', eb.fn.countAll().as('n')])
      .where('salt', '=', '')
      .groupBy('family')
      .orderBy('family')
      .execute();
    return new Map(rows.map((r) => [r.family, Number(r.n)]));
  }

  /** Creates missing `ledgers` rows in their own statement, before the group's transaction locks them. */
  private async ensureLedgers(families: readonly string[]): Promise<void> {
    const missing = families.filter((f) => !this.knownLedgers.has(f));
    if (missing.length === 0) return;
    for (const part of chunks(missing))
      await this.db
        .insertInto('ledgers')
        .values(part.map((family) => ({ family, last_seq: 0, last_hash: GENESIS })))
        .onConflict((oc) => oc.column('family').doNothing())
        .execute();
    for (const f of missing) this.knownLedgers.add(f);
  }

  private async commitGroup(batch: readonly AppendInput[]): Promise<readonly AppendResult[]> {
    const families = [...new Set(batch.map((b) => b.family))].sort();
    await this.ensureLedgers(families);
    return this.db.connection().execute(async (conn) => {
      await sql.raw(this.kind === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN').execute(conn);
      try {
        const results = await this.decideAndWrite(conn, batch, families);
        await sql.raw('COMMIT').execute(conn);
        return results;
      } catch (e) {
        await sql
          .raw('ROLLBACK')
          .execute(conn)
          .catch(() => {});
        throw e;
      } finally {
        this.own.bump('events');
      }
    });
  }

  private async decideAndWrite(tx: Kysely<Schema>, batch: readonly AppendInput[], families: readonly string[]): Promise<AppendResult[]> {
    // 1. Heads, locked.
    const heads = new Map<string, Head>();
    const versions = new Map<string, number>();
    for (const part of chunks(families)) {
      let q = tx
        .selectFrom('ledgers')
        .select(['family', 'last_seq', 'last_hash', 'versions_count'])
        .where('family', 'in', part)
        .orderBy('family');
      if (this.kind === 'postgres') q = q.forUpdate();
      for (const r of await q.execute()) {
        heads.set(r.family, { lastSeq: Number(r.last_seq), lastHash: r.last_hash });
        versions.set(r.family, Number(r.versions_count));
      }
    }
    // 2. What the group could collide with: used keys and taken ids (a superset, filtered per family below).
    const key = (family: string, k: string): string => `${family}\u0000${k}`;
    const priors = new Map<string, PriorRequest>();
    const keys = [...new Set(batch.flatMap((b) => (b.idempotencyKey === null ? [] : [b.idempotencyKey])))];
    for (const part of chunks(keys))
      for (const r of await tx
        .selectFrom('requests')
        .selectAll()
        .where('family', 'in', families)
        .where('idempotency_key', 'in', part)
        .execute())
        priors.set(key(r.family, r.idempotency_key), { digest: r.digest, firstSeq: Number(r.first_seq), count: Number(r.count) });
    const taken = new Set<string>();
    const ids = [...new Set(batch.flatMap((b) => b.events.map((e) => e.id)))];
    for (const part of chunks(ids))
      for (const r of await tx
        .selectFrom('events')
        .select(['family', 'id'])
        .where('family', 'in', families)
        .where('id', 'in', part)
        .execute())
        taken.add(key(r.family, r.id));
    // 3. Decide each request in order; later requests see what earlier ones wrote.
    const storedAt = new Date().toISOString();
    const newRows: EventRow[] = [];
    const newRequests: Schema['requests'][] = [];
    const written = new Map<string, EventRow[]>();
    const results: AppendResult[] = [];
    for (const input of batch) {
      const head = heads.get(input.family) ?? { lastSeq: 0, lastHash: GENESIS };
      const prior = input.idempotencyKey === null ? undefined : priors.get(key(input.family, input.idempotencyKey));
      const d = decide(input, head, prior, (id) => taken.has(key(input.family, id)), storedAt, versions.get(input.family) ?? 0);
      switch (d.kind) {
        case 'replay': {
          const mine = written.get(key(input.family, input.idempotencyKey ?? ''));
          const rows =
            mine ??
            (
              await tx
                .selectFrom('events')
                .selectAll()
                .where('family', '=', input.family)
                .where('seq', '>=', d.prior.firstSeq)
                .orderBy('seq')
                .limit(d.prior.count)
                .execute()
            ).map(toRow);
          results.push({ kind: 'replayed', rows });
          break;
        }
        case 'write': {
          results.push({ kind: 'appended', rows: d.rows });
          if (d.rows.length === 0) break;
          newRows.push(...d.rows);
          heads.set(input.family, d.head);
          for (const r of d.rows) taken.add(key(r.family, r.id));
          if (input.idempotencyKey !== null && d.digest !== null) {
            const p = { digest: d.digest, firstSeq: d.rows[0]!.seq, count: d.rows.length };
            priors.set(key(input.family, input.idempotencyKey), p);
            written.set(key(input.family, input.idempotencyKey), [...d.rows]);
            newRequests.push({
              family: input.family,
              idempotency_key: input.idempotencyKey,
              digest: p.digest,
              first_seq: p.firstSeq,
              count: p.count,
            });
          }
          break;
        }
        default:
          results.push(d);
      }
    }
    // 4. Write.
    const moved = [...new Set(newRows.map((r) => r.family))];
    const headOf = (family: string) => ({ last_seq: heads.get(family)!.lastSeq, last_hash: heads.get(family)!.lastHash });
    if (this.kind === 'postgres' && newRows.length > 0 && newRows.length <= CHUNK && newRequests.length <= CHUNK) {
      // PostgreSQL: the rows, the keys and the heads in one statement (data-modifying CTEs), one round trip instead
      // of one per table and family: a group without idempotency keys makes five round trips (BEGIN, heads, ids, this, COMMIT).
      let q = tx.with('new_events', (db) => db.insertInto('events').values(newRows.map(eventValues))) as unknown as QueryCreator<Schema>;
      if (newRequests.length > 0)
        q = q.with('new_requests', (db) => db.insertInto('requests').values(newRequests)) as unknown as QueryCreator<Schema>;
      for (const [i, family] of moved.slice(1).entries())
        q = q.with(`new_head_${i}`, (db) =>
          db.updateTable('ledgers').set(headOf(family)).where('family', '=', family),
        ) as unknown as QueryCreator<Schema>;
      await q.updateTable('ledgers').set(headOf(moved[0]!)).where('family', '=', moved[0]!).execute();
      return results;
    }
    for (const part of chunks(newRows)) await tx.insertInto('events').values(part.map(eventValues)).execute();
    for (const part of chunks(newRequests)) await tx.insertInto('requests').values(part).execute();
    for (const family of moved) await tx.updateTable('ledgers').set(headOf(family)).where('family', '=', family).execute();
    return results;
  }
}
