/**
 * An expectation of a family's tests file (`tests.md`, docs/format.md § Tests): a date, the conditions of the
 * evaluation (a version alone, hypothetical events, one party's view) and what the state must say about one subject.
 * What it expects is a set of fields named like the state JSON's (docs/state.md): `status`, `since`, `until`,
 * `value`, `paid`…, so that the comparison reads the JSON, never the text.
 */
import type { Range } from '../source/source-file.js';

/** What the state is asked about. */
export type Subject =
  /** A norm or a definition (which one is decided by the state: `x is indeterminate` fits both). */
  | { readonly kind: 'name'; readonly name: string }
  /** The n-th instance of a `for each` obligation. */
  | { readonly kind: 'instance'; readonly name: string; readonly n: number }
  | { readonly kind: 'account'; readonly party: string }
  | { readonly kind: 'governing' }
  | { readonly kind: 'proposals' }
  /** `violation KIND of NORM [on DATE]` (`violationKind` set), or `no violation [of NORM]` (`norm` may be null). */
  | {
      readonly kind: 'violations';
      readonly norm: string | null;
      readonly violationKind: string | null;
      readonly date: string | null;
    };

/** A comparison of a value with what is expected: `=` (the same value) or an order. */
export type Comparison = '=' | '>=' | '<=' | '>' | '<';

/**
 * An expected field: a JSON value, a set of names (compared as a set; null: none), or an amount with a comparison
 * (`at least USD 11bn` is `{op: '>=', value: 'USD 11000000000'}`).
 */
export type Expected =
  | { readonly t: 'json'; readonly value: string | boolean | null }
  | { readonly t: 'set'; readonly items: readonly string[] }
  | { readonly t: 'compare'; readonly op: Comparison; readonly value: string };

/** The conditions of an evaluation: the same options as `pacte state` (`--version`, `--events`) and a party's view. */
export interface Context {
  readonly asOf: string;
  /** `under V`: V alone, as if never amended or superseded (`--version V`). */
  readonly version: string | null;
  /** `with X, Y`: files of the family directory, or `events` blocks of the tests file (`--events`). */
  readonly events: readonly { readonly name: string; readonly at: Range }[];
  /** `for P`: the ledger as party P sees it (the events whose `visibility` includes P, or that have none). */
  readonly party: string | null;
  readonly versionAt: Range | null;
  readonly partyAt: Range | null;
  /** The words `as of … :` in the tests file. */
  readonly at: Range;
}

export interface Expectation {
  /** The line as written (with its `as of …:` when it is under a group's heading line, so that it reads alone). */
  readonly text: string;
  readonly at: Range;
  readonly context: Context;
  readonly subject: Subject;
  readonly fields: Readonly<Record<string, Expected>>;
  /** The heading trail of its block in the tests file. */
  readonly trail: readonly string[];
}

/** A block of hypothetical events written in the tests file: ```` ```events NAME ````, JSON lines as in a ledger. */
export interface EventsBlock {
  readonly name: string;
  readonly text: string;
  /** The 1-based line of its first event line. */
  readonly firstLine: number;
}
