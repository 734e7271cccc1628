/**
 * The ledger's hash chain and the canonical text of an event, shared by every adapter.
 *
 * `hash = sha256hex(previous hash + salt + body)`, the first row's previous hash being `GENESIS` (64 zeros). The salt
 * is 32 random hex digits per row (`newSalt()`), stored with the row and never sent to a party that may not see the
 * event: without it, a party holding the hashes around a hidden event could confirm a guess of its body offline
 * (`sha256(sha256(h1 + guess) + body3) == h3`); with 128 secret bits in each link, no guess can be confirmed. Rows
 * stored before salts existed have an empty salt, which leaves their hash `sha256hex(previous hash + body)`.
 * A family's versions are chained the same way, without salt: `sha256hex(previous + canonicalJson([file, source]))`.
 *
 * `canonicalEvent(obj)` is the one text of an event that is stored and hashed, so the same event gives the same hash
 * in every adapter and on every machine:
 * - no whitespace; strings escaped as `JSON.stringify` escapes them;
 * - keys of the event itself in the ledger's order (`id, type, date, actor, data, source, visibility, recorded`),
 *   any other key after them sorted; keys of nested objects sorted by UTF-16 code units (as RFC 8785);
 * - JSON numbers: a number is the IEEE double that `JSON.parse` read, written back the ECMAScript way
 *   (`JSON.stringify`, shortest round-trip; RFC 8785 does the same): `1.50` becomes `1.5`, `1e3` becomes `1000`.
 *   Integers beyond ±2^53 and non-finite numbers are refused (they would not survive the round-trip). Exact
 *   decimals — money, percentages, large numbers — are text (`"USD 12.30"`), which is kept as given.
 * - `undefined` members are dropped (as `JSON.stringify` drops them); other non-JSON values are refused.
 */
import { createHash, randomBytes } from 'node:crypto';

/** The previous hash of a family's first row. */
export const GENESIS = '0'.repeat(64);

/** sha256 hex of `prev + salt + body` (UTF-8). */
export function chainHash(prev: string, body: string, salt = ''): string {
  return createHash('sha256').update(prev, 'utf8').update(salt, 'utf8').update(body, 'utf8').digest('hex');
}

/** Salts drawn per call to the system's generator: a group commit salts every row it writes (decide.ts). */
const SALTS_PER_DRAW = 256;
let saltPool = Buffer.alloc(0);
let saltAt = 0;

/**
 * A new row's salt: 16 random bytes as 32 hex digits. The bytes come from `randomBytes` in draws of 256 salts (one
 * call instead of one per row); each byte is handed out once.
 */
export function newSalt(): string {
  if (saltAt + 16 > saltPool.length) {
    saltPool = randomBytes(16 * SALTS_PER_DRAW);
    saltAt = 0;
  }
  const salt = saltPool.toString('hex', saltAt, saltAt + 16);
  saltAt += 16;
  return salt;
}

/** The link of a version in its family's versions chain. */
export function versionHash(prev: string, file: string, source: string): string {
  return chainHash(prev, canonicalJson([file, source]));
}

/** A family's head, published by `pacte head`: sha256hex(versions head + events head). */
export function familyHead(versionsHash: string, eventsHash: string): string {
  return chainHash(versionsHash, eventsHash);
}

/**
 * Text a database keeps exactly: well-formed Unicode (a lone surrogate would become U+FFFD in SQLite's UTF-8) without
 * NUL (PostgreSQL's text refuses it). The store refuses ids and families that are not (`invalid-id`).
 */
export function storableText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The order of an event's own keys in a canonical body (the order of ledger.jsonl lines). */
export const EVENT_KEY_ORDER: readonly string[] = ['id', 'type', 'date', 'actor', 'data', 'source', 'visibility', 'recorded'];

/** A value `canonicalEvent` cannot write canonically; `path` says where (`data.amount`). */
export class CanonicalJsonError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path || '(root)'}: ${message}`);
  }
}

function rank(key: string): number {
  const i = EVENT_KEY_ORDER.indexOf(key);
  return i < 0 ? EVENT_KEY_ORDER.length : i;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function write(v: unknown, path: string, top: boolean): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(v)) throw new CanonicalJsonError(path, 'not a finite number');
      if (Number.isInteger(v) && !Number.isSafeInteger(v))
        throw new CanonicalJsonError(path, 'integer too large to keep exactly: write it as text');
      return JSON.stringify(v);
    case 'object': {
      if (Array.isArray(v)) return `[${v.map((x, i) => write(x === undefined ? null : x, `${path}[${i}]`, false)).join(',')}]`;
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(path, 'not a plain JSON object');
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
      entries.sort(([a], [b]) => (top ? rank(a) - rank(b) || byCodeUnits(a, b) : byCodeUnits(a, b)));
      return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${write(x, path ? `${path}.${k}` : k, false)}`).join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(path, `not a JSON value (${typeof v})`);
  }
}

/** The canonical JSON text of an event object (see the module comment). Throws `CanonicalJsonError`. */
export function canonicalEvent(obj: unknown): string {
  return write(obj, '', true);
}

/** The canonical text of any JSON value: like `canonicalEvent` with every object's keys sorted. */
export function canonicalJson(value: unknown): string {
  return write(value, '', false);
}
