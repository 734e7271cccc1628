/**
 * `pacte lsp` as an editor drives it: the built binary (`node bin/pacte.js lsp`, run `npm run build` first) in a child
 * process, spoken to over stdio by a real LSP client connection (vscode-languageserver-protocol), on the flagship:
 * diagnostics on open and after an edit (exact positions, in the client's language), hover with the status as of a
 * date, go to definition (an amendment's `replace x` to the base clause), references, rename, document and workspace
 * symbols, completion of keywords, names and event fields, and the code lens above each clause.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  CodeLens,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  ProtocolConnection,
  PublishDiagnosticsParams,
  SymbolInformation,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node.js';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const DIR = resolve(ROOT, 'examples/openai-microsoft');
const AMENDMENT = resolve(DIR, '2026-04-amendment.pacte.md');
const DEFINITIVE = resolve(DIR, '2025-10-definitive.pacte.md');
const uri = (path: string): string => pathToFileURL(path).href;
const TEXT = readFileSync(AMENDMENT, 'utf8');

interface Server {
  child: ChildProcess;
  conn: ProtocolConnection;
  diagnostics: Map<string, Diagnostic[]>;
  waiters: ((p: PublishDiagnosticsParams) => void)[];
}

async function start(locale: string, asOf: string | null = '2026-06-01'): Promise<Server> {
  const child = spawn(process.execPath, [resolve(ROOT, 'bin/pacte.js'), 'lsp', '--stdio'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const server: Server = { child, conn, diagnostics: new Map(), waiters: [] };
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    server.diagnostics.set(p.uri, p.diagnostics);
    for (const w of server.waiters.splice(0)) w(p);
  });
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri(ROOT),
    locale,
    capabilities: {},
    initializationOptions: asOf ? { asOf } : {},
  });
  await conn.sendNotification('initialized', {});
  return server;
}

/** The next diagnostics published for `target`. */
function nextDiagnostics(s: Server, target: string): Promise<Diagnostic[]> {
  return new Promise((done) => {
    const wait = (p: PublishDiagnosticsParams): void => {
      if (p.uri === target) done(p.diagnostics);
      else s.waiters.push(wait);
    };
    s.waiters.push(wait);
  });
}

async function stop(s: Server | undefined): Promise<void> {
  if (!s) return;
  await s.conn.sendRequest('shutdown');
  await s.conn.sendNotification('exit');
  await new Promise((done) => s.child.once('exit', done));
  s.conn.dispose();
}

/** The position of the `n`th character of `needle` in the text (0-based line and character). */
function at(text: string, needle: string, inside = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`not in the text: ${needle}`);
  const before = text.slice(0, i + inside);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

let en: Server;
let version = 1;

beforeAll(async () => {
  en = await start('en-US');
  const published = nextDiagnostics(en, uri(AMENDMENT));
  await en.conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: uri(AMENDMENT), languageId: 'markdown', version, text: TEXT },
  });
  expect(await published).toEqual([]);
});

afterAll(async () => {
  await stop(en);
});

const doc = { uri: uri(AMENDMENT) };

describe('pacte lsp over stdio', () => {
  it('hovers a clause: what it is, its source, its status as of the date with the explanation, its text', async () => {
    const h: Hover = await en.conn.sendRequest('textDocument/hover', {
      textDocument: doc,
      position: at(TEXT, 'microsoft_ip: microsoft may', 3),
    });
    const value = (h.contents as { value: string }).value;
    expect(value).toContain('**microsoft_ip** — permission, microsoft → openai');
    expect(value).toContain(
      "text of version 2026-04-amendment, 2026-04-amendment.pacte.md:63 · § Microsoft's licence becomes non-exclusive",
    );
    expect(value).toContain('source: The next phase of the Microsoft-OpenAI partnership (Official Microsoft Blog, 2026-04-27) (official)');
    expect(value).toContain('As of 2026-06-01: **active** since 2019-07-22 · until 2032-12-31');
    expect(value).toContain('`microsoft_ip` is in force from 2019-07-22');
    expect(value).toContain('```pacte\nreplace permission microsoft_ip: microsoft may use_ip');
    expect(h.range).toEqual({ start: { line: 62, character: 19 }, end: { line: 62, character: 31 } });
  });

  it('hovers a definition whose value is undisclosed: indeterminate, never a number', async () => {
    const h: Hover = await en.conn.sendRequest('textDocument/hover', {
      textDocument: doc,
      position: at(TEXT, 'capped at revenue_share_cap', 12),
    });
    const value = (h.contents as { value: string }).value;
    expect(value).toContain('**revenue_share_cap** — definition of type money');
    expect(value).toContain('As of 2026-06-01: `revenue_share_cap` is **indeterminate** (waits for revenue_share_cap)');
  });

  it('hovers an event field, a party and a source', async () => {
    const field: Hover = await en.conn.sendRequest('textDocument/hover', {
      textDocument: doc,
      position: at(TEXT, 'report_revenue.revenue', 16),
    });
    expect((field.contents as { value: string }).value).toBe('**report_revenue.revenue** — money');
    const party: Hover = await en.conn.sendRequest('textDocument/hover', {
      textDocument: doc,
      position: at(TEXT, 'microsoft may use_ip', 2),
    });
    expect((party.contents as { value: string }).value).toBe(
      '**microsoft** — party: Microsoft Corporation (shareholder, primary cloud partner, non-exclusive licensee)',
    );
    const source: Hover = await en.conn.sendRequest('textDocument/hover', {
      textDocument: doc,
      position: at(TEXT, 'source next-phase-microsoft', 9),
    });
    expect((source.contents as { value: string }).value).toBe(
      '**next-phase-microsoft** — source: The next phase of the Microsoft-OpenAI partnership (Official Microsoft Blog, 2026-04-27) (official) <https://blogs.microsoft.com/blog/2026/04/27/the-next-phase-of-the-microsoft-openai-partnership/>',
    );
  });

  it('goes to the base clause from replace and remove, and to a party in the front matter', async () => {
    const removed: Location = await en.conn.sendRequest('textDocument/definition', {
      textDocument: doc,
      position: at(TEXT, 'remove ip_exclusivity', 9),
    });
    expect(removed.uri).toBe(uri(DEFINITIVE));
    const definitive = readFileSync(DEFINITIVE, 'utf8').split('\n');
    expect(definitive[removed.range.start.line]).toMatch(/^(replace )?prohibition ip_exclusivity:/);
    const replaced: Location = await en.conn.sendRequest('textDocument/definition', {
      textDocument: doc,
      position: at(TEXT, 'microsoft_ip: microsoft may', 1),
    });
    expect(replaced.uri).not.toBe(uri(AMENDMENT));
    const base = readFileSync(new URL(replaced.uri), 'utf8').split('\n');
    expect(base[replaced.range.start.line]).toMatch(/permission microsoft_ip:/);
    const used: Location = await en.conn.sendRequest('textDocument/definition', {
      textDocument: doc,
      position: at(TEXT, 'capped at revenue_share_cap', 12),
    });
    expect([used.uri, used.range.start.line]).toEqual([uri(AMENDMENT), 84]);
    const party: Location = await en.conn.sendRequest('textDocument/definition', {
      textDocument: doc,
      position: at(TEXT, 'microsoft may use_ip', 2),
    });
    expect(party.range.start.character).toBe(2);
    expect(readFileSync(new URL(party.uri), 'utf8').split('\n')[party.range.start.line]).toMatch(/^ {2}microsoft:/);
  });

  it('finds the references of a clause across the family and renames it everywhere', async () => {
    const refs: Location[] = await en.conn.sendRequest('textDocument/references', {
      textDocument: doc,
      position: at(TEXT, 'remove ip_exclusivity', 9),
      context: { includeDeclaration: true },
    });
    const files = new Set(refs.map((r) => r.uri.split('/').pop()));
    expect(files).toContain('2026-04-amendment.pacte.md');
    expect(files).toContain('2025-10-definitive.pacte.md');
    const prepared = (await en.conn.sendRequest('textDocument/prepareRename', {
      textDocument: doc,
      position: at(TEXT, 'remove ip_exclusivity', 9),
    })) as {
      placeholder: string;
    };
    expect(prepared.placeholder).toBe('ip_exclusivity');
    const edit: WorkspaceEdit = await en.conn.sendRequest('textDocument/rename', {
      textDocument: doc,
      position: at(TEXT, 'remove ip_exclusivity', 9),
      newName: 'openai_ip_exclusivity',
    });
    const edits = Object.values(edit.changes ?? {}).flat();
    expect(edits.length).toBe(refs.length);
    expect(edits.every((e) => e.newText === 'openai_ip_exclusivity')).toBe(true);
    const refused = await en.conn.sendRequest('textDocument/rename', {
      textDocument: doc,
      position: at(TEXT, 'remove ip_exclusivity', 9),
      newName: 'until',
    });
    expect(refused).toBeNull();
  });

  it('lists the document’s clauses by heading, and the workspace’s clauses by name', async () => {
    const symbols: DocumentSymbol[] = await en.conn.sendRequest('textDocument/documentSymbol', { textDocument: doc });
    const flat = (s: DocumentSymbol[], trail: string[] = []): string[] =>
      s.flatMap((x) => [[...trail, x.name].join(' › '), ...flat(x.children ?? [], [...trail, x.name])]);
    const names = flat(symbols);
    expect(names.find((n) => n.endsWith('› microsoft_ip'))).toMatch(/Microsoft's licence becomes non-exclusive › microsoft_ip$/);
    expect(names.some((n) => n.endsWith('› any_cloud'))).toBe(true);
    const ws: SymbolInformation[] = await en.conn.sendRequest('workspace/symbol', { query: 'azure_first' });
    expect(ws.map((s) => `${s.containerName} ${s.name}`)).toContain('2026-04-amendment azure_first');
  });

  it('completes keywords and names in scope, and an event’s fields after the dot', async () => {
    const items: CompletionItem[] = await en.conn.sendRequest('textDocument/completion', {
      textDocument: doc,
      position: at(TEXT, 'capped at revenue_share_cap', 10),
    });
    const labels = items.map((i) => i.label);
    for (const l of ['obligation', 'until', 'microsoft_ip', 'revenue_share_cap', 'openai', 'report_revenue', 'next-phase-microsoft'])
      expect(labels).toContain(l);
    const fields: CompletionItem[] = await en.conn.sendRequest('textDocument/completion', {
      textDocument: doc,
      position: at(TEXT, 'report_revenue.revenue', 15),
    });
    expect(fields.map((i) => i.label)).toContain('partner_cloud_revenue');
    expect(fields.map((i) => i.label)).not.toContain('obligation');
  });

  it('puts the status as of the date above each clause', async () => {
    const lenses: CodeLens[] = await en.conn.sendRequest('textDocument/codeLens', { textDocument: doc });
    const byLine = new Map(lenses.map((l) => [l.range.start.line, l.command?.title]));
    expect(byLine.get(62)).toBe('active since 2019-07-22 · until 2032-12-31');
    expect(byLine.get(84)).toBe('indeterminate: waits for revenue_share_cap');
  });

  it('reports an error after an edit, at its exact position, then clears it', async () => {
    const line = at(TEXT, 'until 2032-12-31').line;
    const bad = nextDiagnostics(en, doc.uri);
    await en.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: doc.uri, version: ++version },
      contentChanges: [{ range: { start: { line, character: 8 }, end: { line, character: 18 } }, text: '2032-02-30' }],
    });
    const diags = await bad;
    expect(diags.map((d) => [d.code, d.range.start, d.range.end, d.message])).toEqual([
      ['bad-date', { line, character: 8 }, { line, character: 18 }, '`2032-02-30` is not a calendar date'],
    ]);
    const h: Hover = await en.conn.sendRequest('textDocument/hover', {
      textDocument: doc,
      position: at(TEXT, 'microsoft_ip: microsoft may', 3),
    });
    expect((h.contents as { value: string }).value).toContain('**microsoft_ip** — permission');
    const good = nextDiagnostics(en, doc.uri);
    await en.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: doc.uri, version: ++version },
      contentChanges: [{ range: { start: { line, character: 8 }, end: { line, character: 18 } }, text: '2032-12-31' }],
    });
    expect(await good).toEqual([]);
  });

  it('speaks French to a French client', async () => {
    const fr = await start('fr-FR');
    try {
      const text = TEXT.replace('until 2032-12-31', 'until 2032-02-30');
      const published = nextDiagnostics(fr, doc.uri);
      await fr.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId: 'markdown', version: 1, text } });
      const diags = await published;
      expect(diags[0]?.message).toBe("`2032-02-30` n'est pas une date du calendrier");
      const h: Hover = await fr.conn.sendRequest('textDocument/hover', {
        textDocument: doc,
        position: at(TEXT, 'capped at revenue_share_cap', 12),
      });
      expect((h.contents as { value: string }).value).toContain('Au 2026-06-01 : `revenue_share_cap` est **indéterminé**');
    } finally {
      await stop(fr);
    }
  });

  it('takes the date of the family’s last event by default, and sees the ledger change on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pacte-lsp-'));
    cpSync(DIR, dir, { recursive: true });
    const s = await start('en', null);
    try {
      const file = join(dir, '2026-04-amendment.pacte.md');
      const published = nextDiagnostics(s, uri(file));
      await s.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: uri(file), languageId: 'markdown', version: 1, text: TEXT },
      });
      expect(await published).toEqual([]);
      const hover = async (): Promise<string> => {
        const h: Hover = await s.conn.sendRequest('textDocument/hover', {
          textDocument: { uri: uri(file) },
          position: at(TEXT, 'microsoft_ip: microsoft may', 3),
        });
        return (h.contents as { value: string }).value;
      };
      expect(await hover()).toContain('As of 2026-05-18: **active**');
      appendFileSync(join(dir, 'ledger.jsonl'), readFileSync(join(dir, 'scenarios', 'agi-2027.jsonl'), 'utf8'));
      expect(await hover()).toContain('As of 2027-06-30: **active**');
    } finally {
      await stop(s);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers every request on a broken document without failing, and reports its errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pacte-lsp-broken-'));
    try {
      const file = join(dir, 'draft.pacte.md');
      const text = '---\npacte: 1\nagreement: x\n---\n\n```pacte\nobligation fee: a must\nreplace remove ( "\nevent .\n```\n';
      const published = nextDiagnostics(en, uri(file));
      await en.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: uri(file), languageId: 'markdown', version: 1, text },
      });
      const diags = await published;
      expect(diags.length).toBeGreaterThan(0);
      expect(diags.every((d) => d.source === 'pacte' && typeof d.code === 'string')).toBe(true);
      const lines = text.split('\n');
      for (let line = 0; line < lines.length; line++)
        for (let character = 0; character <= lines[line]!.length; character += 3) {
          const position = { line, character };
          const textDocument = { uri: uri(file) };
          await en.conn.sendRequest('textDocument/hover', { textDocument, position });
          await en.conn.sendRequest('textDocument/definition', { textDocument, position });
          await en.conn.sendRequest('textDocument/completion', { textDocument, position });
          await en.conn.sendRequest('textDocument/references', { textDocument, position, context: { includeDeclaration: true } });
        }
      expect(await en.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: uri(file) } })).toEqual([]);
      expect(await en.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: uri(file) } })).toEqual([]);
      await en.conn.sendNotification('textDocument/didClose', { textDocument: { uri: uri(file) } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
