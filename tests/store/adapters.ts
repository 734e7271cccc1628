/**
 * The adapters the conformance suite runs against. Each gives a fresh, empty store, a way to reopen it over the
 * same data (a restart; `durable` adapters only) and a direct edit of a stored row (tampering).
 */
import type { EventRow, Store } from '../../src/store/store.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';

export const PG_SKIP_MESSAGE = 'PostgreSQL suite skipped: set PACTE_TEST_PG=postgres://… to run it';

export interface Handle {
  readonly store: Store;
  reopen(): Promise<Store>;
  tamper(family: string, seq: number, change: Partial<Pick<EventRow, 'body' | 'hash'>>): Promise<void>;
}

export interface Adapter {
  readonly name: string;
  /** Data survives close and reopen. */
  readonly durable: boolean;
  fresh(): Promise<Handle>;
  cleanup(): Promise<void>;
}

const memory: Adapter = {
  name: 'memory',
  durable: false,
  async fresh() {
    const store = new MemoryStore();
    await store.migrate();
    return {
      store,
      reopen: async () => store,
      tamper: async (family, seq, change) => store.tamperForTest(family, seq, change),
    };
  },
  async cleanup() {},
};

export function adapters(): { list: Adapter[]; pgSkipped: boolean } {
  return { list: [memory], pgSkipped: !process.env['PACTE_TEST_PG'] };
}
