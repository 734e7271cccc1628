/**
 * The shapes the HTTP API answers with (docs/http.md). The state, because trees and redline are the library's own
 * JSON types, imported as types only, so the UI and the engine cannot drift apart.
 */
export type { StateJson, NormJson, ProposalJson, ValueJson, ViolationJson, InstanceJson } from '../../src/engine/state.js';
export type { Because, ClauseRef, EventRef } from '../../src/engine/explain.js';
export type {
  RedlineJson,
  ChangedClauseJson,
  ClauseJson,
  ProsePart,
  ImpactNormJson,
  NormStatusJson,
  ChangeJson,
} from '../../src/diff/redline-json.js';
export type { Account } from '../../src/engine/accounts.js';

export type {
  VersionInfo,
  VersionDetail,
  FamilyInfo,
  EventTypeInfo,
  UndisclosedTerm,
  ScenarioInfo,
} from '../../src/server/version-info.js';
export type { CompareJson, CompareRow, CompareCell } from '../../src/engine/compare.js';
import type { EventTypeInfo } from '../../src/server/version-info.js';
import type { ScenarioInfo } from '../../src/server/version-info.js';

export type EventField = EventTypeInfo['fields'][number];

export interface Party {
  readonly id: string;
  readonly name: string;
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
  /** Null when it would expose an event hidden from this token (stored before salts, not yet re-chained). */
  readonly hash: string | null;
  readonly event: LedgerEventJson;
}

/** A stored scenario with its Markdown and its hypothetical events (`GET …/scenarios/{name}`). */
export interface ScenarioDetail extends ScenarioInfo {
  readonly source: string;
  readonly hypotheticalEvents: readonly LedgerEventJson[];
}

/** A what-if's one-off assumptions (`TERM=VALUE`) and retracted real event ids. */
export interface OneOff {
  readonly assume: readonly string[];
  readonly retract: readonly string[];
}

export interface Me {
  readonly party: string | null;
  readonly admin: boolean;
}

export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
  readonly diagnostics?: readonly {
    readonly code?: string;
    readonly message?: string;
    readonly severity?: string;
    readonly path?: string;
  }[];
}
