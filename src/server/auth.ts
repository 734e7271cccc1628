/**
 * Bearer tokens: `Authorization: Bearer <token>`, looked up by its sha256 hash (the store keeps only hashes). No
 * token or an unknown one is 401. The principal is a party (sees its families and the events visible to it) or an
 * admin (sees everything, may act for any party, may add versions).
 */
import type { MiddlewareHandler } from 'hono';
import type { Store, TokenRow } from '../store/store.js';
import { hashToken } from '../store/tokens.js';
import { ApiError } from './errors.js';
import type { CheckedFamily, Principal } from './family-cache.js';

const BEARER = /^Bearer[ \t]+([\x21-\x7e]{1,512})[ \t]*$/i;

/** `family`: the family the gate already looked up for this request (app.ts), so handlers do not look it up twice. */
export type AuthEnv = { Variables: { principal: Principal; family?: CheckedFamily } };

/** How many accepted tokens a server process remembers (by hash), saving a store query per request. */
const KNOWN_TOKENS = 10_000;

/**
 * Accepted tokens are remembered: a token, once stored, never changes or goes away (the store has no revocation;
 * when it gets one, this memory must learn to forget). Unknown tokens are not remembered, so a token added by
 * `pacte token add` next to a running server works at once.
 */
export function bearerAuth(store: Store): MiddlewareHandler<AuthEnv> {
  const known = new Map<string, TokenRow>();
  return async (c, next) => {
    const m = BEARER.exec(c.req.header('authorization') ?? '');
    if (!m) throw new ApiError('unauthorized');
    const hash = hashToken(m[1]!);
    const row = known.get(hash) ?? (await store.tokenByHash(hash));
    if (!row) throw new ApiError('unauthorized');
    if (!known.has(hash)) {
      known.set(hash, row);
      if (known.size > KNOWN_TOKENS) known.delete(known.keys().next().value!);
    }
    c.set('principal', { party: row.admin ? null : row.party, admin: row.admin });
    await next();
  };
}
