/**
 * Finding 16: after a 401 or 404 the server read the rest of the body (210 MB) instead of closing. Refused requests
 * now answer with `Connection: close` before their body is read, and the server closes the connection: a client that
 * announced 200 MB and sent 64 KiB sees the answer and the end of the connection at once.
 */
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server/listen.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { addToken, FIXTURES, loadDir, startServer } from '../server-harness.js';

let server: Running;
let carol: string;

beforeAll(async () => {
  const store = new MemoryStore();
  await loadDir(store, join(FIXTURES, 'server-bilateral'), 'server-bilateral');
  await loadDir(store, join(FIXTURES, 'server-consortium'), 'server-consortium');
  carol = await addToken(store, 'carol', 'server-consortium');
  server = await startServer(store);
});
afterAll(async () => server.close());

/** Sends headers announcing `length` bytes and 64 KiB of them; resolves with what came back once the server closed. */
function refusedUpload(path: string, token: string, length: number): Promise<{ response: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    let response = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ response, closed: false });
    }, 3000);
    socket.on('data', (d) => (response += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ response, closed: true });
    });
    socket.on('connect', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`,
      );
      socket.write(Buffer.alloc(64 * 1024, 0x20));
    });
    socket.on('timeout', reject);
  });
}

describe('finding 16: the body of a refused request is not read; the connection is closed', () => {
  it('401 (unknown token): answered and closed with 200 MB announced and 64 KiB sent', async () => {
    const r = await refusedUpload('/api/families/server-consortium/events', 'pacte_unknown', 200 * 1024 * 1024);
    expect(r.response).toMatch(/^HTTP\/1\.1 401/);
    expect(r.response.toLowerCase()).toContain('connection: close');
    expect(r.closed).toBe(true);
  });

  it('404 (a family the token is not of): answered and closed the same way', async () => {
    const r = await refusedUpload('/api/families/server-bilateral/events', carol, 200 * 1024 * 1024);
    expect(r.response).toMatch(/^HTTP\/1\.1 404/);
    expect(r.response.toLowerCase()).toContain('connection: close');
    expect(r.closed).toBe(true);
  });
});
