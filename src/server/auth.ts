/**
 * Bearer tokens: `Authorization: Bearer <token>`, looked up by its sha256 hash (the store keeps only hashes). No
 * token, an unknown one, a revoked or expired one, or a party token made before tokens had families is 401. The
 * principal is a party of one family (sees that family, and the events of it visible to its party), an organisation
 * (in each family it maps, the party it maps there: family-cache.ts `principalIn`), or an admin (sees everything, may
 * act for any party, may add versions).
 *
 * The token is read through the server's cached reads (cached-reads.ts): from memory while the store's change mark
 * for tokens is the same, so a token revoked by `pacte token revoke` next to a running server, or by another server
 * process, moves the mark and is refused from the next request on.
 */
import type { MiddlewareHandler } from 'hono';
import type { Store } from '../store/store.js';
import { tokenUnusable } from '../store/store.js';
import { hashToken } from '../store/tokens.js';
import { ApiError } from './errors.js';
import type { CheckedFamily, Principal } from './family-cache.js';

const BEARER = /^Bearer[ \t]+([\x21-\x7e]{1,512})[ \t]*$/i;

/**
 * `family`: the family the gate already looked up for this request (app.ts), so handlers do not look it up twice;
 * `familyKnown`: it is the family as last checked, not read from the store for this request (an append: the store
 * compares its count of versions under the append's lock, family-cache.ts `knownFamily`).
 */
export type AuthEnv = { Variables: { principal: Principal; family?: CheckedFamily; familyKnown?: boolean } };

export function bearerAuth(store: Pick<Store, 'tokenByHash'>): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const m = BEARER.exec(c.req.header('authorization') ?? '');
    if (!m) throw new ApiError('unauthorized');
    const row = await store.tokenByHash(hashToken(m[1]!));
    if (!row) throw new ApiError('unauthorized');
    const unusable = tokenUnusable(row, new Date().toISOString());
    if (unusable === 'unscoped') throw new ApiError('token-unscoped', { id: row.hash.slice(0, 12) });
    if (unusable !== null) throw new ApiError('unauthorized');
    c.set(
      'principal',
      row.admin
        ? { party: null, family: null, admin: true }
        : row.org
          ? { party: null, family: null, admin: false, org: row.org }
          : { party: row.party, family: row.family, admin: false },
    );
    await next();
  };
}
