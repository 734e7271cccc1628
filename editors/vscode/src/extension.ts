/**
 * The pacte extension: starts `pacte lsp` for `*.pacte.md` files (from the workspace's node_modules, the `pacte.path`
 * setting, or npx) and adds two commands that run the CLI on the active document's family: the state as of a date,
 * and the explanation of the name under the cursor.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

/** The command that runs pacte, and the arguments before the subcommand. */
function pacteCommand(): { command: string; args: string[] } {
  const configured = vscode.workspace.getConfiguration('pacte').get<string>('path') ?? '';
  if (configured.endsWith('.js')) return { command: process.execPath, args: [configured] };
  if (configured) return { command: configured, args: [] };
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const bin = join(folder.uri.fsPath, 'node_modules', '.bin', process.platform === 'win32' ? 'pacte.cmd' : 'pacte');
    if (existsSync(bin)) return { command: bin, args: [] };
    const own = join(folder.uri.fsPath, 'bin', 'pacte.js');
    if (existsSync(own)) return { command: process.execPath, args: [own] };
  }
  return { command: 'npx', args: ['pacte'] };
}

function settings(): { asOf?: string; lang?: string } {
  const c = vscode.workspace.getConfiguration('pacte');
  const asOf = c.get<string>('asOf') ?? '';
  const lang = c.get<string>('lang') || (vscode.env.language.startsWith('fr') ? 'fr' : 'en');
  return { ...(asOf ? { asOf } : {}), lang };
}

async function startClient(): Promise<void> {
  const { command, args } = pacteCommand();
  const serverOptions: ServerOptions = { command, args: [...args, 'lsp', '--stdio'], transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'pacte-markdown' },
      { scheme: 'file', pattern: '**/*.pacte.md' },
    ],
    initializationOptions: settings(),
    synchronize: { configurationSection: 'pacte' },
  };
  client = new LanguageClient('pacte', 'pacte', serverOptions, clientOptions);
  await client.start();
}

/** Runs the CLI and shows what it prints in the pacte output channel. */
function run(cliArgs: string[], cwd: string): void {
  const { command, args } = pacteCommand();
  output ??= vscode.window.createOutputChannel('pacte');
  output.clear();
  output.show(true);
  execFile(command, [...args, ...cliArgs], { cwd, maxBuffer: 16 * 1024 * 1024 }, (_error, stdout, stderr) => {
    output?.append(stdout);
    if (stderr) output?.append(stderr);
  });
}

async function askDate(): Promise<string | undefined> {
  const preset = settings().asOf ?? new Date().toISOString().slice(0, 10);
  return vscode.window.showInputBox({
    prompt: 'As of (YYYY-MM-DD)',
    value: preset,
    validateInput: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'YYYY-MM-DD'),
  });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('pacte.stateAsOf', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc?.fileName.endsWith('.pacte.md')) return;
      const date = await askDate();
      if (date) run(['state', dirname(doc.fileName), '--as-of', date, '--lang', settings().lang ?? 'en'], dirname(doc.fileName));
    }),
    vscode.commands.registerCommand('pacte.explainAtCursor', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor?.document.fileName.endsWith('.pacte.md')) return;
      const range = editor.document.getWordRangeAtPosition(editor.selection.active, /[A-Za-z_][A-Za-z0-9_]*/);
      if (!range) return;
      const date = settings().asOf ?? (await askDate());
      if (!date) return;
      const dir = dirname(editor.document.fileName);
      run(['explain', dir, editor.document.getText(range), '--as-of', date, '--lang', settings().lang ?? 'en'], dir);
    }),
    vscode.commands.registerCommand('pacte.restart', async () => {
      await client?.stop();
      await startClient();
    }),
  );
  await startClient();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
