/**
 * `POST /api/families/{family}/events`: append one event (the token's party must be its actor; `Idempotency-Key`
 * replays; `If-Match: <last seq>` refuses with 409 when the ledger has moved) and
 * `GET /api/families/{family}/events?after=&limit=`: the events the token may see, in ledger order.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { App, Deps } from '../deps.js';
import { ApiError, notFound, requestLang } from '../errors.js';
import type { CheckedFamily } from '../family-cache.js';
import { checkEvents } from '../event-check.js';
import { AppendResultSchema, ErrorSchema, EventInput, EventPageSchema, EventsQuery, FamilyParams } from '../schemas.js';
import { errors, familyFor, json, ledgerFor } from './common.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

const AppendHeaders = z.object({
  'idempotency-key': z.string().optional().openapi({ description: 'replays of the same key return the first answer (200)' }),
  'if-match': z
    .string()
    .optional()
    .openapi({ description: 'the last sequence the client saw: 409 and nothing written if the ledger has moved' }),
});

function expectedSeq(header: string | undefined): number | null {
  if (header === undefined) return null;
  const m = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!m) throw new ApiError('bad-if-match', {}, { path: 'If-Match' });
  return Number(m[1]);
}

function idempotencyKey(header: string | undefined, scope: string): string | null {
  if (header === undefined) return null;
  if (!/^[\x21-\x7e]{1,200}$/.test(header)) throw new ApiError('bad-idempotency-key', {}, { path: 'Idempotency-Key' });
  // Keys are per token holder: one party's key never replays another's answer.
  return `${scope}:${header}`;
}

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return limit === Infinity ? MAX_LIMIT : DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

/**
 * Whether the hash of a visible row would confirm guesses about an event hidden from the token (issue 16 finding 3):
 * an unsalted row (stored before salts existed, not re-chained) is `sha256(previous + body)`, so from the hashes it
 * holds a party can recompute it through any guess of the unsalted rows before it. The row is the `index`-th the token
 * sees: a row before it is hidden exactly when its seq is not `index + 1` (rows are numbered 1, 2, 3… without gaps).
 * Such hashes are withheld (null) until `pacte rechain` salts the rows; salted rows and fully visible prefixes are not.
 */
function exposes(row: { readonly seq: number; readonly salt: string }, index: number): boolean {
  return row.salt === '' && row.seq !== index + 1;
}

export function registerEventRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/families/{family}/events',
      summary: 'Append one event',
      request: {
        params: FamilyParams,
        headers: AppendHeaders,
        body: { content: { 'application/json': { schema: EventInput } }, required: true },
      },
      responses: {
        201: json(AppendResultSchema, 'appended (durable when acknowledged)'),
        200: json(AppendResultSchema, 'a replay of the same Idempotency-Key: the first answer'),
        400: errors[400],
        401: errors[401],
        403: json(ErrorSchema, "the event's actor is not the token's party; nothing appended"),
        404: errors[404],
        409: json(ErrorSchema, '`conflict` (If-Match stale; `lastSeq`), `duplicate-id` or `key-reused`; nothing appended'),
        413: json(ErrorSchema, 'body over 1 MiB (also chunked, also once decompressed)'),
        422: json(ErrorSchema, 'the agreement refuses the event: `diagnostics` as `pacte check --json`'),
      },
    }),
    async (c) => {
      const p = c.get('principal');
      const { family } = c.req.valid('param');
      let fam = await familyFor(deps, c, family);
      const event = c.req.valid('json');
      if (!p.admin && event.actor !== p.party) throw new ApiError('forbidden-actor', { party: p.party ?? '', actor: event.actor });
      const expected = expectedSeq(c.req.header('if-match'));
      const key = idempotencyKey(c.req.header('idempotency-key'), p.admin ? '*admin' : (p.party ?? ''));
      const lang = requestLang(c);
      const check = (f: CheckedFamily): string =>
        checkEvents(f.family, [event], lang, { prefix: () => '', hypothetical: false, seqBase: 0, ids: new Map() }).bodies[0]!;
      /** The family as stored now (read from the store, not kept): what the event is checked against when in doubt. */
      const stored = async (): Promise<CheckedFamily> => {
        const now = await deps.cache.visibleFamily(family, p);
        if (!now) throw notFound('family', family);
        return now;
      };
      // The gate may have given the family as last checked (family-cache.ts `knownFamily`): an event it refuses is
      // checked again against the stored versions, which may declare what it lacks; one it accepts is appended with
      // its count of versions, which the store compares under the append's lock.
      let body: string;
      try {
        body = check(fam);
      } catch (e) {
        if (c.get('familyKnown') !== true) throw e;
        const now = await stored();
        if (now.key === fam.key) throw e;
        fam = now;
        body = check(fam);
      }
      const append = (versions: number | undefined) =>
        deps.store.append({ family, events: [{ id: event.id, body }], idempotencyKey: key, expectedSeq: expected, versions });
      let r = await append(fam.rows.length);
      if (r.kind === 'versions-moved') {
        // Versions were stored since the family was checked: checked again against them, appended as before.
        fam = await stored();
        body = check(fam);
        r = await append(undefined);
      }
      switch (r.kind) {
        case 'appended':
        case 'replayed': {
          const row = r.rows[0]!;
          return c.json({ seq: row.seq, id: row.id, hash: row.hash }, r.kind === 'appended' ? 201 : 200);
        }
        case 'conflict':
          throw new ApiError('conflict', { lastSeq: r.lastSeq, expected: expected ?? 0 }, { lastSeq: r.lastSeq });
        case 'duplicate-id':
          throw new ApiError('duplicate-id', { id: r.id });
        case 'key-reused':
          throw new ApiError('key-reused');
        case 'invalid-id':
          throw new ApiError('invalid-id', { id: JSON.stringify(r.id) }, { path: 'id' });
        case 'versions-moved':
          throw new Error(`versions-moved for ${family} from an append without a count of versions`);
      }
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/families/{family}/events',
      summary: 'The events this token may see, in ledger order, a page at a time',
      request: { params: FamilyParams, query: EventsQuery },
      responses: {
        200: json(EventPageSchema, '`next`: the `after` of the next page, null at the end'),
        400: errors[400],
        401: errors[401],
        404: errors[404],
      },
    }),
    async (c) => {
      const { family } = c.req.valid('param');
      const q = c.req.valid('query');
      const fam = await familyFor(deps, c, family);
      const ledger = await ledgerFor(deps, c, fam);
      const after = q.after ?? 0;
      const limit = clampLimit(q.limit);
      // The visible rows are in seq order: find the first after `after`, take `limit`, and say whether more follow.
      let lo = 0;
      let hi = ledger.rows.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ledger.rows[mid]!.seq <= after) lo = mid + 1;
        else hi = mid;
      }
      const page = ledger.rows.slice(lo, lo + limit);
      const more = lo + limit < ledger.rows.length;
      return c.json(
        {
          events: page.map((r, i) => ({ seq: r.seq, id: r.id, hash: exposes(r, lo + i) ? null : r.hash, event: r.event })),
          next: more ? page[page.length - 1]!.seq : null,
        } as never,
        200,
      );
    },
  );
}
