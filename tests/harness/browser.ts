/**
 * The browser the UI tests drive, through playwright-core, and which one it is. In order: `PACTE_CHROMIUM` (a
 * Chromium binary named by the user; it must exist), Debian's `/usr/bin/chromium` when installed, else the headless
 * Chromium that `npm install` brought (`@sparticuz/chromium`, a devDependency: the binary ships inside the package,
 * brotli-compressed). That one is unpacked once into a versioned folder of the temporary directory
 * (`pacte-chromium-<version>/`, about 190 MB; unpacked beside it then renamed, so two runs never share a half-written
 * binary) and reused by later runs. Nothing is downloaded and nothing is installed on the machine.
 *
 * Fonts: Chromium draws text with the fonts fontconfig finds. Without any system font, the page's text is still
 * what the tests read (the DOM), but screenshots would show boxes; the npm Chromium is then given the Open Sans it
 * ships, and `fonts` says so.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium as playwright } from 'playwright-core';

/** Debian's chromium, when a user installed it. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags for every Chromium here: headless as root, and nothing asked of the network (the machine has none). */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * `@sparticuz/chromium`'s flags (made for AWS Lambda) that would make the page behave unlike a user's browser, left
 * out: `--single-process` (there, two browser contexts share localStorage: a fresh context would inherit the language
 * another one chose), `--disable-web-security` and `--allow-running-insecure-content` (same-origin policy off, mixed
 * content allowed).
 */
const UNLIKE_A_USER = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);

export interface LaunchedBrowser {
  readonly browser: Browser;
  /** Which browser, from where, and its version: `Chromium 143.0.7499.0 from npm (@sparticuz/chromium 143.0.4, …)`. */
  readonly name: string;
  /** Which fonts draw the text of screenshots. */
  readonly fonts: string;
}

/** Where fontconfig finds fonts on a Linux machine; null when there is none (a bare container). */
function systemFonts(): string | null {
  if (!existsSync('/etc/fonts/fonts.conf')) return null;
  const dirs = ['/usr/share/fonts', '/usr/local/share/fonts', join(homedir(), '.fonts'), join(homedir(), '.local/share/fonts')];
  const hasFont = (dir: string): boolean =>
    existsSync(dir) &&
    readdirSync(dir, { withFileTypes: true }).some((e) =>
      e.isDirectory() ? hasFont(join(dir, e.name)) : /\.(ttf|otf|ttc|pfb)$/i.test(e.name),
    );
  return dirs.find(hasFont) ?? null;
}

/**
 * The npm Chromium's folder: `pacte-chromium-<version>/` in the temporary directory, with `chromium`, the SwiftShader
 * libraries beside it and `fonts/`. Unpacked into a fresh folder first (the package unpacks into `os.tmpdir()`, so
 * TMPDIR points there during the call), then renamed into place in one step.
 */
async function npmChromium(): Promise<{ executable: string; dir: string; args: readonly string[]; version: string; unpacked: string }> {
  const require = createRequire(import.meta.url);
  // The package exports no ./package.json: its entry is build/{esm,cjs}/index.js.
  const pkg = JSON.parse(readFileSync(join(dirname(require.resolve('@sparticuz/chromium')), '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const { default: sparticuz } = await import('@sparticuz/chromium');
  const dir = join(tmpdir(), `pacte-chromium-${pkg.version}`);
  const started = performance.now();
  let unpacked = 'unpacked before';
  if (!existsSync(join(dir, 'chromium'))) {
    const staging = mkdtempSync(join(tmpdir(), 'pacte-chromium-unpacking-'));
    const saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = staging;
    try {
      const path = await sparticuz.executablePath();
      if (path !== join(staging, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${path}, not into ${staging}`);
    } catch (e) {
      rmSync(staging, { recursive: true, force: true });
      throw e;
    } finally {
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
    }
    try {
      renameSync(staging, dir);
    } catch (e) {
      // Another run renamed its own copy first: use that one.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(join(dir, 'chromium'))) throw e;
    }
    unpacked = `unpacked now in ${((performance.now() - started) / 1000).toFixed(1)} s`;
  }
  return {
    executable: join(dir, 'chromium'),
    dir,
    args: sparticuz.args.filter((a) => !UNLIKE_A_USER.has(a)),
    version: pkg.version,
    unpacked,
  };
}

/** Launches the browser (see the module comment) and says which one it is. */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const named = process.env['PACTE_CHROMIUM'];
  const fontsDir = systemFonts();
  if (named !== undefined || existsSync(SYSTEM_CHROMIUM)) {
    const executable = named ?? SYSTEM_CHROMIUM;
    if (!existsSync(executable))
      throw new Error(`PACTE_CHROMIUM=${executable}: no such file (unset it to use ${SYSTEM_CHROMIUM} or the Chromium from npm)`);
    const browser = await playwright.launch({ executablePath: executable, args: ARGS });
    const from = named !== undefined ? 'PACTE_CHROMIUM' : 'the system';
    return {
      browser,
      name: `Chromium ${browser.version()} from ${from} (${executable})`,
      fonts: fontsDir ? `system fonts (${fontsDir})` : 'no system font found: screenshots may show boxes for text',
    };
  }
  const npm = await npmChromium();
  const env: Record<string, string> = {};
  let fonts = `system fonts (${fontsDir})`;
  if (!fontsDir) {
    // fontconfig finds no font: give it the fonts unpacked with the browser.
    const conf = join(npm.dir, 'fonts-pacte.conf');
    writeFileSync(
      conf,
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(npm.dir, 'fonts')}</dir>\n  <cachedir>${join(npm.dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    env['FONTCONFIG_FILE'] = conf;
    fonts = `no system font found: screenshots use the Open Sans shipped with @sparticuz/chromium (${join(npm.dir, 'fonts')})`;
  }
  const browser = await playwright.launch({
    executablePath: npm.executable,
    args: [...npm.args, ...ARGS.filter((a) => !npm.args.includes(a))],
    ...(Object.keys(env).length > 0 ? { env: { ...process.env, ...env } } : {}),
  });
  return {
    browser,
    name: `Chromium ${browser.version()} (headless shell) from npm (@sparticuz/chromium ${npm.version}, ${npm.executable}, ${npm.unpacked})`,
    fonts,
  };
}
