/**
 * `pacte load <family-dir> [--db <url>]`: stores a family — its versions (the Markdown sources) and its ledger
 * (ledger.jsonl, each event as canonical JSON) — after checking it exactly as `pacte state` does; a family with
 * errors is refused with its diagnostics and nothing is stored. Idempotent: a version already stored with the same
 * text and an event already stored with the same body are skipped, so loading twice adds nothing, and loading a
 * ledger that grew appends only its new lines. A stored version or event with other text is refused (nothing
 * stored). The family's name is the documents' `agreement` id. Its scenarios (`scenarios/<name>.pacte.md` and
 * `.jsonl`) are checked as `--scenario` checks them and stored with it (a server applies them on `?scenario=`); one
 * already stored with other text or events is refused likewise.
 */
import { basename, join } from 'node:path';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { renderAll } from '../diagnostics/render.js';
import type { Lang } from '../diagnostics/terms.js';
import { listDocuments } from '../check/load.js';
import { readTextFile } from '../source/read-text-file.js';
import { CanonicalJsonError, canonicalEvent } from '../store/chain.js';
import type { EventRow, Store } from '../store/store.js';
import { scenarioFiles, scenarioNames } from '../engine/load-scenarios.js';
import { LEDGER_FILE, loadForEvaluation, loadUnderScenarios } from './load.js';
import { openDb, redact } from './open-db.js';
import type { CommonOptions, Io } from './options.js';

export interface LoadDbOptions extends CommonOptions {
  readonly db?: string;
}

const T = {
  en: {
    refusedErrors: (n: number) => `refused: the family has ${n} error(s); nothing was stored`,
    versionConflict: (f: string, file: string) =>
      `refused: ${file} is already stored in ${f} with other text; nothing was stored (a stored version is never replaced: give the new text a new file name)`,
    eventConflict: (f: string, id: string, line: number) =>
      `refused: event ${id} (${LEDGER_FILE} line ${line}) is already stored in ${f} with another body; nothing was stored`,
    badLine: (line: number, msg: string) => `refused: ${LEDGER_FILE} line ${line}: ${msg}; nothing was stored`,
    invalidId: (f: string, id: string) =>
      `refused: the id ${JSON.stringify(id)} cannot be stored exactly in ${f} (a NUL or a lone UTF-16 surrogate); nothing was stored`,
    moved: (f: string) => `refused: the ledger of ${f} moved while loading (another writer); nothing was stored, run pacte load again`,
    loaded: (f: string, db: string, v: number, va: number, e: number, ea: number) =>
      `loaded ${f} into ${db}: ${v} version(s) (${va} added, ${v - va} already stored), ${e} event(s) (${ea} added, ${e - ea} already stored)`,
    scenarios: (n: number, added: number) => `and ${n} scenario(s) (${added} added, ${n - added} already stored)`,
    scenarioConflict: (f: string, name: string) =>
      `refused: the scenario ${name} is already stored in ${f} with other text or events; nothing more was stored`,
  },
  fr: {
    refusedErrors: (n: number) => `refusé : la famille a ${n} erreur(s) ; rien n'a été enregistré`,
    versionConflict: (f: string, file: string) =>
      `refusé : ${file} est déjà enregistré dans ${f} avec un autre texte ; rien n'a été enregistré (une version enregistrée n'est jamais remplacée : donnez au nouveau texte un nouveau nom de fichier)`,
    eventConflict: (f: string, id: string, line: number) =>
      `refusé : l'événement ${id} (${LEDGER_FILE} ligne ${line}) est déjà enregistré dans ${f} avec un autre contenu ; rien n'a été enregistré`,
    badLine: (line: number, msg: string) => `refusé : ${LEDGER_FILE} ligne ${line} : ${msg} ; rien n'a été enregistré`,
    invalidId: (f: string, id: string) =>
      `refusé : l'identifiant ${JSON.stringify(id)} ne peut pas être enregistré tel quel dans ${f} (un NUL ou une moitié de paire UTF-16 isolée) ; rien n'a été enregistré`,
    moved: (f: string) =>
      `refusé : le registre de ${f} a changé pendant le chargement (un autre rédacteur) ; rien n'a été enregistré, relancez pacte load`,
    loaded: (f: string, db: string, v: number, va: number, e: number, ea: number) =>
      `${f} chargé dans ${db} : ${v} version(s) (${va} ajoutée(s), ${v - va} déjà enregistrée(s)), ${e} événement(s) (${ea} ajouté(s), ${e - ea} déjà enregistré(s))`,
    scenarios: (n: number, added: number) => `et ${n} scénario(s) (${added} ajouté(s), ${n - added} déjà enregistré(s))`,
    scenarioConflict: (f: string, name: string) =>
      `refusé : le scénario ${name} est déjà enregistré dans ${f} avec un autre texte ou d'autres événements ; rien de plus n'a été enregistré`,
  },
} satisfies Record<Lang, unknown>;

async function storedEvents(store: Store, family: string): Promise<Map<string, EventRow>> {
  const byId = new Map<string, EventRow>();
  for (let after = 0; ; ) {
    const page = await store.events(family, after, 1000);
    for (const r of page) byId.set(r.id, r);
    if (page.length < 1000) return byId;
    after = page[page.length - 1]!.seq;
  }
}

export async function runLoadDb(dir: string, opts: LoadDbOptions, io: Io): Promise<number> {
  const t = T[opts.lang];
  const loaded = loadForEvaluation(dir, [], false);
  if (!loaded.family || hasErrors(loaded.diagnostics)) {
    io.err(renderAll(loaded.diagnostics, opts.lang, loaded.files));
    io.err(t.refusedErrors(loaded.diagnostics.filter((d) => d.severity === 'error').length));
    return 1;
  }
  const family = loaded.family.agreement;
  // The ledger's lines as canonical bodies, in file order (already validated against the agreement above).
  const lines: { id: string; body: string; line: number }[] = [];
  let ledgerText = '';
  try {
    ledgerText = readTextFile(join(dir, LEDGER_FILE));
  } catch {
    ledgerText = '';
  }
  for (const [i, text] of ledgerText.split('\n').entries()) {
    if (text.trim() === '') continue;
    try {
      const obj = JSON.parse(text) as { id: string };
      lines.push({ id: obj.id, body: canonicalEvent(obj), line: i + 1 });
    } catch (e) {
      io.err(t.badLine(i + 1, e instanceof CanonicalJsonError || e instanceof SyntaxError ? e.message : String(e)));
      return 1;
    }
  }
  // The scenarios, each checked as `--scenario <name>` would be: its document as text, its events as a JSON array.
  const scenarios: { name: string; source: string; events: string }[] = [];
  for (const name of scenarioNames(dir)) {
    const under = loadUnderScenarios(dir, { lang: opts.lang, scenario: [name] });
    if (!under.family || hasErrors(under.diagnostics)) {
      io.err(renderAll(under.diagnostics, opts.lang, under.files));
      io.err(t.refusedErrors(under.diagnostics.filter((d) => d.severity === 'error').length));
      return 1;
    }
    const f = scenarioFiles(dir, name);
    const lines = f?.events
      ? readTextFile(f.events)
          .split('\n')
          .filter((x) => x.trim() !== '')
      : [];
    const bodies = lines.map((x) => canonicalEvent(JSON.parse(x) as Record<string, unknown>));
    scenarios.push({ name, source: f?.document ? readTextFile(f.document) : '', events: `[${bodies.join(',')}]` });
  }
  const { store, url } = await openDb(opts.db, false);
  try {
    // Everything is checked before anything is written.
    const documents = listDocuments(dir).map((p) => ({ file: basename(p), source: readTextFile(p) }));
    const storedVersions = new Map((await store.versions(family)).map((v) => [v.file, v.source]));
    for (const d of documents)
      if (storedVersions.has(d.file) && storedVersions.get(d.file) !== d.source) {
        io.err(t.versionConflict(family, d.file));
        return 1;
      }
    const stored = await storedEvents(store, family);
    const fresh: { id: string; body: string }[] = [];
    for (const l of lines) {
      const s = stored.get(l.id);
      if (s === undefined) fresh.push({ id: l.id, body: l.body });
      else if (s.body !== l.body) {
        io.err(t.eventConflict(family, l.id, l.line));
        return 1;
      }
    }
    // The events in one all-or-nothing append, only if no one appended since they were compared; then the versions.
    if (fresh.length > 0) {
      const r = await store.append({ family, events: fresh, idempotencyKey: null, expectedSeq: await store.lastSeq(family) });
      if (r.kind === 'invalid-id') {
        io.err(t.invalidId(family, r.id));
        return 1;
      }
      if (r.kind !== 'appended') {
        io.err(t.moved(family));
        return 1;
      }
    }
    let versionsAdded = 0;
    for (const d of documents) if ((await store.putVersion(family, d.file, d.source)) === 'added') versionsAdded += 1;
    let scenariosAdded = 0;
    for (const sc of scenarios) {
      const r = await store.putScenario(family, sc.name, sc.source, sc.events);
      if (r === 'conflict') {
        io.err(t.scenarioConflict(family, sc.name));
        return 1;
      }
      if (r === 'added') scenariosAdded += 1;
    }
    if (opts.json)
      io.out(
        JSON.stringify(
          {
            family,
            versions: documents.length,
            versionsAdded,
            events: lines.length,
            eventsAdded: fresh.length,
            ...(scenarios.length > 0 ? { scenarios: scenarios.length, scenariosAdded } : {}),
          },
          null,
          2,
        ),
      );
    else
      io.out(
        [
          t.loaded(family, redact(url), documents.length, versionsAdded, lines.length, fresh.length),
          ...(scenarios.length > 0 ? [t.scenarios(scenarios.length, scenariosAdded)] : []),
        ].join(' '),
      );
    return 0;
  } finally {
    await store.close();
  }
}
