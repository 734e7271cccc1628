/** `GET /healthz` (no token) and `GET /api/me` (who the token is). */
import { createRoute } from '@hono/zod-openapi';
import type { App, Deps } from '../deps.js';
import { ErrorSchema, HealthSchema, MeSchema } from '../schemas.js';

const json = <T>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

export function registerMetaRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      security: [],
      summary: 'Liveness, and which store',
      responses: { 200: json(HealthSchema, 'the server runs') },
    }),
    (c) => c.json({ ok: true, store: deps.store.kind }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/me',
      summary: 'The party of a family (or admin) the token stands for',
      responses: { 200: json(MeSchema, 'the token'), 401: json(ErrorSchema, 'no or unknown token') },
    }),
    (c) => {
      const p = c.get('principal');
      return c.json(
        { party: p.party, family: p.family, admin: p.admin, ...(p.org ? { org: { name: p.org.name, grants: [...p.org.grants] } } : {}) },
        200,
      );
    },
  );
}
