/**
 * What the route groups are given: the app they register on, the store, the cache of checked families, the pool
 * that evaluates off the event loop and the cache of its answers; and what an app holds beyond its requests (its workers), released by `closeApp`
 * when its server stops (listen.ts).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ScenarioRow, Store } from '../store/store.js';
import type { AnswerCache } from './answer-cache.js';
import type { AuthEnv } from './auth.js';
import type { EvaluatorPool } from './evaluator/evaluator-pool.js';
import type { FamilyCache } from './family-cache.js';

export type App = OpenAPIHono<AuthEnv>;

export interface Deps {
  readonly store: Store;
  readonly cache: FamilyCache;
  readonly evaluator: EvaluatorPool;
  /** The evaluating GETs' answers, by entity tag (answer-cache.ts). */
  readonly answers: AnswerCache;
  /** A family's stored scenarios, sorted by name (read again when the store's scenarios change mark moves). */
  readonly scenarios: (family: string) => Promise<readonly ScenarioRow[]>;
}

const evaluators = new WeakMap<object, EvaluatorPool>();

/** Records the pool that evaluates for `app` (createApp), for `closeApp` and `evaluatorOf`. */
export function attachEvaluator(app: object, pool: EvaluatorPool): void {
  evaluators.set(app, pool);
}

/** The pool that evaluates for `app` (tests look at its workers). */
export function evaluatorOf(app: object): EvaluatorPool | undefined {
  return evaluators.get(app);
}

/** Releases what `app` holds: stops its evaluation workers (nothing for an app that holds none); idempotent. */
export async function closeApp(app: object): Promise<void> {
  const pool = evaluators.get(app);
  evaluators.delete(app);
  if (pool) await pool.close();
}
