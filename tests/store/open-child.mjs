/** Child process of tests/store-durability.test.ts: opens the store named by argv[2] (migrating it), appends one event. */
import { canonicalEvent } from '../../dist/store/chain.js';
import { openStore } from '../../dist/store/open/open-store.js';

const store = await openStore(process.argv[2]);
const id = `p${process.pid}`;
const r = await store.append({
  family: 'fam',
  events: [{ id, body: canonicalEvent({ id, type: 't', date: '2026-01-01', actor: 'a', data: {} }) }],
  idempotencyKey: null,
  expectedSeq: null,
});
await store.close();
if (r.kind !== 'appended') throw new Error(r.kind);
