/**
 * What an append does, decided the same way by every adapter once it holds the family's head (its last seq and hash)
 * under its lock: replay a used idempotency key, refuse a reused key with another request, a stale `expectedSeq`
 * or a duplicate id, else write rows numbered after the head, each hash-chained to the previous one.
 * The order of the checks is the contract: idempotency first (a retried request replays even if the ledger moved
 * since), then the versions the events were checked against (`versions`: the family's count of versions), then
 * `expectedSeq`, then ids. Ids the database could not keep exactly are refused before any of these
 * (`invalidId`, called by the adapters before they query anything with them).
 */
import { createHash } from 'node:crypto';
import { chainHash, newSalt, storableText } from './chain.js';
import type { AppendInput, AppendResult, EventRow } from './store.js';

/** A family's last row: seq 0 and `GENESIS` when its ledger is empty. */
export interface Head {
  readonly lastSeq: number;
  readonly lastHash: string;
}

/** A request already written with an idempotency key. */
export interface PriorRequest {
  readonly digest: string;
  readonly firstSeq: number;
  readonly count: number;
}

/** `digest`: null for a request without an idempotency key (nothing is kept to compare it with). */
export type Decision =
  | { readonly kind: 'write'; readonly rows: readonly EventRow[]; readonly digest: string | null; readonly head: Head }
  | { readonly kind: 'replay'; readonly prior: PriorRequest }
  | Exclude<AppendResult, { kind: 'appended' | 'replayed' }>;

/** sha256 hex of the request's (id, body) pairs: what "the same request" means for an idempotency key. */
export function requestDigest(input: AppendInput): string {
  return createHash('sha256')
    .update(JSON.stringify(input.events.map((e) => [e.id, e.body])))
    .digest('hex');
}

/** The first id of the request a database would not keep exactly (chain.ts `storableText`), if any. */
export function invalidId(input: AppendInput): AppendResult | null {
  if (!storableText(input.family)) return { kind: 'invalid-id', id: input.family };
  for (const e of input.events) if (!storableText(e.id)) return { kind: 'invalid-id', id: e.id };
  return null;
}

export function decide(
  input: AppendInput,
  head: Head,
  prior: PriorRequest | undefined,
  idTaken: (id: string) => boolean,
  storedAt: string,
  versions: number,
): Decision {
  // The digest is kept with an idempotency key only: a request without one is never compared with another.
  const digest = input.idempotencyKey === null ? null : requestDigest(input);
  if (prior) return prior.digest === digest ? { kind: 'replay', prior } : { kind: 'key-reused' };
  if (input.versions !== undefined && input.versions !== versions) return { kind: 'versions-moved', versions };
  if (input.expectedSeq !== null && input.expectedSeq !== head.lastSeq) return { kind: 'conflict', lastSeq: head.lastSeq };
  const seen = new Set<string>();
  for (const e of input.events) {
    if (seen.has(e.id) || idTaken(e.id)) return { kind: 'duplicate-id', id: e.id };
    seen.add(e.id);
  }
  const rows: EventRow[] = [];
  let { lastSeq, lastHash } = head;
  for (const e of input.events) {
    lastSeq += 1;
    const salt = newSalt();
    lastHash = chainHash(lastHash, e.body, salt);
    rows.push({
      family: input.family,
      seq: lastSeq,
      id: e.id,
      body: e.body,
      salt,
      hash: lastHash,
      idempotencyKey: input.idempotencyKey,
      storedAt,
    });
  }
  return { kind: 'write', rows, digest, head: { lastSeq, lastHash } };
}
