/**
 * The statuses a clause of each kind can have (docs/state.md "Statuses"), for `c is S` and `date c became S`:
 * `permission p is violated` is reported as `status-not-applicable`. `indeterminate` is no status of its own: it is
 * the doubt between several of them, which `c is S` reads as unknown.
 */
export const OUTCOME_STATUSES: Readonly<Record<string, readonly string[]>> = {
  obligation: ['pending', 'active', 'suspended', 'fulfilled', 'violated', 'expired', 'terminated', 'unreported'],
  permission: ['pending', 'active', 'suspended', 'expired', 'terminated'],
  prohibition: ['pending', 'active', 'suspended', 'violated', 'expired', 'terminated'],
  power: ['pending', 'active', 'suspended', 'exercised', 'expired', 'terminated'],
  consent: ['pending', 'requested', 'given', 'refused', 'lapsed', 'expired', 'terminated'],
};

/**
 * The status at which a clause meets a condition of a list (`define conditions = [ec_approval, …]`): an obligation
 * fulfilled, a power exercised, a consent given. Permissions and prohibitions meet none.
 */
export const MET_STATUS: Readonly<Partial<Record<string, string>>> = { obligation: 'fulfilled', power: 'exercised', consent: 'given' };

/** Every status some clause can have: a word outside it is no status at all. */
export const ALL_OUTCOME_STATUSES: readonly string[] = [...new Set(Object.values(OUTCOME_STATUSES).flat())].sort();
