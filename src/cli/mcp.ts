/**
 * `pacte mcp [paths…]`: a Model Context Protocol server over stdio for AI assistants (docs/mcp.md). Each path is a
 * family directory or a directory of them (default: the current directory). The server's modules are loaded only here.
 */
import { existsSync } from 'node:fs';
import type { CommonOptions, Io } from './options.js';
import { UsageError } from './options.js';

export type McpCliOptions = CommonOptions;

export const PACTE_VERSION = '0.1.0';

export async function runMcp(paths: readonly string[], opts: McpCliOptions, _io: Io): Promise<number> {
  const roots = paths.length ? paths : ['.'];
  for (const p of roots) if (!existsSync(p)) throw new UsageError('no-such-path', { path: p });
  const { findFamilies } = await import('../mcp/families.js');
  const families = findFamilies(roots);
  if (families.size === 0) throw new UsageError('no-documents', { dir: roots.join(', ') });
  const { runMcpStdio } = await import('../mcp/run-stdio.js');
  const { dirSource } = await import('../mcp/family-source.js');
  await runMcpStdio({ source: dirSource(families), lang: opts.lang, version: PACTE_VERSION });
  return 0;
}
