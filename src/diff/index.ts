/** The redline, for the library's public API: diff two versions, measure the impact on a ledger, render as text. */
export { diffVersions, redline } from './diff-versions.js';
export { impact } from './impact.js';
export { renderRedline } from './render-redline.js';
export type * from './redline-json.js';
