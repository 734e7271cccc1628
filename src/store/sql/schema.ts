/**
 * The tables of the SQL adapters (SQLite and PostgreSQL), as kysely sees them. Text everywhere money or a body can
 * be: bodies are canonical JSON text, never a JSON column, so they come back byte for byte.
 * - `versions`: one row per agreement file, `pos` gives the order they were stored; unique (family, file).
 * - `ledgers`: one row per family with a ledger: its head (last seq, last hash). Appends lock it (PostgreSQL:
 *   `FOR UPDATE`; SQLite: the write transaction), and `verify` checks the rows end at it, so a truncated tail is found.
 * - `events`: the ledger rows; primary key (family, seq), unique (family, id).
 * - `requests`: one row per append made with an idempotency key; unique (family, idempotency_key); the digest of its
 *   (id, body) pairs and where its rows are.
 * - `tokens`: sha256 hashes of tokens (never the tokens), their family and party or admin flag, when made, when they
 *   expire, when revoked.
 * - `token_log`: every addition, scoping and revocation of a token, hash-chained (`verify` checks `tokens` against it).
 * - `rechains`: one row per re-chaining of a family (`pacte rechain`, rechain.ts), what `verify` needs to accept a
 *   head it replaced.
 * - `scenarios`: one row per scenario of a family (its Markdown source, its hypothetical events as JSON text, when it
 *   was added); primary key (family, name). Not chained: a scenario is a hypothetical.
 * `events.salt` is each row's secret salt (chain.ts), `versions.hash` the versions' chain, and `ledgers` also holds
 * the versions' head (`versions_count`, `versions_hash`).
 */
import type { Generated } from 'kysely';

export interface VersionsTable {
  pos: Generated<number>;
  family: string;
  file: string;
  source: string;
  stored_at: string;
  hash: string;
}

export interface LedgersTable {
  family: string;
  last_seq: number;
  last_hash: string;
  versions_count: Generated<number>;
  versions_hash: Generated<string>;
}

export interface EventsTable {
  family: string;
  seq: number;
  id: string;
  body: string;
  salt: string;
  hash: string;
  idempotency_key: string | null;
  stored_at: string;
}

export interface RequestsTable {
  family: string;
  idempotency_key: string;
  digest: string;
  first_seq: number;
  count: number;
}

export interface TokensTable {
  hash: string;
  family: string | null;
  party: string | null;
  admin: number;
  label: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  /** An organisation token's name and grants, as canonical JSON (`TokenOrg`); null for every other token. */
  org: string | null;
}

export interface TokenLogTable {
  seq: number;
  body: string;
  hash: string;
}

export interface RechainsTable {
  family: string;
  at: string;
  events: number;
  resalted: number;
  versions_hash: string;
  old_events_hash: string;
  new_events_hash: string;
  old_head: string;
  new_head: string;
}

export interface ScenariosTable {
  family: string;
  name: string;
  source: string;
  events: string;
  added_at: string;
}

export interface Schema {
  versions: VersionsTable;
  ledgers: LedgersTable;
  events: EventsTable;
  requests: RequestsTable;
  tokens: TokensTable;
  token_log: TokenLogTable;
  rechains: RechainsTable;
  scenarios: ScenariosTable;
}
