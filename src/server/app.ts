/**
 * `createApp({store, webDir})`: the HTTP API (hono + @hono/zod-openapi, OpenAPI 3.1 at /openapi.json) and the web UI's
 * static files. The order of the checks on /api is what keeps access rules tight: the token (401), then the family
 * (404 when the token may not see it, before anything about the request is judged), then the body (413/400), then
 * the handler (403 for another party's actor, 422 for what the agreement refuses, 409 for conflicts). Evaluations run
 * in worker threads with a time budget (evaluator/: 503 past it).
 */
import type { IncomingMessage } from 'node:http';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { storableText } from '../store/chain.js';
import type { Store } from '../store/store.js';
import { AnswerCache } from './answer-cache.js';
import type { AuthEnv } from './auth.js';
import { bearerAuth } from './auth.js';
import type { App, Deps } from './deps.js';
import { attachEvaluator } from './deps.js';
import { cachedReads } from './cached-reads.js';
import type { EvaluatorOptions } from './evaluator/evaluator-pool.js';
import { EvaluatorPool } from './evaluator/evaluator-pool.js';
import { ApiError, errorResponse, notFound, requestLang } from './errors.js';
import { FamilyCache, principalIn } from './family-cache.js';
import { MAX_BODY_BYTES, parseJsonBody, readBodyText } from './body.js';
import { registerEventRoutes } from './routes/events.js';
import { registerFamilyRoutes } from './routes/families.js';
import { registerMetaRoutes } from './routes/meta.js';
import { registerMcpRoute } from './routes/mcp.js';
import { registerQueryRoutes } from './routes/queries.js';
import { registerScenarioRoutes } from './routes/scenarios.js';
import { registerVersionRoutes } from './routes/versions.js';
import { securityHeaders, serveWeb } from './static.js';
import { zodError } from './zod-error.js';

export interface AppOptions {
  readonly store: Store;
  /** The built UI (dist/web); null for an API-only server. */
  readonly webDir?: string | null;
  readonly maxBodyBytes?: number;
  /** Evaluation off the event loop: worker threads (default 2) and the time budget per request (default 5000 ms). */
  readonly evaluation?: EvaluatorOptions;
  /** Called with unexpected errors (500s); default: written to stderr. */
  readonly onError?: (e: unknown) => void;
}

/** The path of `POST /api/families/{family}/events` (routes/events.ts). */
const APPEND_PATH = /^\/api\/families\/[^/]+\/events$/;

export function createApp(options: AppOptions): App {
  const { store } = options;
  // The reads every request makes (token, version files, last seq) come from memory while the store's change mark
  // says nothing changed (cached-reads.ts).
  const reads = cachedReads(store);
  const cache = new FamilyCache(reads);
  const deps: Deps = {
    store,
    cache,
    evaluator: new EvaluatorPool(cache, options.evaluation),
    answers: new AnswerCache(),
    scenarios: (family) => reads.scenarios(family),
  };
  const app: App = new OpenAPIHono<AuthEnv>({
    defaultHook: (result, c) => {
      if (!result.success)
        return errorResponse(c, zodError(result.error, result.target, requestLang(c), (result as { data?: unknown }).data));
      return undefined;
    },
  });
  const onError =
    options.onError ?? ((e: unknown) => process.stderr.write(`pacte serve: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`));
  app.onError((err, c: Context) => {
    if (err instanceof ApiError) return errorResponse(c, err);
    if (err instanceof HTTPException) {
      if (err.status === 415) return errorResponse(c, new ApiError('unsupported-media-type'));
      if (err.status === 400) return errorResponse(c, new ApiError('bad-request', { detail: err.message }));
    }
    onError(err);
    return errorResponse(c, new ApiError('internal'));
  });

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.use('*', securityHeaders());
  app.use('/api/*', bearerAuth(reads));
  app.use('/mcp', bearerAuth(reads));
  // The family gate: a party that may not see the family gets the same 404 as for a family that does not exist,
  // before its request is judged in any other way. A party token names its family, so a family that is not its own
  // is refused before anything about that family is read or checked (the same answer, in the same time, whether the
  // family exists or not). Admins pass (POST …/versions may create a family), except for names no store can hold.
  const gate = async (c: Context<AuthEnv>, next: () => Promise<void>): Promise<void> => {
    const p = c.get('principal');
    const name = c.req.param('family');
    if (name !== undefined && !storableText(name)) throw notFound('family', name);
    if (name !== undefined && !p.admin) {
      // An organisation's token acts, in this family, as the party it maps here (and has nothing elsewhere).
      const here = principalIn(p, name);
      if (!here) throw notFound('family', name);
      // An append is checked against the family as last checked, and the store refuses it if versions were added
      // since (routes/events.ts): no store query for it here. Every other request reads the versions first.
      if (c.req.method === 'POST' && APPEND_PATH.test(c.req.path)) {
        const known = await deps.cache.knownFamily(name, here);
        if (!known) throw notFound('family', name);
        c.set('principal', here);
        c.set('family', known.fam);
        c.set('familyKnown', known.known);
        return next();
      }
      const fam = await deps.cache.visibleFamily(name, here);
      if (!fam) throw notFound('family', name);
      c.set('principal', here);
      c.set('family', fam);
    }
    await next();
  };
  app.use('/api/families/:family', gate);
  app.use('/api/families/:family/*', gate);
  // Bodies: bounded, decompressed, depth-checked and parsed once, then handed to the validators.
  const maxBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  app.use('/api/*', async (c, next) => {
    if (c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'PATCH') {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!/^application\/([\w.-]+\+)?json$/.test(type)) throw new ApiError('unsupported-media-type');
      const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
      const text = await readBodyText(c.req.raw, maxBytes, incoming);
      parseJsonBody(text);
      // hono's body cache holds promises (its type says otherwise): the validators read this text, not the stream.
      const cache = c.req.bodyCache as Record<string, unknown>;
      cache['text'] = Promise.resolve(text);
    }
    await next();
  });

  registerMetaRoutes(app, deps);
  registerFamilyRoutes(app, deps);
  registerVersionRoutes(app, deps);
  registerEventRoutes(app, deps);
  registerQueryRoutes(app, deps);
  registerScenarioRoutes(app, deps);
  registerMcpRoute(app, deps, maxBytes);

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'pacte',
      version: '1',
      description:
        'Computable agreements: versions, the ledger of events, the state at a date, explanations and redlines. See docs/http.md.',
    },
    security: [{ bearer: [] }],
  });
  app.all('/api/*', (c) => errorResponse(c, new ApiError('no-route', { method: c.req.method, path: c.req.path })));
  serveWeb(app, options.webDir ?? null);
  attachEvaluator(app, deps.evaluator);
  return app;
}
