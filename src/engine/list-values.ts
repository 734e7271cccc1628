/**
 * Lists of conditions (`define conditions = [hsr_clearance, ec_approval, stockholder_vote]`): each member met or not
 * on the day (a yes-or-no definition, or a clause that reached its status of success), the day it was met, all met and
 * since when, and how many are pending. Under doubt, three-valued: a member in doubt is neither met nor pending.
 */
import type { Expr, ListMember, Version } from '../check/ir.js';
import type { IsoDate } from '../values/dates.js';
import { Decimal } from '../values/decimal.js';
import type { NormState } from './norm-state.js';
import type { Val } from './val.js';
import { and, TRUE, unknown, unknownOf } from './val.js';

export type ListExpr = Expr & { kind: 'list' };

/**
 * What a list is read with: `test` evaluates a member's test on the day (engine/expr.ts, given by the caller: this
 * module is below it), `norms` the clauses' states, `met` the day each definition member was met (the fold's).
 */
export interface ListReader {
  readonly test: (e: Expr) => Val;
  readonly norms?: ReadonlyMap<string, NormState>;
  readonly met?: ReadonlyMap<string, IsoDate>;
}

const byKindCache = new WeakMap<Version, Map<string, readonly Expr[]>>();

/** The definitions of a version whose whole value is an expression of a kind (`list`, `extended`), cached by version. */
export function definitionsOfKind<K extends Expr['kind']>(version: Version, kind: K): readonly (Expr & { kind: K })[] {
  let byKind = byKindCache.get(version);
  if (!byKind) {
    byKind = new Map();
    byKindCache.set(version, byKind);
  }
  let r = byKind.get(kind);
  if (!r) {
    r = [...version.definitions.values()].map((d) => d.expr).filter((e) => e.kind === kind);
    byKind.set(kind, r);
  }
  return r as readonly (Expr & { kind: K })[];
}

/** The lists of conditions of a version (definitions whose value is a list). */
export function listsOf(version: Version): readonly ListExpr[] {
  return definitionsOfKind(version, 'list');
}

/** What one member came to: met (true), pending (false) or in doubt, and the day it was met. */
export interface MemberState {
  readonly member: ListMember;
  readonly met: Val;
  readonly since: Val | null;
}

function memberSince(en: ListReader, m: ListMember): Val {
  if (m.clause) {
    const n = en.norms?.get(m.name);
    return n?.sinceKnown ? { k: 'date', v: n.since } : unknown([m.name]);
  }
  const d = en.met?.get(m.name);
  return d ? { k: 'date', v: d } : unknown([m.name]);
}

export function membersOf(en: ListReader, list: ListExpr): MemberState[] {
  return list.members.map((m) => {
    const met = en.test(m.test);
    return { member: m, met, since: met.k === 'bool' && met.v ? memberSince(en, m) : null };
  });
}

/** Whether every member is met: true, false as soon as one is pending, else unknown. */
export function allMet(en: ListReader, list: ListExpr): Val {
  return list.members.reduce<Val>((acc, m) => and(acc, () => en.test(m.test)), TRUE);
}

/** The day the last member was met, when all are; none yet while one is pending. */
export function dateAllMet(en: ListReader, list: ListExpr): Val {
  const ms = membersOf(en, list);
  // None yet, waiting for the pending members.
  const pending = ms.filter((m) => m.met.k === 'bool' && !m.met.v).map((m) => m.member.name);
  if (pending.length > 0) return { k: 'unknown', waitsFor: pending, none: true };
  const unknowns: Val[] = [];
  for (const m of ms) {
    if (m.met.k !== 'bool') unknowns.push(m.met);
    else if (m.since && m.since.k !== 'date') unknowns.push(m.since);
  }
  if (unknowns.length > 0) return unknownOf(...unknowns);
  let last: IsoDate | null = null;
  for (const m of ms) if (m.since?.k === 'date' && (last === null || m.since.v > last)) last = m.since.v;
  // An empty list is met from the start: no day to give.
  return last === null ? unknown([list.owner]) : { k: 'date', v: last };
}

/** How many members are pending: a number, or bounds when some are in doubt. */
export function countPending(en: ListReader, list: ListExpr): Val {
  const ms = membersOf(en, list);
  const pending = ms.filter((m) => m.met.k === 'bool' && !m.met.v).length;
  const doubt = ms.filter((m) => m.met.k !== 'bool');
  if (doubt.length === 0) return { k: 'number', v: new Decimal(pending) };
  const u = unknownOf(...doubt.map((m) => m.met));
  return {
    k: 'unknown',
    waitsFor: u.k === 'unknown' ? u.waitsFor : [],
    bounds: {
      lo: { k: 'number', v: new Decimal(pending) },
      loOpen: false,
      hi: { k: 'number', v: new Decimal(pending + doubt.length) },
      hiOpen: false,
    },
  };
}
