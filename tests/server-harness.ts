/** Shared by the server tests: a store loaded from family directories, tokens, and the app on an ephemeral port. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../src/server/app.js';
import type { Running } from '../src/server/listen.js';
import { listen } from '../src/server/listen.js';
import { canonicalEvent } from '../src/store/chain.js';
import type { Store, TokenOrg } from '../src/store/store.js';
import { generateToken, hashToken } from '../src/store/tokens.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const FLAGSHIP = join(import.meta.dirname, '..', 'examples', 'openai-microsoft');

/** Stores a family directory's versions and ledger; returns the family name (its directory name). */
export async function loadDir(store: Store, dir: string, family: string): Promise<void> {
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.pacte.md'))
    .sort()) {
    await store.putVersion(family, f, readFileSync(join(dir, f), 'utf8'));
  }
  const ledger = join(dir, 'ledger.jsonl');
  if (!existsSync(ledger)) return;
  const events = readFileSync(ledger, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const o = JSON.parse(l) as { id: string };
      return { id: o.id, body: canonicalEvent(o) };
    });
  const r = await store.append({ family, events, idempotencyKey: null, expectedSeq: null });
  if (r.kind !== 'appended') throw new Error(`loading ${dir}: ${r.kind}`);
}

/** An admin token (`party` null), or a token of `party` in `family`. */
export async function addToken(store: Store, party: string | null, family?: string, more: { expiresAt?: string } = {}): Promise<string> {
  if (party !== null && family === undefined) throw new Error('a party token belongs to a family');
  const token = generateToken();
  await store.addToken({
    hash: hashToken(token),
    family: party === null ? null : family!,
    party,
    admin: party === null,
    label: party ?? 'admin',
    createdAt: new Date().toISOString(),
    expiresAt: more.expiresAt ?? null,
  });
  return token;
}

/** An organisation's token: in each family it maps, the party it maps there. */
export async function addOrgToken(store: Store, org: TokenOrg): Promise<string> {
  const token = generateToken();
  await store.addToken({
    hash: hashToken(token),
    family: null,
    party: null,
    admin: false,
    label: org.name,
    createdAt: new Date().toISOString(),
    expiresAt: null,
    org,
  });
  return token;
}

export async function startServer(store: Store, webDir: string | null = null): Promise<Running> {
  return listen(createApp({ store, webDir, onError: () => undefined }), store, '127.0.0.1', 0);
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

export async function call(url: string, token: string | null, init: RequestInit = {}): Promise<Reply> {
  const headers = new Headers(init.headers);
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: res.status, body, text };
}
