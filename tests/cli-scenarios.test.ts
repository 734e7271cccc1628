/** `--scenario`, `--assume`, `--retract` on `state`, `explain`, `story` and `diff --impact`, over the flagship's scenarios. */
import { describe, expect, it } from 'vitest';
import { runPacte } from './harness/run-pacte.js';

const FAMILY = 'examples/openai-microsoft';

describe('scenarios on the command line', () => {
  it('state applies scenarios in order and reports them with their assumptions', async () => {
    const r = await runPacte([
      'state',
      FAMILY,
      '--as-of',
      '2025-12-31',
      '--scenario',
      'no-restructuring',
      '--assume',
      'azure_commitment_2025_amount=USD 80bn',
      '--json',
    ]);
    expect(r.code, r.err).toBe(0);
    const st = JSON.parse(r.out);
    expect(st.scenarios[0]).toMatchObject({
      name: 'no-restructuring',
      retracted: ['2025-10-28-consent', '2025-10-28-recapitalization', '2025-10-28-delaware-ag', '2025-10-28-california-ag'],
    });
    expect(st.assumed).toEqual([{ label: 'ASSUMED-1', term: 'azure_commitment_2025_amount', value: 'USD 80bn', scenario: null }]);
    expect(st.values.azure_commitment_2025_amount.assumed).toEqual(['ASSUMED-1']);
    expect(st.norms.find((n: { id: string }) => n.id === 'restructuring_consent').status).toBe('requested');
  });

  it('explain says "under ASSUMED-1" in French too, and marks hypothetical events', async () => {
    const r = await runPacte([
      'explain',
      FAMILY,
      'azure_commitment_2025_amount',
      '--as-of',
      '2025-12-31',
      '--assume',
      'azure_commitment_2025_amount=USD 80bn',
      '--lang',
      'fr',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/sous ASSUMED-1 \(--assume\)/);
    const h = await runPacte(['explain', FAMILY, 'agi', '--as-of', '2027-12-31', '--scenario', 'agi-2027']);
    expect(h.out).toMatch(/\[hypothetical\]/);
  });

  it('--retract sets an event aside; an unknown one is an error', async () => {
    const r = await runPacte(['state', FAMILY, '--as-of', '2025-12-31', '--retract', '2025-10-28-consent', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).norms.find((n: { id: string }) => n.id === 'restructuring_consent').status).toBe('requested');
    const bad = await runPacte(['state', FAMILY, '--as-of', '2025-12-31', '--retract', '2025-10-28-consnt']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/scenario-unknown-event.*did you mean `2025-10-28-consent`/);
  });

  it('an unknown scenario lists the family scenarios (exit 2)', async () => {
    const r = await runPacte(['state', FAMILY, '--as-of', '2025-12-31', '--scenario', 'nope']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/agi-2027, no-restructuring, revenue-share-8pct-2030/);
  });

  it('explain names the scenario of a clause that is only there', async () => {
    const r = await runPacte(['explain', FAMILY, 'revenue_share_rate_2030', '--as-of', '2026-12-31']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--scenario revenue-share-8pct-2030/);
  });

  it('story and diff --impact take scenarios', async () => {
    const s = await runPacte(['story', FAMILY, '--scenario', 'agi-2027', '--as-of', '2027-12-31']);
    expect(s.code, s.err).toBe(0);
    expect(s.out).toMatch(/hypothetical event scenario-2027-01-15-agi-declaration/);
    const d = await runPacte([
      'diff',
      FAMILY,
      '2025-10-definitive',
      '2026-04-amendment',
      '--impact',
      '--as-of',
      '2027-12-31',
      '--scenario',
      'agi-2027',
    ]);
    expect(d.code, d.err).toBe(0);
  });
});
