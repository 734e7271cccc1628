/** The names visible while checking one version: parties, sources, event types, definitions and norms (base included). */
import type { HolidayCalendar } from '../values/holidays.js';
import type { Range, SourceFile } from '../source/source-file.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { IsoDate } from '../values/dates.js';
import type { FiscalYears, Period } from '../values/periods.js';
import type { EventType, Party, SourceInfo, Type } from './ir.js';

export interface DefinitionSig {
  readonly name: string;
  readonly at: Range;
  readonly file: string;
  /** Filled in as definitions are checked (in dependency order); undefined while not yet known. */
  type: Type | undefined;
  /** The definition's value when it is a fixed date (usable as an aggregate window bound). */
  fixedDate: IsoDate | null;
  /** The definition's value when it is a fixed period (so that `start of` it is a fixed date). */
  fixedPeriod?: Period | null;
  /** A running definition (`INIT then each EVENT: STEP`), whose value before an event `previous NAME` reads. */
  running?: boolean;
}

export interface Scope {
  readonly file: SourceFile;
  readonly version: string;
  /** The version's effective date (the default lower bound of its undisclosed dates). */
  readonly effective?: string;
  readonly parties: ReadonlyMap<string, Party>;
  readonly sources: ReadonlyMap<string, SourceInfo>;
  /** What `FYn` and `FYn of PARTY` mean in this version. */
  readonly fiscalYears: FiscalYears;
  readonly holidays: HolidayCalendar | null;
  /** The units quantities may be in (front matter `units`, the base's included). */
  readonly units: ReadonlySet<string>;
  readonly events: Map<string, EventType>;
  readonly definitions: Map<string, DefinitionSig>;
  /** Norm ids and kinds of the effective version. */
  readonly norms: Map<string, string>;
  /** The powers of the effective version that name a reason (`because R`), by id. */
  readonly reasons: Map<string, string>;
  /** The obligations of the effective version with no amount (an act to do, not a sum to pay): `amount of` refuses them. */
  readonly amountless: Set<string>;
  readonly diagnostics: Diagnostic[];
  trail: readonly string[];
  aggregateCount: number;
}

/** The event whose fields bare names refer to (inside `where`), and the trigger event of `for each`. */
export interface EventContext {
  readonly subject: string | null;
  readonly trigger: string | null;
  /** `for each a or b`: every type the trigger may have (`trigger` is the first); a field read of it must be in each. */
  readonly triggerTypes?: readonly string[];
  /** In the amount and the `for each … where` of a recurring clause: `previous NAME` may be read. */
  readonly previous?: boolean;
  /** In the step of a running definition: the definition's name (its value before the event) and type. */
  readonly self?: { readonly name: string; readonly type: Type };
}

export const NO_EVENT: EventContext = { subject: null, trigger: null };
