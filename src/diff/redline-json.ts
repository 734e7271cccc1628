/**
 * The redline between two versions of an agreement, as JSON (documented in docs/diff.md): the versions, what changed
 * in the versions themselves, the clauses added, removed and changed (each change typed and classified), the prose
 * redline of each changed clause and, optionally, the impact of the change on the same ledger.
 */

/** What a clause is: a norm kind, a definition or an event type. */
export type ClauseKind = 'obligation' | 'permission' | 'prohibition' | 'power' | 'consent' | 'definition' | 'event';

export interface VersionRef {
  readonly version: string;
  readonly title: string;
  readonly binding: boolean;
  readonly signed: string | null;
  readonly effective: string;
}

/** One changed part: `part` names what changed (`until`, `amount`, `binding`…), `from`/`to` its text (null when absent). */
export interface ChangeJson {
  readonly part: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly classification: string;
}

/** A clause present in only one of the two versions. */
export interface ClauseJson {
  readonly id: string;
  readonly kind: ClauseKind;
  readonly classification: string;
  readonly holder?: string;
  readonly counterparty?: string | null;
  /** The version whose document wrote the clause. */
  readonly version: string;
  readonly text: string;
  readonly trail: readonly string[];
}

/** A run of a word-level redline: text kept, removed (only in `from`) or added (only in `to`). */
export interface ProsePart {
  readonly op: 'same' | 'removed' | 'added';
  readonly text: string;
}

/** The word-level redline of a clause's own text (`field: "text"`) or of the prose of its section (`field: "prose"`). */
export interface ProseDiffJson {
  readonly field: 'text' | 'prose';
  readonly parts: readonly ProsePart[];
}

export interface ChangedClauseJson {
  readonly id: string;
  readonly kind: ClauseKind;
  /** Kind in `from` when it differs from `kind` (the kind in `to`). */
  readonly fromKind?: ClauseKind;
  readonly holder?: string;
  readonly counterparty?: string | null;
  /** What the change means for a lawyer: `right-widened`, `obligation-shortened`, `amount-increased`… */
  readonly classification: readonly string[];
  readonly changes: readonly ChangeJson[];
  readonly prose: readonly ProseDiffJson[];
  /** The versions whose documents wrote the clause in `from` and in `to`. */
  readonly fromVersion: string;
  readonly toVersion: string;
  readonly trail: readonly string[];
}

/** A clause unchanged in itself that uses a changed clause (`until agi` when `agi` was redefined). */
export interface AffectedJson {
  readonly id: string;
  readonly kind: ClauseKind;
  readonly holder?: string;
  readonly counterparty?: string | null;
  /** The changed clauses it uses, directly or through definitions that use them. */
  readonly uses: readonly string[];
}

/** A norm's status under one version, or null when the norm does not exist under it. */
export interface NormStatusJson {
  readonly status: string;
  readonly since: string;
  readonly until?: string;
  readonly endedBy?: string;
}

export interface ImpactNormJson {
  readonly id: string;
  readonly from: NormStatusJson | null;
  readonly to: NormStatusJson | null;
}

export interface ImpactJson {
  readonly asOf: string;
  /** Count of hypothetical events overlaid with `--events`. */
  readonly hypothetical: number;
  readonly norms: readonly ImpactNormJson[];
}

export interface RedlineJson {
  readonly family: string;
  readonly from: VersionRef;
  readonly to: VersionRef;
  readonly versionChanges: readonly ChangeJson[];
  readonly added: readonly ClauseJson[];
  readonly removed: readonly ClauseJson[];
  readonly changed: readonly ChangedClauseJson[];
  readonly affected: readonly AffectedJson[];
  readonly impact?: ImpactJson;
}
