/** Loads a family directory for the evaluating commands: a usage error for a missing directory or file, else `loadFamilyDir`. */
import { existsSync, statSync } from 'node:fs';
import { listDocuments } from '../check/load.js';
import type { LoadedFamily, Overlay } from '../engine/load-family-dir.js';
import { loadFamilyDir } from '../engine/load-family-dir.js';
import { UsageError } from './options.js';

export type Loaded = LoadedFamily;
export { LEDGER_FILE } from '../engine/load-family-dir.js';

export function loadForEvaluation(dir: string, overlays: readonly Overlay[], lenient: boolean): Loaded {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError('not-a-family', { dir });
  if (listDocuments(dir).length === 0) throw new UsageError('no-documents', { dir });
  for (const o of overlays) if (typeof o === 'string' && !existsSync(o)) throw new UsageError('no-events-file', { path: o });
  return loadFamilyDir(dir, overlays, lenient);
}
