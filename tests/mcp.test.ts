/**
 * `pacte mcp` as an assistant uses it: the SDK's own client spawns the built binary (`node bin/pacte.js mcp`, run
 * `npm run build` first) over stdio on the flagship, lists the tools and resources, calls every tool and checks the
 * answers against what the flagship says (statuses, citations, indeterminate values left indeterminate).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const FAMILY = 'openai-microsoft';
let client: Client;

beforeAll(async () => {
  client = new Client({ name: 'pacte-test', version: '1.0.0' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [resolve(ROOT, 'bin/pacte.js'), 'mcp', 'examples/', '--lang', 'en'],
    cwd: ROOT,
    stderr: 'pipe',
  });
  await client.connect(transport);
});

afterAll(async () => {
  await client?.close();
});

async function call(
  name: string,
  args: Record<string, unknown>,
): Promise<{ text: string; json: Record<string, unknown>; isError: boolean }> {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const texts = r.content.filter((c) => c.type === 'text').map((c) => c.text);
  return { text: texts[0] ?? '', json: (r.structuredContent ?? {}) as Record<string, unknown>, isError: r.isError === true };
}

interface Norm {
  id: string;
  status: string;
  since: string;
  until?: string;
  endedBy?: string;
  because: { clause?: { file: string; line: number; version: string; source?: { status: string } } };
}

describe('pacte mcp over stdio', () => {
  it('lists its tools, each with an input schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        'can',
        'changes',
        'check',
        'diff',
        'explain',
        'list_clauses',
        'list_events',
        'list_families',
        'list_parties',
        'state',
        'story',
      ].sort(),
    );
    for (const t of tools) expect(t.inputSchema.type).toBe('object');
    expect(tools.find((t) => t.name === 'explain')?.inputSchema.required).toEqual(['family', 'name']);
  });

  it('lists the families of a directory of families, with their versions', async () => {
    const r = await call('list_families', {});
    const families = r.json['families'] as { family: string; versions: { id: string; binding: boolean }[] }[];
    expect(families.map((f) => f.family)).toContain(FAMILY);
    const flagship = families.find((f) => f.family === FAMILY)!;
    expect(flagship.versions.find((v) => v.id === '2025-09-mou')?.binding).toBe(false);
    expect((flagship as unknown as { scenarios: string[] }).scenarios).toEqual(['agi-2027', 'no-restructuring', 'revenue-share-8pct-2030']);
    expect(r.text).toContain('2025-09-mou — ');
  });

  it('gives the state as of a date: statuses, dates, sources, and the indeterminate left indeterminate', async () => {
    const r = await call('state', { family: FAMILY, asOf: '2026-06-01' });
    expect(r.isError).toBe(false);
    const norms = r.json['norms'] as Norm[];
    const ip = norms.find((n) => n.id === 'microsoft_ip')!;
    expect([ip.status, ip.since, ip.until]).toEqual(['active', '2019-07-22', '2032-12-31']);
    const excl = norms.find((n) => n.id === 'azure_exclusivity')!;
    expect([excl.status, excl.endedBy]).toEqual(['terminated', 'superseded']);
    expect((r.json['governing'] as { version: string }).version).toBe('2026-04-amendment');
    const values = r.json['values'] as Record<string, { value: unknown; indeterminate?: boolean }>;
    expect(values['agi_compute_threshold']).toMatchObject({ value: null, indeterminate: true });
    expect(r.text).toMatch(/agi_compute_threshold = indeterminate \(waits for agi_compute_threshold\)/);
    expect(r.text).toContain(
      "microsoft_ip: § Microsoft's licence becomes non-exclusive [2026-04-amendment, examples/openai-microsoft/2026-04-amendment.pacte.md:63]",
    );
  });

  it('evaluates under one version alone and with hypothetical events', async () => {
    const before = await call('state', { family: FAMILY, asOf: '2024-06-01', version: '2023-extension' });
    expect(before.json['counterfactual']).toBe('2023-extension');
    const events =
      '{"id": "h-agi", "type": "agi_declaration", "date": "2027-01-15", "actor": "openai", "data": {}, "source": {"title": "Hypothetical", "status": "unverified"}}\n' +
      '{"id": "h-verify", "type": "agi_verification", "date": "2027-06-30", "actor": "panel", "data": {"verified": true}, "source": {"title": "Hypothetical", "status": "unverified"}}';
    const base = await call('state', { family: FAMILY, asOf: '2027-07-01' });
    const what = await call('state', { family: FAMILY, asOf: '2027-07-01', events });
    expect(what.json['hypothetical']).toBe(2);
    expect((base.json['values'] as Record<string, { value: unknown }>)['agi']?.value).toBe(false);
    expect((what.json['values'] as Record<string, { value: unknown }>)['agi']?.value).toBe(true);
    const scenario = await call('state', { family: FAMILY, asOf: '2027-07-01', scenario: 'agi-2027' });
    expect(scenario.json['hypothetical']).toBe(2);
    expect((scenario.json['values'] as Record<string, { value: unknown }>)['agi']?.value).toBe(true);
    const why = await call('explain', { family: FAMILY, name: 'agi', asOf: '2027-07-01', scenario: 'agi-2027' });
    expect(why.text).toContain('scenario-2027-06-30-agi-verification');
    const unknown = await call('state', { family: FAMILY, scenario: 'agi-2028' });
    expect([unknown.isError, unknown.text]).toEqual([
      true,
      'no scenario agi-2028 in openai-microsoft; scenarios: agi-2027, no-restructuring, revenue-share-8pct-2030',
    ]);
    // A scenario is applied whole, as `--scenario`: the one without the restructuring retracts Microsoft's consent.
    const without = await call('explain', {
      family: FAMILY,
      name: 'restructuring_consent',
      asOf: '2026-01-01',
      scenario: 'no-restructuring',
    });
    expect(without.json['status']).toBe('requested');
    const bad = await call('state', { family: FAMILY, asOf: '2027-07-01', events: '{"id": "x", "type": "no_such_type"}' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/hypothetical-events\.jsonl:1:\d+: error/);
  });

  it('says whether an act would be valid, and writes nothing', async () => {
    const data = { uses_openai_ip: true, summary: 'Microsoft trains its own frontier model' };
    const r = await call('can', { family: FAMILY, asOf: '2024-06-15', party: 'microsoft', type: 'pursue_agi', data });
    expect(r.isError, r.text).toBe(false);
    expect(r.json).toMatchObject({ verdict: 'breach', findings: [{ kind: 'breach', norm: 'microsoft_agi_restriction' }] });
    expect(r.text.split('\n').slice(0, 2)).toEqual(['microsoft pursue_agi on 2024-06-15 (governing 2023-extension)', '  → a breach']);
    const later = await call('can', { family: FAMILY, asOf: '2026-06-01', party: 'microsoft', type: 'pursue_agi', data, lang: 'fr' });
    expect(later.json).toMatchObject({ verdict: 'permitted' });
    expect(later.text).toContain('→ permis');
    const bad = await call('can', { family: FAMILY, asOf: '2026-06-01', party: 'microsfot', type: 'pursue_agi', data });
    expect(bad.isError).toBe(true);
    expect(bad.text).toContain('unknown party `microsfot`');
  });

  it('explains a clause with its citation, and says when a name does not exist', async () => {
    const r = await call('explain', { family: FAMILY, name: 'microsoft_ip', asOf: '2026-06-01' });
    expect(r.json).toMatchObject({ id: 'microsoft_ip', status: 'active', since: '2019-07-22' });
    const clause = (r.json['because'] as Norm['because']).clause!;
    expect(clause).toMatchObject({ version: '2026-04-amendment', file: 'examples/openai-microsoft/2026-04-amendment.pacte.md', line: 63 });
    expect(clause.source?.status).toBe('official');
    expect(r.text.split('\n')[0]).toBe('microsoft_ip: active (2019-07-22)');
    const v = await call('explain', { family: FAMILY, name: 'agi_compute_threshold', asOf: '2026-06-01' });
    expect(v.json['value']).toBeNull();
    expect(v.text).toContain('agi_compute_threshold = indeterminate');
    expect(v.text).toContain('is indeterminate: it waits for agi_compute_threshold');
    const missing = await call('explain', { family: FAMILY, name: 'microsoft_iq', asOf: '2026-06-01' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toBe('no norm or definition named microsoft_iq in openai-microsoft as of 2026-06-01 (did you mean microsoft_ip?)');
  });

  it('answers in French when asked, with no English sentence', async () => {
    const r = await call('explain', { family: FAMILY, name: 'microsoft_ip', asOf: '2026-06-01', lang: 'fr' });
    expect(r.text.split('\n')[0]).toBe('microsoft_ip: en vigueur (2019-07-22)');
    expect(r.text).toContain('est en vigueur depuis le 2019-07-22');
    const e = await call('explain', { family: FAMILY, name: 'nope', asOf: '2026-06-01', lang: 'fr' });
    expect(e.text).toBe('ni norme ni définition nommée nope dans openai-microsoft au 2026-06-01');
  });

  it('compares two versions, with the impact on the ledger', async () => {
    const r = await call('diff', { family: FAMILY, from: '2025-10-definitive', to: '2026-04-amendment', asOf: '2026-06-01' });
    expect(r.isError).toBe(false);
    expect(r.text).toContain('+ any_cloud — permission, openai → microsoft: right added');
    expect(r.text).toContain('- ip_exclusivity — prohibition, openai → microsoft: restriction removed');
    expect(JSON.stringify(r.json)).toContain('"any_cloud"');
    const bad = await call('diff', { family: FAMILY, from: '2025-10-definitve', to: '2026-04-amendment' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toContain('no version 2025-10-definitve in openai-microsoft');
  });

  it('tells the story, the proposal included, and what changed between two dates', async () => {
    const s = await call('story', { family: FAMILY, asOf: '2026-06-01' });
    const steps = s.json['steps'] as { date: string; version: string | null; binding: boolean; changes: { id: string; to: string }[] }[];
    expect(steps.find((x) => x.version === '2025-09-mou')?.binding).toBe(false);
    expect(steps.find((x) => x.version === '2026-04-amendment')?.changes).toContainEqual(
      expect.objectContaining({ id: 'ip_exclusivity', to: 'terminated' }),
    );
    expect(s.text).toContain('2025-09-mou');
    const c = await call('changes', { family: FAMILY, from: '2026-01-01', to: '2026-06-01' });
    const norms = c.json['norms'] as { id: string; from: string; to: string }[];
    expect(norms).toContainEqual(expect.objectContaining({ id: 'ip_exclusivity', from: 'active', to: 'terminated' }));
    expect(norms).toContainEqual(expect.objectContaining({ id: 'any_cloud', from: null, to: 'active' }));
    expect(c.text).toContain('ip_exclusivity: active → terminated (2026-04-27)');
  });

  it('lists clauses, parties and events', async () => {
    const c = await call('list_clauses', { family: FAMILY });
    expect(c.json['version']).toBe('2026-04-amendment');
    const norms = c.json['norms'] as { id: string; kind: string; holder: string; counterparty: string }[];
    expect(norms.find((n) => n.id === 'microsoft_ip')).toMatchObject({ kind: 'permission', holder: 'microsoft', counterparty: 'openai' });
    expect(c.text).toMatch(
      /microsoft_ip: permission, microsoft → openai, text of 2026-04-amendment \(examples\/openai-microsoft\/2026-04-amendment\.pacte\.md:63\)/,
    );
    const p = await call('list_parties', { family: FAMILY });
    expect((p.json['parties'] as { id: string }[]).map((x) => x.id).sort()).toEqual([
      'court',
      'microsoft',
      'musk',
      'openai',
      'panel',
      'regulator',
    ]);
    const e = await call('list_events', { family: FAMILY, type: 'invest', to: '2023-12-31' });
    const events = e.json['events'] as { id: string; data: Record<string, string> }[];
    expect(events.map((x) => x.id)).toContain('2019-07-22-invest');
    expect(events.find((x) => x.id === '2019-07-22-invest')?.data['amount']).toBe('USD 1bn');
  });

  it('checks the family, and a draft in place of one of its documents', async () => {
    const ok = await call('check', { family: FAMILY });
    expect(ok.json).toMatchObject({ errors: 0 });
    const text =
      '---\npacte: 1\nagreement: openai-microsoft\nversion: draft\ntitle: Draft\nbinding: false\neffective: 2027-01-01\namends: 2026-04-amendment\nparties:\n  microsoft: Microsoft Corporation\n  openai: OpenAI\n---\n\n```pacte\nremove no_such_clause\n```\n';
    const r = await call('check', { family: FAMILY, text, path: 'draft.pacte.md' });
    expect(r.json['errors']).toBeGreaterThan(0);
    const d = (r.json['diagnostics'] as { code: string; start: { line: number; column: number } }[])[0]!;
    expect([d.code, d.start.line, d.start.column]).toEqual(['amend-unknown-clause', 15, 8]);
    expect(r.text).toContain('draft.pacte.md:15:8: error amend-unknown-clause:');
  });

  it('serves each version text and the ledger as resources', async () => {
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toContain('pacte://openai-microsoft/versions/2019-original');
    expect(uris).toContain('pacte://openai-microsoft/ledger');
    const r = await client.readResource({ uri: 'pacte://openai-microsoft/versions/2025-10-definitive' });
    expect((r.contents[0] as { text: string }).text).toContain('version: 2025-10-definitive');
  });

  it('refuses an unknown family, naming the ones it has', async () => {
    const r = await call('state', { family: 'openai-microsfot' });
    expect(r.isError).toBe(true);
    expect(r.text).toContain('no family openai-microsfot; families: ');
  });
});

describe('pacte mcp: a scenario that is a counterfactual of a version', () => {
  it("evaluates under the scenario's `version:`, as `pacte state --scenario` does", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pacte-mcp-version-'));
    const fam = join(dir, FAMILY);
    cpSync(resolve(ROOT, 'examples', FAMILY), fam, { recursive: true });
    writeFileSync(
      join(fam, 'scenarios', 'had-2023-stayed.pacte.md'),
      '---\ntitle: Had the 2023 extension never been amended\nversion: 2023-extension\n---\n\n# Had 2023 stayed\n',
    );
    const other = new Client({ name: 'pacte-test', version: '1.0.0' });
    await other.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [resolve(ROOT, 'bin/pacte.js'), 'mcp', dir, '--lang', 'en'],
        cwd: ROOT,
        stderr: 'pipe',
      }),
    );
    try {
      const r = (await other.callTool({
        name: 'state',
        arguments: { family: FAMILY, asOf: '2026-06-01', scenario: 'had-2023-stayed' },
      })) as CallToolResult;
      const st = (r.structuredContent ?? {}) as { counterfactual?: string; governing: { version: string }; scenarios: { name: string }[] };
      expect(r.isError).not.toBe(true);
      // Without the scenario, 2026-04-amendment governs on that day; under it, 2023-extension alone.
      expect([st.counterfactual, st.governing.version]).toEqual(['2023-extension', '2023-extension']);
      expect(st.scenarios.map((s) => s.name)).toEqual(['had-2023-stayed']);
      const cli = JSON.parse(
        execFileSync(
          process.execPath,
          [resolve(ROOT, 'bin/pacte.js'), 'state', fam, '--as-of', '2026-06-01', '--scenario', 'had-2023-stayed', '--json'],
          {
            encoding: 'utf8',
          },
        ),
      ) as unknown;
      expect(st).toEqual(cli);
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
