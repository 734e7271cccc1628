/**
 * A family's scenarios (issue 14): `GET /api/families/{family}/scenarios[/{name}]` (listed, one with its source and
 * events), `PUT /api/families/{family}/scenarios/{name}` (admin): checked like a version — its document against the
 * family, its events against the agreement — and refused with 422 and its diagnostics (with positions) when wrong;
 * and `GET /api/families/{family}/compare?asOf=&scenario=a&scenario=b` (`pacte compare --json`: the baseline and one
 * column per scenario). A party sees the scenarios of the families it belongs to (the family gate, app.ts), except
 * one that retracts an event hidden from it (scenarios.ts `visibleScenarios`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { App, Deps } from '../deps.js';
import { ApiError, notFound, requestLang } from '../errors.js';
import { checkScenarioInput, scenarioInfo } from '../scenarios.js';
import { scenarioNames, storedScenarios, visibleScenarios } from './stored-scenarios.js';
import {
  CompareQuery,
  CompareSchema,
  ErrorSchema,
  FamilyParams,
  ScenarioDetailSchema,
  ScenarioInfoSchema,
  ScenarioInput,
  ScenarioParams,
} from '../schemas.js';
import { errors, familyFor, json } from './common.js';
import { tagged } from './queries.js';

export function registerScenarioRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/families/{family}/scenarios',
      summary: 'The stored scenarios of a family, by name',
      request: { params: FamilyParams },
      responses: { 200: json(z.array(ScenarioInfoSchema), 'scenarios'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const fam = await familyFor(deps, c, c.req.valid('param').family);
      return c.json((await visibleScenarios(deps, fam, c.get('principal'))).map((x) => x.info) as never, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/families/{family}/scenarios/{name}',
      summary: 'One scenario: what it says of itself, its Markdown source and its hypothetical events',
      request: { params: ScenarioParams },
      responses: {
        200: json(ScenarioDetailSchema, 'the scenario'),
        401: errors[401],
        404: json(ErrorSchema, 'no such family or scenario'),
      },
    }),
    async (c) => {
      const { family, name } = c.req.valid('param');
      const fam = await familyFor(deps, c, family);
      const x = (await visibleScenarios(deps, fam, c.get('principal'))).find((v) => v.row.name === name);
      if (!x) throw notFound('scenario', name);
      const detail = { ...x.info, source: x.row.source, hypotheticalEvents: JSON.parse(x.row.events) as unknown };
      return c.json(detail as never, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/families/{family}/scenarios/{name}',
      summary: 'Store a scenario (admin token), checked against the family and its ledger',
      request: { params: ScenarioParams, body: { content: { 'application/json': { schema: ScenarioInput } }, required: true } },
      responses: {
        201: json(ScenarioInfoSchema, 'stored'),
        200: json(ScenarioInfoSchema, 'the same scenario was already stored'),
        400: errors[400],
        401: errors[401],
        403: json(ErrorSchema, 'not an admin token'),
        404: errors[404],
        409: json(ErrorSchema, 'the family already has a scenario of that name with another text or other events'),
        422: json(
          ErrorSchema,
          'the scenario has errors: `diagnostics` as `pacte check --json` (its document), or with `path` `events[i]…` (its events)',
        ),
      },
    }),
    async (c) => {
      const p = c.get('principal');
      if (!p.admin) throw new ApiError('admin-only');
      const { family, name } = c.req.valid('param');
      const body = c.req.valid('json');
      const fam = await familyFor(deps, c, family);
      const known = (await deps.cache.rows(fam.name)).rows;
      const events = checkScenarioInput(fam.family, known, name, body.source, body.events ?? [], requestLang(c));
      const r = await deps.store.putScenario(fam.name, name, body.source, events);
      if (r === 'conflict') throw new ApiError('scenario-conflict', { name });
      const row = (await deps.store.scenarios(fam.name)).find((x) => x.name === name);
      if (!row) throw new Error(`scenario ${name} was stored but not found`);
      return c.json(scenarioInfo(fam.family, row, known) as never, r === 'added' ? 201 : 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/families/{family}/compare',
      summary: 'The baseline and each scenario side by side, as of a date (`pacte compare --json`)',
      request: { params: FamilyParams, query: CompareQuery },
      responses: {
        200: json(CompareSchema, 'the columns (baseline, then one per scenario) and the rows that differ'),
        400: errors[400],
        401: errors[401],
        404: json(ErrorSchema, 'no such family or scenario'),
        422: json(ErrorSchema, 'a scenario no longer checks against the family: `diagnostics`'),
        503: json(ErrorSchema, 'the evaluation ran past the time budget'),
      },
    }),
    async (c) => {
      const { family } = c.req.valid('param');
      const q = c.req.valid('query');
      const lang = q.lang ?? requestLang(c);
      const fam = await familyFor(deps, c, family);
      const scenarios = await storedScenarios(deps, fam, c.get('principal'), scenarioNames(q.scenario));
      return (await tagged(deps, c, fam, { kind: 'compare', family, asOf: q.asOf, lang, scenarios, all: q.all === 'true' })) as never;
    },
  );
}
