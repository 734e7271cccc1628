/**
 * Child process of tests/store-durability.test.ts: appends to the store named by argv[2] from 32 concurrent callers,
 * forever, printing `ack <id>` on stdout after each acknowledged append, until it is killed.
 */
import { canonicalEvent } from '../../dist/store/chain.js';
import { openStore } from '../../dist/store/open/open-store.js';

const store = await openStore(process.argv[2]);
let next = 0;
process.stdout.write('ready\n');
await Promise.all(
  Array.from({ length: 32 }, async () => {
    for (;;) {
      const id = `e${++next}`;
      const body = canonicalEvent({ id, type: 'payment', date: '2026-01-15', actor: 'acme', data: { amount: `USD ${next}.01` } });
      const r = await store.append({ family: 'fam', events: [{ id, body }], idempotencyKey: null, expectedSeq: null });
      if (r.kind !== 'appended') throw new Error(r.kind);
      process.stdout.write(`ack ${id}\n`);
    }
  }),
);
