/**
 * The store's reads that a server makes on every request — the token, the family's version files, its last sequence
 * and first row — answered from memory while the store's change mark (store/change-clock.ts) is the same, so a
 * request for unchanged data costs no store query (and a family's scenarios). A token revoked, a version or a
 * scenario added or an event appended, by this
 * process or another one over the same database, moves the mark: the next request reads again.
 */
import { ChangeClock } from '../store/change-clock.js';
import type { Store } from '../store/store.js';
import type { FamilySource } from './family-cache.js';

export type CachedReads = FamilySource & Pick<Store, 'tokenByHash' | 'scenarios'>;

export function cachedReads(store: Store): CachedReads {
  const clock = new ChangeClock(store);
  return {
    tokenByHash: (hash) => clock.read('tokens', hash, () => store.tokenByHash(hash)),
    versionFiles: (family) => clock.read('versions', family, () => store.versionFiles(family)),
    versions: (family) => store.versions(family),
    lastSeq: (family) => clock.read('events', family, () => store.lastSeq(family)),
    // A family's scenarios, asked by every request that names one: read again once one is stored.
    scenarios: (family) => clock.read('scenarios', family, () => store.scenarios(family)),
    // The first row (whether the ledger was re-chained, family-cache.ts) is asked on every request; pages are not.
    events: (family, after, limit) =>
      after === 0 && limit === 1
        ? clock.read('events', `first\0${family}`, () => store.events(family, 0, 1))
        : store.events(family, after, limit),
  };
}
