/** Party and admin tokens: generated at random, shown once, stored only as their sha256 hash. */
import { createHash, randomBytes } from 'node:crypto';

/** A new bearer token: `pacte_` + 32 random bytes in base64url. */
export function generateToken(): string {
  return `pacte_${randomBytes(32).toString('base64url')}`;
}

/** The hash under which a token is stored and looked up (sha256 hex of its UTF-8 text). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
