/**
 * The surface syntax tree of a `pacte` block, as the grammar builds it. Read-only objects tagged by `kind`;
 * every node carries `at`, its offsets in the `.pacte.md` file.
 */
import type { Range } from '../source/source-file.js';

export interface Ident {
  readonly name: string;
  readonly at: Range;
}

export type TypeName = 'money' | 'percent' | 'number' | 'date' | 'datetime' | 'period' | 'duration' | 'bool' | 'text' | 'party';
export type { DurationUnit } from '../values/dates.js';
import type { DurationUnit } from '../values/dates.js';
export type BinaryOp = '+' | '-' | '*' | '/' | 'of' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'and' | 'or';
/** `not C`, `-x`, and the first and last day of a period (`start of P`, `end of P`). */
export type UnaryOp = 'not' | '-' | 'start' | 'end';
export type AggregateFn = 'sum' | 'count' | 'exists' | 'latest' | 'first' | 'min' | 'max' | 'running';

export type Expr =
  | { readonly kind: 'money'; readonly currency: string; readonly digits: string; readonly scale: string | null; readonly at: Range }
  | { readonly kind: 'percent'; readonly digits: string; readonly at: Range }
  | { readonly kind: 'number'; readonly digits: string; readonly at: Range }
  /** `2 GW`, `1,000,000 shares`: a number in a unit of the front matter's `units` (`unit` as written). */
  | { readonly kind: 'quantity'; readonly digits: string; readonly unit: Ident; readonly at: Range }
  /** `USD 0.01 per share`: a price per unit. */
  | {
      readonly kind: 'price';
      readonly currency: string;
      readonly digits: string;
      readonly scale: string | null;
      readonly unit: Ident;
      readonly at: Range;
    }
  | { readonly kind: 'date'; readonly text: string; readonly at: Range }
  /** `FY2027 of acme`: `party` names whose fiscal year `text` is (null for the front matter's default). */
  | { readonly kind: 'period'; readonly text: string; readonly party: Ident | null; readonly at: Range }
  | { readonly kind: 'duration'; readonly digits: string; readonly unit: DurationUnit; readonly at: Range }
  | { readonly kind: 'text'; readonly value: string; readonly at: Range }
  | { readonly kind: 'bool'; readonly value: boolean; readonly at: Range }
  | {
      readonly kind: 'undisclosed';
      /** `undisclosed money`; `unit`: `undisclosed GW`, an amount of a declared unit. */
      readonly type: (Ident & { readonly unit?: true }) | null;
      /** What is known of it (`between A and B`, `after D`, `at least X`…): literals. */
      readonly bounds: AstBounds | null;
      readonly at: Range;
    }
  /** `about USD 300bn`: a reported approximation (a literal), computed with, but marked approximate. */
  | { readonly kind: 'about'; readonly value: Expr; readonly at: Range }
  | { readonly kind: 'ref'; readonly path: readonly Ident[]; readonly at: Range }
  /** `previous total`: in a `for each` clause, the running definition's value before the trigger. */
  | { readonly kind: 'previous'; readonly name: Ident; readonly at: Range }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly at: Range }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly operand: Expr; readonly at: Range }
  | {
      readonly kind: 'aggregate';
      readonly fn: AggregateFn;
      readonly event: Ident;
      readonly field: Ident | null;
      readonly where: Expr | null;
      readonly window: Window | null;
      readonly at: Range;
    }
  | { readonly kind: 'exercised'; readonly clause: Ident; readonly at: Range }
  /** `terminated for R`: whether a power exercised `because R` has been validly exercised. */
  | { readonly kind: 'terminatedFor'; readonly reason: Ident; readonly at: Range }
  /** `c is violated`: whether clause `c` has a status on the day. */
  | { readonly kind: 'is'; readonly clause: Ident; readonly status: Ident; readonly at: Range }
  /** `paid by a`, `owed by a to b`, `committed by a`: a party's account on the day (docs/state.md "Accounts"). */
  | {
      readonly kind: 'account';
      readonly sum: 'paid' | 'owed' | 'committed';
      readonly party: Ident;
      readonly to: Ident | null;
      readonly at: Range;
    }
  /** `amount of c`: the amount of obligation `c` (or `amount` of `c`, a percentage of a figure, when `c` is no clause). */
  | { readonly kind: 'amountOf'; readonly clause: Ident; readonly at: Range }
  /** `in force c`: whether clause `c` is in force on the day. */
  | { readonly kind: 'inForce'; readonly clause: Ident; readonly at: Range }
  /** `date c became violated`: the day clause `c`'s current status began, if it is that status. */
  | { readonly kind: 'became'; readonly clause: Ident; readonly status: Ident; readonly at: Range }
  | { readonly kind: 'call'; readonly fn: Ident; readonly args: readonly Expr[]; readonly at: Range }
  | { readonly kind: 'if'; readonly cond: Expr; readonly then: Expr; readonly else: Expr | null; readonly at: Range }
  /** `[a, b, c]`: a definition that is a list of conditions (yes-or-no definitions or clauses). */
  | { readonly kind: 'list'; readonly members: readonly Ident[]; readonly at: Range }
  /** `all L met`, `date all L met`, `count pending L`: what a list of conditions came to. */
  | { readonly kind: 'listTest'; readonly test: ListTest; readonly list: Ident; readonly at: Range }
  /** `D extended by X [on EVENT] [unless C]…`: a date with its extensions (a definition's whole value). */
  | { readonly kind: 'extended'; readonly init: Expr; readonly extensions: readonly Extension[]; readonly at: Range }
  /** A running definition: `INIT then each EVENT: STEP`, where STEP reads the value before the event by the definition's name. */
  | { readonly kind: 'running'; readonly init: Expr; readonly event: Ident; readonly step: Expr; readonly at: Range };

export type ListTest = 'all-met' | 'date-all-met' | 'count-pending';

/** `extended by 3 months`: automatic, on the date, `unless` C holds then; or elective, `on` an event before the date. */
export interface Extension {
  readonly by: Expr;
  readonly on: Ident | null;
  readonly unless: Expr | null;
  readonly at: Range;
}

export type Window =
  | { readonly kind: 'within'; readonly period: Expr; readonly at: Range }
  | { readonly kind: 'between'; readonly from: Expr; readonly to: Expr; readonly at: Range }
  | { readonly kind: 'since'; readonly from: Expr; readonly at: Range };

export interface SourceRef {
  readonly id: Ident;
  readonly status: Ident | null;
  readonly at: Range;
}

export interface Action {
  readonly verb: Ident;
  readonly amount: Expr | null;
  readonly to: Ident | null;
  readonly where: Expr | null;
  readonly at: Range;
}

export type NormKind = 'obligation' | 'permission' | 'prohibition' | 'power' | 'consent';
export type ModalWord = 'must' | 'must not' | 'may' | 'can' | 'needs';

export type Modifier =
  /** `for each invoice or credit_note`: `event` is the first type, `events` every type written. */
  | { readonly kind: 'for-each'; readonly event: Ident; readonly events: readonly Ident[]; readonly where: Expr | null; readonly at: Range }
  | { readonly kind: 'within'; readonly duration: Expr; readonly at: Range }
  | { readonly kind: 'cure'; readonly duration: Expr; readonly at: Range }
  | { readonly kind: 'by'; readonly date: Expr; readonly at: Range }
  | { readonly kind: 'from'; readonly start: Expr; readonly at: Range }
  | { readonly kind: 'until'; readonly ends: readonly Expr[]; readonly at: Range }
  | { readonly kind: 'when'; readonly cond: Expr; readonly at: Range }
  | { readonly kind: 'suspended-while'; readonly cond: Expr; readonly at: Range }
  | { readonly kind: 'overrides'; readonly ids: readonly Ident[]; readonly at: Range }
  /** `because R`: the reason a power is exercised for (read by `terminated for R`). */
  | { readonly kind: 'because'; readonly reason: Ident; readonly at: Range }
  | { readonly kind: 'capped-at'; readonly cap: Expr; readonly at: Range }
  | { readonly kind: 'lapses-after'; readonly duration: Expr; readonly at: Range }
  | { readonly kind: 'deemed-given-after'; readonly duration: Expr; readonly at: Range }
  | { readonly kind: 'source'; readonly source: SourceRef; readonly at: Range };

export type Statement =
  | {
      readonly kind: 'event';
      readonly name: Ident;
      readonly actors: readonly Ident[];
      /** `optional`: written `name?: type`, a field the ledger may leave out. */
      readonly fields: readonly { readonly name: Ident; readonly type: Ident; readonly optional: boolean }[];
      readonly where: Expr | null;
      readonly source: SourceRef | null;
      readonly at: Range;
    }
  | {
      readonly kind: 'define';
      readonly name: Ident;
      readonly expr: Expr;
      readonly source: SourceRef | null;
      readonly replace: boolean;
      readonly at: Range;
    }
  | {
      readonly kind: 'norm';
      readonly normKind: NormKind;
      readonly id: Ident;
      /** The first holder (`holders[0]`). */
      readonly holder: Ident;
      /** `a or b can …`: every holder, in the order written (one for most clauses). */
      readonly holders: readonly Ident[];
      readonly modal: ModalWord;
      readonly modalAt: Range;
      /** For `consent`: the party that needs the consent (`openai needs microsoft to restructure` → openai). */
      readonly asker: Ident | null;
      /** For `consent`: every asker written (`a or b needs c to …`); only one is allowed. */
      readonly askers: readonly Ident[];
      readonly action: Action;
      readonly modifiers: readonly Modifier[];
      readonly replace: boolean;
      readonly at: Range;
    }
  | { readonly kind: 'remove'; readonly id: Ident; readonly source: SourceRef | null; readonly at: Range }
  /** `assume TERM = VALUE [as LABEL]`: a scenario's value for an undisclosed term (docs/format.md, "Scenarios"). */
  | { readonly kind: 'assume'; readonly term: Ident; readonly value: Expr; readonly label: Ident | null; readonly at: Range };

/** Bounds of an undisclosed figure, as written: each a literal, or null when open-ended. */
export interface AstBounds {
  readonly lo: Expr | null;
  readonly loOpen: boolean;
  readonly hi: Expr | null;
  readonly hiOpen: boolean;
}
