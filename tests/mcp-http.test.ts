/**
 * `/mcp` on `pacte serve`: the same MCP tools over streamable HTTP, spoken to by the SDK's own client, behind the
 * API's bearer tokens, over a store holding the flagship and another family. A party's token sees only its family
 * and only the events visible to its party; an admin's sees every family; no token is a 401.
 */
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../src/server/listen.js';
import { canonicalEvent } from '../src/store/chain.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { readFileSync } from 'node:fs';
import { addToken, FIXTURES, FLAGSHIP, loadDir, startServer } from './server-harness.js';

const F = 'openai-microsoft';
const OTHER = 'server-bilateral';
const PRIVATE = {
  id: '2026-05-30-private-valuation',
  type: 'valuation',
  date: '2026-05-30',
  actor: 'openai',
  data: { value: 'USD 900000000000', basis: 'internal', summary: 'An internal valuation only OpenAI sees.' },
  visibility: ['openai'],
};
let server: Running;
const tokens: Record<string, string> = {};
const clients: Client[] = [];

beforeAll(async () => {
  const store = new MemoryStore();
  await loadDir(store, FLAGSHIP, F);
  await loadDir(store, join(FIXTURES, OTHER), OTHER);
  const r = await store.append({
    family: F,
    events: [{ id: PRIVATE.id, body: canonicalEvent(PRIVATE) }],
    idempotencyKey: null,
    expectedSeq: null,
  });
  expect(r.kind).toBe('appended');
  // The store's scenarios, as `pacte load` stores them: the AGI scenario's document and events.
  const agi = (ext: string) => readFileSync(join(FLAGSHIP, 'scenarios', `agi-2027${ext}`), 'utf8');
  const agiEvents = agi('.jsonl')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => canonicalEvent(JSON.parse(l) as Record<string, unknown>));
  expect(await store.putScenario(F, 'agi-2027', agi('.pacte.md'), `[${agiEvents.join(',')}]`)).toBe('added');
  expect(await store.putScenario(F, 'no-valuation', `---\ntitle: No valuation\nretract: [${PRIVATE.id}]\n---\n`, '[]')).toBe('added');
  tokens['microsoft'] = await addToken(store, 'microsoft', F);
  tokens['openai'] = await addToken(store, 'openai', F);
  tokens['admin'] = await addToken(store, null);
  server = await startServer(store);
});

afterAll(async () => {
  for (const c of clients) await c.close();
  await server?.close();
});

async function connect(who: string): Promise<Client> {
  const client = new Client({ name: `pacte-test-${who}`, version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${tokens[who]}` } },
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

async function call(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<{ text: string; json: Record<string, unknown>; isError: boolean }> {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = r.content.find((c) => c.type === 'text');
  return {
    text: text?.type === 'text' ? text.text : '',
    json: (r.structuredContent ?? {}) as Record<string, unknown>,
    isError: r.isError === true,
  };
}

describe('/mcp over streamable HTTP', () => {
  it('refuses a request without a token', async () => {
    const r = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(r.status).toBe(401);
  });

  it('gives a party its family only: another family does not exist for it', async () => {
    const ms = await connect('microsoft');
    const families = await call(ms, 'list_families', {});
    expect((families.json['families'] as { family: string }[]).map((f) => f.family)).toEqual([F]);
    const other = await call(ms, 'state', { family: OTHER });
    expect(other.isError).toBe(true);
    expect(other.text).toBe(`no family ${OTHER}; families: ${F}`);
    const { resources } = await ms.listResources();
    expect(resources.map((r) => r.uri).every((u) => u.startsWith(`pacte://${F}/`))).toBe(true);
  });

  it('answers from the store as the stdio server answers from the directory', async () => {
    const ms = await connect('microsoft');
    const r = await call(ms, 'explain', { family: F, name: 'microsoft_ip', asOf: '2026-06-01' });
    expect(r.json).toMatchObject({ id: 'microsoft_ip', status: 'active', since: '2019-07-22' });
    expect(r.text.split('\n')[0]).toBe('microsoft_ip: active (2019-07-22)');
    const v = await call(ms, 'state', { family: F, asOf: '2026-06-01' });
    expect((v.json['values'] as Record<string, { indeterminate?: boolean }>)['agi_compute_threshold']?.indeterminate).toBe(true);
  });

  it('shows an event only to the parties that may see it', async () => {
    const ms = await connect('microsoft');
    const oa = await connect('openai');
    const seen = async (c: Client): Promise<string[]> =>
      ((await call(c, 'list_events', { family: F, from: '2026-05-01' })).json['events'] as { id: string }[]).map((e) => e.id);
    expect(await seen(ms)).not.toContain(PRIVATE.id);
    expect(await seen(oa)).toContain(PRIVATE.id);
    const ledger = await ms.readResource({ uri: `pacte://${F}/ledger` });
    expect((ledger.contents[0] as { text: string }).text).not.toContain(PRIVATE.id);
  });

  it("reads the store's scenarios: listed, applied whole; one naming a hidden event only for who sees it", async () => {
    const ms = await connect('microsoft');
    const families = await call(ms, 'list_families', {});
    expect((families.json['families'] as { family: string; scenarios: string[] }[])[0]?.scenarios).toEqual(['agi-2027']);
    const st = await call(ms, 'state', { family: F, asOf: '2027-07-01', scenario: 'agi-2027' });
    expect(st.json['hypothetical']).toBe(2);
    expect((st.json['values'] as Record<string, { value: unknown }>)['agi']?.value).toBe(true);
    const hidden = await call(ms, 'state', { family: F, scenario: 'no-valuation' });
    expect([hidden.isError, hidden.text]).toEqual([true, `no scenario no-valuation in ${F}; scenarios: agi-2027`]);
    const oa = await connect('openai');
    const fo = await call(oa, 'list_families', {});
    expect((fo.json['families'] as { scenarios: string[] }[])[0]?.scenarios).toEqual(['agi-2027', 'no-valuation']);
  });

  it("evaluates a stored scenario under its `version:`, as the API's `?scenario=` does", async () => {
    const source = '---\ntitle: Had the 2023 extension never been amended\nversion: 2023-extension\n---\n';
    const put = await fetch(`${server.url}/api/families/${F}/scenarios/had-2023-stayed`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${tokens['admin']}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ source }),
    });
    expect(put.status).toBe(201);
    const ms = await connect('microsoft');
    const st = await call(ms, 'state', { family: F, asOf: '2026-06-01', scenario: 'had-2023-stayed' });
    expect([st.json['counterfactual'], (st.json['governing'] as { version: string }).version]).toEqual([
      '2023-extension',
      '2023-extension',
    ]);
    const api = await fetch(`${server.url}/api/families/${F}/state?asOf=2026-06-01&scenario=had-2023-stayed`, {
      headers: { Authorization: `Bearer ${tokens['microsoft']}` },
    });
    expect(st.json).toEqual(await api.json());
  });

  it('gives an admin every family', async () => {
    const admin = await connect('admin');
    const families = await call(admin, 'list_families', {});
    expect((families.json['families'] as { family: string }[]).map((f) => f.family).sort()).toEqual([F, OTHER].sort());
  });
});
