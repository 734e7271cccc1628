/**
 * The access matrix, generated: every token (three parties of one family, the two parties of another family that
 * share their ids with the first — alice and bob are parties of both —, a token naming a party the family does not
 * have, an admin) × every read endpoint × the two families (a three-party family with an event only two parties
 * see, and a two-party family). A token belongs to a party of one family: it gets that family's data and nothing of
 * the other, even where its party id is also a party of the other. Any refused family gets the same 404 as a family
 * that does not exist, and the hidden event never shows in anything a party that may not see it receives. Actor
 * spoofing is 403 with nothing appended; no token, an unknown, revoked or expired one is 401. Organisation tokens
 * (`pacte token add --org … --map family:party,…`) are in each family they map the party they map there: `orgCB` is
 * carol in the consortium (the payment hidden from carol stays hidden) and bob in the bilateral family; `orgA` is
 * alice of the bilateral family only, and nothing in the consortium although alice is a party of it.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../src/server/listen.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { addOrgToken, addToken, call, FIXTURES, loadDir, startServer } from './server-harness.js';

const FAMILIES = {
  'server-consortium': {
    parties: ['alice', 'bob', 'carol'],
    from: 'v1-supply',
    to: 'v2-amendment',
    name: 'invoice_payment',
    scenario: { name: 'no-invoice', retract: 'inv-1' },
  },
  'server-bilateral': {
    parties: ['alice', 'bob'],
    from: 'v1-nda',
    to: 'v1-nda',
    name: 'fee',
    scenario: { name: 'no-fee', retract: 'fee-1' },
  },
} as const;
/** A scenario of the consortium that retracts the payment hidden from carol: hidden from carol too (it names it). */
const HIDDEN_SCENARIO = 'unpaid';
type FamilyName = keyof typeof FAMILIES;
const HIDDEN = { family: 'server-consortium', id: 'pay-1', seeing: ['alice', 'bob'] };
/** Who holds each token: a party of a family, or the admin. `alice` and `bob` of the bilateral share ids with the consortium's. */
const HOLDERS = {
  alice: { party: 'alice', family: 'server-consortium' },
  bob: { party: 'bob', family: 'server-consortium' },
  carol: { party: 'carol', family: 'server-consortium' },
  dave: { party: 'dave', family: 'server-consortium' },
  aliceB: { party: 'alice', family: 'server-bilateral' },
  bobB: { party: 'bob', family: 'server-bilateral' },
  admin: { party: null, family: null },
  orgCB: { party: null, family: null },
  orgA: { party: null, family: null },
} as const;
/** The organisation tokens: the party each acts as in each family it maps. */
const ORGS: Partial<Record<string, { name: string; grants: { family: FamilyName; party: string }[] }>> = {
  orgCB: {
    name: 'Carol and Bob',
    grants: [
      { family: 'server-consortium', party: 'carol' },
      { family: 'server-bilateral', party: 'bob' },
    ],
  },
  orgA: { name: 'Alice licensing', grants: [{ family: 'server-bilateral', party: 'alice' }] },
};
const TOKENS = Object.keys(HOLDERS) as (keyof typeof HOLDERS)[];
type Who = keyof typeof HOLDERS;

interface Endpoint {
  readonly name: string;
  readonly path: (f: FamilyName) => string;
  readonly init?: RequestInit;
}

const ENDPOINTS: readonly Endpoint[] = [
  { name: 'family', path: (f) => `/api/families/${f}` },
  { name: 'versions', path: (f) => `/api/families/${f}/versions` },
  { name: 'version', path: (f) => `/api/families/${f}/versions/${FAMILIES[f].from}` },
  { name: 'events', path: (f) => `/api/families/${f}/events` },
  { name: 'events page', path: (f) => `/api/families/${f}/events?after=1&limit=1` },
  { name: 'state', path: (f) => `/api/families/${f}/state?asOf=2025-12-31` },
  { name: 'state fr', path: (f) => `/api/families/${f}/state?asOf=2025-03-15&lang=fr` },
  { name: 'explain', path: (f) => `/api/families/${f}/explain/${FAMILIES[f].name}?asOf=2025-12-31` },
  { name: 'diff', path: (f) => `/api/families/${f}/diff?from=${FAMILIES[f].from}&to=${FAMILIES[f].to}` },
  { name: 'diff impact', path: (f) => `/api/families/${f}/diff?from=${FAMILIES[f].from}&to=${FAMILIES[f].to}&impact=true&asOf=2025-12-31` },
  {
    name: 'what-if',
    path: (f) => `/api/families/${f}/what-if`,
    init: { method: 'POST', body: JSON.stringify({ asOf: '2025-12-31', events: [] }) },
  },
  { name: 'scenarios', path: (f) => `/api/families/${f}/scenarios` },
  { name: 'scenario', path: (f) => `/api/families/${f}/scenarios/${FAMILIES[f].scenario.name}` },
  { name: 'state scenario', path: (f) => `/api/families/${f}/state?asOf=2025-12-31&scenario=${FAMILIES[f].scenario.name}` },
  { name: 'compare', path: (f) => `/api/families/${f}/compare?asOf=2025-12-31&scenario=${FAMILIES[f].scenario.name}` },
  {
    name: 'can',
    path: (f) => `/api/families/${f}/can`,
    init: {
      method: 'POST',
      body: JSON.stringify({ asOf: '2025-12-31', party: 'bob', type: 'pay', data: { amount: 'USD 10', recipient: 'alice' } }),
    },
  },
];

let server: Running;
let store: MemoryStore;
const token = {} as Record<Who, string>;

beforeAll(async () => {
  store = new MemoryStore();
  for (const [f, x] of Object.entries(FAMILIES)) {
    await loadDir(store, join(FIXTURES, f), f);
    await store.putScenario(f, x.scenario.name, `---\ntitle: Without ${x.scenario.retract}\nretract: [${x.scenario.retract}]\n---\n`, '[]');
  }
  await store.putScenario(HIDDEN.family, HIDDEN_SCENARIO, `---\ntitle: Unpaid\nretract: [${HIDDEN.id}]\n---\n`, '[]');
  for (const who of TOKENS) {
    const org = ORGS[who];
    token[who] = org ? await addOrgToken(store, org) : await addToken(store, HOLDERS[who].party, HOLDERS[who].family ?? undefined);
  }
  server = await startServer(store);
});
afterAll(async () => server.close());

/** The party a token acts as in a family (null: none), `*` for the admin. */
function partyIn(who: Who, f: FamilyName): string | null {
  if (who === 'admin') return '*';
  const org = ORGS[who];
  if (org) return org.grants.find((g) => g.family === f)?.party ?? null;
  const h = HOLDERS[who];
  return h.family === f ? h.party : null;
}

function entitled(who: Who, f: FamilyName): boolean {
  const party = partyIn(who, f);
  return party === '*' || (party !== null && (FAMILIES[f].parties as readonly string[]).includes(party));
}

describe.each(TOKENS)('token of %s', (who) => {
  describe.each(Object.keys(FAMILIES) as FamilyName[])('family %s', (f) => {
    it.each(ENDPOINTS)('$name', async (e) => {
      const r = await call(server.url + e.path(f), token[who], e.init);
      if (entitled(who, f)) {
        expect(r.status, r.text).toBe(200);
        const hiddenFromMe = f === HIDDEN.family && who !== 'admin' && !HIDDEN.seeing.includes(partyIn(who, f)!);
        // The hidden event's id never reaches a party that may not see it: not in lists, states, explanations, counts.
        if (hiddenFromMe) expect(r.text).not.toContain(HIDDEN.id);
      } else {
        expect(r.status, r.text).toBe(404);
        // Exactly what a family that does not exist gets.
        const missing = await call(server.url + e.path(f).replace(`/families/${f}`, '/families/no-such-family'), token[who], e.init);
        expect(missing.status).toBe(404);
        expect(r.text.replaceAll(f, 'X')).toBe(missing.text.replaceAll('no-such-family', 'X'));
      }
    });
  });
});

describe('what a party sees of the family with a hidden event', () => {
  it('the parties that see the payment have the invoice paid; the auditor does not see the payment', async () => {
    const state = async (who: Who) =>
      (await call(`${server.url}/api/families/server-consortium/state?asOf=2025-04-01`, token[who])).body as {
        norms: { id: string; instances: { status: string }[] }[];
        values: Record<string, { value: unknown }>;
      };
    for (const who of ['alice', 'bob', 'admin'] as const) {
      const st = await state(who);
      expect(st.norms.find((n) => n.id === 'invoice_payment')?.instances.map((i) => i.status)).toEqual(['fulfilled']);
      expect(st.values['paid']?.value).toBe('EUR 1000.50');
    }
    const carol = await state('carol');
    expect(carol.norms.find((n) => n.id === 'invoice_payment')?.instances.map((i) => i.status)).toEqual(['violated']);
    expect(carol.values['paid']?.value).not.toBe('EUR 1000.50');
  });

  it('a scenario that retracts the hidden payment is listed and applied for the parties that see it, unknown to carol', async () => {
    const names = async (who: Who) =>
      ((await call(`${server.url}/api/families/server-consortium/scenarios`, token[who])).body as { name: string }[]).map((x) => x.name);
    for (const who of ['alice', 'bob', 'admin'] as const) expect(await names(who)).toEqual(['no-invoice', HIDDEN_SCENARIO]);
    expect(await names('carol')).toEqual(['no-invoice']);
    for (const path of [`/scenarios/${HIDDEN_SCENARIO}`, `/state?asOf=2025-04-01&scenario=${HIDDEN_SCENARIO}`]) {
      const r = await call(`${server.url}/api/families/server-consortium${path}`, token.carol);
      const other = await call(`${server.url}/api/families/server-consortium${path.replace(HIDDEN_SCENARIO, 'nothing')}`, token.carol);
      expect([r.status, r.text.replace(HIDDEN_SCENARIO, 'X')]).toEqual([404, other.text.replace('nothing', 'X')]);
    }
    const st = (await call(`${server.url}/api/families/server-consortium/state?asOf=2025-04-01&scenario=${HIDDEN_SCENARIO}`, token.alice))
      .body as { norms: { id: string; instances: { status: string }[] }[] };
    expect(st.norms.find((n) => n.id === 'invoice_payment')?.instances.map((i) => i.status)).toEqual(['violated']);
  });

  it('counts, last events and pages count only visible events, and a page cursor skips nothing visible', async () => {
    const fam = async (who: Who) =>
      (await call(`${server.url}/api/families/server-consortium`, token[who])).body as { events: number; lastEvent: { id: string } | null };
    expect((await fam('alice')).events).toBe(3);
    expect((await fam('carol')).events).toBe(2);
    const p1 = (await call(`${server.url}/api/families/server-consortium/events?limit=1`, token.carol)).body as {
      events: { id: string; seq: number }[];
      next: number | null;
    };
    expect(p1.events.map((e) => e.id)).toEqual(['inv-1']);
    expect(p1.next).toBe(1);
    const p2 = (await call(`${server.url}/api/families/server-consortium/events?limit=1&after=${p1.next}`, token.carol)).body as {
      events: { id: string }[];
      next: number | null;
    };
    expect(p2.events.map((e) => e.id)).toEqual(['audit-1']);
    expect(p2.next).toBeNull();
  });

  it('the family list holds only the families a token is a party to', async () => {
    const list = async (who: Who) =>
      ((await call(`${server.url}/api/families`, token[who])).body as { family: string }[]).map((x) => x.family);
    expect(await list('admin')).toEqual(['server-bilateral', 'server-consortium']);
    // alice is a party of both families, but each of her tokens belongs to one.
    expect(await list('alice')).toEqual(['server-consortium']);
    expect(await list('aliceB')).toEqual(['server-bilateral']);
    expect(await list('carol')).toEqual(['server-consortium']);
    expect(await list('dave')).toEqual([]);
    // An organisation's token lists the families it maps, and only those.
    expect(await list('orgCB')).toEqual(['server-bilateral', 'server-consortium']);
    expect(await list('orgA')).toEqual(['server-bilateral']);
  });

  it('a party cannot probe a family it is not a party to with a bad request: 404 before any validation', async () => {
    const r = await call(`${server.url}/api/families/server-bilateral/events`, token.carol, { method: 'POST', body: '{"not": json' });
    expect(r.status).toBe(404);
    const big = await call(`${server.url}/api/families/server-bilateral/events`, token.carol, {
      method: 'POST',
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(big.status).toBe(404);
  });
});

describe('acting for another party', () => {
  const event = (actor: string, id: string) => ({ id, type: 'invoice', date: '2025-05-01', actor, data: { amount: 'EUR 10' } });

  it.each(['bob', 'carol'] as const)('%s cannot record an invoice as alice: 403, nothing appended', async (who) => {
    const before = await store.lastSeq('server-consortium');
    const r = await call(`${server.url}/api/families/server-consortium/events`, token[who], {
      method: 'POST',
      body: JSON.stringify(event('alice', `spoof-${who}`)),
    });
    expect(r.status).toBe(403);
    expect((r.body as { error: { code: string } }).error.code).toBe('forbidden-actor');
    expect(await store.lastSeq('server-consortium')).toBe(before);
  });

  it("bob's token of the consortium cannot pay in the bilateral family, where bob is also a party: 404, nothing appended", async () => {
    const before = await store.lastSeq('server-bilateral');
    const r = await call(`${server.url}/api/families/server-bilateral/events`, token.bob, {
      method: 'POST',
      body: JSON.stringify({
        id: 'fake-pay',
        type: 'pay',
        date: '2025-06-01',
        actor: 'bob',
        data: { amount: 'EUR 9999999', recipient: 'alice' },
      }),
    });
    expect(r.status).toBe(404);
    expect(await store.lastSeq('server-bilateral')).toBe(before);
  });

  it("an organisation's token acts as its party of each family, and as no other: 201 there, 403 for another actor", async () => {
    const consortium = `${server.url}/api/families/server-consortium/events`;
    const asAlice = await call(consortium, token.orgCB, { method: 'POST', body: JSON.stringify(event('alice', 'org-spoof')) });
    expect(asAlice.status).toBe(403);
    expect((asAlice.body as { error: { message: string } }).error.message).toContain('this token acts for carol');
    // bob in the bilateral family: his payment there is the organisation's to record.
    const pay = { id: 'org-pay', type: 'pay', date: '2025-06-01', actor: 'bob', data: { amount: 'EUR 1', recipient: 'alice' } };
    const r = await call(`${server.url}/api/families/server-bilateral/events`, token.orgCB, { method: 'POST', body: JSON.stringify(pay) });
    expect(r.status, r.text).toBe(201);
    // The same payment as bob in the consortium, where the organisation is carol: 403, nothing appended.
    const before = await store.lastSeq('server-consortium');
    const spoof = await call(consortium, token.orgCB, { method: 'POST', body: JSON.stringify({ ...pay, id: 'org-pay-2' }) });
    expect(spoof.status).toBe(403);
    expect(await store.lastSeq('server-consortium')).toBe(before);
    // orgA has nothing in the consortium, although alice is a party of it.
    const none = await call(consortium, token.orgA, { method: 'POST', body: JSON.stringify(event('alice', 'org-a-1')) });
    expect(none.status).toBe(404);
  });

  it('alice records her own invoice; an admin may record for any party', async () => {
    expect(
      (
        await call(`${server.url}/api/families/server-consortium/events`, token.alice, {
          method: 'POST',
          body: JSON.stringify(event('alice', 'own-1')),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(`${server.url}/api/families/server-consortium/events`, token.admin, {
          method: 'POST',
          body: JSON.stringify(event('alice', 'admin-1')),
        })
      ).status,
    ).toBe(201);
  });
});

describe('authentication', () => {
  const paths = ['/api/me', '/api/families', ...ENDPOINTS.map((e) => e.path('server-consortium'))];
  it.each(paths)('%s without a token, with an unknown token, with a malformed header: 401', async (path) => {
    for (const headers of [{}, { authorization: 'Bearer pacte_not-a-token' }, { authorization: `Basic ${token.admin}` }]) {
      const r = await call(server.url + path, null, { headers });
      expect(r.status).toBe(401);
      expect((r.body as { error: { code: string } }).error.code).toBe('unauthorized');
    }
  });
  it('health and the OpenAPI document need no token', async () => {
    expect((await call(`${server.url}/healthz`, null)).body).toEqual({ ok: true, store: 'memory' });
    const doc = (await call(`${server.url}/openapi.json`, null)).body as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { additionalProperties?: boolean }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/families/{family}/events');
    // Request objects are strict in the contract too.
    expect(doc.components.schemas['Event']?.additionalProperties).toBe(false);
  });
  it('/api/me says who the token is', async () => {
    expect((await call(`${server.url}/api/me`, token.carol)).body).toEqual({ party: 'carol', family: 'server-consortium', admin: false });
    expect((await call(`${server.url}/api/me`, token.aliceB)).body).toEqual({ party: 'alice', family: 'server-bilateral', admin: false });
    expect((await call(`${server.url}/api/me`, token.admin)).body).toEqual({ party: null, family: null, admin: true });
    expect((await call(`${server.url}/api/me`, token.orgA)).body).toEqual({
      party: null,
      family: null,
      admin: false,
      org: { name: 'Alice licensing', grants: [{ family: 'server-bilateral', party: 'alice' }] },
    });
  });
  it('a revoked or expired token is 401 on every use, a token made before families grants nothing (401 that says what to do)', async () => {
    const revoked = await addToken(store, 'carol', 'server-consortium');
    expect((await call(`${server.url}/api/families/server-consortium`, revoked)).status).toBe(200);
    const { hashToken } = await import('../src/store/tokens.js');
    expect(await store.revokeToken(hashToken(revoked), new Date().toISOString())).toBe(true);
    for (const path of paths) expect((await call(server.url + path, revoked)).status).toBe(401);
    const expired = await addToken(store, 'carol', 'server-consortium', { expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect((await call(`${server.url}/api/me`, expired)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    for (const path of paths) expect((await call(server.url + path, expired)).status).toBe(401);
    const old = 'pacte_made-before-families';
    await store.addToken({ hash: hashToken(old), family: null, party: 'alice', admin: false, label: null, createdAt: '', expiresAt: null });
    const r = await call(`${server.url}/api/families/server-consortium`, old);
    expect(r.status).toBe(401);
    expect((r.body as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'token-unscoped',
      message: expect.stringContaining('pacte token scope'),
    });
    expect(await store.scopeToken(hashToken(old), 'server-consortium')).toBe(true);
    expect((await call(`${server.url}/api/families/server-consortium`, old)).status).toBe(200);
    expect((await call(`${server.url}/api/families/server-bilateral`, old)).status).toBe(404);
  });
});
