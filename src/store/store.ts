/**
 * The Store: where a server keeps agreement families — their versions (source text) and their append-only ledger —
 * and the parties' tokens. One interface, three adapters (memory/, sqlite/, postgres/), one conformance suite run
 * against each (tests/store-conformance.test.ts).
 *
 * Promises every adapter keeps:
 * - a family's ledger is append-only, numbered 1, 2, 3… (`seq`) with no gaps;
 * - each row is hash-chained: `hash = sha256hex(previous row's hash + body)`, the first row's previous hash being
 *   `GENESIS` (see chain.ts); `verify()` recomputes every chain;
 * - an append with an idempotency key that was already used for this family returns the rows first appended with it
 *   (`replayed`), also after a restart; with the same key but another body it is refused (`key-reused`);
 * - an append with `expectedSeq` is written only if the family's last seq is still that number (`conflict`, nothing
 *   written, otherwise); concurrent appends never interleave inside one request's rows;
 * - an event id is unique within its family (`duplicate-id`, nothing written);
 * - an acknowledged append (a resolved `append` promise) is durable: it survives `kill -9` of the process;
 * - bodies are stored as text exactly as given (money is text inside them, never a float).
 * Validation of events against the agreement is the caller's job (engine/ledger.ts); the store keeps text.
 */

/** One agreement version of a family, as loaded (`pacte load`) or posted (`POST …/versions`). */
export interface VersionRow {
  readonly family: string;
  /** File name, e.g. `2019-original.pacte.md`; unique within the family. */
  readonly file: string;
  /** The Markdown source, exactly as given. */
  readonly source: string;
  /** When it was stored (ISO 8601 instant, UTC). */
  readonly storedAt: string;
}

/** One ledger event as stored. */
export interface EventRow {
  readonly family: string;
  /** 1-based position in the family's ledger. */
  readonly seq: number;
  /** The event's `id`. */
  readonly id: string;
  /** The event as canonical JSON text (one ledger line): `{"id","type","date","actor","data","source"?,"visibility"?}`. */
  readonly body: string;
  /** sha256 hex of (previous hash + body). */
  readonly hash: string;
  readonly idempotencyKey: string | null;
  /** When it was appended (ISO 8601 instant, UTC). Not part of the hash. */
  readonly storedAt: string;
}

export interface AppendInput {
  readonly family: string;
  /** The events to append, in order, each with its id and canonical body. All or nothing. */
  readonly events: readonly { readonly id: string; readonly body: string }[];
  readonly idempotencyKey: string | null;
  /** Optimistic concurrency: append only if the family's last seq is this (0 for an empty ledger). */
  readonly expectedSeq: number | null;
}

export type AppendResult =
  | { readonly kind: 'appended'; readonly rows: readonly EventRow[] }
  | { readonly kind: 'replayed'; readonly rows: readonly EventRow[] }
  | { readonly kind: 'conflict'; readonly lastSeq: number }
  | { readonly kind: 'duplicate-id'; readonly id: string }
  | { readonly kind: 'key-reused' };

/** A token as stored: only its sha256 hash is kept. `party` is null for an admin token. */
export interface TokenRow {
  readonly hash: string;
  readonly party: string | null;
  readonly admin: boolean;
  readonly label: string | null;
}

export interface ChainReport {
  readonly family: string;
  readonly events: number;
  readonly ok: boolean;
  /** The first row whose hash, previous hash or seq does not match, when not ok. */
  readonly firstBadSeq: number | null;
  /**
   * Why, when not ok (verify-chain.ts): `seq-gap` (a row missing or out of place), `hash-mismatch` (a body or hash
   * edited), `id-mismatch` (a row's id is not its body's), `head-mismatch` (the ledger no longer ends where the
   * family's recorded last seq and hash say: a truncated tail or an edited last hash).
   */
  readonly reason: string | null;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly families: readonly ChainReport[];
  readonly versions: number;
  readonly events: number;
  readonly tokens: number;
}

export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'postgres';
  /** Creates or upgrades the schema (migrations in code, kysely). Idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Every family that has at least one version, sorted. */
  families(): Promise<readonly string[]>;
  /** Stores a version; the same file with the same source is `unchanged`, with another source `conflict`. */
  putVersion(family: string, file: string, source: string): Promise<'added' | 'unchanged' | 'conflict'>;
  /** The family's versions, in the order they were stored. */
  versions(family: string): Promise<readonly VersionRow[]>;
  /** Only the file names of `versions(family)`, in the same order: what a server asks on every request to know
   *  whether its checked copy of the family is still current (versions are immutable once stored). */
  versionFiles(family: string): Promise<readonly string[]>;
  append(input: AppendInput): Promise<AppendResult>;
  /** Rows with seq > after, in order, at most `limit` of them. */
  events(family: string, after: number, limit: number): Promise<readonly EventRow[]>;
  /** The family's last seq (0 when its ledger is empty). */
  lastSeq(family: string): Promise<number>;
  addToken(token: TokenRow): Promise<void>;
  tokenByHash(hash: string): Promise<TokenRow | null>;
  verify(): Promise<VerifyReport>;
}
