/**
 * Recomputes one family's chains and the token log, reporting every damage, not only the first:
 * - the ledger: seq 1, 2, 3… without gaps, each hash = sha256(previous hash + salt + body), each body JSON whose `id`
 *   is the row's id, and the family's recorded head (last seq and hash, when the adapter keeps one) equal to its last
 *   row — so an edited body or hash, a deleted or inserted row, and a truncated tail are all found. After a damaged
 *   row the check goes on from the hash stored in that row, so a later edit is reported too;
 * - the versions: each hash = sha256(previous + [file, source]) in the order they were stored, and the recorded
 *   versions head equal to the last one (an edited text, a deleted or inserted version, a truncated list);
 * - published heads (`expect`): each must be one the family passed through (versions prefix × ledger prefix), or one
 *   of the chain a recorded re-chaining replaced (rechain.ts), reported as `replaced`;
 * - recorded re-chainings: the old chain recomputed from the stored bodies, with the salts of the rows the record says
 *   it salted left out, must end at its recorded old hash, and the present chain pass its recorded new hash;
 * - the token log (`TokenLogChecker`): its chain, then the tokens table against what the log says it holds.
 *
 * Ledger `reason` codes: `seq-gap`, `hash-mismatch`, `id-mismatch`, `head-mismatch`; versions: `version-mismatch`,
 * `versions-head-mismatch`; anchors: `anchor-mismatch`; re-chainings: `rechain-mismatch`; tokens: `token-log-mismatch`, `token-log-gap`,
 * `token-not-logged`, `token-changed`, `token-missing`.
 */
import { canonicalJson, chainHash, familyHead, GENESIS, versionHash } from './chain.js';
import type { Head } from './decide.js';
import type { ChainReport, Damage, RechainedHead, RechainRecord, TokenRow } from './store.js';

export type ChainProblem =
  | 'seq-gap'
  | 'hash-mismatch'
  | 'id-mismatch'
  | 'head-mismatch'
  | 'version-mismatch'
  | 'versions-head-mismatch'
  | 'anchor-mismatch'
  | 'rechain-mismatch'
  | 'unsalted-out-of-place';

/** A recorded re-chaining being checked: the old chain recomputed so far, and the present hash at its last row. */
interface OldChain {
  readonly record: RechainRecord;
  prev: string;
  /** Every hash the old chain passed through (GENESIS first), kept only when a published head is to be checked. */
  readonly heads: string[];
  /** The present chain's hash at the record's last row, once reached. */
  presentAtEnd: string | null;
  /** A row the record says it salted that has no salt. */
  unsaltedInside: boolean;
}

/** The versions' recorded head: how many and the last hash. */
export interface VersionsHead {
  readonly count: number;
  readonly hash: string;
}

/** Feeds versions in stored order, rows in seq order, then `finish()`. */
export class ChainChecker {
  private prev = GENESIS;
  private count = 0;
  private nextSeq = 1;
  private readonly damages: Damage[] = [];
  private readonly versionDamages: Damage[] = [];
  private vPrev = GENESIS;
  private vCount = 0;
  /** Every hash the ledger passed through (GENESIS first), for published heads. */
  private readonly eventHeads: string[] = [GENESIS];
  /** Every versions head passed through (GENESIS first): few, always kept (recorded re-chainings name one). */
  private readonly versionHeads: string[] = [GENESIS];
  private unsalted = 0;
  private readonly oldChains: OldChain[];

  constructor(
    readonly family: string,
    /** Keep every hash passed through (only when a published head is to be checked). */
    private readonly keepHeads = false,
    /** The family's recorded re-chainings, checked as the rows go by. */
    rechains: readonly RechainRecord[] = [],
  ) {
    this.oldChains = rechains.map((record) => ({ record, prev: GENESIS, heads: [GENESIS], presentAtEnd: null, unsaltedInside: false }));
  }

  version(v: { readonly file: string; readonly source: string; readonly hash: string }): void {
    this.vCount += 1;
    if (versionHash(this.vPrev, v.file, v.source) !== v.hash)
      this.versionDamages.push({ seq: this.vCount, reason: 'version-mismatch', what: v.file });
    this.vPrev = v.hash;
    this.versionHeads.push(v.hash);
  }

  row(r: { readonly seq: number; readonly id: string; readonly body: string; readonly salt: string; readonly hash: string }): void {
    this.count += 1;
    if (r.seq !== this.nextSeq) this.damages.push({ seq: Math.min(r.seq, this.nextSeq), reason: 'seq-gap' });
    else if (chainHash(this.prev, r.body, r.salt) !== r.hash) this.damages.push({ seq: r.seq, reason: 'hash-mismatch' });
    else if (bodyId(r.body) !== r.id) this.damages.push({ seq: r.seq, reason: 'id-mismatch' });
    this.nextSeq = Math.max(r.seq, this.nextSeq) + 1;
    this.prev = r.hash;
    if (this.keepHeads) this.eventHeads.push(r.hash);
    if (r.salt === '') this.unsalted += 1;
    for (const o of this.oldChains) {
      if (this.count > o.record.events) continue;
      const resalted = this.count <= o.record.resalted;
      if (resalted && r.salt === '') o.unsaltedInside = true;
      o.prev = chainHash(o.prev, r.body, resalted ? '' : r.salt);
      if (this.keepHeads) o.heads.push(o.prev);
      if (this.count === o.record.events) o.presentAtEnd = r.hash;
    }
  }

  /** Whether a recorded re-chaining agrees with the rows: its old chain ends at its old hash, its new one is ours. */
  private consistent(o: OldChain): boolean {
    const r = o.record;
    return (
      !o.unsaltedInside &&
      r.resalted > 0 &&
      r.resalted <= r.events &&
      o.presentAtEnd === r.newEventsHash &&
      o.prev === r.oldEventsHash &&
      this.versionHeads.includes(r.versionsHash) &&
      r.oldHead === familyHead(r.versionsHash, r.oldEventsHash) &&
      r.newHead === familyHead(r.versionsHash, r.newEventsHash)
    );
  }

  finish(head: Head | null, versionsHead: VersionsHead | null, expected?: string): ChainReport {
    if (head && (head.lastSeq !== this.count || head.lastHash !== this.prev) && !(head.lastSeq === 0 && this.count === 0))
      this.damages.push({
        seq: head.lastSeq === this.count ? this.count : Math.min(head.lastSeq, this.count) + 1,
        reason: 'head-mismatch',
      });
    if (versionsHead && (versionsHead.count !== this.vCount || versionsHead.hash !== this.vPrev))
      this.versionDamages.push({
        seq: Math.min(versionsHead.count, this.vCount) + (versionsHead.count === this.vCount ? 0 : 1),
        reason: 'versions-head-mismatch',
      });
    const damages = [...this.damages, ...this.versionDamages];
    const sound = this.oldChains.filter((o) => this.consistent(o));
    for (const o of this.oldChains)
      if (!sound.includes(o)) damages.push({ seq: o.record.events, reason: 'rechain-mismatch', what: o.record.at });
    let replaced: RechainedHead | undefined;
    if (expected !== undefined && !this.passedThrough(expected)) {
      replaced = this.replacedHead(expected, sound);
      if (!replaced) damages.push({ seq: null, reason: 'anchor-mismatch', what: expected });
    }
    const first = this.damages[0] ?? damages[0];
    return {
      family: this.family,
      events: this.count,
      versions: this.vCount,
      ok: damages.length === 0,
      firstBadSeq: first?.seq ?? null,
      reason: first?.reason ?? null,
      damages,
      head: familyHead(this.vPrev, this.prev),
      unsalted: this.unsalted,
      ...(replaced ? { replaced } : {}),
    };
  }

  /** A head of a chain a sound recorded re-chaining replaced, with the head the same prefixes have now. */
  private replacedHead(head: string, sound: readonly OldChain[]): RechainedHead | undefined {
    for (const o of sound)
      for (const v of this.versionHeads)
        for (let i = 0; i < o.heads.length; i++)
          if (familyHead(v, o.heads[i]!) === head)
            return { oldHead: head, newHead: familyHead(v, this.eventHeads[i]!), at: o.record.at, resalted: o.record.resalted };
    return undefined;
  }

  /** Whether `head` is sha256(versions prefix head + ledger prefix head) for some prefixes. */
  private passedThrough(head: string): boolean {
    for (const v of this.versionHeads) for (const e of this.eventHeads) if (familyHead(v, e) === head) return true;
    return false;
  }
}

/** One entry of the token log: what was done to which token. */
export type TokenLogEntry =
  | { readonly op: 'add'; readonly token: Omit<TokenRow, 'revokedAt'> }
  | { readonly op: 'revoke'; readonly hash: string; readonly at: string }
  | { readonly op: 'scope'; readonly hash: string; readonly family: string };

/** The canonical body of a token log entry. */
export function tokenLogBody(e: TokenLogEntry): string {
  return canonicalJson(e);
}

/** The tokens a log says exist, in the order they were added. */
export function foldTokenLog(entries: readonly TokenLogEntry[]): Map<string, TokenRow> {
  const tokens = new Map<string, TokenRow>();
  for (const e of entries) {
    if (e.op === 'add') tokens.set(e.token.hash, { ...e.token, revokedAt: null });
    else {
      const t = tokens.get(e.hash);
      if (t) tokens.set(e.hash, e.op === 'revoke' ? { ...t, revokedAt: e.at } : { ...t, family: e.family });
    }
  }
  return tokens;
}

/** Checks the token log's chain (seq 1, 2… each hash = sha256(previous + body)) and the tokens table against it. */
export function checkTokens(
  log: readonly { readonly seq: number; readonly body: string; readonly hash: string }[],
  table: readonly TokenRow[],
  expected?: string,
): { damages: Damage[]; head: string; heads: string[] } {
  const damages: Damage[] = [];
  const entries: TokenLogEntry[] = [];
  let prev = GENESIS;
  const heads = [GENESIS];
  log.forEach((r, i) => {
    if (r.seq !== i + 1) damages.push({ seq: i + 1, reason: 'token-log-gap' });
    else if (chainHash(prev, r.body) !== r.hash) damages.push({ seq: r.seq, reason: 'token-log-mismatch' });
    prev = r.hash;
    heads.push(r.hash);
    try {
      entries.push(JSON.parse(r.body) as TokenLogEntry);
    } catch {
      damages.push({ seq: r.seq, reason: 'token-log-mismatch' });
    }
  });
  const logged = foldTokenLog(entries);
  for (const t of table) {
    const l = logged.get(t.hash);
    if (!l) damages.push({ seq: null, reason: 'token-not-logged', what: t.hash.slice(0, 12) });
    else if (canonicalJson(l) !== canonicalJson(t)) damages.push({ seq: null, reason: 'token-changed', what: t.hash.slice(0, 12) });
  }
  const present = new Set(table.map((t) => t.hash));
  for (const h of logged.keys()) if (!present.has(h)) damages.push({ seq: null, reason: 'token-missing', what: h.slice(0, 12) });
  if (expected !== undefined && !heads.includes(expected)) damages.push({ seq: null, reason: 'anchor-mismatch', what: expected });
  return { damages, head: prev, heads };
}

function bodyId(body: string): unknown {
  try {
    const v: unknown = JSON.parse(body);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)['id'] : undefined;
  } catch {
    return undefined;
  }
}
