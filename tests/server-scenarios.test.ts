/**
 * Scenarios over HTTP (issue 14), on a real server over an SQLite store loaded by `pacte load` (which stores the
 * flagship's scenarios with it): listed, added by an admin and checked like versions (422 with diagnostics and their
 * positions), applied to state, explain, what-if, diff and compare exactly as `pacte … --scenario` applies them (run
 * in the family's directory, so that the scenario files have the stored names), and seen only by the parties of the
 * family. A scenario added moves the store's change mark, so cached reads and answers see it at once.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoadDb } from '../src/cli/load-db.js';
import type { Running } from '../src/server/listen.js';
import { openStore } from '../src/store/open/open-store.js';
import type { Store } from '../src/store/store.js';
import { addToken, call, FIXTURES, FLAGSHIP, loadDir, startServer } from './server-harness.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'pacte.js');
const cli = async (...args: string[]): Promise<unknown> =>
  JSON.parse((await promisify(execFile)(process.execPath, [BIN, ...args, '--json'], { cwd: FLAGSHIP, encoding: 'utf8' })).stdout);

const F = 'openai-microsoft';
let dir: string;
let db: string;
let store: Store;
let server: Running;
let admin: string;
let microsoft: string;
let outsider: string;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pacte-scenarios-'));
  db = `sqlite:${join(dir, 'store.db')}`;
  const out: string[] = [];
  expect(await runLoadDb(FLAGSHIP, { db, lang: 'en', json: true }, { out: (s) => out.push(s), err: (s) => out.push(s) })).toBe(0);
  expect(JSON.parse(out.join(''))).toMatchObject({ family: F, scenarios: 3, scenariosAdded: 3 });
  store = await openStore(db);
  await loadDir(store, join(FIXTURES, 'server-bilateral'), 'server-bilateral');
  admin = await addToken(store, null);
  microsoft = await addToken(store, 'microsoft', F);
  outsider = await addToken(store, 'alice', 'server-bilateral');
  server = await startServer(store);
  base = `${server.url}/api/families/${F}`;
});
afterAll(async () => {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const put = (name: string, body: unknown, token = admin) =>
  call(`${base}/scenarios/${name}`, token, { method: 'PUT', body: JSON.stringify(body) });

interface ErrorBody {
  error: { code: string; path?: string; diagnostics?: { code: string; file: string; start: { line: number; column: number } }[] };
}

describe('listing and reading', () => {
  it('lists the scenarios `pacte load` stored, by name, with what each says of itself', async () => {
    const r = await call(`${base}/scenarios`, microsoft);
    expect(r.status).toBe(200);
    const list = r.body as { name: string; title: string; retract: string[]; events: number }[];
    expect(list.map((s) => s.name)).toEqual(['agi-2027', 'no-restructuring', 'revenue-share-8pct-2030']);
    expect(list[0]).toMatchObject({ title: 'AGI declared in January 2027 and verified in June 2027', events: 2, retract: [] });
    expect(list[1]!.retract).toContain('2025-10-28-consent');
  });
  it('reads one with its source and events; an unknown one is 404', async () => {
    const r = await call(`${base}/scenarios/agi-2027`, microsoft);
    expect(r.status).toBe(200);
    const s = r.body as { source: string; hypotheticalEvents: { id: string }[] };
    expect(s.source).toContain('# AGI declared in 2027');
    expect(s.hypotheticalEvents.map((e) => e.id)).toEqual(['scenario-2027-01-15-agi-declaration', 'scenario-2027-06-30-agi-verification']);
    const missing = await call(`${base}/scenarios/agi-2028`, microsoft);
    expect([missing.status, (missing.body as ErrorBody).error.code]).toEqual([404, 'not-found']);
  });
});

describe('applied as the command line applies them', () => {
  it('state under a scenario is `pacte state --scenario` for the same date, and differs from the baseline', async () => {
    const r = await call(`${base}/state?asOf=2027-12-31&scenario=no-restructuring`, microsoft);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(await cli('state', '.', '--as-of', '2027-12-31', '--scenario', 'no-restructuring'));
    const baseline = (await call(`${base}/state?asOf=2027-12-31`, microsoft)).body as { norms: { id: string; status: string }[] };
    const under = r.body as { norms: { id: string; status: string }[]; scenarios: { name: string }[] };
    const consent = (s: { norms: { id: string; status: string }[] }) => s.norms.find((n) => n.id === 'restructuring_consent')?.status;
    expect([consent(baseline), consent(under)]).toEqual(['given', 'requested']);
    expect(under.scenarios.map((s) => s.name)).toEqual(['no-restructuring']);
  });
  it('two scenarios, in order, as two --scenario', async () => {
    const r = await call(`${base}/state?asOf=2027-12-31&scenario=agi-2027&scenario=no-restructuring`, microsoft);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(await cli('state', '.', '--as-of', '2027-12-31', '--scenario', 'agi-2027', '--scenario', 'no-restructuring'));
  });
  it('explain under a scenario is `pacte explain --scenario`', async () => {
    const r = await call(`${base}/explain/agi?asOf=2027-07-01&scenario=agi-2027`, microsoft);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(await cli('explain', '.', 'agi', '--as-of', '2027-07-01', '--scenario', 'agi-2027'));
  });
  it('compare: the baseline and one column per scenario, `pacte compare --scenario`', async () => {
    const r = await call(`${base}/compare?asOf=2027-12-31&scenario=agi-2027&scenario=no-restructuring`, microsoft);
    expect(r.status).toBe(200);
    const expected = await cli('compare', '.', '--as-of', '2027-12-31', '--scenario', 'agi-2027', '--scenario', 'no-restructuring');
    expect(r.body).toEqual(expected);
    expect((r.body as { columns: string[] }).columns).toEqual(['baseline', 'agi-2027', 'no-restructuring']);
  });
  it('diff impact under a scenario is `pacte diff --impact --scenario`; a scenario without impact is a 400', async () => {
    const q = 'from=2025-10-definitive&to=2026-04-amendment&impact=true&asOf=2027-12-31&scenario=agi-2027';
    const r = await call(`${base}/diff?${q}`, microsoft);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(
      await cli('diff', '.', '2025-10-definitive', '2026-04-amendment', '--impact', '--as-of', '2027-12-31', '--scenario', 'agi-2027'),
    );
    const bad = await call(`${base}/diff?from=2025-10-definitive&to=2026-04-amendment&scenario=agi-2027`, microsoft);
    expect([bad.status, (bad.body as ErrorBody).error.path]).toEqual([400, 'scenario']);
  });
  it('what-if: stored scenarios first, then the events posted', async () => {
    const r = await call(`${base}/what-if`, microsoft, {
      method: 'POST',
      body: JSON.stringify({ asOf: '2027-12-31', scenarios: ['no-restructuring'], events: [] }),
    });
    expect(r.status).toBe(200);
    expect((r.body as { scenarios: { name: string }[] }).scenarios.map((s) => s.name)).toEqual(['no-restructuring']);
    const unknown = await call(`${base}/what-if`, microsoft, {
      method: 'POST',
      body: JSON.stringify({ asOf: '2027-12-31', scenarios: ['agi-2028'], events: [] }),
    });
    expect(unknown.status).toBe(404);
  });
  it('what-if: one-off assumptions and retractions are `pacte state --assume --retract`', async () => {
    const body = { asOf: '2027-12-31', events: [], assume: ['revenue_share_cap=USD 1m'], retract: ['2025-10-28-consent'] };
    const r = await call(`${base}/what-if`, microsoft, { method: 'POST', body: JSON.stringify(body) });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(
      await cli('state', '.', '--as-of', '2027-12-31', '--assume', 'revenue_share_cap=USD 1m', '--retract', '2025-10-28-consent'),
    );
    const st = r.body as { values: Record<string, { value: unknown }>; norms: { id: string; status: string }[] };
    expect(st.values['revenue_share_cap']?.value).toBe('USD 1000000');
    expect(st.norms.find((n) => n.id === 'restructuring_consent')?.status).toBe('requested');
  });
  it("what-if under one version alone: its assumptions set that version's terms, as `pacte state --version --assume`", async () => {
    // revenue_share_cap is a term of the definitive agreement (2025), not of the 2023 extension.
    const asked = { asOf: '2024-06-30', events: [], version: '2023-extension', assume: ['revenue_share_cap=USD 1m'] };
    const r = await call(`${base}/what-if`, microsoft, { method: 'POST', body: JSON.stringify(asked) });
    expect(r.status).toBe(422);
    const e = (r.body as { error: { diagnostics: { code: string; path: string }[] } }).error;
    expect(e.diagnostics.map((d) => [d.path, d.code])).toEqual([['assume[0]', 'assume-unknown-term']]);
    const ok = { asOf: '2024-06-30', events: [], version: '2023-extension', assume: ['investment_2021=USD 2bn'] };
    const r2 = await call(`${base}/what-if`, microsoft, { method: 'POST', body: JSON.stringify(ok) });
    expect(r2.status).toBe(200);
    expect((r2.body as { values: Record<string, { value: unknown }> }).values['investment_2021']?.value).toBe('USD 2000000000');
  });
  it('what-if: a term that is not undisclosed, a value out of bounds, an unknown event id: 422, each with its path', async () => {
    const body = {
      asOf: '2027-12-31',
      events: [],
      assume: ['revenue_share_rate=10%', 'revenue_share_cap=USD -5'],
      retract: ['2025-10-28-consnet'],
    };
    const r = await call(`${base}/what-if`, microsoft, { method: 'POST', body: JSON.stringify(body) });
    expect(r.status).toBe(422);
    const e = (r.body as { error: { code: string; diagnostics: { code: string; path: string; message: string }[] } }).error;
    expect(e.code).toBe('invalid-scenario');
    expect(e.diagnostics.map((d) => [d.path, d.code])).toEqual([
      ['assume[0]', 'assume-unknown-term'],
      ['assume[1]', expect.any(String)],
      ['retract[0]', 'scenario-unknown-event'],
    ]);
    expect(e.diagnostics[0]!.message).toContain('revenue_share_cap');
    expect(e.diagnostics[2]!.message).toContain('2025-10-28-consent');
  });
  it('the family lists its undisclosed terms with what is known of them: what a what-if may assume', async () => {
    const r = await call(base, microsoft);
    const terms = (r.body as { undisclosed: { name: string; type: string; known: string; lo: string | null; loOpen: boolean }[] })
      .undisclosed;
    expect(terms.find((t) => t.name === 'revenue_share_cap')).toMatchObject({ type: 'money', version: '2026-04-amendment' });
    expect(terms.map((t) => t.name)).toContain('agi_compute_threshold');
    expect(terms.map((t) => t.name)).not.toContain('microsoft_revenue_share_rate');
  });
  it('can under a scenario is `pacte can --scenario`: without the restructuring, it needs the consent', async () => {
    const act = { asOf: '2026-01-15', party: 'openai', type: 'restructure', data: { summary: 'x' } };
    const r = await call(`${base}/can`, microsoft, { method: 'POST', body: JSON.stringify({ ...act, scenarios: ['no-restructuring'] }) });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(
      await cli(
        'can',
        '.',
        'openai',
        'restructure',
        '--as-of',
        '2026-01-15',
        '--data',
        '{"summary":"x"}',
        '--scenario',
        'no-restructuring',
      ),
    );
    expect((r.body as { verdict: string }).verdict).toBe('needs-consent');
    const real = await call(`${base}/can`, microsoft, { method: 'POST', body: JSON.stringify(act) });
    expect((real.body as { verdict: string }).verdict).toBe('no-norm-applies');
  });
  it('what-if: the events posted come after the scenario, checked against the family as it sees it', async () => {
    const event = { id: 'w-1', type: 'agi_declaration', date: '2027-02-01', actor: 'openai', data: {} };
    const r = await call(`${base}/what-if`, microsoft, {
      method: 'POST',
      body: JSON.stringify({ asOf: '2027-12-31', scenarios: ['agi-2027'], events: [event] }),
    });
    expect(r.status).toBe(200);
    expect((r.body as { hypothetical: number }).hypothetical).toBe(3);
    const clash = await call(`${base}/what-if`, microsoft, {
      method: 'POST',
      body: JSON.stringify({
        asOf: '2027-12-31',
        scenarios: ['agi-2027'],
        events: [{ ...event, id: 'scenario-2027-01-15-agi-declaration' }],
      }),
    });
    expect([clash.status, (clash.body as ErrorBody).error.code]).toEqual([422, 'invalid-event']);
  });
  it('an unknown scenario is 404; each scenario has its own entity tag', async () => {
    expect((await call(`${base}/state?asOf=2027-12-31&scenario=agi-2028`, microsoft)).status).toBe(404);
    const tag = async (q: string) =>
      (await fetch(`${base}/state?asOf=2027-12-31${q}`, { headers: { authorization: `Bearer ${microsoft}` } })).headers.get('etag');
    const tags = [await tag(''), await tag('&scenario=agi-2027'), await tag('&scenario=no-restructuring')];
    expect(new Set(tags).size).toBe(3);
  });
});

describe('adding a scenario (admin)', () => {
  const doc = (front: string, body = '') => `---\n${front}\n---\n\n# A scenario\n${body}`;
  it('a party token may not add one: 403, nothing stored', async () => {
    expect((await put('late-consent', { source: doc('title: Late') }, microsoft)).status).toBe(403);
    expect((await store.scenarios(F)).map((s) => s.name)).not.toContain('late-consent');
  });
  it('a document with errors: 422 with its diagnostics and their positions, nothing stored', async () => {
    const r = await put('bad', { source: doc('title: Bad\nretract: [2025-10-28-consnt]\nversion: 2025-10-definitiv') });
    expect(r.status).toBe(422);
    const e = (r.body as ErrorBody).error;
    expect(e.code).toBe('invalid-scenario');
    expect(e.diagnostics?.map((d) => [d.code, d.file, d.start.line])).toEqual([
      ['scenario-unknown-event', 'scenarios/bad.pacte.md', 3],
      ['scenario-unknown-version', 'scenarios/bad.pacte.md', 4],
    ]);
    expect(e.diagnostics?.[0]?.start.column).toBe(11);
    expect((await store.scenarios(F)).map((s) => s.name)).not.toContain('bad');
  });
  it('an event the agreement refuses: 422 with its path', async () => {
    const r = await put('bad-event', {
      source: doc('title: Bad event'),
      events: [{ id: 'h1', type: 'declare_agii', date: '2027-01-15', actor: 'openai', data: {} }],
    });
    expect(r.status).toBe(422);
    expect((r.body as ErrorBody).error.code).toBe('invalid-event');
  });
  it('stored (201), the same again (200), other text under that name (409); applied at once', async () => {
    const source = doc('title: Had Microsoft not consented\nretract: [2025-10-28-consent]');
    const before = store.changeMark?.('scenarios');
    const r = await put('no-consent', { source });
    expect([r.status, (r.body as { name: string; retract: string[] }).retract]).toEqual([201, ['2025-10-28-consent']]);
    expect(store.changeMark?.('scenarios')).not.toBe(before);
    expect((await put('no-consent', { source })).status).toBe(200);
    expect((await put('no-consent', { source: `${source}\nMore.\n` })).status).toBe(409);
    const list = (await call(`${base}/scenarios`, microsoft)).body as { name: string }[];
    expect(list.map((s) => s.name)).toContain('no-consent');
    const st = (await call(`${base}/state?asOf=2026-01-01&scenario=no-consent`, microsoft)).body as {
      norms: { id: string; status: string }[];
    };
    expect(st.norms.find((n) => n.id === 'restructuring_consent')?.status).toBe('requested');
  });
});

describe('several processes over one store', () => {
  it('a scenario stored through another connection is listed and applied by the next request', async () => {
    const list = async () => ((await call(`${base}/scenarios`, microsoft)).body as { name: string }[]).map((x) => x.name);
    expect(await list()).not.toContain('no-agreement-2023');
    const other = await openStore(db);
    try {
      const source = '---\ntitle: Had the 2023 extension not been signed\nversion: 2021-follow-on\n---\n';
      expect(await other.putScenario(F, 'no-agreement-2023', source, '[]')).toBe('added');
    } finally {
      await other.close();
    }
    expect(await list()).toContain('no-agreement-2023');
    const st = (await call(`${base}/state?asOf=2024-01-01&scenario=no-agreement-2023`, microsoft)).body as {
      counterfactual?: string;
      governing: { version: string };
    };
    expect(st.governing.version).toBe('2021-follow-on');
  });
});

describe('access', () => {
  it('a party token of another family gets 404 for the scenarios, the compare and a scenario, as for a family that does not exist', async () => {
    for (const path of [
      '/scenarios',
      '/scenarios/agi-2027',
      '/compare?asOf=2027-12-31&scenario=agi-2027',
      '/state?asOf=2027-12-31&scenario=agi-2027',
    ]) {
      const r = await call(base + path, outsider);
      const missing = await call(`${server.url}/api/families/no-such-family${path}`, outsider);
      expect([r.status, missing.status]).toEqual([404, 404]);
      expect(r.text.replaceAll(F, 'X')).toBe(missing.text.replaceAll('no-such-family', 'X'));
    }
    expect((await put('from-outside', { source: '---\ntitle: X\n---\n' }, outsider)).status).toBe(404);
  });
  it('no token: 401', async () => {
    expect((await call(`${base}/scenarios`, null)).status).toBe(401);
  });
});
