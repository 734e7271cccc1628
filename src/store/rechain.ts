/**
 * Re-chaining (`pacte rechain`, issue 16 finding 3). Rows stored before salts existed keep `hash = sha256(previous +
 * body)`: a party holding the hashes around such a row hidden from it can confirm guesses of its body offline. Those
 * rows are the first ones of their family's ledger (every row appended since migration 0002 is salted), so
 * `planRechain` gives each of them a new random salt and recomputes the chain from the first row to the last: every
 * hash after them changes too, salted rows keeping their salt. Ids, bodies, seqs (and so visibility) are not touched.
 *
 * The new chain replaces heads that were published (`pacte head`). The record returned (`RechainRecord`) keeps what
 * `verify` needs to accept such a head as replaced rather than rewritten: the ledger's length then, how many first rows
 * were salted, the versions head then, and the events hash and family head before and after. `verify` recomputes the
 * old chain from the stored bodies with those rows' salts left out and requires it to end at the recorded old hash,
 * while the present chain passes the recorded new hash at the same row: a record cannot vouch for bodies that differ
 * from the ones the old head covered (that would need a sha256 preimage).
 *
 * A family whose chain does not verify is refused (`damaged`): re-hashing it would make an edited body look valid.
 */
import { chainHash, familyHead, GENESIS, newSalt } from './chain.js';
import type { Head } from './decide.js';
import type { Damage, RechainRecord, RechainResult } from './store.js';
import { ChainChecker } from './verify-chain.js';

/** A stored row as re-chaining reads it. */
export interface ChainRow {
  readonly seq: number;
  readonly id: string;
  readonly body: string;
  readonly salt: string;
  readonly hash: string;
}

/** A plan: the rows to rewrite (new salt and hash, by seq), the family's new last hash, and the record to keep. */
export type RechainPlan =
  | { readonly kind: 'rechained'; readonly record: RechainRecord; readonly rows: readonly ChainRow[] }
  | Exclude<RechainResult, { kind: 'rechained' }>;

/**
 * What re-chaining a family does, given all its rows in seq order, its recorded head and versions head, and the
 * instant to record. Pure: the adapters write the plan in one transaction, under the family's lock.
 */
export function planRechain(family: string, rows: readonly ChainRow[], head: Head, versionsHash: string, at: string): RechainPlan {
  const check = new ChainChecker(family);
  for (const r of rows) check.row(r);
  const report = check.finish(head, null);
  if (!report.ok) return { kind: 'damaged', family, damages: report.damages };
  let resalted = 0;
  while (resalted < rows.length && rows[resalted]!.salt === '') resalted++;
  const stray = rows.findIndex((r, i) => i >= resalted && r.salt === '');
  if (stray >= 0) {
    const damage: Damage = { seq: rows[stray]!.seq, reason: 'unsalted-out-of-place' };
    return { kind: 'damaged', family, damages: [damage] };
  }
  if (resalted === 0) return { kind: 'nothing', family };
  let prev = GENESIS;
  const out: ChainRow[] = rows.map((r, i) => {
    const salt = i < resalted ? newSalt() : r.salt;
    prev = chainHash(prev, r.body, salt);
    return { ...r, salt, hash: prev };
  });
  return {
    kind: 'rechained',
    rows: out,
    record: {
      family,
      at,
      events: rows.length,
      resalted,
      versionsHash,
      oldEventsHash: head.lastHash,
      newEventsHash: prev,
      oldHead: familyHead(versionsHash, head.lastHash),
      newHead: familyHead(versionsHash, prev),
    },
  };
}
