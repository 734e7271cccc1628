/**
 * `pacte lsp`: the language server for `*.pacte.md` files, over stdio (vscode-languageserver). Each request works on
 * the family of the document (its directory), checked with the open documents' text: diagnostics as the checker gives
 * them, hover with the status or value as of a date, go to definition, references, rename, document and workspace
 * symbols, completion, and a code lens above each clause with its status. The date is the `asOf` initialization
 * option or setting (`pacte.asOf`), else the family's last event date; the language, the client's locale (fr or en).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  CodeLens,
  CompletionItem,
  Diagnostic as LspDiagnostic,
  DocumentSymbol,
  Location,
  Range as LspRange,
  SymbolInformation,
} from 'vscode-languageserver/node.js';
import {
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  MarkupKind,
  SymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Version } from '../check/ir.js';
import { listDocuments } from '../check/load.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { message } from '../diagnostics/render.js';
import type { Lang } from '../diagnostics/terms.js';
import { holdersLabel } from '../diagnostics/terms.js';
import { kindLabel } from '../diff/diff-messages.js';
import { LEDGER_FILE } from '../engine/load-family-dir.js';
import type { Range, SourceFile } from '../source/source-file.js';
import { pointAt, sourceFile } from '../source/source-file.js';
import { KEYWORDS } from '../syntax/keywords.js';
import type { ItemKind } from './completion-items.js';
import { completionItems } from './completion-items.js';
import type { Outline } from './document-outline.js';
import { inCode, outline, wordAt } from './document-outline.js';
import type { FamilyView } from './family-view.js';
import { familyView } from './family-view.js';
import { hoverText, lensText } from './hover-text.js';
import type { Named } from './lookup.js';
import type { Place } from './navigation.js';
import { definitionOf, referencesOf, resolveName } from './navigation.js';

export interface LspOptions {
  /** The language when the client does not say its locale. */
  readonly lang: Lang;
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;
const ITEM_KIND: Record<ItemKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  norm: CompletionItemKind.Function,
  definition: CompletionItemKind.Constant,
  event: CompletionItemKind.Event,
  field: CompletionItemKind.Field,
  party: CompletionItemKind.Class,
  source: CompletionItemKind.Reference,
};

const toPath = (uri: string): string => fileURLToPath(uri);
const toUri = (path: string): string => pathToFileURL(path).href;

function rangeIn(file: SourceFile, at: Range): LspRange {
  const s = pointAt(file, at[0]);
  const e = pointAt(file, at[1]);
  return { start: { line: s.line - 1, character: s.column - 1 }, end: { line: e.line - 1, character: e.column - 1 } };
}

function langOf(locale: string | undefined, option: unknown, fallback: Lang): Lang {
  if (option === 'fr' || option === 'en') return option;
  if (locale?.toLowerCase().startsWith('fr')) return 'fr';
  if (locale?.toLowerCase().startsWith('en')) return 'en';
  return fallback;
}

export function runLanguageServer(opts: LspOptions): Promise<void> {
  const connection = createConnection(process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);
  let lang: Lang = opts.lang;
  let asOfSetting: string | null = null;
  const published = new Map<string, Set<string>>();
  const views = new Map<string, { key: string; view: FamilyView }>();

  const openTexts = (): Map<string, string> => new Map(documents.all().map((d) => [toPath(d.uri), d.getText()]));
  const uriOf = (path: string): string => documents.all().find((d) => toPath(d.uri) === path)?.uri ?? toUri(path);

  /**
   * The family of a document, checked again only when an open document of its directory changed, or a file of the
   * directory (a document, the ledger) changed on disk.
   */
  function viewOf(path: string): FamilyView {
    const dir = dirname(path);
    const open = documents
      .all()
      .filter((d) => dirname(toPath(d.uri)) === dir)
      .map((d) => `${d.uri}@${d.version}`);
    const onDisk = [...(existsSync(dir) ? listDocuments(dir) : []), join(dir, LEDGER_FILE)].map((f) => {
      try {
        const st = statSync(f);
        return `${f}@${st.mtimeMs}:${st.size}`;
      } catch {
        return `${f}@-`;
      }
    });
    const key = [...open.sort(), ...onDisk].join(' ');
    const cached = views.get(dir);
    if (cached && cached.key === key && (documents.all().some((d) => toPath(d.uri) === path) || cached.view.check.files.has(path)))
      return cached.view;
    const view = familyView(path, openTexts());
    views.set(dir, { key, view });
    return view;
  }

  function outlineOf(path: string): Outline | null {
    const d = documents.all().find((x) => toPath(x.uri) === path);
    const text = d ? d.getText() : existsSync(path) ? readFileSync(path, 'utf8') : null;
    return text === null ? null : outline(sourceFile(path, text));
  }

  function familyPaths(view: FamilyView, path: string): string[] {
    const paths = existsSync(view.dir) ? listDocuments(view.dir) : [];
    return paths.includes(path) ? paths : [...paths, path];
  }

  function location(p: Place): Location | null {
    const o = outlineOf(p.path);
    return o ? { uri: uriOf(p.path), range: rangeIn(o.file, p.at) } : null;
  }

  function validate(path: string): void {
    const view = viewOf(path);
    const byFile = new Map<string, Diagnostic[]>();
    for (const d of view.check.diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
    const now = new Set<string>([...byFile.keys(), ...familyPaths(view, path)]);
    for (const old of published.get(view.dir) ?? []) now.add(old);
    for (const file of now) {
      const diags = byFile.get(file) ?? [];
      void connection.sendDiagnostics({
        uri: uriOf(file),
        diagnostics: diags.map(
          (d): LspDiagnostic => ({
            range: {
              start: { line: d.start.line - 1, character: d.start.column - 1 },
              end: { line: d.end.line - 1, character: d.end.column - 1 },
            },
            severity: SEVERITY[d.severity],
            code: d.code,
            source: 'pacte',
            message: message(d, lang),
          }),
        ),
      });
    }
    published.set(view.dir, new Set(byFile.keys()));
  }

  /**
   * The name under the cursor, its meaning in the document's version, and the family. `toBase`: a name after `replace`
   * or `remove` means the base version's clause (where go to definition leads); else the clause this version writes.
   */
  function nameAt(uri: string, position: { line: number; character: number }, toBase = false) {
    const doc = documents.get(uri);
    if (!doc) return null;
    const path = toPath(uri);
    const text = doc.getText();
    const offset = doc.offsetAt(position);
    const o = outline(sourceFile(path, text));
    if (!inCode(o, offset)) return null;
    const strict = wordAt(text, offset);
    if (!strict) return null;
    const view = viewOf(path);
    const version = view.versionOf(path) ?? view.family?.versions[view.family.versions.length - 1] ?? null;
    if (!version) return null;
    const wide = wordAt(text, offset, true);
    const w = wide && wide.word !== strict.word && version.sources.has(wide.word) ? wide : strict;
    const lineStart = text.lastIndexOf('\n', w.at[0] - 1) + 1;
    const base = toBase && /\b(replace|remove)\b/.test(text.slice(lineStart, w.at[0]));
    const named = resolveName(view, version, w.word, w.owner, base);
    return { path, o, w, view, version, named };
  }

  const asOfOf = (view: FamilyView): string => asOfSetting ?? view.lastDate;

  connection.onInitialize((params) => {
    const init = (params.initializationOptions ?? {}) as { lang?: unknown; asOf?: unknown };
    lang = langOf(params.locale, init.lang, opts.lang);
    if (typeof init.asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(init.asOf)) asOfSetting = init.asOf;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        completionProvider: { triggerCharacters: ['.'] },
        codeLensProvider: { resolveProvider: false },
        renameProvider: { prepareProvider: true },
      },
      serverInfo: { name: 'pacte' },
    };
  });

  connection.onDidChangeConfiguration((change) => {
    const s = (change.settings as { pacte?: { asOf?: unknown; lang?: unknown } } | null)?.pacte;
    if (s && typeof s.asOf === 'string') asOfSetting = /^\d{4}-\d{2}-\d{2}$/.test(s.asOf) ? s.asOf : null;
    if (s?.lang === 'fr' || s?.lang === 'en') lang = s.lang;
    for (const d of documents.all()) validate(toPath(d.uri));
  });

  documents.onDidOpen((e) => validate(toPath(e.document.uri)));
  documents.onDidChangeContent((e) => validate(toPath(e.document.uri)));

  connection.onHover((p) => {
    const r = nameAt(p.textDocument.uri, p.position);
    if (!r?.named) return null;
    const asOf = asOfOf(r.view);
    const st = r.view.state(asOf, lang);
    return { contents: { kind: MarkupKind.Markdown, value: hoverText(r.named, st, asOf, lang) }, range: rangeIn(r.o.file, r.w.at) };
  });

  connection.onDefinition((p) => {
    const r = nameAt(p.textDocument.uri, p.position, true);
    if (!r?.named) return null;
    const place = definitionOf(r.named, r.view, outlineOf);
    return place ? location(place) : null;
  });

  const renamable = (n: Named | null): boolean => n !== null && n.kind !== 'field';

  connection.onReferences((p) => {
    const r = nameAt(p.textDocument.uri, p.position);
    if (!renamable(r?.named ?? null) || !r) return [];
    return referencesOf(r.w.word, familyPaths(r.view, r.path), outlineOf)
      .map(location)
      .filter((l): l is Location => l !== null);
  });

  connection.onPrepareRename((p) => {
    const r = nameAt(p.textDocument.uri, p.position);
    if (!r || !renamable(r.named)) return null;
    return { range: rangeIn(r.o.file, r.w.at), placeholder: r.w.word };
  });

  connection.onRenameRequest((p) => {
    const r = nameAt(p.textDocument.uri, p.position);
    if (!r || !renamable(r.named) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p.newName) || KEYWORDS.has(p.newName)) return null;
    const changes: Record<string, { range: LspRange; newText: string }[]> = {};
    for (const place of referencesOf(r.w.word, familyPaths(r.view, r.path), outlineOf)) {
      const l = location(place);
      if (!l) continue;
      const list = changes[l.uri] ?? [];
      list.push({ range: l.range, newText: p.newName });
      changes[l.uri] = list;
    }
    return { changes };
  });

  function clausesOf(v: Version, path: string): { name: string; kind: SymbolKind; detail: string; at: Range; named: Named }[] {
    const out: { name: string; kind: SymbolKind; detail: string; at: Range; named: Named }[] = [];
    for (const n of v.norms.values())
      if (n.meta.span.file === path)
        out.push({
          name: n.id,
          kind: SymbolKind.Function,
          detail: `${kindLabel(lang, n.kind)}, ${holdersLabel(lang, n.holders)} → ${n.counterparty ?? '—'}`,
          at: [n.meta.span.start.offset, n.meta.span.end.offset],
          named: { kind: 'norm', norm: n },
        });
    for (const d of v.definitions.values())
      if (d.meta.span.file === path)
        out.push({
          name: d.name,
          kind: SymbolKind.Constant,
          detail: kindLabel(lang, 'definition'),
          at: [d.meta.span.start.offset, d.meta.span.end.offset],
          named: { kind: 'definition', definition: d },
        });
    for (const e of v.events.values())
      if (e.meta.span.file === path)
        out.push({
          name: e.name,
          kind: SymbolKind.Event,
          detail: kindLabel(lang, 'event'),
          at: [e.meta.span.start.offset, e.meta.span.end.offset],
          named: { kind: 'event', event: e },
        });
    return out.sort((a, b) => a.at[0] - b.at[0]);
  }

  connection.onDocumentSymbol((p) => {
    const path = toPath(p.textDocument.uri);
    const o = outlineOf(path);
    const view = viewOf(path);
    const v = view.versionOf(path);
    if (!o || !v) return [];
    const text = o.file.text;
    // Headings nest by depth; each runs to the next heading of the same or a lower depth.
    const heads = o.headings.map((h, i) => {
      const next = o.headings.slice(i + 1).find((x) => x.depth <= h.depth);
      return { h, end: next ? next.at[0] : text.length, children: [] as DocumentSymbol[] };
    });
    const symbolOf = (name: string, detail: string, kind: SymbolKind, at: Range, sel: Range): DocumentSymbol => ({
      name,
      detail,
      kind,
      range: rangeIn(o.file, at),
      selectionRange: rangeIn(o.file, sel),
      children: [],
    });
    const top: DocumentSymbol[] = [];
    const headSymbols = heads.map((x) => symbolOf(x.h.text, '', SymbolKind.Namespace, [x.h.at[0], x.end], x.h.at));
    const innermost = (offset: number): number => {
      let best = -1;
      heads.forEach((x, i) => {
        if (x.h.at[0] <= offset && offset < x.end && (best < 0 || x.h.depth > heads[best]!.h.depth)) best = i;
      });
      return best;
    };
    const stack: { depth: number; sym: DocumentSymbol }[] = [];
    heads.forEach((x, i) => {
      while (stack.length > 0 && stack[stack.length - 1]!.depth >= x.h.depth) stack.pop();
      const parent = stack[stack.length - 1];
      (parent ? parent.sym.children! : top).push(headSymbols[i]!);
      stack.push({ depth: x.h.depth, sym: headSymbols[i]! });
    });
    for (const c of clausesOf(v, path)) {
      const nameAt = text.indexOf(c.name, c.at[0]);
      const sym = symbolOf(c.name, c.detail, c.kind, c.at, nameAt >= 0 ? [nameAt, nameAt + c.name.length] : c.at);
      const h = innermost(c.at[0]);
      (h >= 0 ? headSymbols[h]!.children! : top).push(sym);
    }
    return top;
  });

  connection.onWorkspaceSymbol((p) => {
    const out: SymbolInformation[] = [];
    for (const { view } of views.values())
      for (const v of view.family?.versions ?? [])
        for (const c of clausesOf(v, v.file))
          if (c.name.includes(p.query)) {
            const o = outlineOf(v.file);
            if (o)
              out.push({ name: c.name, kind: c.kind, containerName: v.id, location: { uri: uriOf(v.file), range: rangeIn(o.file, c.at) } });
          }
    return out;
  });

  connection.onCompletion((p): CompletionItem[] => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return [];
    const path = toPath(p.textDocument.uri);
    const text = doc.getText();
    const offset = doc.offsetAt(p.position);
    let s = offset;
    while (s > 0 && /[A-Za-z0-9_]/.test(text[s - 1]!)) s--;
    let owner: string | null = null;
    if (text[s - 1] === '.') {
      let o = s - 1;
      while (o > 0 && /[A-Za-z0-9_]/.test(text[o - 1]!)) o--;
      owner = text.slice(o, s - 1);
    }
    const view = viewOf(path);
    const v = view.versionOf(path) ?? view.family?.versions[view.family.versions.length - 1] ?? null;
    return completionItems(v, owner, lang).map((i) => ({ label: i.label, kind: ITEM_KIND[i.kind], detail: i.detail }));
  });

  connection.onCodeLens((p): CodeLens[] => {
    const path = toPath(p.textDocument.uri);
    const o = outlineOf(path);
    const view = viewOf(path);
    const v = view.versionOf(path);
    if (!o || !v) return [];
    const asOf = asOfOf(view);
    const st = view.state(asOf, lang);
    const lenses: CodeLens[] = [];
    for (const c of clausesOf(v, path)) {
      const title = lensText(c.named, st, asOf, lang);
      if (title) lenses.push({ range: rangeIn(o.file, [c.at[0], c.at[0]]), command: { title, command: '' } });
    }
    return lenses;
  });

  documents.listen(connection);
  return new Promise((resolve) => {
    connection.onExit(() => resolve());
    connection.listen();
  });
}
