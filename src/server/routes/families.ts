/** `GET /api/families` and `GET /api/families/{family}`: the families a token may see, with their visible events' count. */
import { createRoute, z } from '@hono/zod-openapi';
import type { App, Deps } from '../deps.js';
import { FamilyParams, FamilySchema } from '../schemas.js';
import type { FamilyInfo } from '../version-info.js';
import { familyItem } from '../version-info.js';
import { errors, familyFor, json, ledgerFor } from './common.js';

export function registerFamilyRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/families',
      summary: 'The families this token may see',
      responses: { 200: json(z.array(FamilySchema), 'families, sorted by name'), 401: errors[401] },
    }),
    async (c) => {
      const p = c.get('principal');
      const out: FamilyInfo[] = [];
      // A party token sees at most its own family: the others are not even looked at.
      for (const name of p.admin ? await deps.store.families() : p.family !== null ? [p.family] : []) {
        const fam = await deps.cache.visibleFamily(name, p);
        if (fam) out.push(familyItem(fam, await deps.cache.ledger(fam, p)));
      }
      return c.json(out as never, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/families/{family}',
      summary: 'One family',
      request: { params: FamilyParams },
      responses: { 200: json(FamilySchema, 'the family'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const fam = await familyFor(deps, c, c.req.valid('param').family);
      return c.json(familyItem(fam, await ledgerFor(deps, c, fam)) as never, 200);
    },
  );
}
