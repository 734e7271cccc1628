/**
 * The answers of the evaluating GETs (state, explain, diff), kept per what they depend on: the family's versions, the
 * events the token may see, who asks (its party, or admin) and the query (date, version, language, name). The key is
 * also the response's `ETag`, so a client that sends it back in `If-None-Match` gets a 304 without a body while none
 * of these changed, and an answer asked again is sent without evaluating.
 *
 * What the token may see is named by the last event it may see (its seq): appending an event hidden from a party
 * changes neither its answer nor its ETag (an ETag that moved would tell it that something it may not see happened).
 * The key is a hash of what the client knows or chose, so it is the same in every server process over one database.
 * Entries are kept least recently used first out, within a bound on their total size.
 */
import { createHash } from 'node:crypto';
import type { Query } from './evaluator/answer-query.js';
import type { CheckedFamily, LedgerRow, Principal } from './family-cache.js';
import { canSee } from './family-cache.js';

/** The answers' total size kept, in UTF-16 code units (about bytes for JSON). */
export const ANSWER_CACHE_CHARS = 64 * 1024 * 1024;

/** Whether `If-None-Match` (a list of entity tags, weak or strong, or `*`) names `tag`. */
export function matchesTag(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((t) => {
    const s = t.trim();
    return s === '*' || s.replace(/^W\//, '') === tag;
  });
}

export class AnswerCache {
  private readonly answers = new Map<string, string>();
  private size = 0;
  /** Per (family, party): the last seq scanned and the last seq that party may see in it. */
  private readonly lastVisible = new Map<string, { scanned: number; seq: number }>();

  constructor(private readonly maxChars = ANSWER_CACHE_CHARS) {}

  /** The entity tag of `query`'s answer for `p` over these rows (the family's whole ledger, in seq order). */
  tag(fam: CheckedFamily, p: Principal, query: Query, rows: readonly LedgerRow[]): string {
    const who = p.admin ? '*' : (p.party ?? '');
    const seen = this.visibleUpTo(fam.name, p, who, rows);
    const h = createHash('sha256');
    for (const part of [fam.name, fam.key, who, String(seen), JSON.stringify(query)]) h.update(part).update('\0');
    return `"${h.digest('base64url').slice(0, 32)}"`;
  }

  get(tag: string): string | undefined {
    const hit = this.answers.get(tag);
    if (hit === undefined) return undefined;
    this.answers.delete(tag);
    this.answers.set(tag, hit);
    return hit;
  }

  set(tag: string, text: string): void {
    if (text.length > this.maxChars) return;
    const old = this.answers.get(tag);
    if (old !== undefined) this.size -= old.length;
    this.answers.delete(tag);
    this.answers.set(tag, text);
    this.size += text.length;
    while (this.size > this.maxChars) {
      const [k, v] = this.answers.entries().next().value!;
      this.answers.delete(k);
      this.size -= v.length;
    }
  }

  /** The seq of the last row `p` may see (0 for none), scanning only the rows added since the last call. */
  private visibleUpTo(family: string, p: Principal, who: string, rows: readonly LedgerRow[]): number {
    const last = rows.length === 0 ? 0 : rows[rows.length - 1]!.seq;
    if (p.admin) return last;
    const key = `${family}\0${who}`;
    let known = this.lastVisible.get(key);
    if (!known || known.scanned > last) known = { scanned: 0, seq: 0 };
    let seq = known.seq;
    for (let i = rows.length - 1; i >= 0 && rows[i]!.seq > known.scanned; i--) {
      if (canSee(p, rows[i]!.visibility)) {
        seq = rows[i]!.seq;
        break;
      }
    }
    this.lastVisible.set(key, { scanned: last, seq });
    if (this.lastVisible.size > 4096) this.lastVisible.delete(this.lastVisible.keys().next().value!);
    return seq;
  }
}
