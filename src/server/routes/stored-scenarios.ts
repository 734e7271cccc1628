/**
 * The stored scenarios a request names or lists, as the principal may see them (scenarios.ts checks and applies them).
 */
import type { ScenarioRow } from '../../store/store.js';
import type { Deps } from '../deps.js';
import { notFound } from '../errors.js';
import type { CheckedFamily, Principal } from '../family-cache.js';
import { canSee } from '../family-cache.js';
import type { QueryScenario, ScenarioInfo } from '../scenarios.js';
import { scenarioInfo } from '../scenarios.js';

/** `?scenario=` as a list: absent, one value or several. */
export function scenarioNames(q: string | readonly string[] | undefined): readonly string[] {
  return q === undefined ? [] : typeof q === 'string' ? [q] : q;
}

/**
 * What each stored scenario says of itself, per (family, its versions, scenario): a stored scenario never changes and
 * its retracted events were checked when it was stored, so the versions alone can change it (bounded, cleared when full).
 */
const infos = new Map<string, ScenarioInfo>();
const MAX_INFOS = 1024;

function infoOf(fam: CheckedFamily, row: ScenarioRow, all: () => readonly { readonly id: string }[]): ScenarioInfo {
  const key = `${fam.name}\0${fam.key}\0${row.name}\0${row.addedAt}`;
  let info = infos.get(key);
  if (!info) {
    info = scenarioInfo(fam.family, row, all());
    if (infos.size >= MAX_INFOS) infos.clear();
    infos.set(key, info);
  }
  return info;
}

/**
 * The family's stored scenarios the principal may see, with what each says of itself: an admin sees every one; a
 * party those that retract no event hidden from it (a scenario naming such an event would tell the party it exists).
 */
export async function visibleScenarios(
  deps: Deps,
  fam: CheckedFamily,
  p: Principal,
): Promise<{ readonly row: ScenarioRow; readonly info: ScenarioInfo }[]> {
  const rows = await deps.scenarios(fam.name);
  if (rows.length === 0) return [];
  const all = (await deps.cache.rows(fam.name)).rows;
  const listed = rows.map((row) => ({ row, info: infoOf(fam, row, () => all) }));
  if (p.admin || listed.every((x) => x.info.retract.length === 0)) return listed;
  const retracted = new Set(listed.flatMap((x) => x.info.retract));
  const hidden = new Set(all.filter((r) => retracted.has(r.id) && !canSee(p, r.visibility)).map((r) => r.id));
  return listed.filter((x) => x.info.retract.every((id) => !hidden.has(id)));
}

/** The stored scenarios named, in the order named (404 `not-found` for one the family has not, or not for this principal). */
export async function storedScenarios(deps: Deps, fam: CheckedFamily, p: Principal, names: readonly string[]): Promise<QueryScenario[]> {
  if (names.length === 0) return [];
  const visible = await visibleScenarios(deps, fam, p);
  return names.map((name) => {
    const x = visible.find((v) => v.row.name === name);
    if (!x) throw notFound('scenario', name);
    return { name, source: x.row.source, events: x.row.events };
  });
}
