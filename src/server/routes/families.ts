/** `GET /api/families` and `GET /api/families/{family}`: the families a token may see, with their visible events' count. */
import { createRoute, z } from '@hono/zod-openapi';
import type { App, Deps } from '../deps.js';
import { FamilyParams, FamilySchema } from '../schemas.js';
import type { FamilyInfo } from '../version-info.js';
import { familyItem } from '../version-info.js';
import { familiesOf, principalIn } from '../family-cache.js';
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
      // A party token sees at most its own family, an organisation's the families it maps: the others are not even
      // looked at.
      const names = familiesOf(p);
      for (const name of names === 'all' ? await deps.store.families() : names) {
        const here = principalIn(p, name);
        const fam = here ? await deps.cache.visibleFamily(name, here) : null;
        if (here && fam) out.push(familyItem(fam, await deps.cache.ledger(fam, here)));
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
