/**
 * `/mcp`: the MCP tools of `pacte mcp` over streamable HTTP (stateless: one MCP server per request, JSON responses),
 * behind the API's bearer tokens. The tools read the store as the token sees it: a party's token names only its
 * family and sees only the events visible to its party; an admin's sees every family. A tool's `scenario` is one the
 * store holds for the family (`PUT …/scenarios/{name}`), applied whole: its retractions, clauses, assumptions and
 * hypothetical events. The MCP modules are loaded on the first request, so a server that is never asked pays nothing
 * for them.
 */
import type { Context } from 'hono';
import type { FamilySource, SourceLoaded } from '../../mcp/family-source.js';
import { storableText } from '../../store/chain.js';
import type { AuthEnv } from '../auth.js';
import { parseJsonBody, readBodyText } from '../body.js';
import type { App, Deps } from '../deps.js';
import type { Lang } from '../../diagnostics/terms.js';
import { requestLang } from '../errors.js';
import type { CheckedFamily, Principal } from '../family-cache.js';
import { underScenarios } from '../scenarios.js';
import { visibleScenarios } from './stored-scenarios.js';

/** The store as one principal sees it, for the MCP tools. */
function storeSource(
  deps: Deps,
  p: Principal,
  lang: Lang,
  withOverlay: typeof import('../../mcp/family-source.js').withOverlay,
): FamilySource {
  const visible = async (name: string): Promise<CheckedFamily | null> => {
    if (!storableText(name)) return null;
    if (p.admin) return deps.cache.family(name);
    return p.family === name ? deps.cache.visibleFamily(name, p) : null;
  };
  return {
    async names() {
      if (p.admin) return [...(await deps.store.families())];
      return p.family !== null && (await visible(p.family)) ? [p.family] : [];
    },
    where: () => 'store',
    // The scenarios stored with the family (a family the token may not see has none for it).
    async scenarios(name) {
      const fam = await visible(name);
      return fam ? (await visibleScenarios(deps, fam, p)).map((x) => x.row.name) : [];
    },
    async load(name, overlay, scenario): Promise<SourceLoaded | null> {
      const fam = await visible(name);
      if (!fam) return null;
      const ledger = await deps.cache.ledger(fam, p);
      const files = new Map(fam.files);
      // Rows a later version no longer accepts are skipped, as the API does: warnings, not errors.
      const diagnostics = [...fam.diagnostics, ...ledger.diagnostics.map((d) => ({ ...d, severity: 'warning' as const }))];
      let family = fam.family;
      let events = [...ledger.events];
      let under: SourceLoaded['under'];
      if (scenario !== undefined) {
        const row = (await visibleScenarios(deps, fam, p)).find((x) => x.row.name === scenario)?.row;
        if (!row) return null;
        const known = new Set((await deps.cache.rows(name)).rows.map((r) => r.id));
        const view = underScenarios(family, events, known, [row], lang);
        family = view.family;
        events = view.events;
        under = { version: view.version, scenarios: view.scenarios };
      }
      if (overlay) {
        const o = withOverlay(family, events, overlay);
        events = o.events;
        diagnostics.push(...o.diagnostics);
        files.set(o.file.path, o.file);
      }
      return { family, events, files, diagnostics, ...(under ? { under } : {}) };
    },
    async documents(name) {
      const fam = await visible(name);
      return fam ? [...fam.files.values()].map((f) => ({ path: f.path, text: f.text })) : null;
    },
    async ledger(name) {
      const fam = await visible(name);
      if (!fam) return null;
      return (await deps.cache.ledger(fam, p)).rows.map((r) => r.body).join('\n');
    },
  };
}

export function registerMcpRoute(app: App, deps: Deps, maxBytes: number): void {
  app.all('/mcp', async (c: Context<AuthEnv>) => {
    const [{ createMcpServer }, { withOverlay }, { WebStandardStreamableHTTPServerTransport }] = await Promise.all([
      import('../../mcp/create-mcp-server.js'),
      import('../../mcp/family-source.js'),
      import('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'),
    ]);
    const parsedBody = c.req.method === 'POST' ? parseJsonBody(await readBodyText(c.req.raw, maxBytes)) : undefined;
    const server = await createMcpServer({
      source: storeSource(deps, c.get('principal'), requestLang(c), withOverlay),
      lang: requestLang(c),
      version: '0.1.0',
    });
    const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
    await server.connect(transport);
    return transport.handleRequest(c.req.raw, { parsedBody });
  });
}
