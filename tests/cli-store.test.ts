/**
 * The store commands as a user runs them (the built binary in a child process, over an SQLite file):
 * `pacte load` (checked first, refused with diagnostics, idempotent, appends only new ledger lines, refuses a
 * changed event), `pacte token add` (printed once, stored hashed, party must exist), `pacte verify` (counts; a
 * tampered row named by family and seq, exit 1), in English and French.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open/open-store.js';
import { chainHash } from '../src/store/chain.js';
import { hashToken } from '../src/store/tokens.js';
import { frontMatter } from './harness/front-matter.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'pacte.js');
const work = mkdtempSync(join(tmpdir(), 'pacte-cli-store-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function pacte(args: readonly string[]): { code: number | null; out: string; err: string } {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !['PACTE_LANG', 'PACTE_DB', 'NODE_OPTIONS'].includes(k)) env[k] = v;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: work, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let n = 0;
function dbFile(): string {
  return join(work, `db${++n}.db`);
}

/** A copy of the supply-deal example that a test may change. */
function supplyCopy(): string {
  const dir = join(work, `supply${++n}`);
  cpSync(join(ROOT, 'examples', 'supply-deal'), dir, { recursive: true });
  return dir;
}

describe('pacte load', () => {
  it('stores the flagship, then adds nothing the second time', async () => {
    const db = dbFile();
    const first = pacte(['load', join(ROOT, 'examples', 'openai-microsoft'), '--db', `sqlite:${db}`]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /loaded openai-microsoft into sqlite:.*: 8 version\(s\) \(8 added, 0 already stored\), (\d+) event\(s\) \(\1 added, 0 already stored\)/,
    );
    const second = pacte(['load', join(ROOT, 'examples', 'openai-microsoft'), '--db', `sqlite:${db}`, '--lang', 'fr']);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(
      /8 version\(s\) \(0 ajoutée\(s\), 8 déjà enregistrée\(s\)\), (\d+) événement\(s\) \(0 ajouté\(s\), \1 déjà enregistré\(s\)\)/,
    );
    const store = await openStore(`sqlite:${db}`);
    const lines = readFileSync(join(ROOT, 'examples', 'openai-microsoft', 'ledger.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const rows = await store.events('openai-microsoft', 0, 10_000);
    expect(rows.map((r) => r.id)).toEqual(lines.map((l) => (JSON.parse(l) as { id: string }).id));
    // Money comes back as the ledger wrote it.
    const invest = rows.find((r) => r.id === '2019-07-22-invest')!;
    expect((JSON.parse(invest.body) as { data: { amount: string } }).data.amount).toBe('USD 1000000000');
    expect((await store.versions('openai-microsoft')).map((v) => v.file)).toContain('2025-10-definitive.pacte.md');
    await store.close();
  });

  it('appends only the new lines of a ledger that grew', () => {
    const dir = supplyCopy();
    const db = `sqlite:${dbFile()}`;
    expect(pacte(['load', dir, '--db', db]).code).toBe(0);
    appendFileSync(
      join(dir, 'ledger.jsonl'),
      '{"id":"fee-late","type":"pay","date":"2024-12-20","actor":"buyer","data":{"amount":"EUR 12345678901234567890.123456789","recipient":"acme"}}\n',
    );
    const r = pacte(['load', dir, '--db', db, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ family: 'supply-deal', eventsAdded: 1, versionsAdded: 0 });
    expect(pacte(['verify', '--db', db]).code).toBe(0);
  });

  it('refuses a family with errors, with its diagnostics, and stores nothing', () => {
    const dir = join(work, 'broken');
    cpSync(join(ROOT, 'examples', 'supply-deal'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'zz.pacte.md'),
      `${frontMatter('supply-deal')}\n# Broken\n\n\`\`\`pacte\nobligation x: alice must pay bob amount unknown_name\n\`\`\`\n`,
    );
    const db = dbFile();
    const r = pacte(['load', dir, '--db', `sqlite:${db}`]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/zz\.pacte\.md:\d+:\d+: error/);
    expect(r.err).toMatch(/refused: the family has \d+ error\(s\); nothing was stored/);
    expect(existsSync(db)).toBe(false);
  });

  it('refuses an event already stored with another body, storing nothing', async () => {
    const dir = supplyCopy();
    const db = `sqlite:${dbFile()}`;
    expect(pacte(['load', dir, '--db', db]).code).toBe(0);
    const ledger = join(dir, 'ledger.jsonl');
    writeFileSync(
      ledger,
      readFileSync(ledger, 'utf8').replace('"EUR 50000"', '"EUR 50001"') +
        '{"id":"new-1","type":"pay","date":"2024-12-21","actor":"buyer","data":{"amount":"EUR 1","recipient":"acme"}}\n',
    );
    const r = pacte(['load', dir, '--db', db, '--lang', 'fr']);
    expect(r.code).toBe(1);
    expect(r.err).toContain("refusé : l'événement fee-1 (ledger.jsonl ligne 1) est déjà enregistré dans supply-deal avec un autre contenu");
    const store = await openStore(db);
    expect((await store.events('supply-deal', 0, 100)).map((e) => e.id)).not.toContain('new-1');
    await store.close();
  });

  it('says clearly when the --db URL is wrong', () => {
    const r = pacte(['load', join(ROOT, 'examples', 'supply-deal'), '--db', 'mysql://x']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown database "mysql://x": expected memory:, sqlite:<file> or postgres://…');
  });
});

describe('pacte token', () => {
  it('add prints a token of a party of a family once, stores only its hash, and refuses an unknown family or party', async () => {
    const file = dbFile();
    const db = `sqlite:${file}`;
    const empty = pacte(['token', 'add', '--family', 'supply-deal', '--party', 'acme', '--db', db]);
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('no stored family "supply-deal": run pacte load <family-dir> first');
    expect(pacte(['load', join(ROOT, 'examples', 'supply-deal'), '--db', db]).code).toBe(0);
    const r = pacte([
      'token',
      'add',
      '--family',
      'supply-deal',
      '--party',
      'acme',
      '--label',
      'ops laptop',
      '--expires',
      '2099-12-31',
      '--db',
      db,
    ]);
    expect(r.code).toBe(0);
    const token = r.out.trim();
    expect(token).toMatch(/^pacte_[A-Za-z0-9_-]{43}$/);
    expect(r.err).toContain('token for party acme of supply-deal stored');
    const admin = pacte(['token', 'add', '--admin', '--db', db, '--lang', 'fr']);
    expect(admin.code).toBe(0);
    expect(admin.err).toContain("jeton pour l'administrateur enregistré");
    const store = await openStore(db);
    expect(await store.tokenByHash(hashToken(token))).toMatchObject({
      hash: hashToken(token),
      family: 'supply-deal',
      party: 'acme',
      admin: false,
      label: 'ops laptop',
      expiresAt: '2100-01-01T00:00:00.000Z',
      revokedAt: null,
    });
    expect(await store.tokenByHash(hashToken(admin.out.trim()))).toMatchObject({ family: null, party: null, admin: true });
    await store.close();
    // The token itself is nowhere in the database file (nor its WAL).
    for (const f of [file, `${file}-wal`]) if (existsSync(f)) expect(readFileSync(f).includes(Buffer.from(token))).toBe(false);
    const unknown = pacte(['token', 'add', '--family', 'supply-deal', '--party', 'acmee', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/family supply-deal has no party "acmee"; its parties: acme, buyer/);
    expect(pacte(['token', 'add', '--family', 'nope', '--party', 'acme', '--db', db]).err).toContain(
      'no stored family "nope"; families: supply-deal',
    );
    // A party alone, a family alone, nothing, or an admin with a family: usage errors.
    for (const args of [['--party', 'acme'], ['--family', 'supply-deal'], [], ['--admin', '--family', 'supply-deal']])
      expect(pacte(['token', 'add', ...args, '--db', db]).code).toBe(2);
    expect(pacte(['token', 'add', '--admin', '--expires', '2001-01-01', '--db', db]).err).toContain('--expires 2001-01-01 is already past');
    expect(pacte(['token', 'add', '--admin', '--expires', 'tomorrow', '--db', db]).code).toBe(2);
  });

  it('list shows tokens without secrets; revoke refuses every later use; scope gives an old token its family', async () => {
    const file = dbFile();
    const db = `sqlite:${file}`;
    expect(pacte(['load', join(ROOT, 'examples', 'supply-deal'), '--db', db]).code).toBe(0);
    const tok = pacte(['token', 'add', '--family', 'supply-deal', '--party', 'buyer', '--label', 'buyer desk', '--db', db, '--json']);
    const { token, id } = JSON.parse(tok.out) as { token: string; id: string };
    expect(id).toBe(hashToken(token).slice(0, 12));
    const list = pacte(['token', 'list', '--db', db]);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(new RegExp(`${id}\\s+supply-deal\\s+buyer\\s+buyer desk\\s+\\S+Z\\s+-\\s+active`));
    expect(list.out).not.toContain(token);
    expect(pacte(['token', 'revoke', 'abc', '--db', db]).code).toBe(1);
    const rev = pacte(['token', 'revoke', id, '--db', db]);
    expect(rev.code).toBe(0);
    expect(rev.out).toContain(`token ${id} revoked`);
    expect(pacte(['token', 'revoke', id, '--db', db]).err).toContain('already revoked');
    const json = JSON.parse(pacte(['token', 'list', '--db', db, '--json']).out) as {
      id: string;
      status: string;
      revokedAt: string | null;
    }[];
    expect(json).toEqual([expect.objectContaining({ id, status: 'revoked', revokedAt: expect.stringMatching(/Z$/) })]);
    // A token made before tokens had families: listed as needing one, then scoped.
    const store = await openStore(db);
    await store.addToken({
      hash: hashToken('pacte_old'),
      family: null,
      party: 'acme',
      admin: false,
      label: null,
      createdAt: '',
      expiresAt: null,
    });
    await store.close();
    const before = pacte(['token', 'list', '--db', db]);
    expect(before.out).toContain('needs a family');
    expect(before.err).toContain('pacte token scope <id> --family <family>');
    const oldId = hashToken('pacte_old').slice(0, 12);
    expect(pacte(['token', 'scope', oldId, '--family', 'nope', '--db', db]).code).toBe(1);
    expect(pacte(['token', 'scope', oldId, '--db', db]).code).toBe(2);
    const scoped = pacte(['token', 'scope', oldId, '--family', 'supply-deal', '--db', db, '--lang', 'fr']);
    expect(scoped.code).toBe(0);
    expect(scoped.out).toContain(`le jeton ${oldId} appartient maintenant à la famille supply-deal`);
    expect(pacte(['token', 'scope', oldId, '--family', 'supply-deal', '--db', db]).code).toBe(1);
    expect(pacte(['verify', '--db', db]).code).toBe(0);
  });
});

describe('pacte verify', () => {
  it('reports counts, and names the family and seq of a tampered row with exit 1', () => {
    const file = dbFile();
    const db = `sqlite:${file}`;
    expect(pacte(['load', join(ROOT, 'examples', 'supply-deal'), '--db', db]).code).toBe(0);
    const ok = pacte(['verify', '--db', db]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('supply-deal: 9 event(s), chain valid; 3 version(s), valid');
    expect(ok.out).toMatch(/verified sqlite:.*: 1 family\(ies\), 3 version\(s\), 9 event\(s\), 0 token\(s\)\nevery chain is valid/);
    const raw = new Database(file);
    raw.prepare("UPDATE events SET body = replace(body, 'EUR 40000', 'EUR 4000') WHERE family = 'supply-deal' AND seq = 2").run();
    raw.close();
    const bad = pacte(['verify', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('supply-deal: chain broken at seq 2 (hash-mismatch: a body or hash was changed)');
    expect(bad.err).toContain('1 damage(s) found');
    const fr = pacte(['verify', '--db', db, '--lang', 'fr']);
    expect(fr.code).toBe(1);
    expect(fr.err).toContain('supply-deal : chaîne rompue au numéro 2');
    expect(pacte(['verify', '--db', `sqlite:${join(work, 'missing.db')}`]).code).toBe(2);
  });

  it('pacte head prints the heads to publish; verify --expect-head finds a chain rewritten behind the store, head and all', () => {
    const file = dbFile();
    const db = `sqlite:${file}`;
    expect(pacte(['load', join(ROOT, 'examples', 'supply-deal'), '--db', db]).code).toBe(0);
    const head = pacte(['head', '--db', db]);
    expect(head.code).toBe(0);
    const lines = head.out.trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(/^supply-deal=[0-9a-f]{64}$/), expect.stringMatching(/^@tokens=[0-9a-f]{64}$/)]);
    expect(pacte(['head', 'nope', '--db', db]).code).toBe(1);
    const args = lines.flatMap((l) => ['--expect-head', l]);
    expect(pacte(['verify', '--db', db, ...args]).code).toBe(0);
    // Rewrite event 2 and re-hash everything after it, head included: the chain checks, the anchor does not.
    const raw = new Database(file);
    const rows = raw.prepare("SELECT seq, body, salt, hash FROM events WHERE family = 'supply-deal' ORDER BY seq").all() as {
      seq: number;
      body: string;
      salt: string;
      hash: string;
    }[];
    let prev = rows[0]!.hash;
    for (const r of rows.slice(1)) {
      const body = r.seq === 2 ? r.body.replace('EUR 40000', 'EUR 4000') : r.body;
      prev = chainHash(prev, body, r.salt);
      raw.prepare("UPDATE events SET body = ?, hash = ? WHERE family = 'supply-deal' AND seq = ?").run(body, prev, r.seq);
    }
    raw.prepare("UPDATE ledgers SET last_hash = ? WHERE family = 'supply-deal'").run(prev);
    raw.close();
    expect(pacte(['verify', '--db', db]).code).toBe(0);
    const anchored = pacte(['verify', '--db', db, ...args]);
    expect(anchored.code).toBe(1);
    expect(anchored.err).toContain('anchor-mismatch: the published head is not one this family ever had');
    expect(pacte(['verify', '--db', db, '--expect-head', 'supply-deal=xyz']).code).toBe(2);
  });
});
