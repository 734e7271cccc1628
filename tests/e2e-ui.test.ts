/**
 * The web UI end to end: the real server (src/server, over a temporary SQLite store loaded with the flagship)
 * and a real Chromium driven by playwright-core (Debian's when installed, else the one npm brought:
 * tests/harness/browser.ts says which). Each step is what a reader of the partnership does, and leaves a
 * screenshot in test-output/e2e/ (git-ignored): the timeline, the state at 2025-09-12 with the MOU as a proposal and
 * the restructuring consent requested, its explanation and the clause it cites, the redline 2025-01-update →
 * 2025-10-definitive, a what-if AGI verification under 2025-10-definitive, French, a phone-sized window, a wrong token.
 * It also checks that no request leaves the machine, and records how long the timeline takes to render.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.js';
import { listen } from '../src/server/listen.js';
import { openStore } from '../src/store/open/open-store.js';
import { launchBrowser } from './harness/browser.js';
import { addToken, FLAGSHIP, loadDir } from './server-harness.js';

const OUT = join(process.cwd(), 'test-output', 'e2e');

interface Server {
  readonly url: string;
  readonly token: string;
  readonly stop: () => Promise<void>;
}

/**
 * The real server (src/server) on an ephemeral port, over a temporary SQLite store loaded with the flagship, and a
 * token for Microsoft (a party: what it is shown is what a party may see), serving the built UI from dist/web.
 */
async function startServer(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'pacte-e2e-'));
  const store = await openStore(`sqlite:${join(dir, 'pacte.db')}`);
  await loadDir(store, FLAGSHIP, 'openai-microsoft');
  const token = await addToken(store, 'microsoft', 'openai-microsoft');
  const running = await listen(createApp({ store, webDir: join(process.cwd(), 'dist', 'web') }), store, '127.0.0.1', 0);
  return {
    url: running.url,
    token,
    stop: async () => {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits for a value to come, as a user waits for the page (the server evaluates the ledger on each move). */
function poll<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: 20_000, interval: 100 });
}

let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const outside: string[] = [];
const pageErrors: string[] = [];

async function shot(name: string, p: Page = page): Promise<void> {
  await p.screenshot({ path: join(OUT, `${name}.png`), fullPage: false });
}

function watch(p: Page, origin: string): void {
  p.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) outside.push(u);
  });
  p.on('pageerror', (e) => pageErrors.push(e.message));
}

beforeAll(async () => {
  if (!existsSync('dist/web/index.html')) throw new Error('dist/web is not built: npm run build');
  mkdirSync(OUT, { recursive: true });
  const launched = await launchBrowser();
  browser = launched.browser;
  console.log(`browser: ${launched.name}; fonts: ${launched.fonts}`);
  server = await startServer();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  page = await context.newPage();
  watch(page, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the web UI on the flagship, in chromium', () => {
  it('lists the families and opens the timeline of openai-microsoft, versions and events drawn', async () => {
    await page.goto(`${server.url}/?token=${encodeURIComponent(server.token)}`);
    const card = page.locator('[data-family="openai-microsoft"]');
    await poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('2025-09-mou');
    await shot('01-families');
    await card.getByRole('link', { name: 'Open the timeline' }).click();
    await page.locator('.timeline-plots[data-rendered] svg').first().waitFor();
    // Seven versions as bands, one hatched (the non-binding MOU), and one dot per event of the ledger.
    expect(await page.locator('.timeline-plots svg').first().locator('[fill^="url("] rect').count()).toBe(1);
    expect(await page.locator('circle[data-event]').count()).toBe(53);
    // The token was taken from the address and kept for the tab only.
    expect(page.url()).not.toContain('token=');
    expect(await page.evaluate('sessionStorage.getItem("pacte.token")')).toBe(server.token);
    // Timed on a fresh load of the family's page: from navigation to the timeline on screen (script, API, drawing).
    await page.reload();
    await page.locator('.timeline-plots[data-rendered] svg').first().waitFor();
    const timing = await page.evaluate(() => {
      const m = performance.getEntriesByName('pacte:timeline:first')[0];
      const end = performance.getEntriesByName('pacte:timeline:end')[0];
      return { renderMs: m?.duration ?? null, sinceNavigationMs: end?.startTime ?? null };
    });
    expect(timing.renderMs).not.toBeNull();
    writeFileSync(join(OUT, 'timing.json'), `${JSON.stringify(timing, null, 2)}\n`);
    console.log(
      `timeline: drawn in ${timing.renderMs?.toFixed(1)} ms, on screen ${timing.sinceNavigationMs?.toFixed(0)} ms after navigation`,
    );
    await shot('02-timeline');
  });

  it('shows an event’s data and source when it is focused', async () => {
    await page.locator('circle[data-event="2019-07-22-invest"]').focus();
    const details = page.getByTestId('event-details');
    await poll(() => details.textContent()).toContain('2019-07-22-invest');
    const text = (await details.textContent()) ?? '';
    expect(text).toContain('USD\u00a01,000,000,000');
    expect(text).toContain('official');
    expect(await details.locator('a[href^="https://news.microsoft.com/"]').count()).toBe(1);
    // Enter moves the cursor to the event, and the keyboard user stays on it.
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('cursor-date').inputValue()).toBe('2019-07-22');
    expect(await page.evaluate('document.activeElement.getAttribute("data-event")')).toBe('2019-07-22-invest');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.getAttribute("data-event")')).not.toBeNull();
    await poll(() => details.textContent()).not.toContain('2019-07-22-invest');
    await shot('03-event');
  });

  it('moves the cursor by dragging on the timeline, and by typing a date', async () => {
    const dateField = page.getByTestId('cursor-date');
    const box = await page.locator('.timeline-plots').boundingBox();
    if (!box) throw new Error('no timeline');
    const drag = async (from: number, to: number): Promise<string> => {
      await page.mouse.move(box.x + box.width * from, box.y + 60);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * to, box.y + 60, { steps: 5 });
      await page.mouse.up();
      return dateField.inputValue();
    };
    const later = await drag(0.3, 0.5);
    const earlier = await drag(0.5, 0.35);
    expect(later).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(earlier < later).toBe(true);
    await dateField.fill('2025-09-12');
    await poll(() => page.getByTestId('state-panel').getAttribute('data-as-of')).toBe('2025-09-12');
  });

  it('at 2025-09-12: the MOU is a non-binding proposal and restructuring_consent is requested', async () => {
    expect(await page.getByTestId('governing').textContent()).toContain('2025-01-update');
    const mou = page.locator('[data-testid="proposal"][data-version="2025-09-mou"]');
    expect(await mou.textContent()).toContain('not binding — would change');
    expect(await mou.textContent()).toContain('revenue_share_target_2030');
    const row = page.locator('tbody[data-norm="restructuring_consent"]');
    expect(await row.locator('td[data-status]').getAttribute('data-status')).toBe('requested');
    expect(await row.locator('.badge.status').textContent()).toBe('requested');
    await mou.scrollIntoViewIfNeeded();
    await page.evaluate('window.scrollBy(0, 200)');
    await shot('04-state-2025-09-12');
  });

  it('unfolds the explanation of restructuring_consent and opens the clause it cites', async () => {
    await page.locator('button[data-why="restructuring_consent"]').click();
    const why = page.getByTestId('why-restructuring_consent');
    const text = (await why.textContent()) ?? '';
    expect(text).toContain('openai asked microsoft for consent on 2025-05-05');
    expect(text).toContain('2025-05-05-consent-request');
    expect(text).toContain('Restructuring needs Microsoft');
    await why.scrollIntoViewIfNeeded();
    await shot('05-explanation');
    await why.locator('button.clause-link[data-clause="restructuring_consent"]').first().click();
    const dialog = page.getByTestId('version-text');
    await dialog.locator('.markdown').waitFor();
    expect(await dialog.locator('#version-text-title').textContent()).toContain('2023-extension');
    const target = dialog.locator('[id="clause-restructuring_consent"]');
    expect(await target.getAttribute('class')).toContain('highlight');
    expect(await target.textContent()).toContain('consent restructuring_consent');
    expect(await dialog.locator('.pacte-block.highlight').count()).toBe(1);
    await shot('06-clause-text');
    await page.keyboard.press('Escape');
    await poll(() => dialog.count()).toBe(0);
  });

  it('redlines 2025-01-update → 2025-10-definitive: compute_rofr removed, with the impact at the cursor', async () => {
    await page.getByRole('tab', { name: 'Redline' }).click();
    await page.getByTestId('redline-from').selectOption('2025-01-update');
    await page.getByTestId('redline-to').selectOption('2025-10-definitive');
    const removed = page.getByTestId('redline-removed').locator('li[data-clause="compute_rofr"]');
    await removed.waitFor();
    expect(await removed.textContent()).toContain('right removed');
    await removed.scrollIntoViewIfNeeded();
    const changed = page.getByTestId('redline-changed');
    expect(await changed.locator('ins').count()).toBeGreaterThan(0);
    expect(await changed.locator('del').count()).toBeGreaterThan(0);
    // On 2025-09-12 the definitive agreement is not in force yet: the same ledger gives the same statuses.
    const impact = page.getByTestId('redline-impact');
    expect(await impact.textContent()).toContain('Impact as of Sep 12, 2025');
    expect(await impact.textContent()).toContain('No norm has a different status on this date.');
    await shot('07-redline');
    // Moved after 2025-10-28, the impact follows the cursor: the right of first refusal ends under the new version.
    await page.getByTestId('cursor-date').fill('2025-11-01');
    const rofr = impact.locator('tr[data-norm="compute_rofr"]');
    await rofr.waitFor();
    expect(await rofr.locator('td').nth(0).textContent()).toContain('active');
    expect(await rofr.locator('td').nth(1).textContent()).toContain('terminated');
    await impact.scrollIntoViewIfNeeded();
    await shot('07b-redline-impact');
    await page.getByTestId('cursor-date').fill('2025-09-12');
  });

  it('what-if: an AGI declaration and verification end revenue_share under 2025-10-definitive; nothing is written', async () => {
    const eventsBefore = await page.evaluate(async (token) => {
      const r = await fetch('/api/families/openai-microsoft', { headers: { authorization: `Bearer ${token}` } });
      return ((await r.json()) as { events: number }).events;
    }, server.token);
    await page.getByRole('tab', { name: 'What-if' }).click();
    await page.getByTestId('whatif-version').selectOption('2025-10-definitive');
    const form = page.getByTestId('event-form');
    await form.locator('select[name="type"]').selectOption('agi_declaration');
    await form.locator('input[name="date"]').fill('2027-01-15');
    await form.locator('select[name="actor"]').selectOption('openai');
    await form.getByRole('button', { name: 'Add this event' }).click();
    await form.locator('select[name="type"]').selectOption('agi_verification');
    await form.locator('input[name="date"]').fill('2027-06-30');
    await form.locator('select[name="actor"]').selectOption('panel');
    await form.locator('input[name="data.verified"]').check();
    await form.getByRole('button', { name: 'Add this event' }).click();
    const row = page.getByTestId('whatif-changes').locator('tr[data-norm="revenue_share"]');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('active');
    expect(text).toContain('terminated');
    expect(await page.getByTestId('whatif-as-of').inputValue()).toBe('2027-06-30');
    // The timeline draws the two hypothetical events too, apart from the ledger's.
    await poll(() => page.locator('.timeline-plots g[stroke="var(--hypothetical)"] circle').count()).toBe(2);
    expect(await page.locator('circle[data-event]').count()).toBe(53);
    await row.scrollIntoViewIfNeeded();
    await shot('08-what-if');
    const eventsAfter = await page.evaluate(async (token) => {
      const r = await fetch('/api/families/openai-microsoft', { headers: { authorization: `Bearer ${token}` } });
      return ((await r.json()) as { events: number }).events;
    }, server.token);
    expect(eventsAfter).toBe(eventsBefore);
  });

  it('what-if: a malformed amount is refused in the form, with the field named', async () => {
    const form = page.getByTestId('event-form');
    await form.locator('select[name="type"]').selectOption('invest');
    await form.locator('input[name="data.amount"]').fill('a lot');
    // On a loaded machine the click may come before the page has taken the typed value: the user clicks again.
    await poll(async () => {
      await form.getByRole('button', { name: 'Add this event' }).click();
      return form.getByRole('alert').textContent();
    }).toContain('amount: an amount such as');
  });

  it('switches to French: French labels, French money and dates, remembered after a reload', async () => {
    await page.getByRole('tab', { name: 'Redline' }).click();
    await page.locator('button[data-lang="fr"]').click();
    await poll(() => page.evaluate('document.documentElement.lang')).toBe('fr');
    await page.getByRole('tab', { name: 'État' }).click();
    await page.getByTestId('cursor-date').fill('2025-09-12');
    await poll(() => page.getByTestId('state-panel').locator('h3').first().textContent()).toBe('État au 12 sept. 2025');
    // Intl's French currency format: narrow no-break spaces between thousands, a no-break space before "USD".
    // The 2021 investment's amount is undisclosed: the total invested and the sums paid are lower bounds.
    expect(await page.getByTestId('metric-now').textContent()).toContain('au moins 11\u202f000\u202f000\u202f000\u00a0USD');
    expect(await page.getByTestId('accounts').textContent()).toContain('au moins 11\u202f000\u202f000\u202f000\u00a0USD');
    const row = page.locator('tbody[data-norm="restructuring_consent"]');
    expect(await row.locator('.badge.status').textContent()).toBe('demandé');
    expect(await page.locator('[data-testid="proposal"]').textContent()).toContain('non contraignante — changerait');
    await page.locator('button[data-why="restructuring_consent"]').click();
    expect(await page.getByTestId('why-restructuring_consent').textContent()).toContain(
      'openai a demandé le consentement de microsoft le 2025-05-05',
    );
    await shot('09-french');
    await page.reload();
    await page.locator('.timeline-plots[data-rendered]').waitFor();
    expect(await page.getByRole('tab', { name: 'Comparaison' }).count()).toBe(1);
  });

  it('is readable in a phone-sized window', async () => {
    const phone = await context.newPage();
    watch(phone, server.url);
    await phone.setViewportSize({ width: 390, height: 844 });
    // The token is kept per tab (sessionStorage): a new tab is given it in the address, as `npm start` prints it.
    await phone.goto(`${server.url}/?token=${encodeURIComponent(server.token)}#/families/openai-microsoft?at=2025-09-12`);
    await phone.locator('.timeline-plots[data-rendered]').waitFor();
    await phone.locator('tbody[data-norm="restructuring_consent"]').waitFor();
    // The page itself does not scroll sideways; only the timeline does, inside its own box.
    const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('10-phone', phone);
    await phone.close();
  });

  it('a wrong token gets a clear message, and no data', async () => {
    const other = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const p = await other.newPage();
    watch(p, server.url);
    await p.goto(`${server.url}/#/`);
    expect(await p.getByRole('status').textContent()).toContain('Enter an access token');
    await p.getByTestId('token').fill('not-a-token');
    await p.getByRole('button', { name: 'Use this token' }).click();
    const alert = p.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('This token is not accepted by the server');
    expect(await p.locator('[data-family]').count()).toBe(0);
    await shot('11-wrong-token', p);
    await other.close();
  });

  it('asked nothing of any other host, and threw no error', () => {
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
