/**
 * `pacte serve [--db <url>] [--host 127.0.0.1] [--port <n>] [--budget-ms <ms>] [--workers <n>] [--demo]`: the HTTP API
 * and the web UI over a store, evaluating in worker threads with a time budget per request (server/evaluator/).
 * `--demo` (what `npm start` runs): an SQLite file (`pacte-demo.db` unless `--db`), the flagship loaded into it when
 * absent, a new admin token for the demo; it prints the flagship's story, then the URL and the token. Stops
 * gracefully on SIGTERM/SIGINT (requests in flight finish, the store is closed).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../server/app.js';
import { closeApp, evaluatorOf } from '../server/deps.js';
import type { Running } from '../server/listen.js';
import { closeOnSignals, listen } from '../server/listen.js';
import { tokenUnusable } from '../store/store.js';
import { generateToken, hashToken } from '../store/tokens.js';
import { runLoadDb } from './load-db.js';
import { openDb, redact } from './open-db.js';
import type { CommonOptions, Io } from './options.js';
import { UsageError } from './options.js';
import { runStory } from './story.js';

export interface ServeOptions extends CommonOptions {
  readonly db?: string;
  readonly host: string;
  readonly port: string;
  readonly budgetMs: string;
  readonly workers: string;
  readonly demo?: boolean;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FLAGSHIP_DIR = join(ROOT, 'examples', 'openai-microsoft');
export const FLAGSHIP = 'openai-microsoft';
/** The norms the demo's story follows (as `npm start` always did). */
export const FLAGSHIP_FOCUS =
  'agi,azure_exclusivity,compute_rofr,microsoft_ip,research_ip,api_exclusivity,revenue_share,restructuring_consent,azure_commitment';
export const DEMO_DB = 'sqlite:./pacte-demo.db';
export const WEB_DIR = join(ROOT, 'dist', 'web');

const T = {
  en: {
    loading: 'loading the flagship into the demo store',
    listening: (url: string, db: string) => `pacte serve: ${url}/ (store ${db}; API ${url}/api, OpenAPI ${url}/openapi.json)`,
    token: (t: string) => `demo token (admin): ${t}`,
    open: (u: string) => `open ${u} in a browser (the link carries the demo token)`,
    noWeb: 'the web UI is not built: run `npm run build:web`',
    busy: (host: string, port: number) =>
      `cannot listen on ${host}:${port}: the port is already in use (pick another with --port; 0 picks a free one)`,
    badHost: (host: string, detail: string) =>
      `cannot listen on ${JSON.stringify(host)}: ${detail} (give an address of this machine, e.g. --host 127.0.0.1 or --host 0.0.0.0)`,
    unscoped: (n: number) =>
      `${n} party token(s) were made before tokens belonged to a family and grant nothing: see pacte token list, then pacte token scope <id> --family <family>`,
    unsalted: (n: number, families: string, db: string) =>
      `${n} event(s) of ${families} were stored before salts existed: their hashes could confirm guesses about events hidden from a party, so event pages give such hashes as null; run pacte rechain --db ${db}, then publish the new heads (pacte head)`,
  },
  fr: {
    loading: 'chargement du dossier phare dans la base de démonstration',
    listening: (url: string, db: string) => `pacte serve : ${url}/ (base ${db} ; API ${url}/api, OpenAPI ${url}/openapi.json)`,
    token: (t: string) => `jeton de démonstration (admin) : ${t}`,
    open: (u: string) => `ouvrez ${u} dans un navigateur (le lien porte le jeton de démonstration)`,
    noWeb: "l'interface web n'est pas construite : lancez `npm run build:web`",
    busy: (host: string, port: number) =>
      `impossible d'écouter sur ${host}:${port} : le port est déjà pris (choisissez-en un autre avec --port ; 0 en prend un libre)`,
    badHost: (host: string, detail: string) =>
      `impossible d'écouter sur ${JSON.stringify(host)} : ${detail} (donnez une adresse de cette machine, par exemple --host 127.0.0.1 ou --host 0.0.0.0)`,
    unscoped: (n: number) =>
      `${n} jeton(s) de partie créé(s) avant les jetons liés à une famille ne donnent aucun accès : voyez pacte token list, puis pacte token scope <id> --family <famille>`,
    unsalted: (n: number, families: string, db: string) =>
      `${n} événement(s) de ${families} enregistré(s) avant les sels : leurs empreintes pourraient confirmer des suppositions sur des événements cachés à une partie, aussi les pages d'événements donnent-elles ces empreintes à null ; lancez pacte rechain --db ${db}, puis publiez les nouvelles têtes (pacte head)`,
  },
};

function portOf(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError('bad-port', { text: JSON.stringify(text) });
  return Number(text);
}

/** A whole number from `min` to `max`, else the usage error `code`. */
function wholeOf(text: string, min: number, max: number, code: 'bad-budget' | 'bad-workers'): number {
  if (!/^\d{1,7}$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(code, { text: JSON.stringify(text) });
  return Number(text);
}

export async function runServe(opts: ServeOptions, io: Io): Promise<number> {
  const t = T[opts.lang];
  const port = portOf(opts.port);
  const evaluation = {
    budgetMs: wholeOf(opts.budgetMs, 100, 600_000, 'bad-budget'),
    workers: wholeOf(opts.workers, 0, 64, 'bad-workers'),
  };
  const url = opts.db ?? (opts.demo ? DEMO_DB : undefined);
  if (opts.demo) {
    const { store, url: u } = await openDb(url, false);
    // Loaded when absent, or when stored by a pacte that did not store scenarios yet (loading again adds only them).
    const present = (await store.families()).includes(FLAGSHIP) && (await store.scenarios(FLAGSHIP)).length > 0;
    await store.close();
    if (!present) {
      io.err(t.loading);
      const code = await runLoadDb(FLAGSHIP_DIR, { db: u, lang: opts.lang }, io);
      if (code !== 0) return code;
    }
    runStory(FLAGSHIP_DIR, { lang: opts.lang, focus: FLAGSHIP_FOCUS }, io);
  }
  const { store, url: dbUrl } = await openDb(url, false);
  let demoToken: string | null = null;
  if (opts.demo) {
    demoToken = generateToken();
    await store.addToken({
      hash: hashToken(demoToken),
      family: null,
      party: null,
      admin: true,
      label: 'demo',
      createdAt: new Date().toISOString(),
      expiresAt: null,
    });
  }
  const webDir = existsSync(join(WEB_DIR, 'index.html')) ? WEB_DIR : null;
  const unscoped = (await store.tokens()).filter((x) => tokenUnusable(x, new Date().toISOString()) === 'unscoped').length;
  if (unscoped > 0) io.err(t.unscoped(unscoped));
  const unsalted = await store.unsalted();
  if (unsalted.size > 0)
    io.err(
      t.unsalted(
        [...unsalted.values()].reduce((a, b) => a + b, 0),
        [...unsalted.keys()].join(', '),
        redact(dbUrl),
      ),
    );
  const app = createApp({ store, webDir, evaluation });
  let running: Running;
  try {
    running = await listen(app, store, opts.host, port);
  } catch (e) {
    await closeApp(app);
    await store.close().catch(() => undefined);
    const code = (e as { code?: string }).code;
    io.err(code === 'EADDRINUSE' ? t.busy(opts.host, port) : t.badHost(opts.host, e instanceof Error ? e.message : String(e)));
    return 1;
  }
  // The workers start now, not at the first requests (which would wait for them).
  evaluatorOf(app)?.warm();
  io.out(t.listening(running.url, redact(dbUrl)));
  if (!webDir) io.err(t.noWeb);
  if (demoToken) {
    io.out(t.token(demoToken));
    if (webDir) io.out(t.open(`${running.url}/?token=${encodeURIComponent(demoToken)}`));
  }
  closeOnSignals(running, (s) => io.err(s));
  // The server runs until a signal stops it.
  await new Promise<never>(() => undefined);
  return 0;
}
