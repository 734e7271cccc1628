/** The reserved words of the `pacte` language: none of them can name an event, field, definition, clause or party. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'event', 'define', 'obligation', 'permission', 'prohibition', 'power', 'consent', 'remove', 'replace',
  'must', 'not', 'may', 'can', 'needs', 'to', 'for', 'each', 'within', 'by', 'from', 'until', 'when', 'while',
  'suspended', 'overrides', 'capped', 'at', 'lapses', 'after', 'deemed', 'given', 'source', 'where', 'and', 'or',
  'of', 'sum', 'count', 'exists', 'latest', 'first', 'undisclosed', 'exercised', 'true', 'false', 'since', 'between',
  'if', 'then', 'else',
]);
