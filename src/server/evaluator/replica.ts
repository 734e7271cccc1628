/**
 * `Replica`: the copy of the families an evaluation worker holds, filled by the server's thread (protocol.ts `Sync`)
 * and read by a FamilyCache as it reads a store, so the worker checks, parses and evaluates with the same code (and
 * the same caches) as the server would.
 */
import type { EventRow, VersionRow } from '../../store/store.js';
import type { FamilySource } from '../family-cache.js';
import type { Sync } from './protocol.js';

interface Copy {
  versions: readonly VersionRow[];
  rows: EventRow[];
}

export class Replica implements FamilySource {
  private readonly families = new Map<string, Copy>();

  apply(sync: Sync): void {
    let copy = this.families.get(sync.family);
    if (!copy) {
      copy = { versions: [], rows: [] };
      this.families.set(sync.family, copy);
    }
    if (sync.versions) copy.versions = sync.versions.map((v) => ({ family: sync.family, file: v.file, source: v.source, storedAt: '' }));
    const last = copy.rows.at(-1)?.seq ?? 0;
    for (const r of sync.rows) {
      if (r.seq <= last) continue;
      copy.rows.push({ family: sync.family, seq: r.seq, id: r.id, body: r.body, salt: '', hash: '', idempotencyKey: null, storedAt: '' });
    }
  }

  async versions(family: string): Promise<readonly VersionRow[]> {
    return this.families.get(family)?.versions ?? [];
  }

  async versionFiles(family: string): Promise<readonly string[]> {
    return (await this.versions(family)).map((v) => v.file);
  }

  async lastSeq(family: string): Promise<number> {
    return this.families.get(family)?.rows.at(-1)?.seq ?? 0;
  }

  async events(family: string, after: number, limit: number): Promise<readonly EventRow[]> {
    const rows = this.families.get(family)?.rows ?? [];
    // Sequences have no gaps below the last one sent: the row after `after` is at index `after`.
    let from = Math.min(after, rows.length);
    while (from > 0 && rows[from - 1]!.seq > after) from--;
    while (from < rows.length && rows[from]!.seq <= after) from++;
    return rows.slice(from, from + limit);
  }
}
