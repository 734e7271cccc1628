/**
 * Shared by the finding 3 tests: the brute force of a party that sees the hashes of the events on either side of one
 * hidden from it (`h1`, then the hidden event, then `h3` with its body): the guesses `sha256(sha256(h1 + guess) + body3)
 * == h3` confirms. Without a salt in the chain the true event is among them; with a secret salt per event, none is.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalEvent } from '../../src/store/chain.js';
import { FIXTURES } from '../server-harness.js';

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** The payment hidden from carol in the consortium fixture, and guesses around it (amounts, dates); the truth first. */
export function guesses(family = 'server-consortium'): string[] {
  const line = readFileSync(join(FIXTURES, family, 'ledger.jsonl'), 'utf8')
    .split('\n')
    .find((l) => l.includes('"pay-1"'))!;
  const truth = JSON.parse(line) as Record<string, unknown> & { data: Record<string, unknown> };
  const out = [canonicalEvent(truth)];
  for (let cents = 0; cents < 2000; cents++)
    for (const date of ['2025-03-01', truth['date'] as string]) {
      const amount = `EUR ${Math.floor(cents / 2)}.${String(cents % 100).padStart(2, '0')}`;
      out.push(canonicalEvent({ ...truth, date, data: { ...truth.data, amount } }));
    }
  return out;
}

/** The guesses that link `h1` to `h3` through one hidden event before the event `body3`. */
export function confirmed(h1: string, body3: string, h3: string, all: readonly string[]): string[] {
  return all.filter((g) => sha(sha(h1 + g) + body3) === h3);
}
