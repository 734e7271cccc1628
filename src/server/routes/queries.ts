/**
 * The evaluating endpoints, each over the events the token may see: `GET …/state` (the JSON of `pacte state --json`),
 * `GET …/explain/{name}` (`pacte explain --json`), `POST …/what-if` (hypothetical events overlaid, nothing written)
 * and `GET …/diff` (`pacte diff --json`, with `impact` as of a date).
 */
import { createRoute } from '@hono/zod-openapi';
import { redlineJson } from '../../diff/redline.js';
import { explainJson } from '../../engine/explain-json.js';
import { toJson } from '../../diagnostics/render.js';
import type { Lang } from '../../diagnostics/terms.js';
import { evaluate } from '../../engine/evaluate.js';
import type { StateJson } from '../../engine/state.js';
import type { App, Deps } from '../deps.js';
import { ApiError, notFound, requestLang } from '../errors.js';
import { checkEvents } from '../event-check.js';
import type { PartyLedger } from '../family-cache.js';
import { LEDGER_NAME } from '../family-cache.js';
import {
  DiffQuery,
  ErrorSchema,
  ExplainParams,
  ExplainSchema,
  FamilyParams,
  RedlineSchema,
  StateQuery,
  StateSchema,
  WhatIfInput,
} from '../schemas.js';
import { errors, familyFor, json, ledgerFor, versionOf } from './common.js';

/** Ledger rows that a later version no longer accepts are skipped; their warnings are added, as with `--lenient`. */
function withLedgerWarnings(st: StateJson, ledger: PartyLedger, lang: Lang): StateJson {
  if (ledger.diagnostics.length === 0) return st;
  return { ...st, diagnostics: [...ledger.diagnostics.map((d) => toJson(d, lang)), ...st.diagnostics] };
}

const notFoundVersionOrName = json(ErrorSchema, 'no such family, version or name');

export function registerQueryRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/families/{family}/state',
      summary: 'The state as of a date, over the events this token may see',
      request: { params: FamilyParams, query: StateQuery },
      responses: { 200: json(StateSchema, 'the state (docs/state.md)'), 400: errors[400], 401: errors[401], 404: notFoundVersionOrName },
    }),
    async (c) => {
      const { family } = c.req.valid('param');
      const q = c.req.valid('query');
      const lang = q.lang ?? requestLang(c);
      const fam = await familyFor(deps, c, family);
      if (q.version !== undefined) versionOf(fam, q.version);
      const ledger = await ledgerFor(deps, c, fam);
      const st = ledger.evaluator(q.version ?? null).at(q.asOf, lang);
      return c.json(withLedgerWarnings(st, ledger, lang) as never, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/families/{family}/explain/{name}',
      summary: 'Why a norm has its status, or a definition its value, as of a date',
      request: { params: ExplainParams, query: StateQuery },
      responses: { 200: json(ExplainSchema, 'the because tree'), 400: errors[400], 401: errors[401], 404: notFoundVersionOrName },
    }),
    async (c) => {
      const { family, name } = c.req.valid('param');
      const q = c.req.valid('query');
      const lang = q.lang ?? requestLang(c);
      const fam = await familyFor(deps, c, family);
      if (q.version !== undefined) versionOf(fam, q.version);
      const ledger = await ledgerFor(deps, c, fam);
      const r = explainJson(ledger.evaluator(q.version ?? null).at(q.asOf, lang), name);
      if (!r) throw notFound('name', name);
      return c.json(r as never, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/families/{family}/what-if',
      summary: 'The state with hypothetical events overlaid (nothing is written)',
      request: { params: FamilyParams, body: { content: { 'application/json': { schema: WhatIfInput } }, required: true } },
      responses: {
        200: json(StateSchema, 'the state, `hypothetical` counting the overlaid events'),
        400: errors[400],
        401: errors[401],
        404: notFoundVersionOrName,
        422: json(ErrorSchema, 'the agreement refuses an event: `diagnostics` with `path` `events[i]…`'),
      },
    }),
    async (c) => {
      const { family } = c.req.valid('param');
      const body = c.req.valid('json');
      const lang = body.lang ?? requestLang(c);
      const fam = await familyFor(deps, c, family);
      if (body.version !== undefined) versionOf(fam, body.version);
      const ledger = await ledgerFor(deps, c, fam);
      const ids = new Map(ledger.events.map((e) => [e.id, { file: LEDGER_NAME, line: e.line }]));
      const overlay = checkEvents(fam.family, body.events, lang, {
        prefix: (i) => `events[${i}].`,
        hypothetical: true,
        seqBase: ledger.rows.length,
        ids,
      });
      const st = evaluate(fam.family, [...ledger.events, ...overlay.events], body.asOf, { version: body.version ?? null, lang });
      return c.json(withLedgerWarnings(st, ledger, lang) as never, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/families/{family}/diff',
      summary: 'The redline between two versions; with impact=true&asOf=, the norms whose status differs on the ledger',
      request: { params: FamilyParams, query: DiffQuery },
      responses: { 200: json(RedlineSchema, 'the redline (docs/diff.md)'), 400: errors[400], 401: errors[401], 404: notFoundVersionOrName },
    }),
    async (c) => {
      const { family } = c.req.valid('param');
      const q = c.req.valid('query');
      const fam = await familyFor(deps, c, family);
      versionOf(fam, q.from);
      versionOf(fam, q.to);
      const withImpact = q.impact === 'true';
      if (withImpact && q.asOf === undefined) throw new ApiError('impact-needs-as-of', {}, { path: 'asOf' });
      if (!withImpact && q.asOf !== undefined) throw new ApiError('as-of-needs-impact', {}, { path: 'asOf' });
      const events = withImpact ? (await ledgerFor(deps, c, fam)).events : [];
      const r = redlineJson(fam.family, q.from, q.to, events, withImpact ? (q.asOf ?? null) : null);
      if (!r) throw notFound('version', q.to);
      return c.json(r as never, 200);
    },
  );
}
