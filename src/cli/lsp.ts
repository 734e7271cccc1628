/** `pacte lsp`: the language server over stdio for `*.pacte.md` files (docs/editor.md); its modules are loaded only here. */
import type { CommonOptions, Io } from './options.js';

export type LspCliOptions = CommonOptions;

export async function runLsp(opts: LspCliOptions, _io: Io): Promise<number> {
  const { runLanguageServer } = await import('../lsp/language-server.js');
  await runLanguageServer({ lang: opts.lang });
  return 0;
}
