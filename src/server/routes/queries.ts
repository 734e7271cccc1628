/**
 * The evaluating endpoints, each over the events the token may see: `GET …/state` (the JSON of `pacte state --json`),
 * `GET …/norms/{id}/instances` (a page of one norm's instances),
 * `GET …/explain/{name}` (`pacte explain --json`), `POST …/what-if` (hypothetical events overlaid, nothing written)
 * and `GET …/diff` (`pacte diff --json`, with `impact` as of a date); each under stored scenarios when asked
 * (`?scenario=a&scenario=b`, `scenarios` in a what-if's body), as `--scenario` on the command line.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AuthEnv } from '../auth.js';
import type { App, Deps } from '../deps.js';
import { ApiError, requestLang } from '../errors.js';
import type { AsOfQuery, Query } from '../evaluator/answer-query.js';
import type { Lang } from '../../diagnostics/terms.js';
import type { CheckedFamily } from '../family-cache.js';
import { matchesTag } from '../answer-cache.js';
import { INSTANCE_PAGE_DEFAULT } from '../../engine/instance-page.js';
import {
  CanInput,
  CanSchema,
  DiffQuery,
  ErrorSchema,
  ExplainParams,
  ExplainSchema,
  FamilyParams,
  FullStateQuery,
  InstancePageSchema,
  InstancesQuery,
  NormParams,
  RedlineSchema,
  StateQuery,
  StateSchema,
  WhatIfInput,
} from '../schemas.js';
import { errors, familyFor, json, versionOf } from './common.js';
import type { QueryScenario } from '../scenarios.js';
import { scenarioNames, storedScenarios } from './stored-scenarios.js';

/** The scenarios of a query, left out when there are none (so a query without them keeps the tag it always had). */
function named(scenarios: readonly QueryScenario[]): { scenarios?: readonly QueryScenario[] } {
  return scenarios.length > 0 ? { scenarios } : {};
}

const notFoundVersionOrName = json(ErrorSchema, 'no such family, version, name or scenario');
const badScenario = json(ErrorSchema, 'a scenario asked no longer checks against the family: `diagnostics`');
const overBudget = json(
  ErrorSchema,
  'the evaluation ran past the time budget (`pacte serve --budget-ms`), or waited that long for a worker',
);

/** The errors of a GET as of a date (state, instances, explain, diff). */
const asOfErrors = { 400: errors[400], 401: errors[401], 404: notFoundVersionOrName, 422: badScenario, 503: overBudget } as const;

/** The query answered off the event loop (evaluator/), sent as the JSON text the worker made. */
async function answer(deps: Deps, c: Context<AuthEnv>, fam: CheckedFamily, query: Query): Promise<Response> {
  const text = await deps.evaluator.run(fam, c.get('principal'), query);
  return c.body(text, 200, { 'Content-Type': 'application/json' });
}

/**
 * A GET's answer with its entity tag (answer-cache.ts): 304 when `If-None-Match` names it, else the cached text, else
 * evaluated and kept. An answer evaluated while the tag moved (an event appended meanwhile) is sent without a tag
 * and not kept, since which of the two ledgers it saw is not known.
 */
export async function tagged(deps: Deps, c: Context<AuthEnv>, fam: CheckedFamily, query: Query): Promise<Response> {
  const p = c.get('principal');
  const tag = deps.answers.tag(fam, p, query, (await deps.cache.rows(fam.name)).rows);
  const headers = { 'Cache-Control': 'private, no-cache', Vary: 'Authorization, Accept-Language' };
  if (matchesTag(c.req.header('if-none-match'), tag)) return c.body(null, 304, { ...headers, ETag: tag });
  const hit = deps.answers.get(tag);
  if (hit !== undefined) return c.body(hit, 200, { ...headers, 'Content-Type': 'application/json', ETag: tag });
  const text = await deps.evaluator.run(fam, p, query);
  const after = deps.answers.tag(fam, p, query, (await deps.cache.rows(fam.name)).rows);
  if (after !== tag) return c.body(text, 200, { ...headers, 'Content-Type': 'application/json' });
  deps.answers.set(tag, text);
  return c.body(text, 200, { ...headers, 'Content-Type': 'application/json', ETag: tag });
}

/**
 * What a GET as of a date (state, a norm's instances, explain) starts with: the family the token may see, the version
 * asked checked, the stored scenarios read, and the part of the query they share.
 */
async function asOfGet(
  deps: Deps,
  c: Context<AuthEnv>,
  family: string,
  q: {
    readonly asOf: string;
    readonly version?: string | undefined;
    readonly lang?: Lang | undefined;
    readonly scenario?: string | string[] | undefined;
  },
): Promise<{ fam: CheckedFamily; asOf: AsOfQuery }> {
  const fam = await familyFor(deps, c, family);
  if (q.version !== undefined) versionOf(fam, q.version);
  const scenarios = await storedScenarios(deps, fam, c.get('principal'), scenarioNames(q.scenario));
  return {
    fam,
    asOf: { family, asOf: q.asOf, version: q.version ?? null, lang: q.lang ?? requestLang(c), ...named(scenarios) },
  };
}

export function registerQueryRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/families/{family}/state',
      summary: 'The state as of a date, over the events this token may see',
      request: { params: FamilyParams, query: FullStateQuery },
      responses: {
        200: json(
          StateSchema,
          'the state (docs/state.md); a recurring clause past 20 instances lists the open ones and the latest, with `instanceSummary` (`instances=all` for every one)',
        ),
        ...asOfErrors,
      },
    }),
    async (c) => {
      const { family } = c.req.valid('param');
      const q = c.req.valid('query');
      const { fam, asOf } = await asOfGet(deps, c, family, q);
      return (await tagged(deps, c, fam, {
        kind: 'state',
        ...asOf,
        // Absent for the summary, so that a state asked without it keeps the tag it always had.
        ...(q.instances === 'all' ? { instances: 'all' as const } : {}),
      })) as never;
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/families/{family}/norms/{id}/instances',
      summary: "A page of one norm's instances as of a date (what a summarized state leaves out)",
      request: { params: NormParams, query: InstancesQuery },
      responses: {
        200: json(InstancePageSchema, 'the page: `instances` from `offset`, `total`, `byStatus`, and `next` (null after the last)'),
        ...asOfErrors,
      },
    }),
    async (c) => {
      const { family, id } = c.req.valid('param');
      const q = c.req.valid('query');
      const { fam, asOf } = await asOfGet(deps, c, family, q);
      return (await tagged(deps, c, fam, {
        kind: 'instances',
        ...asOf,
        norm: id,
        offset: q.offset ?? 0,
        limit: q.limit ?? INSTANCE_PAGE_DEFAULT,
      })) as never;
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
        ...asOfErrors,
      },
    }),
    async (c) => {
      const { family, name } = c.req.valid('param');
      const { fam, asOf } = await asOfGet(deps, c, family, c.req.valid('query'));
      return (await tagged(deps, c, fam, { kind: 'explain', ...asOf, name })) as never;
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
        422: json(
          ErrorSchema,
          'the agreement refuses an event (`diagnostics` with `path` `events[i]…`), an assumption or a retraction (`path` `assume[i]`, `retract[i]`), or a scenario no longer checks',
        ),
        503: overBudget,
      },
    }),
    async (c) => {
      const { family } = c.req.valid('param');
      const body = c.req.valid('json');
      const lang = body.lang ?? requestLang(c);
      const fam = await familyFor(deps, c, family);
      if (body.version !== undefined) versionOf(fam, body.version);
      const scenarios = await storedScenarios(deps, fam, c.get('principal'), body.scenarios ?? []);
      const query: Query = {
        kind: 'what-if',
        family,
        asOf: body.asOf,
        version: body.version ?? null,
        lang,
        events: body.events,
        scenarios,
        ...(body.assume?.length || body.retract?.length ? { oneOff: { assume: body.assume ?? [], retract: body.retract ?? [] } } : {}),
        ...(body.instances === 'all' ? { instances: 'all' as const } : {}),
      };
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
      const scenarios = await storedScenarios(deps, fam, c.get('principal'), body.scenarios ?? []);
      const query: Query = {
        kind: 'can',
        family,
        asOf: body.asOf,
        version: body.version ?? null,
        lang,
        party: body.party,
        type: body.type,
        data: body.data ?? {},
        scenarios,
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
        ...asOfErrors,
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
      const names = scenarioNames(q.scenario);
      if (!withImpact && names.length > 0) throw new ApiError('scenario-needs-impact', {}, { path: 'scenario' });
      const scenarios = await storedScenarios(deps, fam, c.get('principal'), names);
      // The language matters only to a scenario's diagnostics: the redline is the same JSON in both (and so its tag).
      const lang = scenarios.length > 0 ? { lang: q.lang ?? requestLang(c) } : {};
      const query: Query = {
        kind: 'diff',
        family,
        from: q.from,
        to: q.to,
        asOf: withImpact ? (q.asOf ?? null) : null,
        ...named(scenarios),
        ...lang,
      };
      return (await tagged(deps, c, fam, query)) as never;
    },
  );
}
