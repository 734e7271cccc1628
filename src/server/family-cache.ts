/**
 * What the routes evaluate, cached so that a server process does not re-check agreements or re-parse its ledger on
 * every request, yet several stateless processes over one database stay correct:
 * - the checked family per (family, its version files): versions are immutable once stored, so a new file is a new key;
 * - the family's ledger rows, refreshed from the store by `lastSeq` (only rows after the cached ones are read), and
 *   read again whole after a `pacte rechain` (which changes hashes, not seqs: `rechained`);
 * - the parsed ledger as one token sees it, per (family, versions, lastSeq, party), with its evaluators.
 * Every request asks the store for the family's versions and last sequence first, so a row appended by another
 * process is seen by the next request; except an append, checked against the family as last checked (`knownFamily`),
 * whose count of versions the store compares under the append's lock.
 */
import { checkFamily } from '../check/family.js';
import type { Family } from '../check/ir.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { Evaluator } from '../engine/evaluate.js';
import { createEvaluator } from '../engine/evaluate.js';
import type { LedgerEvent } from '../ledger/event.js';
import { allParties } from '../ledger/ledger.js';
import { readLedger } from '../engine/read-ledger.js';
import type { SourceFile } from '../source/source-file.js';
import { sourceFile } from '../source/source-file.js';
import type { EventRow, Store, TokenOrg, VersionRow } from '../store/store.js';

/**
 * Who is asking: a party of one family, an admin (party and family null, sees everything), or an organisation
 * (`org`: party and family null) which is, in each family it maps, the party it maps there (`principalIn`).
 */
export interface Principal {
  readonly party: string | null;
  readonly family: string | null;
  readonly admin: boolean;
  readonly org?: TokenOrg;
}

/**
 * The principal as it acts in `family`: an admin or a party token of that family as it is; an organisation token as
 * the party it maps in that family; null when the token has nothing there.
 */
export function principalIn(p: Principal, family: string): Principal | null {
  if (p.admin) return p;
  if (p.org) {
    const grant = p.org.grants.find((g) => g.family === family);
    return grant ? { party: grant.party, family, admin: false } : null;
  }
  return p.family === family ? p : null;
}

/** The families a principal may see at most (all for an admin), before each is checked. */
export function familiesOf(p: Principal): readonly string[] | 'all' {
  if (p.admin) return 'all';
  if (p.org) return [...new Set(p.org.grants.map((g) => g.family))].sort();
  return p.family !== null ? [p.family] : [];
}

export interface CheckedFamily {
  readonly name: string;
  readonly key: string;
  readonly rows: readonly VersionRow[];
  readonly family: Family;
  readonly files: ReadonlyMap<string, SourceFile>;
  readonly parties: ReadonlySet<string>;
  /** Diagnostics of the stored documents (warnings; a family with errors is refused when stored). */
  readonly diagnostics: readonly Diagnostic[];
}

/** A ledger row with what access control needs from its body. */
export interface LedgerRow extends EventRow {
  readonly visibility: readonly string[] | null;
  readonly event: Readonly<Record<string, unknown>>;
}

/** The ledger as one principal sees it. */
export interface PartyLedger {
  readonly rows: readonly LedgerRow[];
  readonly events: readonly LedgerEvent[];
  readonly diagnostics: readonly Diagnostic[];
  evaluator(version: string | null): Evaluator;
}

/** The file name under which a party's ledger is parsed (it appears in ledger diagnostics). */
export const LEDGER_NAME = 'ledger.jsonl';

export function canSee(p: Principal, visibility: readonly string[] | null): boolean {
  if (p.admin) return true;
  return p.party !== null && (visibility === null || visibility.includes(p.party));
}

export function toLedgerRow(r: EventRow): LedgerRow {
  const event = JSON.parse(r.body) as Record<string, unknown>;
  const vis = event['visibility'];
  return { ...r, event, visibility: Array.isArray(vis) ? (vis as string[]) : null };
}

/**
 * What the cache reads: a store, or (in an evaluation worker, server/evaluator/) the copy of the families' versions
 * and rows that the server's thread has sent it.
 */
export type FamilySource = Pick<Store, 'versionFiles' | 'versions' | 'lastSeq' | 'events'>;

const MAX_PARTY_LEDGERS = 64;

/** The index of the first row whose sequence is above `seq` (rows are in sequence order). */
export function firstRowAfter(rows: readonly LedgerRow[], seq: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const PAGE = 5000;

export class FamilyCache {
  private readonly checked = new Map<string, CheckedFamily>();
  private readonly ledgers = new Map<string, { rows: LedgerRow[]; lastSeq: number }>();
  private readonly partyLedgers = new Map<string, PartyLedger>();
  /** Per (family, versions, principal): its newest parsed ledger, the last sequence it covers and the ids read. */
  private readonly latest = new Map<string, { lastSeq: number; ledger: PartyLedger; ids: Map<string, { file: string; line: number }> }>();

  constructor(private readonly store: FamilySource) {}

  /** The checked family, or null when the store has no version of it (or its documents do not check). */
  async family(name: string): Promise<CheckedFamily | null> {
    // Versions are immutable once stored: the list of their files says whether the checked copy is current, without
    // reading every source on every request.
    const files = await this.store.versionFiles(name);
    if (files.length === 0) return null;
    const hit = this.checked.get(name);
    if (hit && hit.key === files.join('\n')) return hit;
    const rows = await this.store.versions(name);
    if (rows.length === 0) return null;
    const key = rows.map((r) => r.file).join('\n');
    const r = checkFamily(
      rows.map((v) => ({ path: v.file, text: v.source })),
      name,
    );
    if (!r.family || hasErrors(r.diagnostics)) return null;
    const c: CheckedFamily = {
      name,
      key,
      rows,
      family: r.family,
      files: r.files,
      parties: allParties(r.family),
      diagnostics: r.diagnostics,
    };
    this.checked.set(name, c);
    return c;
  }

  /** Every ledger row of the family, up to date with the store. */
  async rows(name: string): Promise<{ rows: readonly LedgerRow[]; lastSeq: number }> {
    const lastSeq = await this.store.lastSeq(name);
    let entry = this.ledgers.get(name);
    if (entry && (await this.rechained(name, entry.rows))) {
      // Every parsed ledger of the family holds the old hashes: parsed again from the new rows.
      for (const cache of [this.partyLedgers, this.latest])
        for (const k of [...cache.keys()]) if (k.startsWith(`${name}\0`)) cache.delete(k);
      entry = undefined;
    }
    if (!entry || entry.lastSeq > lastSeq) entry = { rows: [], lastSeq: 0 };
    while (entry.lastSeq < lastSeq) {
      const page = await this.store.events(name, entry.lastSeq, PAGE);
      if (page.length === 0) break;
      // Appended in place: readers filter the rows into arrays of their own (ledger()), so none sees them grow.
      const rows: LedgerRow[] = entry.rows;
      for (const r of page) rows.push(toLedgerRow(r));
      entry = { rows, lastSeq: rows[rows.length - 1]!.seq };
    }
    this.ledgers.set(name, entry);
    return entry;
  }

  /**
   * Whether `pacte rechain` rewrote the chain since these rows were cached (in this process or another): it leaves the
   * last seq as it was, but salts the first row, which is unsalted in the cache until then. Asked only while the
   * cached first row is unsalted, so a re-chained or salted ledger costs no query.
   */
  private async rechained(name: string, rows: readonly LedgerRow[]): Promise<boolean> {
    const first = rows[0];
    if (first === undefined || first.salt !== '') return false;
    const now = (await this.store.events(name, 0, 1))[0];
    return now !== undefined && now.hash !== first.hash;
  }

  /** The ledger as the principal sees it: visible rows, parsed and validated against the family. */
  async ledger(fam: CheckedFamily, p: Principal): Promise<PartyLedger> {
    const { rows, lastSeq } = await this.rows(fam.name);
    const key = `${fam.name}\0${fam.key}\0${lastSeq}\0${p.admin ? '*' : (p.party ?? '')}`;
    const hit = this.partyLedgers.get(key);
    if (hit) {
      this.partyLedgers.delete(key);
      this.partyLedgers.set(key, hit);
      return hit;
    }
    // Incremental: the rows appended since this principal's last parsed ledger (same family, same versions) are
    // parsed alone, at the lines and sequence numbers a whole parse would give them, and added to it.
    const partyKey = `${fam.name}\0${fam.key}\0${p.admin ? '*' : (p.party ?? '')}`;
    let prior = this.latest.get(partyKey);
    if (prior && prior.lastSeq > lastSeq) prior = undefined;
    const from = prior ? firstRowAfter(rows, prior.lastSeq) : 0;
    const added = rows.slice(from).filter((r) => canSee(p, r.visibility));
    const before = prior?.ledger.rows.length ?? 0;
    const file = sourceFile(LEDGER_NAME, '\n'.repeat(before) + added.map((r) => r.body).join('\n'));
    // Stored events were valid when appended; one that a later version no longer accepts is skipped with a warning.
    // The ids already read are kept (only the newest ledger of a principal is ever extended).
    const ids = prior?.ids ?? new Map<string, { file: string; line: number }>();
    const parsed = readLedger(file, fam.family, { ids });
    const visible = prior ? [...prior.ledger.rows, ...added] : added;
    const events = prior ? [...prior.ledger.events, ...parsed.events] : parsed.events;
    const warnings = parsed.diagnostics.map((d) => ({ ...d, severity: 'warning' as const }));
    const evaluators = new Map<string, Evaluator>();
    const ledger: PartyLedger = {
      rows: visible,
      events,
      diagnostics: prior ? [...prior.ledger.diagnostics, ...warnings] : warnings,
      evaluator(version) {
        const k = version ?? '';
        let ev = evaluators.get(k);
        if (!ev) {
          ev = createEvaluator(fam.family, events, { version });
          evaluators.set(k, ev);
        }
        return ev;
      },
    };
    this.latest.set(partyKey, { lastSeq, ledger, ids });
    while (this.latest.size > MAX_PARTY_LEDGERS) this.latest.delete(this.latest.keys().next().value!);
    this.partyLedgers.set(key, ledger);
    while (this.partyLedgers.size > MAX_PARTY_LEDGERS) this.partyLedgers.delete(this.partyLedgers.keys().next().value!);
    return ledger;
  }

  /**
   * The checked family if the principal may see it (admin, or a token of this family whose party the family declares);
   * else null, like a missing one. A party token of another family is refused before the family is read.
   */
  async visibleFamily(name: string, p: Principal): Promise<CheckedFamily | null> {
    if (!p.admin && p.family !== name) return null;
    const fam = await this.family(name);
    return fam && mayView(fam, p) ? fam : null;
  }

  /**
   * The family as last checked, without asking the store, when the principal may see it there: versions are only ever
   * added, and with them parties, so a family once checked exists and is visible to whom it was. It may lack versions
   * stored since: an append checked against it says how many versions it had (store.ts `AppendInput.versions`), and
   * the store refuses it if the family now has more (routes/events.ts). Otherwise the store is asked (`visibleFamily`).
   */
  async knownFamily(name: string, p: Principal): Promise<{ fam: CheckedFamily; known: boolean } | null> {
    const hit = p.admin || p.family === name ? this.checked.get(name) : undefined;
    if (hit && mayView(hit, p)) return { fam: hit, known: true };
    const fam = await this.visibleFamily(name, p);
    return fam && { fam, known: false };
  }
}

function mayView(fam: CheckedFamily, p: Principal): boolean {
  return p.admin || (p.party !== null && fam.parties.has(p.party));
}
