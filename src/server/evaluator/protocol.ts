/**
 * The messages between the server's thread and an evaluation worker. The worker holds a copy of the families it has
 * evaluated (their versions and ledger rows); each job carries what the copy lacks: the versions when they changed,
 * and the rows appended since the last ones sent. It answers each job by its id, once.
 */
import type { ApiErrorParts } from '../errors.js';
import type { Principal } from '../family-cache.js';
import type { Query } from './answer-query.js';

/** A ledger row as the worker needs it (no salt: it is never sent to a party, nor here). */
export interface SyncRow {
  readonly seq: number;
  readonly id: string;
  readonly body: string;
}

export interface Sync {
  readonly family: string;
  /** The family's versions (file and source), when the worker's copy is not of these versions; else null. */
  readonly versions: readonly { readonly file: string; readonly source: string }[] | null;
  /** Rows after the last ones the worker has, in sequence order. */
  readonly rows: readonly SyncRow[];
}

export interface Job {
  readonly id: number;
  readonly sync: Sync;
  readonly principal: Principal;
  readonly query: Query;
}

export type FromWorker =
  | { readonly kind: 'ready' }
  | { readonly kind: 'answer'; readonly id: number; readonly text: string }
  | { readonly kind: 'refused'; readonly id: number; readonly error: ApiErrorParts }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };
