/**
 * What changed in the versions themselves: binding status, effective and signing dates, title, parties (added,
 * removed, renamed), fiscal years and units.
 */
import type { Version } from '../check/ir.js';
import { monthDayText } from '../values/periods.js';
import type { ChangeJson } from './redline-json.js';

/** `binding` or `non-binding`. */
export function bindingWord(b: boolean): string {
  return b ? 'binding' : 'non-binding';
}

function dateMove(prefix: string, a: string | null, b: string | null): string {
  if (a === null) return `${prefix}-added`;
  if (b === null) return `${prefix}-removed`;
  return b > a ? `${prefix}-later` : `${prefix}-earlier`;
}

/** The first days of a version's fiscal years, as the front matter writes them: `any: 07-01, acme: 06-01`. */
function fiscalText(v: Version): string {
  const y = v.fiscalYears;
  return [
    `any: ${monthDayText(y.start)}`,
    ...[...y.years].sort(([p], [q]) => p.localeCompare(q)).map(([p, d]) => `${p}: ${monthDayText(d)}`),
  ].join(', ');
}

export function versionChanges(a: Version, b: Version): ChangeJson[] {
  const out: ChangeJson[] = [];
  if (a.binding !== b.binding) {
    out.push({
      part: 'binding',
      from: bindingWord(a.binding),
      to: bindingWord(b.binding),
      classification: b.binding ? 'became-binding' : 'became-non-binding',
    });
  }
  if (a.effective !== b.effective)
    out.push({ part: 'effective', from: a.effective, to: b.effective, classification: dateMove('effective', a.effective, b.effective) });
  if (a.signed !== b.signed)
    out.push({ part: 'signed', from: a.signed, to: b.signed, classification: dateMove('signed', a.signed, b.signed) });
  if (a.title !== b.title) out.push({ part: 'title', from: a.title, to: b.title, classification: 'title-changed' });
  const ids = [...new Set([...a.parties.keys(), ...b.parties.keys()])];
  for (const id of ids) {
    const pa = a.parties.get(id);
    const pb = b.parties.get(id);
    const text = (p: typeof pa): string | null => (p ? `${p.id}: ${p.name}${p.role ? ` (${p.role})` : ''}` : null);
    if (!pa) out.push({ part: 'party', from: null, to: text(pb), classification: 'party-added' });
    else if (!pb) out.push({ part: 'party', from: text(pa), to: null, classification: 'party-removed' });
    else if (pa.name !== pb.name || pa.role !== pb.role)
      out.push({ part: 'party', from: text(pa), to: text(pb), classification: 'party-renamed' });
  }
  if (fiscalText(a) !== fiscalText(b))
    out.push({ part: 'fiscal-year', from: fiscalText(a), to: fiscalText(b), classification: 'fiscal-year-changed' });
  // The units quantities may be in (front matter `units`): an amendment may add some.
  const units = (v: Version): string | null => (v.units.size > 0 ? [...v.units].sort().join(', ') : null);
  if (units(a) !== units(b)) out.push({ part: 'units', from: units(a), to: units(b), classification: 'units-changed' });
  return out;
}
