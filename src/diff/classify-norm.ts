/**
 * What a change means for a lawyer. Each part-level change has a direction (+1: the norm applies longer, in more
 * cases, for more money, with more time; -1: the reverse; 0: no direction), and the kind of norm turns directions
 * into words: a permission or power is a right (widened / narrowed), a prohibition a restriction (widened /
 * narrowed), an obligation is extended / shortened (in time), its amount increased / decreased, its deadline
 * extended / shortened. What has no direction is a `condition-changed`.
 */
import type { Norm } from '../check/ir.js';
import type { Polarity } from './expr-delta.js';
import type { ChangeJson, ClauseKind } from './redline-json.js';

type NormKind = Norm['kind'];

type Category = 'time' | 'scope' | 'amount' | 'deadline' | 'veto' | 'party' | 'kind' | 'action' | 'source' | 'none';

const CATEGORY: Readonly<Record<string, Category>> = {
  kind: 'kind',
  holder: 'party',
  counterparty: 'party',
  action: 'action',
  amount: 'amount',
  where: 'scope',
  'for-each': 'scope',
  within: 'deadline',
  cure: 'deadline',
  by: 'deadline',
  from: 'time',
  until: 'time',
  when: 'scope',
  'suspended-while': 'scope',
  'capped-at': 'amount',
  'lapses-after': 'none',
  'deemed-given-after': 'veto',
  overrides: 'scope',
  source: 'source',
};

const DIRECTION: Readonly<Record<string, Polarity>> = {
  'end-later': 1,
  'end-earlier': -1,
  'end-added': -1,
  'end-removed': 1,
  'end-date-added': -1,
  'end-date-removed': 1,
  'end-condition-added': -1,
  'end-condition-removed': 1,
  'start-later': -1,
  'start-earlier': 1,
  'start-added': -1,
  'start-removed': 1,
  'filter-added': -1,
  'filter-removed': 1,
  'filter-broadened': 1,
  'filter-narrowed': -1,
  'condition-relaxed': 1,
  'condition-tightened': -1,
  'suspension-widened': -1,
  'suspension-narrowed': 1,
  'condition-added': -1,
  'condition-removed': 1,
  'suspension-added': -1,
  'suspension-removed': 1,
  'overrides-added': 1,
  'overrides-removed': -1,
  'amount-raised': 1,
  'amount-lowered': -1,
  'percentage-raised': 1,
  'percentage-lowered': -1,
  'cap-raised': 1,
  'cap-lowered': -1,
  'cap-added': -1,
  'cap-removed': 1,
  'deadline-later': 1,
  'deadline-earlier': -1,
  'delay-longer': 1,
  'delay-shorter': -1,
};

/** A deemed consent protects the asker: a longer delay, or none, widens the veto of the party whose consent is needed. */
const VETO: Readonly<Record<string, Polarity>> = { 'delay-longer': 1, 'delay-shorter': -1, 'delay-added': -1, 'delay-removed': 1 };

/** The direction of one change (+1, -1 or 0). */
export function changeDirection(c: ChangeJson): Polarity {
  const cat = CATEGORY[c.part] ?? 'none';
  if (cat === 'veto') return VETO[c.classification] ?? 0;
  if (cat === 'none' || cat === 'party' || cat === 'kind' || cat === 'action' || cat === 'source') return 0;
  return DIRECTION[c.classification] ?? 0;
}

function directional(kind: NormKind, cat: Category, dir: 1 | -1): string {
  const up = dir > 0;
  switch (kind) {
    case 'obligation':
      if (cat === 'time') return up ? 'obligation-extended' : 'obligation-shortened';
      if (cat === 'amount') return up ? 'amount-increased' : 'amount-decreased';
      if (cat === 'deadline') return up ? 'deadline-extended' : 'deadline-shortened';
      return 'condition-changed';
    case 'prohibition':
      if (cat === 'amount') return 'condition-changed';
      return up ? 'restriction-widened' : 'restriction-narrowed';
    case 'permission':
    case 'power':
    case 'consent':
      return up ? 'right-widened' : 'right-narrowed';
  }
}

/** The lawyer's classification of a changed norm, from its part-level changes (in order, without repeats). */
export function classifyNorm(fromKind: NormKind, toKind: NormKind, changes: readonly ChangeJson[]): string[] {
  const out: string[] = [];
  const add = (s: string): void => {
    if (!out.includes(s)) out.push(s);
  };
  if (fromKind !== toKind) {
    // A permission that became a prohibition is a right removed and a restriction added.
    add('kind-changed');
    add(presenceClassification(fromKind, 'removed'));
    add(presenceClassification(toKind, 'added'));
  }
  for (const c of changes) {
    const cat = CATEGORY[c.part] ?? 'none';
    if (cat === 'kind') continue;
    if (cat === 'party' || cat === 'action' || cat === 'source') {
      add(`${cat}-changed`);
      continue;
    }
    if (fromKind !== toKind) {
      add('condition-changed');
      continue;
    }
    const dir = changeDirection(c);
    add(dir === 0 ? 'condition-changed' : directional(toKind, cat, dir));
  }
  if (out.length === 0) add('wording-changed');
  return out;
}

/** The classification of a clause present in one version only. */
export function presenceClassification(kind: ClauseKind, present: 'added' | 'removed'): string {
  switch (kind) {
    case 'obligation':
      return `obligation-${present}`;
    case 'prohibition':
      return `restriction-${present}`;
    case 'permission':
    case 'power':
    case 'consent':
      return `right-${present}`;
    case 'definition':
      return `definition-${present}`;
    case 'event':
      return `event-type-${present}`;
  }
}
