/**
 * The family a document belongs to, as the editor has it: the documents of its directory, with the text of open
 * documents in place of the files', checked; its ledger read; its state as of a date evaluated on demand. The last
 * family that checked is kept, so hover and navigation keep working while a document is being edited into errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CheckResult } from '../check/family.js';
import { checkFamily } from '../check/family.js';
import type { Family, Version } from '../check/ir.js';
import { listDocuments } from '../check/load.js';
import type { Lang } from '../diagnostics/terms.js';
import { evaluate } from '../engine/evaluate.js';
import { LEDGER_FILE } from '../engine/load-family-dir.js';
import { readLedger } from '../engine/read-ledger.js';
import type { StateJson } from '../engine/state.js';
import type { LedgerEvent } from '../ledger/event.js';
import { sourceFile } from '../source/source-file.js';

export interface FamilyView {
  readonly dir: string;
  readonly check: CheckResult;
  /** The family as checked now, else the last one that checked (null if none ever did). */
  readonly family: Family | null;
  readonly events: readonly LedgerEvent[];
  /** The default date of hovers and lenses: the last event's, else the last version's effective date. */
  readonly lastDate: string;
  state(asOf: string, lang: Lang): StateJson | null;
  /** The version written in a file (absolute path). */
  versionOf(path: string): Version | null;
}

const lastGood = new Map<string, Family>();

function readText(path: string, open: ReadonlyMap<string, string>): string | null {
  const t = open.get(path);
  if (t !== undefined) return t;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** The family of the document at `path` (absolute), with `open` mapping open documents' paths to their text. */
export function familyView(path: string, open: ReadonlyMap<string, string>): FamilyView {
  const dir = dirname(path);
  const paths = existsSync(dir) ? listDocuments(dir) : [];
  if (!paths.includes(path)) paths.push(path);
  const inputs = paths.flatMap((p) => {
    const text = readText(p, open);
    return text === null ? [] : [{ path: p, text }];
  });
  const check = checkFamily(inputs, dir);
  const ok = check.family && !check.diagnostics.some((d) => d.severity === 'error') ? check.family : null;
  if (ok) lastGood.set(dir, ok);
  const family = ok ?? check.family ?? lastGood.get(dir) ?? null;
  let events: LedgerEvent[] = [];
  const ledger = join(dir, LEDGER_FILE);
  if (family && existsSync(ledger)) {
    const text = readText(ledger, open) ?? '';
    events = readLedger(sourceFile(ledger, text), family, { ids: new Map() }).events;
  }
  // biome-ignore lint/complexity/useMathMinMax: ISO dates, compared as text
  const lastDate = events.reduce((m, e) => (e.date > m ? e.date : m), family?.versions[family.versions.length - 1]?.effective ?? '');
  const states = new Map<string, StateJson>();
  return {
    dir,
    check,
    family,
    events,
    lastDate,
    state(asOf, lang) {
      if (!family) return null;
      const key = `${asOf} ${lang}`;
      let st = states.get(key);
      if (!st) {
        st = evaluate(family, events, asOf, { lang });
        states.set(key, st);
      }
      return st;
    },
    versionOf(p) {
      return family?.versions.find((v) => v.file === p) ?? null;
    },
  };
}
