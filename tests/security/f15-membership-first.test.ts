/**
 * Finding 15: on a cold cache a family the party was not in answered in 208 ms and a nonexistent one in 5 ms: the
 * server checked a stranger's family (read and checked its documents) before refusing, so non-members could make it
 * work and could tell real families from absent ones by time. A token now names its family, and any other family is
 * refused before the store is asked anything about it. The store below records what it is asked.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server/listen.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { EventRow, VersionRow } from '../../src/store/store.js';
import { addToken, call, FIXTURES, loadDir, startServer } from '../server-harness.js';

/** The memory store, noting which families it is asked about. */
class RecordingStore extends MemoryStore {
  readonly asked: string[] = [];
  override async versionFiles(family: string): Promise<readonly string[]> {
    this.asked.push(family);
    return super.versionFiles(family);
  }
  override async versions(family: string): Promise<readonly VersionRow[]> {
    this.asked.push(family);
    return super.versions(family);
  }
  override async events(family: string, after: number, limit: number): Promise<readonly EventRow[]> {
    this.asked.push(family);
    return super.events(family, after, limit);
  }
  override async lastSeq(family: string): Promise<number> {
    this.asked.push(family);
    return super.lastSeq(family);
  }
}

let server: Running;
let store: RecordingStore;
let carol: string;

beforeAll(async () => {
  store = new RecordingStore();
  await loadDir(store, join(FIXTURES, 'server-consortium'), 'server-consortium');
  await loadDir(store, join(FIXTURES, 'server-bilateral'), 'server-bilateral');
  carol = await addToken(store, 'carol', 'server-consortium');
  server = await startServer(store);
});
afterAll(async () => server.close());

describe('finding 15: membership is checked before any family data is loaded', () => {
  it.each(['/', '/events', '/state?asOf=2025-12-31', '/versions/v1-nda', '/diff?from=v1-nda&to=v1-nda'])(
    'a family the token is not of (%s): 404 without the store being asked about it; the same for one that does not exist',
    async (path) => {
      store.asked.length = 0;
      const other = await call(`${server.url}/api/families/server-bilateral${path === '/' ? '' : path}`, carol);
      const none = await call(`${server.url}/api/families/no-such-family${path === '/' ? '' : path}`, carol);
      expect(other.status).toBe(404);
      expect(none.status).toBe(404);
      expect(other.text.replaceAll('server-bilateral', 'X')).toBe(none.text.replaceAll('no-such-family', 'X'));
      expect(store.asked).toEqual([]);
    },
  );

  it('the family list asks only about the token’s own family', async () => {
    store.asked.length = 0;
    expect(((await call(`${server.url}/api/families`, carol)).body as { family: string }[]).map((f) => f.family)).toEqual([
      'server-consortium',
    ]);
    expect(new Set(store.asked)).toEqual(new Set(['server-consortium']));
  });
});
