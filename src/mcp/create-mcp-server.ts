/**
 * The MCP server: pacte's answers as Model Context Protocol tools (`@modelcontextprotocol/sdk`), and each family's
 * version texts and ledger as resources. Every tool answers with a text (the summary, with clause citations and
 * sources) and the CLI's JSON, both as text and as structured content.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Lang } from '../diagnostics/terms.js';
import type { Answer } from './answers.js';
import { canAct, changes, check, diff, explain, listClauses, listEvents, listFamilies, listParties, state, story } from './answers.js';
import type { FamilySource } from './family-source.js';

export interface McpOptions {
  readonly source: FamilySource;
  /** The language of answers when a call does not ask for one. */
  readonly lang: Lang;
  readonly version: string;
}

async function result(pending: Promise<Answer>): Promise<CallToolResult> {
  const a = await pending;
  if (!a.ok) return { isError: true, content: [{ type: 'text', text: a.text }] };
  return {
    content: [
      { type: 'text', text: a.text },
      { type: 'text', text: JSON.stringify(a.json, null, 2) },
    ],
    structuredContent: a.json as Record<string, unknown>,
  };
}

const family = z.string().describe('the family (agreement id), as list_families names it');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const lang = z.enum(['en', 'fr']).optional().describe('language of the text answer (default: the server’s --lang)');
const events = z
  .string()
  .optional()
  .describe('hypothetical events, one JSON object per line, in the ledger format (what-if); marked hypothetical in every answer');
const scenario = z
  .string()
  .optional()
  .describe(
    'a scenario of the family (list_families names them), applied whole: its retractions, clauses, assumptions, and its hypothetical events before `events`',
  );
const version = z.string().optional().describe('evaluate under this version alone (counterfactual), as if never amended');
const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

/** The server with its tools, and a resource for each version text and ledger of the families the source names. */
export async function createMcpServer(opts: McpOptions): Promise<McpServer> {
  const families = opts.source;
  const server = new McpServer(
    { name: 'pacte', version: opts.version },
    {
      instructions:
        'pacte answers questions about computable agreements: the state of a family of agreement versions as of a date, why a clause has its status, what changed. Quote the clause citations and sources it gives; a value it calls indeterminate or undisclosed is unknown, never guess it.',
    },
  );
  const l = (x: Lang | undefined): Lang => x ?? opts.lang;
  server.registerTool(
    'list_families',
    {
      title: 'List families',
      description: 'The agreement families this server answers about, with their versions.',
      inputSchema: { lang },
      annotations: readOnly,
    },
    (a) => result(listFamilies(families, l(a.lang))),
  );
  server.registerTool(
    'check',
    {
      title: 'Check',
      description:
        'Check a family’s documents, or a draft document’s text checked with the family (replacing the file of the same name): diagnostics with file, line and column.',
      inputSchema: {
        family,
        text: z.string().optional().describe('a document’s full text (*.pacte.md) to check in place of the file at path'),
        path: z.string().optional().describe('the file the text stands for (default: a new draft.pacte.md)'),
        lang,
      },
      annotations: readOnly,
    },
    (a) =>
      result(
        check(families, l(a.lang), {
          family: a.family,
          ...(a.text === undefined ? {} : { text: a.text }),
          ...(a.path === undefined ? {} : { path: a.path }),
        }),
      ),
  );
  server.registerTool(
    'state',
    {
      title: 'State as of a date',
      description:
        'The state of a family as of a date: governing version, each norm’s status (active, fulfilled, violated, terminated…) since when and until when, definitions’ values (indeterminate when they depend on undisclosed terms), violations, accounts, proposals.',
      inputSchema: {
        family,
        asOf: date.optional().describe('YYYY-MM-DD (default: the last event’s date)'),
        version,
        scenario,
        events,
        instances: z
          .enum(['summary', 'all'])
          .optional()
          .describe(
            'summary (the default): a recurring clause with more than 20 instances lists the open ones and the latest, with counts by status; all: every instance',
          ),
        lang,
      },
      annotations: readOnly,
    },
    (a) => result(state(families, l(a.lang), a)),
  );
  server.registerTool(
    'can',
    {
      title: 'Would this act be valid?',
      description:
        'Whether an act by a party, done on a date, would be a valid exercise of a power, permitted, a breach (or a possible one), in need of a consent, an invalid exercise, or indeterminate (undisclosed terms), with the explanation; and the later real events it would contradict. Nothing is written.',
      inputSchema: {
        family,
        asOf: date.describe('YYYY-MM-DD: the day of the act'),
        party: z.string().describe('the party doing the act'),
        type: z.string().describe('the event type of the act, as the agreement declares it'),
        data: z.record(z.string(), z.unknown()).optional().describe('the act’s fields, as in a ledger line’s data'),
        version,
        scenario,
        events,
        lang,
      },
      annotations: readOnly,
    },
    (a) => result(canAct(families, l(a.lang), a)),
  );
  server.registerTool(
    'explain',
    {
      title: 'Explain a clause',
      description:
        'Why a norm has its status or a definition its value as of a date: the because tree with the clause (version, file:line, heading, source) and the events behind it.',
      inputSchema: {
        family,
        name: z.string().describe('a norm id or a definition name'),
        asOf: date.optional(),
        version,
        scenario,
        events,
        lang,
      },
      annotations: readOnly,
    },
    (a) => result(explain(families, l(a.lang), a)),
  );
  server.registerTool(
    'diff',
    {
      title: 'Compare versions',
      description:
        'The redline between two versions (clauses added, removed, changed, classified) and, with asOf, its impact on the ledger.',
      inputSchema: {
        family,
        from: z.string(),
        to: z.string(),
        asOf: date.optional().describe('the date of the impact'),
        scenario,
        events,
        lang,
      },
      annotations: readOnly,
    },
    (a) => result(diff(families, l(a.lang), a)),
  );
  server.registerTool(
    'story',
    {
      title: 'Story',
      description:
        'The relationship told version by version: at each version’s effective date, the governing version and the norms whose status changed.',
      inputSchema: { family, asOf: date.optional().describe('end of the story (default: the last event)'), lang },
      annotations: readOnly,
    },
    (a) => result(story(families, l(a.lang), a)),
  );
  server.registerTool(
    'changes',
    {
      title: 'What changed between two dates',
      description: 'Norms whose status changed, definitions whose value changed, and the events recorded, between two dates.',
      inputSchema: { family, from: date, to: date, lang },
      annotations: readOnly,
    },
    (a) => result(changes(families, l(a.lang), a)),
  );
  server.registerTool(
    'list_clauses',
    {
      title: 'List clauses',
      description:
        'The norms (kind, holder, counterparty), definitions and event types of a version in effective form, each with its file:line, heading and source (default: the last binding version).',
      inputSchema: { family, version: z.string().optional(), lang },
      annotations: readOnly,
    },
    (a) => result(listClauses(families, l(a.lang), a)),
  );
  server.registerTool(
    'list_parties',
    {
      title: 'List parties',
      description: 'The parties of a family and the versions they appear in.',
      inputSchema: { family, lang },
      annotations: readOnly,
    },
    (a) => result(listParties(families, l(a.lang), a)),
  );
  server.registerTool(
    'list_events',
    {
      title: 'List events',
      description: 'The ledger’s events (date, type, actor, data, source), optionally between two dates and of one type.',
      inputSchema: { family, from: date.optional(), to: date.optional(), type: z.string().optional(), lang },
      annotations: readOnly,
    },
    (a) => result(listEvents(families, l(a.lang), a)),
  );
  for (const name of await families.names()) {
    const loaded = await families.load(name);
    for (const v of loaded?.family?.versions ?? []) {
      const text = loaded?.files.get(v.file)?.text ?? '';
      server.registerResource(
        `${name}/${v.id}`,
        `pacte://${name}/versions/${v.id}`,
        { title: `${v.title} (${v.id})`, description: `${name}: the text of version ${v.id}`, mimeType: 'text/markdown' },
        (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] }),
      );
    }
    if ((await families.ledger(name)) !== null)
      server.registerResource(
        `${name}/ledger`,
        `pacte://${name}/ledger`,
        { title: `${name} ledger`, description: `${name}: the ledger of dated events (JSON lines)`, mimeType: 'application/jsonl' },
        async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'application/jsonl', text: (await families.ledger(name)) ?? '' }] }),
      );
  }
  return server;
}
