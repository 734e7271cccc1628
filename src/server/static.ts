/**
 * The web UI's files (dist/web, built by `npm run build:web`): served at / without a token, any path outside /api
 * that is not a file answered with index.html (a single-page app). Without a build, / says how to make one.
 *
 * Every response carries `SECURITY_HEADERS`: a Content-Security-Policy that allows scripts from the server's own
 * files only (the built UI has no inline script; tests/security checks dist/web), no framing (`frame-ancestors
 * 'none'`, and X-Frame-Options DENY for older browsers), no MIME sniffing, and no Referer sent elsewhere. Styles may
 * be inline (the charts write theirs); images are the server's own or `data:` URLs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import type { App } from './deps.js';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Sets `SECURITY_HEADERS` on every response (registered before the routes, app.ts). */
export function securityHeaders(): MiddlewareHandler {
  const entries = Object.entries(SECURITY_HEADERS);
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    for (const [k, v] of entries) headers.set(k, v);
  };
}

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
