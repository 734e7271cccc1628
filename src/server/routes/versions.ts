/**
 * `GET /api/families/{family}/versions[/{version}]` (the versions, one with its source and HTML) and
 * `POST /api/families/{family}/versions` (admin): a document is checked with the family's other versions and
 * refused with 422 and its diagnostics (with positions) when it has errors.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { checkFamily } from '../../check/family.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { toJson } from '../../diagnostics/render.js';
import type { App, Deps } from '../deps.js';
import { ApiError, requestLang } from '../errors.js';
import { ErrorSchema, FamilyParams, LangQuery, VersionDetailSchema, VersionInfoSchema, VersionInput, VersionParams } from '../schemas.js';
import { versionDetail, versionInfo } from '../version-info.js';
import { errors, familyFor, json, versionOf } from './common.js';

export function registerVersionRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/families/{family}/versions',
      summary: 'The versions of a family, in effective order',
      request: { params: FamilyParams },
      responses: { 200: json(z.array(VersionInfoSchema), 'versions'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const fam = await familyFor(deps, c, c.req.valid('param').family);
      return c.json(fam.family.versions.map(versionInfo) as never, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/families/{family}/versions/{version}',
      summary: 'One version: its Markdown source, its HTML with clause anchors, its clauses and event types',
      request: { params: VersionParams, query: LangQuery },
      responses: { 200: json(VersionDetailSchema, 'the version'), 401: errors[401], 404: json(ErrorSchema, 'no such family or version') },
    }),
    async (c) => {
      const { family, version } = c.req.valid('param');
      const fam = await familyFor(deps, c, family);
      return c.json(versionDetail(fam, versionOf(fam, version)) as never, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/families/{family}/versions',
      summary: 'Add a version (admin token); a new family when it has none yet',
      request: { params: FamilyParams, body: { content: { 'application/json': { schema: VersionInput } }, required: true } },
      responses: {
        201: json(VersionInfoSchema, 'stored'),
        200: json(VersionInfoSchema, 'the same file with the same text was already stored'),
        400: errors[400],
        401: errors[401],
        403: json(ErrorSchema, 'not an admin token'),
        404: errors[404],
        409: json(ErrorSchema, 'the file is already stored with another text'),
        422: json(ErrorSchema, 'the document has errors: `diagnostics` as `pacte check --json`'),
      },
    }),
    async (c) => {
      const p = c.get('principal');
      if (!p.admin) throw new ApiError('admin-only');
      const { family } = c.req.valid('param');
      const { file, source } = c.req.valid('json');
      const lang = requestLang(c);
      const rows = await deps.store.versions(family);
      const prior = rows.find((r) => r.file === file);
      if (prior && prior.source !== source) throw new ApiError('version-conflict', { file });
      const inputs = [...rows.filter((r) => r.file !== file).map((r) => ({ path: r.file, text: r.source })), { path: file, text: source }];
      const checked = checkFamily(inputs, family);
      const own = checked.diagnostics.filter((d) => d.file === file);
      if (hasErrors(checked.diagnostics) || !checked.family) {
        const diagnostics = (own.length > 0 ? own : checked.diagnostics).map((d) => toJson(d, lang));
        throw new ApiError(
          'invalid-agreement',
          { count: diagnostics.filter((d) => d['severity'] === 'error').length || diagnostics.length },
          { diagnostics },
        );
      }
      if (checked.family.agreement !== family) {
        throw new ApiError('wrong-agreement', { agreement: checked.family.agreement, family }, { path: 'source' });
      }
      const v = checked.family.versions.find((x) => x.file === file);
      if (!v) throw new Error(`version ${file} was checked but not found`);
      const r = await deps.store.putVersion(family, file, source);
      if (r === 'conflict') throw new ApiError('version-conflict', { file });
      return c.json(versionInfo(v) as never, r === 'added' ? 201 : 200);
    },
  );
}
