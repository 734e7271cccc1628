/**
 * The checked IR: what the engine consumes. Names are resolved, types are known, every clause knows the version
 * and the file span it was written in. Built from the syntax tree by `from-syntax.ts`.
 */
import type { Decimal } from '../values/decimal.js';
import type { DurationValue, IsoDate } from '../values/dates.js';
import type { HolidayCalendar } from '../values/holidays.js';
import type { IsoDateTime } from '../values/datetimes.js';
import type { Money } from '../values/money.js';
import type { Price, Quantity } from '../values/quantity.js';
import type { FiscalYears, Period } from '../values/periods.js';
import type { Range, Span } from '../source/source-file.js';
import type { AggregateFn, BinaryOp, ListTest, NormKind, UnaryOp } from '../syntax/ast.js';

export type Type =
  | { readonly t: 'money'; readonly currency: string | null }
  /** A quantity in a unit of the front matter's `units` (`2 GW`); null: any unit (an undisclosed value). */
  | { readonly t: 'quantity'; readonly unit: string | null }
  /** A price per unit (`USD 0.01 per share`): money for one unit. */
  | { readonly t: 'price'; readonly currency: string | null; readonly unit: string | null }
  | { readonly t: 'percent' | 'number' | 'date' | 'datetime' | 'duration' | 'period' | 'bool' | 'text' | 'party' | 'list' | 'unknown' };

export type Value =
  | { readonly k: 'money'; readonly v: Money }
  | { readonly k: 'quantity'; readonly v: Quantity }
  | { readonly k: 'price'; readonly v: Price }
  | { readonly k: 'percent'; readonly v: Decimal }
  | { readonly k: 'number'; readonly v: Decimal }
  | { readonly k: 'date'; readonly v: IsoDate }
  | { readonly k: 'datetime'; readonly v: IsoDateTime }
  | { readonly k: 'duration'; readonly v: DurationValue }
  | { readonly k: 'period'; readonly v: Period }
  | { readonly k: 'bool'; readonly v: boolean }
  | { readonly k: 'text'; readonly v: string }
  | { readonly k: 'party'; readonly v: string };

export type Expr =
  /** A literal; `approx` when written `about X` (a reported approximation: results that use it are approximate). */
  | {
      readonly kind: 'lit';
      readonly value: Value;
      readonly type: Type;
      readonly at: Range;
      readonly approx?: true;
      /** A scenario's assumed value for an undisclosed term (check/assume.ts): answers that use it say so. */
      readonly assumed?: { readonly label: string; readonly term: string; readonly scenario: string | null };
    }
  /** A figure that exists but is not public. `owner` is the definition or clause it belongs to. */
  | {
      readonly kind: 'undisclosed';
      readonly owner: string;
      readonly type: Type;
      /** What is known of it (`after 2028-12-31`, `at least USD 13bn`; defaults in check/expr.ts `checkUndisclosed`). */
      readonly bounds?: Bounds;
      readonly at: Range;
    }
  | { readonly kind: 'def'; readonly name: string; readonly type: Type; readonly at: Range }
  /** A field of the event in context: the event tested by `where`, or the trigger of `for each`. */
  /** `types`: a field of the trigger of `for each a or b`, read from whichever of those types the trigger is. */
  | {
      readonly kind: 'field';
      readonly event: string;
      readonly field: string;
      readonly type: Type;
      readonly types?: readonly string[];
      readonly at: Range;
    }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly type: Type; readonly at: Range }
  /** `not C`, `-x`, `start of P`, `end of P`. */
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly operand: Expr; readonly type: Type; readonly at: Range }
  | { readonly kind: 'agg'; readonly agg: Aggregate; readonly type: Type; readonly at: Range }
  | { readonly kind: 'exercised'; readonly clause: string; readonly type: Type; readonly at: Range }
  /** `paid by a`, `owed by a to b`, `committed by a`: the party's account on the day (to `to` only, when given). */
  | {
      readonly kind: 'account';
      readonly sum: 'paid' | 'owed' | 'committed';
      readonly party: string;
      readonly to: string | null;
      readonly type: Type;
      readonly at: Range;
    }
  /**
   * What another clause came to on the day: `is` (`c is violated`, bool), `in-force` (`in force c`, bool), `became`
   * (`date c became violated`: the day its status began, a date; none yet while it has another status), `amount`
   * (`amount of c`: an obligation's amount, money; for `for each`, the sum of its instances' amounts so far).
   */
  | {
      readonly kind: 'outcome';
      readonly test: 'is' | 'in-force' | 'became' | 'amount';
      readonly clause: string;
      readonly status: string | null;
      readonly type: Type;
      readonly at: Range;
    }
  | { readonly kind: 'call'; readonly fn: CallFn; readonly args: readonly Expr[]; readonly type: Type; readonly at: Range }
  /** `if cond then a else b`; without `else`, no value when the condition is false (`owner`: the definition or clause). */
  | {
      readonly kind: 'cond';
      readonly cond: Expr;
      readonly then: Expr;
      readonly else: Expr | null;
      readonly owner: string;
      readonly type: Type;
      readonly at: Range;
    }
  /**
   * `previous NAME`, in a `for each` clause: running definition NAME's value before the trigger (its value now when
   * the trigger is not of its event type).
   */
  | { readonly kind: 'previous'; readonly name: string; readonly type: Type; readonly at: Range }
  /**
   * `[a, b]`: a list of conditions, each met when `test` is true (a yes-or-no definition, or a clause's status: an
   * obligation fulfilled, a power exercised, a consent given). Its value is whether all are met; the state shows each.
   */
  | { readonly kind: 'list'; readonly owner: string; readonly members: readonly ListMember[]; readonly type: Type; readonly at: Range }
  /** `all L met` (bool), `date all L met` (the day the last was met), `count pending L` (number). */
  | { readonly kind: 'listTest'; readonly test: ListTest; readonly list: string; readonly type: Type; readonly at: Range }
  /**
   * `D extended by X …`: a date moved by its extensions, each applied once, in the order the fold meets them
   * (engine/extensions.ts): automatic on the day after the date in force unless `unless` holds then, or elective by an
   * event of type `event` recorded on or before it (unless `unless` holds at the event).
   */
  | {
      readonly kind: 'extended';
      readonly owner: string;
      readonly init: Expr;
      readonly extensions: readonly ExtensionRule[];
      readonly type: Type;
      readonly at: Range;
    }
  /** Inside the step of a running definition, the definition's value before the event. */
  | { readonly kind: 'prev'; readonly name: string; readonly type: Type; readonly at: Range };

export interface ListMember {
  readonly name: string;
  /** The clause's kind when the member is a clause, null for a definition. */
  readonly clause: string | null;
  readonly test: Expr;
  readonly at: Range;
}

export interface ExtensionRule {
  readonly by: Expr;
  readonly event: string | null;
  readonly unless: Expr | null;
  readonly at: Range;
}

/** The functions of the language. */
export type CallFn = 'min' | 'max' | 'round' | 'ceil' | 'floor';
export const CALL_FNS: readonly CallFn[] = ['min', 'max', 'round', 'ceil', 'floor'];

export interface Aggregate {
  /** Stable key of the aggregate within a version (its text position), shared by the engine's accumulators. */
  readonly key: string;
  readonly fn: AggregateFn;
  readonly event: string;
  readonly field: string | null;
  readonly where: Expr | null;
  readonly from: IsoDate | null;
  readonly to: IsoDate | null;
  /** A running definition (`fn: 'running'`): its value before any event, and its value after each event. */
  readonly init?: Expr;
  readonly step?: Expr;
}

export type SourceStatus = 'official' | 'reported' | 'unverified';

export interface SourceInfo {
  readonly id: string;
  readonly title: string;
  readonly url: string | null;
  readonly status: SourceStatus;
}

export interface Citation {
  readonly source: SourceInfo;
  readonly status: SourceStatus;
}

/** Where a clause was written: the version, the file span, the heading trail and the prose around it. */
export interface ClauseMeta {
  readonly version: string;
  readonly span: Span;
  readonly trail: readonly string[];
  readonly prose: string;
  readonly citation: Citation | null;
  /** The clause's own text in the pacte block. */
  readonly text: string;
}

export interface EventType {
  readonly name: string;
  /** Parties that may record it; empty means any party. */
  readonly actors: readonly string[];
  readonly fields: ReadonlyMap<string, Type>;
  /** The fields written `name?: type`, which the ledger may leave out (a clause reading one then waits for it). */
  readonly optional?: ReadonlySet<string>;
  /** A condition every recorded event of this type must meet (`event … where C`); null when none. */
  readonly constraint?: Expr | null;
  readonly meta: ClauseMeta;
}

export interface Definition {
  readonly name: string;
  readonly expr: Expr;
  readonly type: Type;
  readonly meta: ClauseMeta;
}

export interface Norm {
  readonly id: string;
  readonly kind: NormKind;
  /** The first holder (`holders[0]`). */
  readonly holder: string;
  /** `a or b can …`: the parties any of whom may act (one for most clauses; the asker's counterparty for a consent). */
  readonly holders: readonly string[];
  readonly counterparty: string | null;
  /** The event type that performs (obligation), uses (permission), breaches (prohibition), exercises (power) or needs consent (consent). */
  readonly verb: string;
  readonly amount: Expr | null;
  /** The money field of the action event that carries the amount. */
  readonly amountField: string | null;
  readonly to: string | null;
  /** The party field of the action event that names the counterparty. */
  readonly toField: string | null;
  readonly where: Expr | null;
  /** `for each E [or F …] [where C]`: `event` is the first type, `events` all of them. */
  readonly trigger: { readonly event: string; readonly events: readonly string[]; readonly where: Expr | null } | null;
  readonly within: Expr | null;
  /** `cure within D`: a missed deadline may still be cured by full performance within D; violated after. */
  readonly cure: Expr | null;
  readonly by: Expr | null;
  readonly start: Expr | null;
  readonly ends: readonly Expr[];
  readonly when: Expr | null;
  readonly suspendedWhile: Expr | null;
  readonly overrides: readonly string[];
  readonly cap: Expr | null;
  readonly lapsesAfter: Expr | null;
  readonly deemedGivenAfter: Expr | null;
  /** `because R`: the reason a power is exercised for (`terminated for R` reads it). */
  readonly reason: string | null;
  readonly meta: ClauseMeta;
}

export interface Party {
  readonly id: string;
  readonly name: string;
  readonly role: string | null;
}

export interface Version {
  readonly id: string;
  readonly agreement: string;
  readonly title: string;
  readonly binding: boolean;
  /**
   * What the ledger is: `own`, the parties' own record (a deadline passed with no performance recorded is a breach),
   * or `public`, what the press and filings reported (it is then `unreported`, not a breach). Default `own`;
   * an amendment keeps its base's.
   */
  readonly record: 'public' | 'own';
  readonly signed: IsoDate | null;
  readonly effective: IsoDate;
  readonly amends: string | null;
  readonly supersedes: string | null;
  readonly file: string;
  readonly parties: ReadonlyMap<string, Party>;
  readonly sources: ReadonlyMap<string, SourceInfo>;
  /** What `FYn` and `FYn of PARTY` mean in this version (front matter `fiscal-year`, inherited through `amends`). */
  readonly fiscalYears: FiscalYears;
  /**
   * The holidays business days skip besides weekends (front matter `holidays`, inherited through `amends`); null for
   * none (Monday to Friday).
   */
  readonly holidays: HolidayCalendar | null;
  /** The units quantities may be in (front matter `units`, inherited through `amends`): `GW`, `shares`. */
  readonly units: ReadonlySet<string>;
  /** The version in its effective form: its base's clauses with this version's additions, replacements and removals. */
  readonly events: ReadonlyMap<string, EventType>;
  readonly definitions: ReadonlyMap<string, Definition>;
  readonly norms: ReadonlyMap<string, Norm>;
  /** What this document itself did to its base. */
  readonly own: { readonly added: readonly string[]; readonly replaced: readonly string[]; readonly removed: readonly string[] };
  /** Definitions in dependency order (each after those it uses). */
  readonly definitionOrder: readonly string[];
}

export interface Family {
  readonly agreement: string;
  readonly dir: string;
  /** Versions ordered by effective date, then by file name. */
  readonly versions: readonly Version[];
}

/** Built-in event types every agreement has: a consent is asked, given or refused by naming its clause. */
export const CONSENT_EVENTS = ['consent_request', 'consent_given', 'consent_refused'] as const;

/** Bounds of an unknown value: `lo` ≤ (or <, when `loOpen`) the value ≤ (or <) `hi`; null for no bound on that side. */
export interface Bounds {
  readonly lo: Value | null;
  readonly loOpen: boolean;
  readonly hi: Value | null;
  readonly hiOpen: boolean;
}
