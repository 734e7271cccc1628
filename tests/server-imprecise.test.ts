/**
 * Events known only to a period over HTTP (issue 13): `POST …/events` takes the dates the ledger file takes
 * (`"2025-Q2"`, `"2025"`, `"2025-H1"`, `"2025-05"`, `"FY2025"`, `{"between": [from, to]}`), refuses the others with a
 * 400 on `date` and nothing written, stores them as given and returns them as given; the state the server computes
 * from the stored rows is the one `pacte state` computes from the same lines in a ledger file, so imprecise events
 * order by the same rule (at their period's first day, then in ledger order).
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../src/server/listen.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { addToken, call, FIXTURES, loadDir, startServer } from './server-harness.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'pacte.js');
const F = 'server-consortium';
let server: Running;
let store: MemoryStore;
let alice: string;
let url: string;

beforeAll(async () => {
  store = new MemoryStore();
  await loadDir(store, join(FIXTURES, F), F);
  alice = await addToken(store, 'alice', F);
  server = await startServer(store);
  url = `${server.url}/api/families/${F}`;
});
afterAll(async () => server.close());

const invoice = (id: string, date: unknown) => ({ id, type: 'invoice', date, actor: 'alice', data: { amount: 'EUR 10' } });
const post = (body: object) => call(`${url}/events`, alice, { method: 'POST', body: JSON.stringify(body) });
type Row = { seq: number; id: string; event: { date: unknown } };
const rows = async (): Promise<Row[]> => ((await call(`${url}/events?limit=1000`, alice)).body as { events: Row[] }).events;

describe('POST events known only to a period', () => {
  it("accepts the ledger file's forms, stores and returns them as given", async () => {
    const dates: [string, unknown][] = [
      ['imp-q2', '2025-Q2'],
      ['imp-year', '2025'],
      ['imp-half', '2025-H1'],
      ['imp-month', '2025-05'],
      ['imp-fy', 'FY2025'],
      ['imp-between', { between: ['2025-04-03', '2025-04-20'] }],
    ];
    for (const [id, date] of dates) {
      const r = await post(invoice(id, date));
      expect(r.status, `${id}: ${r.text}`).toBe(201);
    }
    const stored = await rows();
    for (const [id, date] of dates) expect(stored.find((r) => r.id === id)?.event.date).toEqual(date);
  });

  it('refuses what is no date with a 400 on `date`, and writes nothing', async () => {
    for (const date of [
      '2025-Q5',
      '2025-13',
      '2025-H3',
      'spring 2025',
      '25',
      { between: ['2025-06-01', '2025-05-01'] },
      { between: ['2025-06-01'] },
    ]) {
      const before = await store.lastSeq(F);
      const r = await post(invoice(`bad-${JSON.stringify(date)}`, date));
      expect(r.status, JSON.stringify(date)).toBe(400);
      expect((r.body as { error: { path?: string } }).error.path).toBe('date');
      expect(await store.lastSeq(F)).toBe(before);
    }
  });

  it("the state from the stored rows is `pacte state`'s from the same lines in a ledger file", async () => {
    // A calendar event after the imprecise ones in ledger order, but between their periods' first days.
    expect((await post(invoice('cal-0402', '2025-04-02'))).status).toBe(201);
    const dir = mkdtempSync(join(tmpdir(), 'pacte-imprecise-'));
    try {
      cpSync(join(FIXTURES, F), dir, { recursive: true });
      writeFileSync(join(dir, 'ledger.jsonl'), `${(await rows()).map((r) => JSON.stringify(r.event)).join('\n')}\n`);
      for (const asOf of ['2025-04-15', '2025-06-30', '2026-01-31']) {
        const r = await call(`${url}/state?asOf=${asOf}`, alice);
        expect(r.status).toBe(200);
        const cli = JSON.parse(
          (await promisify(execFile)(process.execPath, [BIN, 'state', '.', '--as-of', asOf, '--json'], { cwd: dir, encoding: 'utf8' }))
            .stdout,
        );
        expect(r.body).toEqual(cli);
      }
      const mid = (await call(`${url}/state?asOf=2025-04-15`, alice)).body as {
        imprecise: { event: string }[];
        norms: { id: string; instances: { trigger: { id: string }; status: string }[] }[];
      };
      // The invoice of 2025-05 has not happened on 2025-04-15 whatever its day: it is not placed.
      expect(mid.imprecise.map((i) => i.event).sort()).toEqual(['imp-between', 'imp-fy', 'imp-half', 'imp-q2', 'imp-year']);
      // An invoice of 2025-Q2 may not have been sent yet on 2025-04-15: its payment is not definite.
      const payment = mid.norms.find((n) => n.id === 'invoice_payment')!;
      expect(payment.instances.find((i) => i.trigger.id === 'imp-q2')?.status).toBe('indeterminate');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the OpenAPI description says so', async () => {
    const doc = (await call(`${server.url}/openapi.json`, null)).body as {
      components: { schemas: { Event: { properties: { date: { description: string; anyOf: unknown[] } } } } };
    };
    const date = doc.components.schemas.Event.properties.date;
    expect(date.anyOf).toHaveLength(2);
    expect(date.description).toContain('2021-Q3');
  });

  it('a what-if takes an event known only to a period too', async () => {
    const r = await call(`${url}/what-if`, alice, {
      method: 'POST',
      body: JSON.stringify({ asOf: '2025-12-31', events: [invoice('wi-q3', '2025-Q3')] }),
    });
    expect(r.status, r.text).toBe(200);
    expect((r.body as { imprecise?: { event: string }[] }).imprecise?.map((i) => i.event)).toContain('wi-q3');
  });
});
