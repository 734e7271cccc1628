/**
 * Shared by the security tests: the `invoices` family (tests/security/fixtures/invoices: invoices due at their issue
 * date plus their terms, deliveries answered within 7 business days) served from a memory store on an ephemeral
 * port, with tokens for its two parties and an admin.
 */
import { join } from 'node:path';
import type { Running } from '../../src/server/listen.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { addToken, call, loadDir, startServer } from '../server-harness.js';
import type { Reply } from '../server-harness.js';

export const INVOICES = join(import.meta.dirname, 'fixtures', 'invoices');
export const FAMILY = 'invoices';

export interface Served {
  readonly store: MemoryStore;
  readonly server: Running;
  readonly url: string;
  readonly buyer: string;
  readonly vendor: string;
  readonly admin: string;
  post(path: string, body: unknown, token?: string): Promise<Reply>;
  get(path: string, token?: string): Promise<Reply>;
}

export async function serveInvoices(): Promise<Served> {
  const store = new MemoryStore();
  await loadDir(store, INVOICES, FAMILY);
  const buyer = await addToken(store, 'buyer', FAMILY);
  const vendor = await addToken(store, 'vendor', FAMILY);
  const admin = await addToken(store, null);
  const server = await startServer(store);
  const url = `${server.url}/api/families/${FAMILY}`;
  return {
    store,
    server,
    url,
    buyer,
    vendor,
    admin,
    post: (path, body, token = vendor) =>
      call(`${url}${path}`, token, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) }),
    get: (path, token = buyer) => call(`${url}${path}`, token),
  };
}

/** An invoice from the vendor: EUR 1000, issued on its date, due 30 days later unless `data` says otherwise. */
export function invoice(id: string, date: string, data: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, type: 'invoice', date, actor: 'vendor', data: { amount: 'EUR 1000', issued: date, terms: '30 days', note: '', ...data } };
}

export function errorOf(r: Reply): { code: string; path?: string; message: string; diagnostics?: { code: string; message: string }[] } {
  return (r.body as { error: { code: string; path?: string; message: string; diagnostics?: { code: string; message: string }[] } }).error;
}

/** The codes of the diagnostics of an error answer, and of its own code. */
export function codesOf(r: Reply): string[] {
  const e = errorOf(r);
  return [...(e.diagnostics ?? []).map((d) => d.code)];
}
