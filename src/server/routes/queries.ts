/**
 * The evaluating endpoints, each over the events the token may see: `GET …/state` (the JSON of `pacte state --json`),
 * `GET …/explain/{name}` (`pacte explain --json`), `POST …/what-if` (hypothetical events overlaid, nothing written)
 * and `GET …/diff` (`pacte diff --json`, with `impact` as of a date).
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AuthEnv } from '../auth.js';
import type { App, Deps } from '../deps.js';
import { ApiError, requestLang } from '../errors.js';
import type { Query } from '../evaluator/answer-query.js';
import type { CheckedFamily } from '../family-cache.js';
import {
  CanInput,
  CanSchema,
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
import { errors, familyFor, json, versionOf } from './common.js';

const notFoundVersionOrName = json(ErrorSchema, 'no such family, version or name');
const overBudget = json(
  ErrorSchema,
  'the evaluation ran past the time budget (`pacte serve --budget-ms`), or waited that long for a worker',
);

/** The query answered off the event loop (evaluator/), sent as the JSON text the worker made. */
async function answer(deps: Deps, c: Context<AuthEnv>, fam: CheckedFamily, query: Query): Promise<Response> {
  const text = await deps.evaluator.run(fam, c.get('principal'), query);
  return c.body(text, 200, { 'Content-Type': 'application/json' });
}

export function registerQueryRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/families/{family}/state',
      summary: 'The state as of a date, over the events this token may see',
      request: { params: FamilyParams, query: StateQuery },
      responses: {
        200: json(StateSchema, 'the state (docs/state.md)'),
        400: errors[400],
        401: errors[401],
        404: notFoundVersionOrName,
        503: overBudget,
      },
    }),
    async (c) => {
      const { family } = c.req.valid('param');
      const q = c.req.valid('query');
      const lang = q.lang ?? requestLang(c);
      const fam = await familyFor(deps, c, family);
      if (q.version !== undefined) versionOf(fam, q.version);
      return (await answer(deps, c, fam, { kind: 'state', family, asOf: q.asOf, version: q.version ?? null, lang })) as never;
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/families/{family}/explain/{name}',
      summary: 'Why a norm has its status, or a definition its value, as of a date',
      request: { params: ExplainParams, query: StateQuery },
      responses: {
        200: json(ExplainSchema, 'the because tree'),
        400: errors[400],
        401: errors[401],
        404: notFoundVersionOrName,
        503: overBudget,
      },
    }),
    async (c) => {
      const { family, name } = c.req.valid('param');
      const q = c.req.valid('query');
      const lang = q.lang ?? requestLang(c);
      const fam = await familyFor(deps, c, family);
      if (q.version !== undefined) versionOf(fam, q.version);
      return (await answer(deps, c, fam, { kind: 'explain', family, name, asOf: q.asOf, version: q.version ?? null, lang })) as never;
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
        503: overBudget,
      },
    }),
    async (c) => {
      const { family } = c.req.valid('param');
      const body = c.req.valid('json');
      const lang = body.lang ?? requestLang(c);
      const fam = await familyFor(deps, c, family);
      if (body.version !== undefined) versionOf(fam, body.version);
      const query: Query = { kind: 'what-if', family, asOf: body.asOf, version: body.version ?? null, lang, events: body.events };
      return (await answer(deps, c, fam, query)) as never;
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/families/{family}/can',
      summary: 'Would this act, done on that date, be valid? (nothing is written)',
      request: { params: FamilyParams, body: { content: { 'application/json': { schema: CanInput } }, required: true } },
      responses: {
        200: json(CanSchema, 'the answer: `verdict`, `findings` with their explanations, `effects`, `contradictions`'),
        400: errors[400],
        401: errors[401],
        404: notFoundVersionOrName,
        422: json(ErrorSchema, 'the agreement refuses the act: `diagnostics` with `path` (`actor`, `type`, `data.…`)'),
        503: overBudget,
      },
    }),
    async (c) => {
      const { family } = c.req.valid('param');
      const body = c.req.valid('json');
      const lang = body.lang ?? requestLang(c);
      const fam = await familyFor(deps, c, family);
      if (body.version !== undefined) versionOf(fam, body.version);
      const query: Query = {
        kind: 'can',
        family,
        asOf: body.asOf,
        version: body.version ?? null,
        lang,
        party: body.party,
        type: body.type,
        data: body.data ?? {},
      };
      return (await answer(deps, c, fam, query)) as never;
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/families/{family}/diff',
      summary: 'The redline between two versions; with impact=true&asOf=, the norms whose status differs on the ledger',
      request: { params: FamilyParams, query: DiffQuery },
      responses: {
        200: json(RedlineSchema, 'the redline (docs/diff.md)'),
        400: errors[400],
        401: errors[401],
        404: notFoundVersionOrName,
        503: overBudget,
      },
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
      const query: Query = { kind: 'diff', family, from: q.from, to: q.to, asOf: withImpact ? (q.asOf ?? null) : null };
      return (await answer(deps, c, fam, query)) as never;
    },
  );
}
