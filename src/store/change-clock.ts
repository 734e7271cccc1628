/**
 * What a server may cache of the store, and for how long: `changeMark(what)` (store.ts) is a short text that differs
 * whenever the tokens, the versions, the ledgers or the scenarios may have changed — written by this process or by another one over
 * the same database. `ChangeClock` keeps the answers of reads under the mark they were read at, and forgets them when
 * the mark moves, so a request costs no store query while nothing changed (SQLite: `PRAGMA data_version`, which moves
 * when another connection commits, with this store's own count of its writes of each kind: data_version does not move
 * for a connection's own commits).
 */
import type { ChangeKind, Store } from './store.js';

/** This store's own writes of each kind, counted after their COMMIT (so a mark read before it differs after it). */
export class OwnWrites {
  private readonly counts: Record<ChangeKind, number> = { tokens: 0, versions: 0, events: 0, scenarios: 0 };

  bump(...kinds: readonly ChangeKind[]): void {
    for (const k of kinds) this.counts[k]++;
  }

  get(what: ChangeKind): number {
    return this.counts[what];
  }
}

/** How many reads one mark keeps (unknown tokens included: a flood of made-up ones must not grow the process). */
const MAX_ENTRIES = 4096;

export class ChangeClock {
  private readonly marks = new Map<ChangeKind, { mark: string; values: Map<string, Promise<unknown>> }>();

  constructor(private readonly store: Pick<Store, 'changeMark'>) {}

  /**
   * `load()`'s answer, read once per mark: kept under the mark read before loading, so a change while it loads gives
   * the next read another mark (and a new load). Concurrent reads of one key share one load. A store without marks
   * (PostgreSQL for now) is asked every time.
   */
  read<T>(what: ChangeKind, key: string, load: () => Promise<T>): Promise<T> {
    const mark = this.store.changeMark?.(what) ?? null;
    if (mark === null) return load();
    let entry = this.marks.get(what);
    if (!entry || entry.mark !== mark) {
      entry = { mark, values: new Map() };
      this.marks.set(what, entry);
    }
    const hit = entry.values.get(key);
    if (hit) return hit as Promise<T>;
    if (entry.values.size >= MAX_ENTRIES) entry.values.clear();
    const values = entry.values;
    const p = load();
    values.set(key, p);
    p.catch(() => values.delete(key));
    return p;
  }
}
