/**
 * Finding 10: `pacte verify` did not see edits to version texts, deleted versions, added tokens, or a re-hashed
 * chain with its head updated. Versions are now hash-chained, tokens logged in a hash-chained log the tokens table
 * must match, and `pacte head` prints heads to publish that `pacte verify --expect-head` checks. Each damage below is
 * made with a direct edit of the SQLite file, as someone with access to the database would, and all are reported in
 * one run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { chainHash } from '../../src/store/chain.js';
import { hashToken } from '../../src/store/tokens.js';
import { pacte, ROOT, STACK } from './cli.js';

const work = mkdtempSync(join(tmpdir(), 'pacte-sec10-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('finding 10: verify sees versions, tokens, and a rewritten chain against a published head', () => {
  it('an edited version, a deleted version, a planted admin token and a re-hashed ledger are all reported', () => {
    const file = join(work, 'p.db');
    const db = `sqlite:${file}`;
    expect(pacte(['load', join(ROOT, 'examples', 'supply-deal'), '--db', db]).code).toBe(0);
    expect(pacte(['token', 'add', '--family', 'supply-deal', '--party', 'buyer', '--db', db]).code).toBe(0);
    const heads = pacte(['head', '--db', db]).out.trim().split('\n');
    const expectArgs = heads.flatMap((h) => ['--expect-head', h]);
    expect(pacte(['verify', '--db', db, ...expectArgs]).code).toBe(0);

    const raw = new Database(file);
    const files = (raw.prepare("SELECT file FROM versions WHERE family = 'supply-deal' ORDER BY pos").all() as { file: string }[]).map(
      (r) => r.file,
    );
    raw.prepare("UPDATE versions SET source = replace(source, 'within', 'within  ') WHERE file = ?").run(files[0]);
    raw.prepare('DELETE FROM versions WHERE file = ?').run(files[2]);
    raw
      .prepare(
        'INSERT INTO tokens (hash, family, party, admin, label, created_at, expires_at, revoked_at) VALUES (?, NULL, NULL, 1, NULL, ?, NULL, NULL)',
      )
      .run(hashToken('pacte_planted'), new Date().toISOString());
    // Event 2 rewritten, every later hash recomputed and the recorded head updated: the chain alone looks sound.
    const rows = raw.prepare("SELECT seq, body, salt, hash FROM events WHERE family = 'supply-deal' ORDER BY seq").all() as {
      seq: number;
      body: string;
      salt: string;
      hash: string;
    }[];
    let prev = rows[0]!.hash;
    for (const r of rows.slice(1)) {
      const body = r.seq === 2 ? r.body.replace('EUR 40000', 'EUR 4') : r.body;
      prev = chainHash(prev, body, r.salt);
      raw.prepare("UPDATE events SET body = ?, hash = ? WHERE family = 'supply-deal' AND seq = ?").run(body, prev, r.seq);
    }
    raw.prepare("UPDATE ledgers SET last_hash = ? WHERE family = 'supply-deal'").run(prev);
    raw.close();

    const r = pacte(['verify', '--db', db, ...expectArgs]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`chain broken at version 1 (${files[0]}) (version-mismatch`);
    expect(r.err).toContain('versions-head-mismatch');
    expect(r.err).toContain(`tokens: chain broken at ${hashToken('pacte_planted').slice(0, 12)} (token-not-logged`);
    expect(r.err).toContain('anchor-mismatch');
    expect(r.err).not.toMatch(STACK);
    const json = JSON.parse(pacte(['verify', '--db', db, '--json', ...expectArgs]).out) as {
      ok: boolean;
      families: { damages: { reason: string }[] }[];
      tokenDamages: { reason: string }[];
    };
    expect(json.ok).toBe(false);
    expect(json.families[0]!.damages.map((d) => d.reason).sort()).toEqual([
      'anchor-mismatch',
      'version-mismatch',
      'versions-head-mismatch',
    ]);
    expect(json.tokenDamages.map((d) => d.reason)).toEqual(['token-not-logged']);
  });
});
