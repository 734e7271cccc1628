/**
 * What a store holds of a family's ledger, read back after a run (the durability checks of the append benchmarks):
 * every event id, page by page.
 */
export async function storedIds(store, family) {
  const stored = new Set();
  for (let after = 0; ; ) {
    const rows = await store.events(family, after, 10_000);
    if (rows.length === 0) return stored;
    for (const r of rows) stored.add(r.id);
    after = rows[rows.length - 1].seq;
  }
}
