/**
 * The families an MCP server answers about: each path given is a family directory (it holds `*.pacte.md` documents)
 * or a directory of family directories. A family is named by its `agreement` id, else by its directory's name.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { listDocuments, readInputs } from '../check/load.js';
import { checkFamily } from '../check/family.js';

export type Families = ReadonlyMap<string, string>;

function isFamilyDir(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory() && listDocuments(dir).length > 0;
}

/** The agreement id a family directory declares (the first document's front matter), or its directory's name. */
function familyName(dir: string): string {
  return checkFamily(readInputs(listDocuments(dir)), dir).family?.agreement ?? basename(dir);
}

export function findFamilies(paths: readonly string[]): Families {
  const dirs: string[] = [];
  for (const p of paths) {
    if (isFamilyDir(p)) dirs.push(p);
    else if (existsSync(p) && statSync(p).isDirectory())
      for (const e of readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)))
        if (e.isDirectory() && isFamilyDir(join(p, e.name))) dirs.push(join(p, e.name));
  }
  const out = new Map<string, string>();
  for (const d of dirs) {
    const name = familyName(d);
    if (!out.has(name)) out.set(name, d);
  }
  return out;
}
