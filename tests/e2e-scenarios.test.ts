/**
 * Scenarios in the web UI end to end (issue 14), with the harness of e2e-ui.test.ts: the real server over a temporary
 * SQLite store loaded by `pacte load` (the flagship with its three scenarios), a real Chromium through playwright-core
 * (tests/harness/browser.ts), screenshots in test-output/e2e/, and no request leaving the machine. A party compares
 * the baseline with the scenario where the restructuring never closed; sets Microsoft's consent aside by clicking its
 * dot in the what-if view and sees the consent requested again; assumes the undisclosed revenue share cap. An admin
 * saves such a what-if as a scenario and finds it in the Compare view; the party cannot save.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoadDb } from '../src/cli/load-db.js';
import { createApp } from '../src/server/app.js';
import { listen } from '../src/server/listen.js';
import { openStore } from '../src/store/open/open-store.js';
import type { Store } from '../src/store/store.js';
import { launchBrowser } from './harness/browser.js';
import { addToken, FLAGSHIP } from './server-harness.js';

const OUT = join(process.cwd(), 'test-output', 'e2e');
const F = 'openai-microsoft';

let dir: string;
let store: Store;
let url: string;
let close: () => Promise<void>;
let admin: string;
let microsoft: string;
let browser: Browser;
let party: Page;
let adminPage: Page;
const outside: string[] = [];
const pageErrors: string[] = [];

function poll<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: 20_000, interval: 100 });
}

async function shot(name: string, p: Page): Promise<void> {
  await p.screenshot({ path: join(OUT, `${name}.png`), fullPage: false });
}

async function open(token: string, hash: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const p = await context.newPage();
  p.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(url) && !u.startsWith('data:') && !u.startsWith('blob:')) outside.push(u);
  });
  p.on('pageerror', (e) => pageErrors.push(e.message));
  await p.goto(`${url}/?token=${encodeURIComponent(token)}${hash}`);
  await p.locator('.timeline-plots[data-rendered] svg').first().waitFor();
  return p;
}

beforeAll(async () => {
  if (!existsSync('dist/web/index.html')) throw new Error('dist/web is not built: npm run build');
  mkdirSync(OUT, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'pacte-e2e-scenarios-'));
  const db = `sqlite:${join(dir, 'pacte.db')}`;
  const out: string[] = [];
  expect(await runLoadDb(FLAGSHIP, { db, lang: 'en', json: true }, { out: (s) => out.push(s), err: (s) => out.push(s) })).toBe(0);
  store = await openStore(db);
  admin = await addToken(store, null);
  microsoft = await addToken(store, 'microsoft', F);
  const running = await listen(createApp({ store, webDir: join(process.cwd(), 'dist', 'web') }), store, '127.0.0.1', 0);
  url = running.url;
  close = running.close;
  browser = (await launchBrowser()).browser;
});

afterAll(async () => {
  await browser?.close();
  await close?.();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scenarios in the web UI, in chromium', () => {
  it('compares the baseline with no-restructuring at the cursor: the consent is requested again, the cell highlighted', async () => {
    party = await open(microsoft, `#/families/${F}?at=2027-12-31&view=compare`);
    const view = party.getByTestId('compare');
    await poll(() => view.locator('input[name="compare-scenario"]').count()).toBe(3);
    await party.getByTestId('compare-scenario-no-restructuring').check();
    const row = party.locator('tr[data-row="norm:restructuring_consent"]');
    await row.waitFor();
    expect(await party.locator('[data-testid="compare-table"] thead th').allTextContents()).toEqual([
      'Row',
      'baseline',
      'no-restructuring',
    ]);
    expect(await row.locator('td[data-column="baseline"]').textContent()).toContain('given');
    const scenario = row.locator('td[data-column="no-restructuring"]');
    expect(await scenario.textContent()).toContain('requested');
    expect(await scenario.getAttribute('class')).toBe('cell-differs');
    expect(await row.locator('td[data-column="baseline"]').getAttribute('class')).toBeNull();
    // The timeline strikes through the four events the scenario sets aside.
    await poll(() => party.locator('line[data-strike]').count()).toBe(4);
    expect(await party.locator('circle[data-event="2025-10-28-consent"]').getAttribute('data-retracted')).toBe('true');
    // Only the rows that differ, until every row is asked for.
    const rows = await party.locator('[data-testid="compare-table"] tbody tr').count();
    await party.getByTestId('compare-all').check();
    await poll(() => party.locator('[data-testid="compare-table"] tbody tr').count()).toBeGreaterThan(rows);
    expect(await party.locator('tr[data-row="governing:governing"]').textContent()).toContain('2026-04-amendment');
    await party.getByTestId('compare-all').uncheck();
    await row.scrollIntoViewIfNeeded();
    await shot('20-compare-no-restructuring', party);
  });

  it('adds agi-2027 as a column: its hypothetical events hollow on the timeline, research_ip ended in its column only', async () => {
    await party.getByTestId('compare-scenario-agi-2027').check();
    await poll(() => party.locator('[data-testid="compare-table"] thead th').allTextContents()).toEqual([
      'Row',
      'baseline',
      'no-restructuring',
      'agi-2027',
    ]);
    await poll(() => party.locator('circle[data-hypothetical]').count()).toBe(2);
    const ip = party.locator('tr[data-row="norm:research_ip"]');
    expect(await ip.locator('td[data-column="agi-2027"]').textContent()).toContain('terminated');
    expect(await ip.locator('td[data-column="no-restructuring"]').getAttribute('class')).toBeNull();
    // The choice is in the address: a reload (or a link sent) compares the same scenarios.
    expect(party.url()).toContain('scenarios=no-restructuring%2Cagi-2027');
    await party.reload();
    await poll(() => party.getByTestId('compare-scenario-agi-2027').isChecked()).toBe(true);
    expect(await party.getByTestId('compare-scenario-no-restructuring').isChecked()).toBe(true);
    await party.locator('tr[data-row="norm:research_ip"]').waitFor();
    // The date is the timeline's: moved before the AGI declaration, agi-2027 no longer differs there.
    await party.getByTestId('cursor-date').fill('2026-06-01');
    await poll(() => party.getByTestId('compare').getAttribute('data-as-of')).toBe('2026-06-01');
    expect(await party.locator('tr[data-row="norm:research_ip"]').count()).toBe(0);
    await shot('21-compare-two-scenarios', party);
  });

  it('what-if: a click on the consent’s dot sets it aside (struck through) and the consent is requested again', async () => {
    await party.getByTestId('cursor-date').fill('2027-12-31');
    await party.getByRole('tab', { name: 'What-if' }).click();
    await party.locator('circle[data-event="2025-10-28-consent"]').click();
    await poll(() => party.locator('line[data-strike="2025-10-28-consent"]').count()).toBe(1);
    expect(await party.locator('circle[data-event="2025-10-28-consent"]').getAttribute('aria-pressed')).toBe('true');
    expect(await party.getByTestId('whatif-retracted').locator('li[data-retracted="2025-10-28-consent"]').count()).toBe(1);
    const row = party.getByTestId('whatif-changes').locator('tr[data-norm="restructuring_consent"]');
    await row.waitFor();
    expect(await row.locator('td').nth(0).textContent()).toContain('given');
    expect(await row.locator('td').nth(1).textContent()).toContain('requested');
    await row.scrollIntoViewIfNeeded();
    await shot('22-what-if-retract', party);
  });

  it('what-if: assumes the undisclosed revenue share cap, chosen from the family’s unknowns', async () => {
    const form = party.getByTestId('whatif-assume');
    await form.getByTestId('assume-term').selectOption('revenue_share_cap');
    expect(await form.getByTestId('assume-known').textContent()).toContain('2026-04-amendment');
    await form.getByTestId('assume-value').fill('USD 1m');
    await form.getByRole('button', { name: 'Assume this value' }).click();
    const value = party.getByTestId('whatif-value-changes').locator('tr[data-value="revenue_share_cap"]');
    await value.waitFor();
    expect(await value.locator('td').nth(0).textContent()).toBe('indeterminate');
    expect(await value.locator('td').nth(1).textContent()).toMatch(/USD\s1,000,000.*ASSUMED-1/);
    // A value below its bounds is refused by the server, the assumption named.
    await form.getByTestId('assume-term').selectOption('azure_commitment_2025_amount');
    await form.getByTestId('assume-value').fill('USD -5');
    await form.getByRole('button', { name: 'Assume this value' }).click();
    const alert = party.locator('.what-if > .error[role="alert"]');
    await poll(() => alert.textContent()).toContain('assume[1]');
    await party.locator('li[data-assumed="azure_commitment_2025_amount"] button').click();
    await poll(() => alert.count()).toBe(0);
    await value.scrollIntoViewIfNeeded();
    await shot('23-what-if-assume', party);
  });

  it('a party cannot save the what-if as a scenario: it is told so, and has no form', async () => {
    const save = party.getByTestId('whatif-save');
    expect(await save.textContent()).toContain('Only an administrator can save a scenario');
    expect(await save.getByTestId('scenario-name').count()).toBe(0);
  });

  it('an admin saves the what-if as a scenario, finds it in the Compare view, and a taken name is refused', async () => {
    adminPage = await open(admin, `#/families/${F}?at=2027-12-31&view=whatif`);
    await adminPage.locator('circle[data-event="2025-10-28-consent"]').focus();
    await adminPage.keyboard.press('x');
    await poll(() => adminPage.locator('line[data-strike="2025-10-28-consent"]').count()).toBe(1);
    const form = adminPage.getByTestId('whatif-assume');
    await form.getByTestId('assume-term').selectOption('revenue_share_cap');
    await form.getByTestId('assume-value').fill('USD 1m');
    await form.getByRole('button', { name: 'Assume this value' }).click();
    await adminPage.getByTestId('whatif-changes').locator('tr[data-norm="restructuring_consent"]').waitFor();
    const save = adminPage.getByTestId('whatif-save');
    await save.getByTestId('scenario-name').fill('ui-no-consent');
    await save.getByTestId('scenario-title').fill('Had Microsoft not consented, with a USD 1m cap');
    await save.getByRole('button', { name: 'Save the scenario' }).click();
    await poll(() => save.getByTestId('scenario-saved').textContent()).toContain('ui-no-consent');
    await save.scrollIntoViewIfNeeded();
    await shot('24-what-if-saved', adminPage);
    // Stored as written: its retraction, its assumption.
    const stored = (await (
      await fetch(`${url}/api/families/${F}/scenarios/ui-no-consent`, { headers: { authorization: `Bearer ${admin}` } })
    ).json()) as { title: string; retract: string[]; source: string };
    expect(stored.title).toBe('Had Microsoft not consented, with a USD 1m cap');
    expect(stored.retract).toEqual(['2025-10-28-consent']);
    expect(stored.source).toContain('assume revenue_share_cap = USD 1m');
    // The same name with another what-if: the server refuses it, and the UI says why.
    await adminPage.locator('li[data-assumed="revenue_share_cap"] button').click();
    await save.getByRole('button', { name: 'Save the scenario' }).click();
    await poll(() => save.getByTestId('scenario-save-error').textContent()).toContain('already has a scenario ui-no-consent');
    // Listed in the Compare view, and compared: the consent requested again, the cap assumed.
    await adminPage.getByRole('tab', { name: 'Compare' }).click();
    await adminPage.getByTestId('compare-scenario-ui-no-consent').check();
    const consent = adminPage.locator('tr[data-row="norm:restructuring_consent"] td[data-column="ui-no-consent"]');
    await consent.waitFor();
    expect(await consent.textContent()).toContain('requested');
    expect(await adminPage.locator('tr[data-row="value:revenue_share_cap"] td[data-column="ui-no-consent"]').textContent()).toMatch(
      /USD\s1,000,000/,
    );
    await shot('25-compare-saved', adminPage);
  });

  it('an assumption the version asked does not define is refused with its diagnostics, and nothing can be saved of it', async () => {
    await adminPage.getByRole('tab', { name: 'What-if' }).click();
    await adminPage.getByTestId('whatif-version').selectOption('2023-extension');
    const form = adminPage.getByTestId('whatif-assume');
    await form.getByTestId('assume-term').selectOption('revenue_share_cap');
    await form.getByTestId('assume-value').fill('USD 1m');
    await form.getByRole('button', { name: 'Assume this value' }).click();
    // revenue_share_cap is a term of the 2025 agreement: under 2023-extension alone there is no such term to assume.
    const refused = adminPage.getByTestId('whatif-error');
    await poll(() => refused.textContent()).toContain('assume-unknown-term');
    expect(await refused.textContent()).toContain('The server rejected this what-if');
    expect(await refused.textContent()).toContain('revenue_share_cap');
    await refused.scrollIntoViewIfNeeded();
    await shot('25b-assume-refused', adminPage);
    const save = adminPage.getByTestId('whatif-save');
    await save.getByTestId('scenario-name').fill('ui-2023');
    await save.getByRole('button', { name: 'Save the scenario' }).click();
    await poll(() => save.getByTestId('scenario-save-error').textContent()).toContain('assume-unknown-term');
    const listed = (await (
      await fetch(`${url}/api/families/${F}/scenarios`, { headers: { authorization: `Bearer ${admin}` } })
    ).json()) as { name: string }[];
    expect(listed.map((x) => x.name)).not.toContain('ui-2023');
    await adminPage.locator('li[data-assumed="revenue_share_cap"] button').click();
  });

  it('in French: the Compare view and the what-if speak French', async () => {
    await adminPage.locator('button[data-lang="fr"]').click();
    await adminPage.getByRole('tab', { name: 'Scénarios' }).click();
    await poll(() => adminPage.getByTestId('compare').textContent()).toContain('Afficher toutes les lignes');
    await adminPage.getByRole('tab', { name: 'Et si…' }).click();
    expect(await adminPage.getByTestId('whatif-save').textContent()).toContain('Enregistrer comme scénario');
    await shot('26-scenarios-fr', adminPage);
  });

  it('asked nothing of any other host, and threw no error', () => {
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
