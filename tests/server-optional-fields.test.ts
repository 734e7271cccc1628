/**
 * The server's event check (server/event-check.ts) is the ledger's own validation: an optional field (`note?: text`)
 * may be left out of a posted event, a mandatory one may not (422 with `ledger-missing-data`), and an optional field
 * given must still have its type (400 at its path).
 */
import { describe, expect, it } from 'vitest';
import { checkFamily } from '../src/check/family.js';
import type { Family } from '../src/check/ir.js';
import { checkEvents } from '../src/server/event-check.js';
import { ApiError } from '../src/server/errors.js';

const DOC = `---
pacte: 1
agreement: opt
version: v1
binding: true
effective: 2025-01-01
parties:
  alice: Alice
  bob: Bob
---

\`\`\`pacte
event report by alice { revenue: money, note?: text }
\`\`\`
`;

function family(): Family {
  const r = checkFamily([{ path: 'opt.pacte.md', text: DOC }]);
  expect(r.diagnostics).toEqual([]);
  return r.family!;
}

const check = (data: Record<string, unknown>) =>
  checkEvents(family(), [{ id: 'r1', type: 'report', date: '2025-02-01', actor: 'alice', data }], 'en', {
    prefix: () => '',
    hypothetical: false,
    seqBase: 0,
    ids: new Map(),
  });

const thrown = (f: () => unknown): ApiError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('accepted');
};

describe('optional event fields in posted events', () => {
  it('an optional field may be left out, or given', () => {
    expect(check({ revenue: 'USD 10' }).events).toHaveLength(1);
    expect(check({ revenue: 'USD 10', note: 'draft' }).events).toHaveLength(1);
  });
  it('a mandatory field may not be left out', () => {
    const e = thrown(() => check({ note: 'draft' }));
    expect(e.code).toBe('invalid-event');
    expect(JSON.stringify(e.extra)).toContain('ledger-missing-data');
  });
  it('an optional field given must have its type', () => {
    const e = thrown(() => check({ revenue: 'USD 10', note: 12 }));
    expect(JSON.stringify(e.extra)).toContain('data.note');
  });
});
