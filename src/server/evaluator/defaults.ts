/**
 * The evaluator pool's defaults, in a module of their own so that the command line can show them in `pacte serve
 * --help` without loading the pool (and the server with it).
 */

/** How long one request may evaluate, and wait for a worker, before a 503 (`pacte serve --budget-ms`). */
export const DEFAULT_BUDGET_MS = 5000;
/** Evaluation worker threads (`pacte serve --workers`). */
export const DEFAULT_WORKERS = 2;
