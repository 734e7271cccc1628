/**
 * The Store: where a server keeps agreement families — their versions (source text) and their append-only ledger —
 * and the parties' tokens. One interface, three adapters (memory/, sqlite/, postgres/), one conformance suite run
 * against each (tests/store-conformance.test.ts).
 *
 * Promises every adapter keeps:
 * - a family's ledger is append-only, numbered 1, 2, 3… (`seq`) with no gaps;
 * - each row is hash-chained: `hash = sha256hex(previous row's hash + salt + body)`, the first row's previous hash
 *   being `GENESIS` (see chain.ts); `salt` is 32 random hex digits per row, kept secret from any party that may not
 *   see the event, so the hashes a party sees cannot confirm a guess about an event hidden from it (rows stored
 *   before salts existed have an empty salt until `rechain()` salts them, recorded: rechain.ts); `verify()`
 *   recomputes every chain;
 * - a family's versions are hash-chained too (`sha256hex(previous + canonical [file, source])`, in the order they
 *   were stored), and the tokens' additions, scopings and revocations are an append-only hash-chained log that the
 *   tokens table must match, so `verify()` finds an edited or deleted version and a token added behind its back;
 * - ids and families are stored exactly: an id that is not well-formed Unicode or holds a NUL is refused
 *   (`invalid-id`), never changed by the database (SQLite would store a lone surrogate as U+FFFD, PostgreSQL
 *   refuses NUL);
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

/**
 * One scenario of a family, as posted (`PUT …/scenarios/{name}`) or loaded (`pacte load`, the demo): the Markdown of
 * `scenarios/<name>.pacte.md` and its hypothetical events (`scenarios/<name>.jsonl`), checked by the server before it
 * is stored. Not part of any chain: a scenario is a hypothetical, never a record. Immutable once stored, like a version.
 */
export interface ScenarioRow {
  readonly family: string;
  /** The scenario's name (`--scenario <name>`, `?scenario=<name>`); unique within the family. */
  readonly name: string;
  /** The Markdown source, exactly as given (empty when the scenario is only events). */
  readonly source: string;
  /** Its hypothetical events as JSON text: an array of ledger events, exactly as given (`[]` when none). */
  readonly events: string;
  /** When it was stored (ISO 8601 instant, UTC). */
  readonly addedAt: string;
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
  /** 32 random hex digits (empty for rows stored before salts existed); never sent to a party. */
  readonly salt: string;
  /** sha256 hex of (previous hash + salt + body). */
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
  /**
   * How many versions of the family the events were checked against (a server checks them against the family it
   * keeps in memory, server/routes/events.ts): when the family has another number under the append's lock, nothing
   * is written and the answer is `versions-moved`, so the caller checks them again against the stored versions.
   * Absent: not compared.
   */
  readonly versions?: number | undefined;
}

export type AppendResult =
  | { readonly kind: 'appended'; readonly rows: readonly EventRow[] }
  | { readonly kind: 'replayed'; readonly rows: readonly EventRow[] }
  | { readonly kind: 'conflict'; readonly lastSeq: number }
  | { readonly kind: 'duplicate-id'; readonly id: string }
  | { readonly kind: 'invalid-id'; readonly id: string }
  | { readonly kind: 'key-reused' }
  | { readonly kind: 'versions-moved'; readonly versions: number };

/**
 * A token as stored: only its sha256 hash is kept. A party token belongs to one party of one family (`family` and
 * `party`); an organisation token maps named families to one party each (`org`); an admin token has neither. A party token stored before tokens had families has `family` null: it grants
 * nothing until an admin scopes it (`pacte token scope`), since its family cannot be guessed from its party id.
 */
/** What an organisation token grants: in each named family, to act as one party of it (`pacte token add --org`). */
export interface TokenOrg {
  readonly name: string;
  readonly grants: readonly { readonly family: string; readonly party: string }[];
}

export interface TokenRow {
  readonly hash: string;
  readonly family: string | null;
  readonly party: string | null;
  readonly admin: boolean;
  readonly label: string | null;
  /** ISO 8601 instant (UTC); empty for tokens stored before it was recorded. */
  readonly createdAt: string;
  /** The first instant at which the token no longer works, or null. */
  readonly expiresAt: string | null;
  /** When it was revoked, or null. */
  readonly revokedAt: string | null;
  /**
   * An organisation's token (`family` and `party` null, not admin): the families it may see, each with the party it
   * acts as there. Absent for every other token (so their rows and log entries are as before organisations).
   */
  readonly org?: TokenOrg;
}

/** The key of the token log's head among published heads (`pacte verify --expect-head @tokens=<hash>`). */
export const TOKENS_ANCHOR = '@tokens';

/** Why a token grants nothing at `now`, or null when it is usable. */
export function tokenUnusable(t: TokenRow, now: string): 'revoked' | 'expired' | 'unscoped' | null {
  if (t.revokedAt !== null) return 'revoked';
  if (t.expiresAt !== null && t.expiresAt <= now) return 'expired';
  if (!t.admin && t.org === undefined && (t.family === null || t.party === null)) return 'unscoped';
  return null;
}

/** One damage `verify()` found. `seq` is the row (event seq, version position or token-log entry), when one is meant. */
export interface Damage {
  readonly seq: number | null;
  readonly reason: string;
  /** The version file or token hash prefix the damage is about, when not a ledger row. */
  readonly what?: string;
}

export interface ChainReport {
  readonly family: string;
  readonly events: number;
  readonly versions: number;
  readonly ok: boolean;
  /** The first row whose hash, previous hash or seq does not match, when not ok. */
  readonly firstBadSeq: number | null;
  /**
   * Why, when not ok (verify-chain.ts): `seq-gap` (a row missing or out of place), `hash-mismatch` (a body or hash
   * edited), `id-mismatch` (a row's id is not its body's), `head-mismatch` (the ledger no longer ends where the
   * family's recorded last seq and hash say: a truncated tail or an edited last hash), `version-mismatch` (a
   * version's text or hash edited, or one deleted or inserted), `versions-head-mismatch` (versions removed from the
   * end). The first of `damages`.
   */
  readonly reason: string | null;
  /** Every damage found in this family, in order (the chain is checked to its end, not to the first break). */
  readonly damages: readonly Damage[];
  /** The family's head to publish (`pacte head`): sha256hex(versions head + events head). */
  readonly head: string;
  /** Rows stored before salts existed and not re-chained since (`pacte rechain`): their hashes expose hidden events. */
  readonly unsalted: number;
  /**
   * The published head checked (`expect`) is not one of this chain but one of the chain a recorded re-chaining
   * replaced (rechain.ts): when, how many events it re-salted, and the head the same prefix has now.
   */
  readonly replaced?: RechainedHead;
}

/** A published head that a recorded re-chaining replaced. */
export interface RechainedHead {
  /** The head that was published (one of the old chain's). */
  readonly oldHead: string;
  /** The head of the same versions and events now. */
  readonly newHead: string;
  /** When the re-chaining ran (ISO 8601 instant, UTC). */
  readonly at: string;
  readonly resalted: number;
}

/**
 * What `pacte rechain` recorded for a family (rechain.ts): when, the ledger's length then (`events`), how many of its
 * first rows it salted (`resalted`: the rows stored before salts existed are the first ones), the versions head then,
 * and the ledger's last hash and the family head before and after.
 */
export interface RechainRecord {
  readonly family: string;
  readonly at: string;
  readonly events: number;
  readonly resalted: number;
  readonly versionsHash: string;
  readonly oldEventsHash: string;
  readonly newEventsHash: string;
  readonly oldHead: string;
  readonly newHead: string;
}

/**
 * What `rechain(family)` did: `rechained` with its record; `nothing` when no row is unsalted (a second run); `damaged`
 * when the family's chain does not verify (re-hashing it would hide the damage: nothing is written).
 */
export type RechainResult =
  | { readonly kind: 'rechained'; readonly record: RechainRecord }
  | { readonly kind: 'nothing'; readonly family: string }
  | { readonly kind: 'damaged'; readonly family: string; readonly damages: readonly Damage[] };

/** A family's heads: the last hash of its versions' chain and of its ledger's chain, and the two combined. */
export interface FamilyHead {
  readonly family: string;
  readonly versions: number;
  readonly versionsHash: string;
  readonly events: number;
  readonly eventsHash: string;
  /** sha256hex(versionsHash + eventsHash): what `pacte head` prints and `pacte verify --expect-head` checks. */
  readonly head: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly families: readonly ChainReport[];
  /** Damages of the tokens: their log's chain, and rows of the tokens table the log does not account for. */
  readonly tokenDamages: readonly Damage[];
  /** The token log's last hash (GENESIS when empty): an anchor for the token table, like a family head. */
  readonly tokensHead: string;
  readonly versions: number;
  readonly events: number;
  readonly tokens: number;
}

/** What a change mark follows (change-clock.ts): the tokens, the families' versions, their ledgers or their scenarios. */
export type ChangeKind = 'tokens' | 'versions' | 'events' | 'scenarios';

export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'postgres';
  /**
   * A text that differs from every earlier one once `what` may have changed (a write by this process or, over one
   * database, by another), so reads cached under it stay current while it is the same (change-clock.ts). Cheap: no
   * query. Null or absent: the store has no such mark, and every read asks it.
   */
  changeMark?(what: ChangeKind): string | null;
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
  /** Stores a new token (`revokedAt` null); logged in the token log. Throws if its hash is already stored. */
  addToken(token: Omit<TokenRow, 'revokedAt'>): Promise<void>;
  tokenByHash(hash: string): Promise<TokenRow | null>;
  /** Every token, in the order they were added (hashes only: never the tokens). */
  tokens(): Promise<readonly TokenRow[]>;
  /** Revokes a token (logged); false when there is no such token or it was already revoked. */
  revokeToken(hash: string, at: string): Promise<boolean>;
  /** Gives a party token stored before tokens had families its family (logged); false unless it is such a token. */
  scopeToken(hash: string, family: string): Promise<boolean>;
  /** The family's heads now. */
  head(family: string): Promise<FamilyHead>;
  /** The token log's last hash (GENESIS when empty). */
  tokensHead(): Promise<string>;
  /**
   * Checks every chain to its end; `expect` are published heads (family → hash, or `tokens` → hash): each must be one
   * the family's chains passed through (any earlier state, since ledgers grow), else `anchor-mismatch`.
   */
  verify(expect?: ReadonlyMap<string, string>): Promise<VerifyReport>;
  /**
   * Gives every row of the family stored before salts existed a new random salt and recomputes the family's chain, in
   * one transaction under the family's lock, and records it (`RechainRecord`) so that a head published before still
   * verifies as replaced. Ids, bodies, seqs and visibility are unchanged. Refuses a family whose chain is damaged.
   */
  rechain(family: string): Promise<RechainResult>;
  /** The re-chainings recorded for a family, oldest first. */
  rechains(family: string): Promise<readonly RechainRecord[]>;
  /** Per family, the rows stored before salts existed and not re-chained since (families without any are left out). */
  unsalted(): Promise<ReadonlyMap<string, number>>;
  /**
   * Stores a scenario of a family; the same name with the same source and events is `unchanged`, with others
   * `conflict` (nothing written). Moves the `scenarios` change mark when it writes.
   */
  putScenario(family: string, name: string, source: string, events: string): Promise<'added' | 'unchanged' | 'conflict'>;
  /** The family's scenarios, sorted by name. */
  scenarios(family: string): Promise<readonly ScenarioRow[]>;
}
