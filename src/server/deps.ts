/**
 * What the route groups are given: the app they register on, the store, the cache of checked families and the pool
 * that evaluates off the event loop; and what an app holds beyond its requests (its workers), released by `closeApp`
 * when its server stops (listen.ts).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Store } from '../store/store.js';
import type { AuthEnv } from './auth.js';
import type { EvaluatorPool } from './evaluator/evaluator-pool.js';
import type { FamilyCache } from './family-cache.js';

export type App = OpenAPIHono<AuthEnv>;

export interface Deps {
  readonly store: Store;
  readonly cache: FamilyCache;
  readonly evaluator: EvaluatorPool;
}

const closers = new WeakMap<object, () => Promise<void>>();

/** Registers what stops `app`'s resources (createApp: its evaluation workers). */
export function onAppClose(app: object, close: () => Promise<void>): void {
  closers.set(app, close);
}

/** Releases what `app` holds (nothing for an app that holds nothing); idempotent. */
export async function closeApp(app: object): Promise<void> {
  const close = closers.get(app);
  closers.delete(app);
  if (close) await close();
}
