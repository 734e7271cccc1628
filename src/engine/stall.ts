/**
 * `guarded`: one norm's step of the fold, stalled rather than thrown when a date it needs falls outside the years
 * 0001–9999 (`DateRangeError`), so that one clause that cannot be evaluated does not stop the others.
 */
import type { IsoDate } from '../values/dates.js';
import { DateRangeError } from '../values/dates.js';
import type { NormState } from './norm-state.js';
import { setStatus } from './norm-state.js';
import { outsideCalendar } from './val.js';

/**
 * Runs one norm's step of the day. A date it needs outside the years 0001–9999 (a computation no check could see
 * before, e.g. through a definition) stalls that norm alone: `indeterminate`, waiting for a date in the calendar,
 * reported as `date-range` in the state; the fold goes on for the others. Any other exception is a bug and is thrown.
 */
export function guarded(n: NormState, day: IsoDate, step: () => void): void {
  if (n.stalled !== null) return;
  try {
    step();
  } catch (e) {
    if (!(e instanceof DateRangeError)) throw e;
    n.stalled = outsideCalendar(e);
    setStatus(n, 'indeterminate', day, n.cause);
    n.waitsFor = [n.stalled];
  }
}
