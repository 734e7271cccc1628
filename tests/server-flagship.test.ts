/**
 * The flagship served over HTTP: the state for 2025-09-12 is the very object `pacte state --json` prints for the
 * same date (byte for byte, though an evaluation worker computes it), the explanation and the redline are those of
 * `pacte explain --json` and `pacte diff --json`, and a version's HTML carries the clause anchors the UI links to,
 * and no script.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../src/server/listen.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { addToken, call, FLAGSHIP, loadDir, startServer } from './server-harness.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'pacte.js');
/**
 * The CLI run in the family's directory, so that file names in explanations are the stored ones. Asynchronously: a
 * blocked event loop would not see the server close an idle keep-alive connection, and reuse it.
 */
const cli = async (...args: string[]): Promise<unknown> =>
  JSON.parse((await promisify(execFile)(process.execPath, [BIN, ...args, '--json'], { cwd: FLAGSHIP, encoding: 'utf8' })).stdout);

let server: Running;
let token: string;
let base: string;

beforeAll(async () => {
  const store = new MemoryStore();
  await loadDir(store, FLAGSHIP, 'openai-microsoft');
  token = await addToken(store, 'microsoft', 'openai-microsoft');
  server = await startServer(store);
  base = `${server.url}/api/families/openai-microsoft`;
});
afterAll(async () => server.close());

describe('the flagship over HTTP', () => {
  it('GET state for 2025-09-12 equals `pacte state --json` for the same date', async () => {
    const r = await call(`${base}/state?asOf=2025-09-12`, token);
    expect(r.status).toBe(200);
    const expected = (await cli('state', '.', '--as-of', '2025-09-12')) as { proposals: { version: string }[] };
    expect(r.body).toEqual(expected);
    // Byte for byte: the text the evaluation worker made is the one `c.json` would send (key order included).
    expect(r.text).toBe(JSON.stringify(expected));
    // The object has what the story is about: the MOU as a non-binding proposal.
    expect(expected.proposals.map((p) => p.version)).toEqual(['2025-09-mou']);
  });
  it('the 2021 investment, known only to the year, is stored as given and makes the same state as the CLI', async () => {
    const events = (await call(`${base}/events`, token)).body as { events: { id: string; event: { date: unknown } }[] };
    expect(events.events.find((e) => e.id === '2021-invest')?.event.date).toBe('2021');
    const r = await call(`${base}/state?asOf=2021-06-30`, token);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(await cli('state', '.', '--as-of', '2021-06-30'));
    const norm = (r.body as { norms: { id: string; status: string; possibleStatuses?: string[] }[] }).norms.find(
      (n) => n.id === 'investment_2021_paid',
    );
    expect(norm?.status).toBe('indeterminate');
    expect(norm?.possibleStatuses).toEqual(['active', 'fulfilled']);
  });
  it('in French too', async () => {
    const r = await call(`${base}/state?asOf=2025-09-12&lang=fr`, token);
    expect(r.body).toEqual(await cli('state', '.', '--as-of', '2025-09-12', '--lang', 'fr'));
  });
  it('explain and diff are the CLI objects', async () => {
    const e = await call(`${base}/explain/restructuring_consent?asOf=2025-09-12`, token);
    expect(e.body).toEqual(await cli('explain', '.', 'restructuring_consent', '--as-of', '2025-09-12'));
    const d = await call(`${base}/diff?from=2025-01-update&to=2025-10-definitive&impact=true&asOf=2025-12-31`, token);
    expect(d.body).toEqual(await cli('diff', '.', '2025-01-update', '2025-10-definitive', '--impact', '--as-of', '2025-12-31'));
    const removed = (d.body as { removed: { id: string }[] }).removed.map((c) => c.id);
    expect(removed).toContain('compute_rofr');
  });
  it('an unknown name or version is a 404', async () => {
    expect((await call(`${base}/explain/revenue_shar?asOf=2025-09-12`, token)).status).toBe(404);
    expect((await call(`${base}/state?asOf=2025-09-12&version=2031-x`, token)).status).toBe(404);
  });
  it('a what-if AGI verification changes revenue_share under 2025-10-definitive, and nothing is written', async () => {
    const before = (await call(`${base}/events?limit=1000`, token)).text;
    const events = [
      { id: 'w-1', type: 'agi_declaration', date: '2027-01-15', actor: 'openai', data: {} },
      { id: 'w-2', type: 'agi_verification', date: '2027-06-30', actor: 'panel', data: { verified: true } },
    ];
    const plain = (await call(`${base}/state?asOf=2027-12-31&version=2025-10-definitive`, token)).body as {
      norms: { id: string; status: string }[];
    };
    const r = await call(`${base}/what-if`, token, {
      method: 'POST',
      body: JSON.stringify({ asOf: '2027-12-31', version: '2025-10-definitive', events }),
    });
    expect(r.status, r.text).toBe(200);
    const st = r.body as { hypothetical: number; norms: { id: string; status: string }[] };
    expect(st.hypothetical).toBe(2);
    const status = (s: { norms: { id: string; status: string }[] }) => s.norms.find((n) => n.id === 'revenue_share')?.status;
    expect(status(plain)).toBe('active');
    expect(status(st)).toBe('terminated');
    expect((await call(`${base}/events?limit=1000`, token)).text).toBe(before);
  });
  it("a version's HTML: clause anchors, headings with ids, pacte blocks marked, no script", async () => {
    const r = await call(`${base}/versions/2025-10-definitive`, token);
    const v = r.body as {
      html: string;
      source: string;
      clauses: { id: string; anchor: string; version: string }[];
      eventTypes: { name: string }[];
    };
    expect(v.source.startsWith('---\n')).toBe(true);
    const own = v.clauses.filter((c) => c.version === '2025-10-definitive');
    expect(own.length).toBeGreaterThan(0);
    for (const c of own) expect(v.html).toContain(`id="${c.anchor}"`);
    expect(v.html).toContain('id="clause-revenue_share"');
    expect(v.html).toContain('<pre class="pacte-block">');
    expect(v.html).toMatch(/<h2 id="section-[a-z0-9-]+">/);
    expect(v.html).not.toMatch(/<script|agreement: openai-microsoft/);
    expect(v.eventTypes.map((t) => t.name)).toContain('agi_verification');
  });
});
