/**
 * The web UI's files (dist/web, built by `npm run build:web`): served at / without a token, any path outside /api
 * that is not a file answered with index.html (a single-page app). Without a build, / says how to make one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { App } from './deps.js';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pacte</title></head>
<body><h1>pacte</h1><p>The web UI is not built. Run <code>npm run build:web</code> (or <code>npm run build</code>), then reload.
The API is at <a href="/openapi.json">/openapi.json</a>; see docs/http.md.</p></body></html>
`;

export function serveWeb(app: App, webDir: string | null): void {
  const index = webDir ? join(webDir, 'index.html') : null;
  if (!webDir || !index || !existsSync(index)) {
    app.get('*', (c) => c.html(NOT_BUILT, 200));
    return;
  }
  // serveStatic resolves its root against the working directory.
  const root = relative(process.cwd(), webDir) || '.';
  app.get('*', serveStatic({ root }));
  app.get('*', (c) => c.html(readFileSync(index, 'utf8'), 200));
}
