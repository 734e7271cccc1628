/**
 * The syntax of an event id: 1 to 128 characters, in Unicode normal form NFC, each printable — a letter, mark,
 * number, punctuation or symbol, or a space between two of them — so no control, format (bidi overrides,
 * zero-width), unassigned, private-use or lone-surrogate character. One id has one spelling: the NFC and NFD forms of
 * `café` would otherwise be two ids that look the same.
 */

export const MAX_ID_LENGTH = 128;

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}](?:[\p{L}\p{M}\p{N}\p{P}\p{S} ]*[\p{L}\p{M}\p{N}\p{P}\p{S}])?$/u;
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why `id` is not a valid event id, as a message term (diagnostics/terms.ts: `@id-nfc`, `@id-length:300`,
 * `@id-unprintable:U+202E`), or null when it is valid.
 */
export function idProblem(id: string): string | null {
  if (id === '') return '@id-empty';
  if (LONE_SURROGATE.test(id)) return '@id-surrogate';
  const length = [...id].length;
  if (length > MAX_ID_LENGTH) return `@id-length:${length}`;
  if (id.normalize('NFC') !== id) return '@id-nfc';
  if (!PRINTABLE.test(id)) {
    const bad = [...id].find((c, i, all) => !/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(c) && !(c === ' ' && i > 0 && i < all.length - 1));
    if (bad === undefined || bad === ' ') return '@id-space';
    return `@id-unprintable:U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return null;
}

/** The id as it can be shown in a message: every character that is not printable written `\u{…}`. */
export function shownId(id: string): string {
  return [...id]
    .map((c) => (/[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(c) ? c : `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`))
    .join('');
}
