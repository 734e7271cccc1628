/**
 * Bearer tokens: `Authorization: Bearer <token>`, looked up by its sha256 hash (the store keeps only hashes). No
 * token or an unknown one is 401. The principal is a party (sees its families and the events visible to it) or an
 * admin (sees everything, may act for any party, may add versions).
 */
import type { MiddlewareHandler } from 'hono';
import type { Store } from '../store/store.js';
import { hashToken } from '../store/tokens.js';
import { ApiError } from './errors.js';
import type { CheckedFamily, Principal } from './family-cache.js';

const BEARER = /^Bearer[ \t]+([\x21-\x7e]{1,512})[ \t]*$/i;

/** `family`: the family the gate already looked up for this request (app.ts), so handlers do not look it up twice. */
export type AuthEnv = { Variables: { principal: Principal; family?: CheckedFamily } };

export function bearerAuth(store: Store): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const m = BEARER.exec(c.req.header('authorization') ?? '');
    if (!m) throw new ApiError('unauthorized');
    const row = await store.tokenByHash(hashToken(m[1]!));
    if (!row) throw new ApiError('unauthorized');
    c.set('principal', { party: row.admin ? null : row.party, admin: row.admin });
    await next();
  };
}
