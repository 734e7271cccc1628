/**
 * A recurring clause with 60 instances (tests/fixtures/monthly-invoices: 60 monthly invoices, 55 paid, 4 unpaid and
 * past due, the last one still due): `pacte state` and `GET …/state` summarize it (the open ones, the latest, counts by
 * status equal to the full listing's), `--instances all` and `?instances=all` list all 60, and the pages of
 * `GET …/norms/{id}/instances` put end to end are the full list. Over a real SQLite store and a real HTTP server.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../src/engine/evaluate.js';
import { summarizeInstances } from '../src/engine/instance-summary.js';
import { loadFamilyDir } from '../src/engine/load-family-dir.js';
import { state as mcpState } from '../src/mcp/answers.js';
import { dirSource } from '../src/mcp/family-source.js';
import type { Running } from '../src/server/listen.js';
import { openStore } from '../src/store/open/open-store.js';
import type { Store } from '../src/store/store.js';
import { runPacte } from './harness/run-pacte.js';
import { addToken, call, FIXTURES, loadDir, startServer } from './server-harness.js';

const DIR = join(FIXTURES, 'monthly-invoices');
const AS_OF = '2024-12-20';

interface Instance {
  readonly n: number;
  readonly status: string;
}
interface Norm {
  readonly id: string;
  readonly instances: Instance[];
  readonly instanceSummary?: { total: number; byStatus: Record<string, number>; shown: number; omitted: number };
}
interface State {
  readonly norms: Norm[];
}

const invoicesOf = (body: unknown): Norm => (body as State).norms.find((n) => n.id === 'invoices')!;

function counts(instances: readonly Instance[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const i of instances) c[i.status] = (c[i.status] ?? 0) + 1;
  return c;
}

const BIN = join(import.meta.dirname, '..', 'bin', 'pacte.js');

/** `pacte state --json` (dist/) run in the family's directory, so that the file names in explanations are the stored ones (as over HTTP). */
async function stateJson(...more: string[]): Promise<State> {
  const r = await promisify(execFile)(process.execPath, [BIN, 'state', '.', '--as-of', AS_OF, '--json', ...more], {
    cwd: DIR,
    encoding: 'utf8',
  });
  return JSON.parse(r.stdout) as State;
}

describe('pacte state', () => {
  it('--instances all lists all 60; the default keeps the open ones and the latest, with counts equal to the full listing', async () => {
    const all = invoicesOf(await stateJson('--instances', 'all'));
    expect(all.instances.map((i) => i.n)).toEqual(Array.from({ length: 60 }, (_, k) => k + 1));
    expect(all.instanceSummary).toBeUndefined();
    const summary = invoicesOf(await stateJson());
    expect(summary.instanceSummary).toEqual({
      total: 60,
      byStatus: counts(all.instances),
      shown: summary.instances.length,
      omitted: 60 - summary.instances.length,
    });
    expect(summary.instanceSummary?.byStatus).toEqual({ active: 1, fulfilled: 55, violated: 4 });
    // Every open instance (4 violated, 1 active) and the latest five, each as the full listing has it.
    const open = all.instances.filter((i) => i.status !== 'fulfilled');
    const latest = all.instances.slice(-5);
    const expected = all.instances.filter((i) => open.includes(i) || latest.includes(i));
    expect(summary.instances).toEqual(expected);
    expect(summary.instances.map((i) => i.n)).toEqual([7, 23, 41, 56, 57, 58, 59, 60]);
    // `--instances summary` is the default, said explicitly.
    expect(await stateJson('--instances', 'summary')).toEqual(await stateJson());
  });
  it('the text says how many are shown, by status, and how to see all; in French too', async () => {
    const en = await runPacte(['state', DIR, '--as-of', AS_OF]);
    expect(en.out).toContain('8 of 60 instances shown: 1 active, 55 fulfilled, 4 violated (`--instances all` for every one)');
    expect(en.out.match(/^ +#\d+ /gm)).toHaveLength(8);
    const fr = await runPacte(['state', DIR, '--as-of', AS_OF, '--lang', 'fr']);
    expect(fr.out).toContain(
      '8 occurrences sur 60 affichées : 1 en vigueur, 55 exécutées, 4 violées (`--instances all` pour les voir toutes)',
    );
    const all = await runPacte(['state', DIR, '--as-of', AS_OF, '--instances', 'all']);
    expect(all.out.match(/^ +#\d+ /gm)).toHaveLength(60);
    expect(all.out).not.toContain('instances shown');
  });
  it('a bad --instances is a usage error, in English and French', async () => {
    const en = await runPacte(['state', DIR, '--as-of', AS_OF, '--instances', 'every']);
    expect(en.code).toBe(2);
    expect(en.err).toContain('--instances must be all (every instance) or summary (the default), not "every"');
    const fr = await runPacte(['state', DIR, '--as-of', AS_OF, '--instances', 'every', '--lang', 'fr']);
    expect(fr.code).toBe(2);
    expect(fr.err).toContain('`--instances` doit être all (toutes les occurrences) ou summary (par défaut), pas "every"');
  });
});

describe('over HTTP', () => {
  let tmp: string;
  let store: Store;
  let server: Running;
  let token: string;
  let base: string;
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'pacte-instances-'));
    store = await openStore(`sqlite:${join(tmp, 'pacte.db')}`);
    await loadDir(store, DIR, 'monthly-invoices');
    token = await addToken(store, 'buyer', 'monthly-invoices');
    server = await startServer(store);
    base = `${server.url}/api/families/monthly-invoices`;
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('the state summarizes by default, as `pacte state --json` does; ?instances=all gives every one, as --instances all', async () => {
    const summary = await call(`${base}/state?asOf=${AS_OF}`, token);
    expect(summary.status).toBe(200);
    const all = await call(`${base}/state?asOf=${AS_OF}&instances=all`, token);
    expect(all.status).toBe(200);
    expect(invoicesOf(all.body).instances).toHaveLength(60);
    expect(invoicesOf(summary.body).instances).toHaveLength(8);
    expect(invoicesOf(summary.body).instanceSummary?.byStatus).toEqual(counts(invoicesOf(all.body).instances));
    expect(summary.body).toEqual(await stateJson());
    expect(all.body).toEqual(await stateJson('--instances', 'all'));
  });
  it('the two answers have their own entity tags (the answer cache keys on instances)', async () => {
    const a = await fetch(`${base}/state?asOf=${AS_OF}`, { headers: { authorization: `Bearer ${token}` } });
    const b = await fetch(`${base}/state?asOf=${AS_OF}&instances=all`, { headers: { authorization: `Bearer ${token}` } });
    const tagA = a.headers.get('etag');
    const tagB = b.headers.get('etag');
    expect(tagA).not.toBeNull();
    expect(tagB).not.toBeNull();
    expect(tagA).not.toBe(tagB);
    // Asked again, each answer is the one first given, not the other's.
    const again = await call(`${base}/state?asOf=${AS_OF}&instances=all`, token);
    expect(invoicesOf(again.body).instances).toHaveLength(60);
  });
  it('the pages of one norm, put end to end, are the full list', async () => {
    const all = invoicesOf((await call(`${base}/state?asOf=${AS_OF}&instances=all`, token)).body).instances;
    const seen: Instance[] = [];
    let offset: number | null = 0;
    let pages = 0;
    while (offset !== null) {
      const r = await call(`${base}/norms/invoices/instances?asOf=${AS_OF}&offset=${offset}&limit=25`, token);
      expect(r.status, r.text).toBe(200);
      const page = r.body as { total: number; byStatus: Record<string, number>; instances: Instance[]; next: number | null };
      expect(page.total).toBe(60);
      expect(page.byStatus).toEqual(counts(all));
      seen.push(...page.instances);
      offset = page.next;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
    // The default page is the first 100: all of them here.
    const first = await call(`${base}/norms/invoices/instances?asOf=${AS_OF}`, token);
    expect((first.body as { instances: Instance[]; next: number | null }).instances).toEqual(all);
    expect((first.body as { next: number | null }).next).toBeNull();
    // Past the end: an empty page.
    const past = await call(`${base}/norms/invoices/instances?asOf=${AS_OF}&offset=60`, token);
    expect((past.body as { instances: Instance[] }).instances).toEqual([]);
  });
  it('bad paging values are a 400 that says which parameter, in English and French; an unknown norm is a 404', async () => {
    for (const [query, path] of [
      ['offset=-1', 'offset'],
      ['offset=abc', 'offset'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=2.5', 'limit'],
    ] as const) {
      const r = await call(`${base}/norms/invoices/instances?asOf=${AS_OF}&${query}`, token);
      expect(r.status, query).toBe(400);
      const e = (r.body as { error: { code: string; path: string; message: string } }).error;
      expect(e.code).toBe('bad-request');
      expect(e.path).toBe(path);
      expect(e.message).toMatch(new RegExp(`^${path}: `));
    }
    const fr = await call(`${base}/norms/invoices/instances?asOf=${AS_OF}&limit=0&lang=fr`, token);
    expect((fr.body as { error: { message: string } }).error.message).toMatch(/^limit : valeur refusée/);
    const bad = await call(`${base}/state?asOf=${AS_OF}&instances=every`, token);
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { path: string } }).error.path).toBe('instances');
    // The query is checked whole, as every other: an unknown parameter is refused, not ignored.
    const typo = await call(`${base}/norms/invoices/instances?asOf=${AS_OF}&ofset=10`, token);
    expect(typo.status).toBe(400);
    expect(typo.text).toContain('ofset');
    const unknown = await call(`${base}/norms/invoicez/instances?asOf=${AS_OF}`, token);
    expect(unknown.status).toBe(404);
    expect((unknown.body as { error: { message: string } }).error.message).toBe('no name invoicez');
  });
  it('a what-if summarizes too, and gives every instance with "instances": "all"', async () => {
    const post = (body: object) =>
      call(`${base}/what-if`, token, { method: 'POST', body: JSON.stringify({ asOf: AS_OF, events: [], ...body }) });
    expect(invoicesOf((await post({})).body).instances).toHaveLength(8);
    expect(invoicesOf((await post({ instances: 'all' })).body).instances).toHaveLength(60);
  });
});

describe('the MCP tool state', () => {
  const src = dirSource(new Map([['monthly-invoices', DIR]]));
  it('summarizes by default, says how to ask for all, and gives every one with instances: "all"', async () => {
    const summary = await mcpState(src, 'en', { family: 'monthly-invoices', asOf: AS_OF });
    if (!summary.ok) throw new Error(summary.text);
    expect(summary.text).toContain('8 of 60 instances shown: 1 active, 55 fulfilled, 4 violated (`instances: "all"` for every one)');
    expect(invoicesOf(summary.json).instances).toHaveLength(8);
    const all = await mcpState(src, 'fr', { family: 'monthly-invoices', asOf: AS_OF, instances: 'all' });
    if (!all.ok) throw new Error(all.text);
    expect(invoicesOf(all.json).instances).toHaveLength(60);
    expect(all.text).not.toContain('occurrences sur');
  });
});

describe('which instances the summary keeps', () => {
  const loaded = loadFamilyDir(DIR, [], false);
  const family = loaded.family!;
  it('at most 15 open ones (the earliest, outstanding longest) and the latest five, when most are open', () => {
    // The invoices alone, none paid: 59 past due, the last still due.
    const invoices = loaded.events.filter((e) => e.type === 'invoice');
    const full = evaluate(family, invoices, AS_OF);
    const norm = invoicesOf(summarizeInstances(full));
    expect(norm.instances.map((i) => i.n)).toEqual([...Array.from({ length: 15 }, (_, k) => k + 1), 56, 57, 58, 59, 60]);
    expect(norm.instanceSummary).toEqual({ total: 60, byStatus: { active: 1, violated: 59 }, shown: 20, omitted: 40 });
    // The engine's own state keeps every one.
    expect(invoicesOf(full).instances).toHaveLength(60);
  });
  it('a clause with 20 instances or fewer is left as it is', () => {
    const full = evaluate(family, loaded.events, '2021-08-31');
    expect(invoicesOf(full).instances).toHaveLength(20);
    expect(summarizeInstances(full)).toBe(full);
    expect(JSON.stringify(summarizeInstances(evaluate(family, loaded.events, '2021-09-30')))).toContain('"instanceSummary"');
  });
});
