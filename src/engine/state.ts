/** The state as of a date: the JSON object that the CLI, the HTTP API and the UI serve (documented in docs/state.md). */
import type { Account } from './accounts.js';
import type { AssumedJson, ScenarioJson } from './apply-scenarios.js';
import type { Because, EventRef } from './explain.js';
import type { BoundsJson, JsonValue } from './value-json.js';
import type { ConditionsJson, ExtensionJson } from './deal-values.js';

export interface InstanceJson {
  readonly n: number;
  readonly trigger: EventRef;
  readonly due: string | null;
  /** Null when the obligation has no amount, or when it is undisclosed (then `waitsFor` says on what). */
  readonly amount: JsonValue;
  readonly waitsFor?: readonly string[];
  readonly performed: string;
  readonly status: string;
  readonly since: string;
  /** `cure within D`: its due date passed without full performance, and it may still be cured until this day. */
  readonly cureUntil?: string;
  /** False when the day the status began depends on the day of an event known only to a period. */
  readonly sinceKnown?: false;
}

/**
 * A recurring clause with more instances than the state lists (instance-summary.ts): how many it has, by status, how
 * many `instances` shows (the open ones and the latest) and how many it leaves out (`--instances all`,
 * `?instances=all` or the instance pages give them all).
 */
export interface InstanceSummaryJson {
  readonly total: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly shown: number;
  readonly omitted: number;
}

export interface NormJson {
  readonly id: string;
  readonly kind: 'obligation' | 'permission' | 'prohibition' | 'power' | 'consent';
  readonly version: string;
  readonly holder: string;
  /** `a or b can …`: every holder, when there are several (`holder` is then the first). */
  readonly holders?: readonly string[];
  /** A power's reason (`because R`): what `terminated for R` reads. */
  readonly reason?: string;
  readonly counterparty: string | null;
  readonly status: string;
  /** When `indeterminate`: the statuses it could have, depending on the undisclosed terms it waits for. */
  readonly possibleStatuses?: readonly string[];
  readonly since: string;
  /** False when the day the status began depends on undisclosed terms: `since` is then one day it may have begun. */
  readonly sinceKnown?: false;
  readonly until?: string;
  readonly endedBy?: string;
  readonly deadline?: string;
  /** The earliest deadline still to meet: the one-off deadline, or the earliest due date of an active instance. */
  readonly nextDeadline?: string;
  readonly waitsFor?: readonly string[];
  /** The reported approximations (`about X`) its terms rest on: its answer is approximate. */
  readonly approximate?: readonly string[];
  /** The labels of the scenario assumptions it rests on (`ASSUMED-1`): its answer holds under them only. */
  readonly assumed?: readonly string[];
  /**
   * A one-off obligation with an amount (`must pay USD 10m`): the amount due as of the date, whatever its status (null
   * when undisclosed: `amountBounds` says what is known of it), and how much of it was performed.
   */
  readonly amount?: JsonValue;
  readonly amountBounds?: BoundsJson;
  /** `cure within D`: its deadline passed without full performance, and it may still be cured until this day. */
  readonly cureUntil?: string;
  readonly performed?: string;
  readonly instances: readonly InstanceJson[];
  /** Set when `instances` lists only some of them (the default past 20): what the others are. */
  readonly instanceSummary?: InstanceSummaryJson;
  readonly because: Because;
}

export interface ValueJson {
  readonly value: JsonValue;
  readonly indeterminate?: true;
  readonly waitsFor?: readonly string[];
  /** No value yet because no event of the type in `waitsFor` has happened (not an undisclosed term). */
  readonly noneYet?: true;
  /** The reported approximations (`about X`) it rests on: computed with their figures, approximate. */
  readonly approximate?: readonly string[];
  /** The labels of the scenario assumptions it rests on (`ASSUMED-1`): its answer holds under them only. */
  readonly assumed?: readonly string[];
  /** What is known of an indeterminate value (`more than USD 13bn`): its bounds. */
  readonly bounds?: BoundsJson;
  /** A list of conditions (`define conditions = [a, b]`): each member, the pending ones, since when all are met. */
  readonly conditions?: ConditionsJson;
  /** A date with extensions (`D extended by …`): each extension met so far, in order. */
  readonly extensions?: readonly ExtensionJson[];
  readonly because: Because;
}

export interface ViolationJson {
  readonly kind: string;
  readonly norm: string;
  readonly version: string;
  readonly date: string;
  readonly event?: EventRef;
  readonly instance?: number;
  readonly reason?: string;
  readonly because: Because;
}

export interface ProposalJson {
  readonly version: string;
  readonly title: string;
  readonly binding: false;
  readonly effective: string;
  readonly changes: readonly { readonly id: string; readonly status: string; readonly proposedStatus: string }[];
  /** Definitions whose value would differ (`"absent"` when the definition does not exist on that side). */
  readonly valueChanges: readonly {
    readonly name: string;
    readonly value: JsonValue | 'absent';
    readonly proposedValue: JsonValue | 'absent';
  }[];
}

export interface StateJson {
  readonly asOf: string;
  readonly family: string;
  readonly governing: { readonly version: string; readonly title: string; readonly binding: boolean; readonly effective: string } | null;
  /** Set when evaluated under one version alone (`--version`). */
  readonly counterfactual?: string;
  /** Count of hypothetical events overlaid (`--events`, scenarios' events). */
  readonly hypothetical?: number;
  /** The scenarios applied, in order (`--scenario`, `--assume`, `--retract`): never the real timeline. */
  readonly scenarios?: readonly ScenarioJson[];
  /** The assumed values of undisclosed terms, labelled; every answer resting on one lists its label in `assumed`. */
  readonly assumed?: readonly AssumedJson[];
  /**
   * The events the ledger knows only to a period (`"date": "2021"`) that may have happened by this date: every answer
   * holds for each day they could have happened on, and what differs is indeterminate.
   */
  readonly imprecise?: readonly { readonly event: string; readonly period: string; readonly from: string; readonly to: string }[];
  /** Too many placements of those events to try them all: what could depend on them is left in doubt. */
  readonly impreciseSampled?: true;
  readonly proposals: readonly ProposalJson[];
  readonly norms: readonly NormJson[];
  readonly values: Readonly<Record<string, ValueJson>>;
  readonly violations: readonly ViolationJson[];
  readonly accounts: Readonly<Record<string, Account>>;
  readonly diagnostics: readonly Record<string, unknown>[];
}
