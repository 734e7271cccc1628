/**
 * Recomputes one family's hash chain: seq 1, 2, 3… without gaps, each hash = sha256(previous hash + body), each body
 * JSON whose `id` is the row's id, and the family's recorded head (last seq and hash, when the adapter keeps one)
 * equal to its last row — so an edited body or hash, a deleted or inserted row, and a truncated tail are all found.
 *
 * `reason` codes: `seq-gap`, `hash-mismatch`, `id-mismatch`, `head-mismatch`.
 */
import { chainHash, GENESIS } from './chain.js';
import type { Head } from './decide.js';
import type { ChainReport } from './store.js';

export type ChainProblem = 'seq-gap' | 'hash-mismatch' | 'id-mismatch' | 'head-mismatch';

/** Feeds rows in seq order, then `finish()`. */
export class ChainChecker {
  private prev = GENESIS;
  private count = 0;
  private bad: { seq: number; reason: ChainProblem } | null = null;

  constructor(readonly family: string) {}

  row(r: { readonly seq: number; readonly id: string; readonly body: string; readonly hash: string }): void {
    this.count += 1;
    if (this.bad) return;
    const expected = this.count;
    if (r.seq !== expected) this.bad = { seq: Math.min(r.seq, expected), reason: 'seq-gap' };
    else if (chainHash(this.prev, r.body) !== r.hash) this.bad = { seq: r.seq, reason: 'hash-mismatch' };
    else if (bodyId(r.body) !== r.id) this.bad = { seq: r.seq, reason: 'id-mismatch' };
    this.prev = r.hash;
  }

  finish(head: Head | null): ChainReport {
    if (!this.bad && head && (head.lastSeq !== this.count || head.lastHash !== this.prev))
      this.bad = { seq: head.lastSeq === this.count ? this.count : Math.min(head.lastSeq, this.count) + 1, reason: 'head-mismatch' };
    return { family: this.family, events: this.count, ok: this.bad === null, firstBadSeq: this.bad?.seq ?? null, reason: this.bad?.reason ?? null };
  }
}

function bodyId(body: string): unknown {
  try {
    const v: unknown = JSON.parse(body);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)['id'] : undefined;
  } catch {
    return undefined;
  }
}
