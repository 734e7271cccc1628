#!/usr/bin/env node
/**
 * Writes the examples of docs/http.md from a real run: starts the server (dist/, so run `npm run build` first) on a
 * temporary SQLite store loaded with the flagship and the test family tests/fixtures/server-consortium, makes each
 * request, and puts each request and its response between the markers of docs/http.md. Long responses are abridged
 * (arrays cut to their first items, long strings shortened), and say so. Tokens are shown as $TOKEN, event hashes
 * (salted at random) as `<64 hex digits>`.
 *
 *   node scripts/http-examples.mjs           rewrite docs/http.md
 *   node scripts/http-examples.mjs --check   exit 1 if docs/http.md is not what a run gives (the tests do this)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../dist/server/app.js';
import { listen } from '../dist/server/listen.js';
import { canonicalEvent } from '../dist/store/chain.js';
import { openStore } from '../dist/store/open/open-store.js';
import { generateToken, hashToken } from '../dist/store/tokens.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOC = join(ROOT, 'docs', 'http.md');
const START = '<!-- http-examples:start (written by scripts/http-examples.mjs from a real run: do not edit by hand) -->';
const END = '<!-- http-examples:end -->';

async function load(store, dir, family) {
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.pacte.md'))
    .sort())
    await store.putVersion(family, f, readFileSync(join(dir, f), 'utf8'));
  const ledger = join(dir, 'ledger.jsonl');
  if (!existsSync(ledger)) return;
  const events = readFileSync(ledger, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const o = JSON.parse(l);
      return { id: o.id, body: canonicalEvent(o) };
    });
  await store.append({ family, events, idempotencyKey: null, expectedSeq: null });
}

/** The family directory's scenarios, stored as `pacte load` stores them: the document's text, the events as JSON. */
async function loadScenarios(store, dir, family) {
  const sdir = join(dir, 'scenarios');
  if (!existsSync(sdir)) return;
  const names = [...new Set(readdirSync(sdir).map((f) => f.replace(/\.(pacte\.md|jsonl)$/, '')))].sort();
  for (const name of names) {
    const doc = join(sdir, `${name}.pacte.md`);
    const jsonl = join(sdir, `${name}.jsonl`);
    const events = existsSync(jsonl)
      ? readFileSync(jsonl, 'utf8')
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => canonicalEvent(JSON.parse(l)))
      : [];
    await store.putScenario(family, name, existsSync(doc) ? readFileSync(doc, 'utf8') : '', `[${events.join(',')}]`);
  }
}

/** An admin token (`party` null), or a token of `party` in `family`. */
async function token(store, party, family = null) {
  const t = generateToken();
  await store.addToken({
    hash: hashToken(t),
    family,
    party,
    admin: party === null,
    label: party ?? 'admin',
    createdAt: new Date().toISOString(),
    expiresAt: null,
  });
  return t;
}

/** Arrays cut to `items` elements, strings to 160 characters, objects below `depth` shown as `{…}`. */
function abridge(v, items, depth) {
  let cut = false;
  const walk = (x, d) => {
    if (typeof x === 'string' && x.length > 160) {
      cut = true;
      return `${x.slice(0, 150)}…`;
    }
    if (Array.isArray(x)) {
      if (d >= depth && x.length > 0) {
        cut = true;
        return ['…'];
      }
      const kept = x.slice(0, items).map((y) => walk(y, d + 1));
      if (x.length > items) {
        cut = true;
        kept.push(`… ${x.length - items} more`);
      }
      return kept;
    }
    if (x && typeof x === 'object') {
      if (d >= depth && Object.keys(x).length > 0) {
        cut = true;
        return { '…': '…' };
      }
      // Hashes cover a random salt per event, `addedAt` is the instant of the run: shown as placeholders, so that a
      // run gives the same document.
      const shown = (k, y) =>
        k === 'hash' && typeof y === 'string'
          ? '<64 hex digits>'
          : k === 'addedAt' && typeof y === 'string'
            ? '<when it was stored>'
            : walk(y, d + 1);
      return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, shown(k, y)]));
    }
    return x;
  };
  const out = walk(v, 0);
  return { out, cut };
}

const STATUS = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
};

async function main() {
  const check = process.argv.includes('--check');
  const dir = mkdtempSync(join(tmpdir(), 'pacte-http-examples-'));
  const store = await openStore(`sqlite:${join(dir, 'examples.db')}`);
  await load(store, join(ROOT, 'examples', 'openai-microsoft'), 'openai-microsoft');
  await loadScenarios(store, join(ROOT, 'examples', 'openai-microsoft'), 'openai-microsoft');
  await load(store, join(ROOT, 'tests', 'fixtures', 'server-consortium'), 'server-consortium');
  await load(store, join(ROOT, 'tests', 'fixtures', 'monthly-invoices'), 'monthly-invoices');
  const tokens = {
    microsoft: await token(store, 'microsoft', 'openai-microsoft'),
    carol: await token(store, 'carol', 'server-consortium'),
    alice: await token(store, 'alice', 'server-consortium'),
    buyer: await token(store, 'buyer', 'monthly-invoices'),
    admin: await token(store, null),
    revoked: await token(store, 'carol', 'server-consortium'),
  };
  await store.revokeToken(hashToken(tokens.revoked), new Date().toISOString());
  const running = await listen(createApp({ store, webDir: null }), store, '127.0.0.1', 0);
  const sections = [];
  /** One example: `title`, the request, and how much of the response to show. */
  const ex = async (title, method, path, { who = 'microsoft', body, headers = {}, items = 3, depth = 8, note } = {}) => {
    const h = {
      ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    };
    const res = await fetch(running.url + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let shown = text;
    let cut = false;
    if ((res.headers.get('content-type') ?? '').includes('json')) {
      const a = abridge(JSON.parse(text), items, depth);
      shown = JSON.stringify(a.out, null, 2);
      cut = a.cut;
    }
    const holder =
      who === 'admin'
        ? 'admin'
        : who === 'revoked'
          ? 'revoked: was carol of server-consortium'
          : `party ${who} of ${who === 'microsoft' ? 'openai-microsoft' : who === 'buyer' ? 'monthly-invoices' : 'server-consortium'}`;
    const reqHeaders = Object.entries(h).map(
      ([k, v]) => `${k === 'authorization' ? 'Authorization' : k}: ${k === 'authorization' ? `Bearer $TOKEN (${holder})` : v}`,
    );
    const reqBody = body === undefined ? '' : `\n\n${typeof body === 'string' ? body : JSON.stringify(body, null, 2)}`;
    sections.push(
      [
        `### ${title}`,
        note ? `\n${note}\n` : '',
        '```http',
        `${method} ${path} HTTP/1.1${reqHeaders.length ? `\n${reqHeaders.join('\n')}` : ''}${reqBody}`,
        '```',
        '',
        `\`${res.status} ${STATUS[res.status] ?? ''}\`${cut ? ' (abridged: long arrays cut, long strings shortened)' : ''}`,
        '',
        '```json',
        shown,
        '```',
        '',
      ].join('\n'),
    );
    return { status: res.status, text };
  };

  const fam = '/api/families/openai-microsoft';
  await ex('GET /healthz', 'GET', '/healthz', { who: null });
  await ex('GET /api/me', 'GET', '/api/me');
  await ex('GET /api/families', 'GET', '/api/families', { items: 2, depth: 4 });
  await ex('GET /api/families/{family}', 'GET', fam, { items: 2 });
  await ex('GET /api/families/{family}/versions', 'GET', `${fam}/versions`, { items: 3 });
  await ex('GET /api/families/{family}/versions/{version}', 'GET', `${fam}/versions/2025-09-mou`, { items: 2 });
  await ex('GET /api/families/{family}/events', 'GET', `${fam}/events?after=40&limit=2`);
  const last = JSON.parse(
    await fetch(`${running.url}${fam}/events?limit=1000`, { headers: { authorization: `Bearer ${tokens.admin}` } }).then((r) => r.text()),
  ).events.at(-1).seq;
  const data = {
    period: '2026-Q1',
    revenue: 'USD 9000000000',
    partner_cloud_revenue: 'USD 1000000000',
    summary: 'An example for the documentation, not a real figure.',
  };
  const report = {
    id: 'example-2026-05-15-report',
    type: 'report_revenue',
    date: '2026-05-15',
    actor: 'openai',
    data,
    source: { title: 'Example (not a real report)', status: 'unverified' },
  };
  await ex('POST /api/families/{family}/events', 'POST', `${fam}/events`, {
    who: 'admin',
    body: report,
    headers: { 'idempotency-key': 'example-1', 'if-match': String(last) },
    note: 'An admin token may record an event for any party; a party token only for itself.',
  });
  await ex('POST /api/families/{family}/events — a replay of the same Idempotency-Key', 'POST', `${fam}/events`, {
    who: 'admin',
    body: report,
    headers: { 'idempotency-key': 'example-1' },
  });
  await ex('POST /api/families/{family}/events — If-Match behind the ledger', 'POST', `${fam}/events`, {
    who: 'admin',
    body: { ...report, id: 'example-2' },
    headers: { 'if-match': String(last) },
  });
  await ex('POST /api/families/{family}/events — acting for another party', 'POST', `${fam}/events`, {
    body: { ...report, id: 'example-3' },
  });
  await ex('POST /api/families/{family}/events — an unknown field', 'POST', `${fam}/events`, {
    who: 'admin',
    body: { ...report, id: 'example-4', amount: 'USD 1' },
  });
  await ex('POST /api/families/{family}/events — malformed money', 'POST', `${fam}/events`, {
    who: 'admin',
    body: { ...report, id: 'example-5', data: { ...data, revenue: '9bn dollars' } },
    items: 1,
  });
  await ex('POST /api/families/{family}/events — an event the agreement refuses', 'POST', `${fam}/events`, {
    who: 'admin',
    body: { ...report, id: 'example-6', type: 'report_revenu' },
    items: 1,
  });
  await ex('GET /api/families/{family}/state', 'GET', `${fam}/state?asOf=2025-09-12`, { items: 1, depth: 5 });
  const invoices = '/api/families/monthly-invoices';
  await ex('GET /api/families/{family}/state — a recurring clause past 20 instances', 'GET', `${invoices}/state?asOf=2024-12-20`, {
    who: 'buyer',
    items: 2,
    depth: 5,
    note: 'The test family tests/fixtures/monthly-invoices: 60 monthly invoices. `instances` lists the open ones and the latest five, `instanceSummary` counts them all; `?instances=all` lists every one.',
  });
  await ex(
    'GET /api/families/{family}/norms/{id}/instances',
    'GET',
    `${invoices}/norms/invoices/instances?asOf=2024-12-20&offset=50&limit=5`,
    { who: 'buyer', items: 5, depth: 3, note: "One norm's instances, a page at a time: `next` is the offset of the next page." },
  );
  await ex(
    'GET /api/families/{family}/norms/{id}/instances — a bad limit',
    'GET',
    `${invoices}/norms/invoices/instances?asOf=2024-12-20&limit=0`,
    {
      who: 'buyer',
    },
  );
  await ex('GET /api/families/{family}/explain/{name}', 'GET', `${fam}/explain/restructuring_consent?asOf=2025-09-12`, { items: 2 });
  await ex('POST /api/families/{family}/what-if', 'POST', `${fam}/what-if`, {
    body: {
      asOf: '2027-12-31',
      version: '2025-10-definitive',
      events: [
        { id: 'w-1', type: 'agi_declaration', date: '2027-01-15', actor: 'openai', data: {} },
        { id: 'w-2', type: 'agi_verification', date: '2027-06-30', actor: 'panel', data: { verified: true } },
      ],
    },
    items: 1,
    depth: 4,
  });
  await ex('POST /api/families/{family}/can', 'POST', `${fam}/can`, {
    body: {
      asOf: '2024-06-15',
      party: 'microsoft',
      type: 'pursue_agi',
      data: { uses_openai_ip: true, summary: 'Microsoft trains its own frontier model' },
    },
    items: 2,
    depth: 5,
  });
  await ex('GET /api/families/{family}/diff', 'GET', `${fam}/diff?from=2025-01-update&to=2025-10-definitive&impact=true&asOf=2025-12-31`, {
    items: 1,
    depth: 4,
  });
  await ex('GET /api/families/{family}/scenarios', 'GET', `${fam}/scenarios`, {
    items: 3,
    note: "The flagship's scenarios, stored with it (`pacte load`, the demo server).",
  });
  await ex('GET /api/families/{family}/state — under a scenario', 'GET', `${fam}/state?asOf=2027-12-31&scenario=no-restructuring`, {
    items: 1,
    depth: 4,
    note: 'As `pacte state --scenario no-restructuring`: the answer names the scenario it rests on (`scenarios`).',
  });
  await ex('GET /api/families/{family}/compare', 'GET', `${fam}/compare?asOf=2027-12-31&scenario=agi-2027&scenario=no-restructuring`, {
    items: 4,
    note: 'The baseline and each scenario applied alone, side by side: the rows that differ (`pacte compare --json`).',
  });
  await ex('PUT /api/families/{family}/scenarios/{name}', 'PUT', '/api/families/server-consortium/scenarios/unpaid', {
    who: 'admin',
    body: { source: '---\ntitle: Had bob not paid\nretract: [pay-1]\n---\n\n# Had bob not paid\n' },
    note: 'An admin token only. Checked against the family and its ledger; stored (201). A scenario that retracts an event hidden from a party is hidden from that party.',
  });
  await ex(
    'PUT /api/families/{family}/scenarios/{name} — a scenario with errors',
    'PUT',
    '/api/families/server-consortium/scenarios/late',
    {
      who: 'admin',
      body: { source: '---\ntitle: Paid late\nretract: [pay-2]\nbranch: 2025-02-30\n---\n' },
      items: 2,
    },
  );
  await ex('POST /api/families/{family}/versions', 'POST', '/api/families/server-consortium/versions', {
    who: 'admin',
    body: {
      file: 'v3-bad.pacte.md',
      source: readFileSync(join(ROOT, 'tests', 'fixtures', 'server-consortium', 'v2-amendment.pacte.md'), 'utf8')
        .replace('version: v2-amendment', 'version: v3-bad')
        .replace('bob must pay', 'bobb must pay'),
    },
    items: 2,
    note: 'An admin token only. A document with errors is refused with its diagnostics (as `pacte check --json`); a valid one is stored (201).',
  });
  await ex('Access: a party sees only the events visible to it', 'GET', '/api/families/server-consortium/events', {
    who: 'carol',
    note: 'In tests/fixtures/server-consortium the payment `pay-1` is visible to alice and bob only: carol, the auditor, gets the other events.',
  });
  await ex('Access: a family the token is not of', 'GET', fam, {
    who: 'carol',
    note: 'A token belongs to one family: any other is answered as if it did not exist, before anything about it is read.',
  });
  await ex('Access: no token', 'GET', '/api/families', { who: null });
  await ex('Access: a revoked token', 'GET', '/api/families', {
    who: 'revoked',
    note: 'Revoked (`pacte token revoke <id>`) or expired (`--expires`): every use is a 401.',
  });
  const invoice = { id: 'example-q2-invoice', type: 'invoice', date: '2026-Q2', actor: 'alice', data: { amount: 'EUR 250' } };
  await ex('POST /api/families/{family}/events — an event known only to a period', 'POST', '/api/families/server-consortium/events', {
    who: 'admin',
    body: invoice,
    note: 'The forms of `ledger.jsonl` (docs/format.md, "Events known only to a period"): `2026`, `2026-Q2`, `2026-H1`, `2026-05`, `FY2026`, `{"between": ["2026-04-01", "2026-05-15"]}`. Stored and returned as given; the state tries every day of the period that can change an answer.',
  });
  await ex(
    'POST /api/families/{family}/events — a date that is neither a day nor a period',
    'POST',
    '/api/families/server-consortium/events',
    {
      who: 'admin',
      body: { ...invoice, id: 'example-q5-invoice', date: '2026-Q5' },
      items: 1,
    },
  );
  await running.close();
  rmSync(dir, { recursive: true, force: true });

  const doc = readFileSync(DOC, 'utf8');
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/http.md lacks the markers ${START} … ${END}`);
  const next = `${doc.slice(0, a + START.length)}\n\n${sections.join('\n')}\n${doc.slice(b)}`;
  if (check) {
    if (next !== doc) {
      process.stderr.write(
        'docs/http.md is not what a run gives: run `npm run build && node scripts/http-examples.mjs` and review the diff\n',
      );
      process.exit(1);
    }
    process.stdout.write('docs/http.md examples are up to date\n');
  } else {
    writeFileSync(DOC, next);
    process.stdout.write(`wrote ${sections.length} examples into docs/http.md\n`);
  }
}

await main();
