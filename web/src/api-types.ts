/**
 * The shapes the HTTP API answers with (docs/http.md). The state, because trees and redline are the library's own
 * JSON types, imported as types only, so the UI and the engine cannot drift apart.
 */
export type { StateJson, NormJson, ProposalJson, ValueJson, ViolationJson, InstanceJson } from '../../src/engine/state.js';
export type { Because, ClauseRef, EventRef } from '../../src/engine/explain.js';
export type { RedlineJson, ChangedClauseJson, ClauseJson, ProsePart, ImpactNormJson, NormStatusJson, ChangeJson } from '../../src/diff/redline-json.js';
export type { Account } from '../../src/engine/accounts.js';

export interface VersionInfo {
  readonly id: string;
  readonly file: string;
  readonly title: string;
  /** The effective date. */
  readonly date: string;
  readonly binding: boolean;
  readonly amends: string | null;
  readonly supersedes: readonly string[];
  readonly signed?: string | null;
}

export interface Party {
  readonly id: string;
  readonly name: string;
}

export interface FamilyInfo {
  readonly family: string;
  readonly title: string;
  readonly parties: readonly Party[];
  readonly versions: readonly VersionInfo[];
  readonly events: number;
  readonly lastEvent: { readonly seq: number; readonly id: string; readonly date: string; readonly type: string } | null;
}

export interface EventField {
  readonly name: string;
  /** A type name (`money`, `bool`…), possibly with a currency (`money USD`), or an object with one. */
  readonly type: unknown;
}

export interface EventTypeInfo {
  readonly name: string;
  readonly fields: readonly EventField[];
  readonly actors?: readonly string[];
}

export interface VersionDetail extends VersionInfo {
  readonly source: string;
  readonly html: string;
  readonly clauses: readonly { readonly id: string; readonly kind: string; readonly heading: string | null; readonly anchor: string }[];
  readonly definitions: readonly { readonly id: string; readonly anchor: string }[];
  readonly eventTypes: readonly EventTypeInfo[];
}

export interface Source {
  readonly title?: string;
  readonly url?: string | null;
  readonly status?: string;
}

/** An event as recorded in the ledger. */
export interface LedgerEventJson {
  readonly id: string;
  readonly type: string;
  readonly date: string;
  readonly actor: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly source?: Source;
  readonly visibility?: readonly string[];
}

export interface StoredEvent {
  readonly seq: number;
  readonly id: string;
  readonly hash: string;
  readonly event: LedgerEventJson;
}

export interface Me {
  readonly party: string | null;
  readonly admin: boolean;
}

export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
  readonly diagnostics?: readonly { readonly code?: string; readonly message?: string; readonly severity?: string; readonly path?: string }[];
}
