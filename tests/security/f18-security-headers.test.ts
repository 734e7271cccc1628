/**
 * Finding 18: the UI was served without Content-Security-Policy, frame-ancestors / X-Frame-Options, nosniff or
 * Referrer-Policy. Every answer now carries them, with a CSP that allows no inline script — which the built UI
 * (dist/web, `npm run build:web`) must not need: its HTML files have no inline script and no event-handler attribute.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server/listen.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { startServer } from '../server-harness.js';
import { ROOT } from './cli.js';

const WEB = join(ROOT, 'dist', 'web');
let server: Running;

beforeAll(async () => {
  server = await startServer(new MemoryStore(), existsSync(join(WEB, 'index.html')) ? WEB : null);
});
afterAll(async () => server.close());

function policy(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((p) => p[0])
      .map(([k, ...v]) => [k!, v]),
  );
}

describe('finding 18: security headers on the UI, and a UI that needs no inline script', () => {
  it.each(['/', '/assets/nothing.js', '/families/x', '/api/me', '/openapi.json'])(
    '%s carries CSP (no inline script, no framing), nosniff, Referrer-Policy',
    async (path) => {
      const r = await fetch(server.url + path);
      await r.arrayBuffer();
      const csp = policy(r.headers.get('content-security-policy') ?? '');
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    },
  );

  it('the built UI has no inline script, no event-handler attribute and no javascript: URL', () => {
    expect(existsSync(join(WEB, 'index.html')), 'run npm run build:web first').toBe(true);
    const html = readdirSync(WEB, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    expect(html).toContain('index.html');
    for (const f of html) {
      const text = readFileSync(join(WEB, f), 'utf8');
      for (const tag of text.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [])
        expect(tag, f).toMatch(/^<script\b[^>]*\bsrc=[^>]*>\s*<\/script>$/i);
      expect(text, f).not.toMatch(/\son[a-z]+\s*=/i);
      expect(text, f).not.toMatch(/javascript:/i);
    }
  });
});
