#!/usr/bin/env node
/**
 * The HTTP server the benchmarks talk to, in its own process (so that the load generator does not share its event
 * loop): the app of src/server (createApp) on a store (`sqlite:<file>`, `postgres://…`), plus one bare hono route,
 * `GET /api/bare`, behind the same token check, answering `{"ok":true}` — the floor of the HTTP stack, for item 5.
 * Prints `{"url": …}` on its first line once it listens; stops on SIGTERM (or dies on SIGKILL: the durability check).
 *
 * node bench/lib/serve.mjs <db-url>
 */
import { join } from 'node:path';
import { ROOT } from './common.mjs';

const url = process.argv[2];
if (!url) throw new Error('usage: serve.mjs <db-url>');
const { openStore } = await import(join(ROOT, 'dist/store/open/open-store.js'));
const { createApp } = await import(join(ROOT, 'dist/server/app.js'));
const { listen } = await import(join(ROOT, 'dist/server/listen.js'));
const { bearerAuth } = await import(join(ROOT, 'dist/server/auth.js'));
const { Hono } = await import('hono');

const store = await openStore(url);
// PACTE_BENCH_WORKERS=0 evaluates on the server's thread (no worker, no budget): the comparison of item 5's notes.
const workers = process.env.PACTE_BENCH_WORKERS;
const evaluation = workers === undefined ? {} : { workers: Number(workers) };
const app = createApp({ store, webDir: null, evaluation, onError: (e) => process.stderr.write(`serve: ${e?.stack ?? e}\n`) });
// The app answers every other /api path itself (404): the bare route goes in front of it, with the same token check.
const front = new Hono();
front.use('/api/bare', bearerAuth(store));
front.get('/api/bare', (c) => c.json({ ok: true }));
front.route('/', app);
const running = await listen(front, store, '127.0.0.1', 0);
process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
process.on('SIGTERM', () => running.close().then(() => process.exit(0)));
