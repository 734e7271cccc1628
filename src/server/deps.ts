/** What the route groups are given: the app they register on, the store, and the cache of checked families. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Store } from '../store/store.js';
import type { AuthEnv } from './auth.js';
import type { FamilyCache } from './family-cache.js';

export type App = OpenAPIHono<AuthEnv>;

export interface Deps {
  readonly store: Store;
  readonly cache: FamilyCache;
}
