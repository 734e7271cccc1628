/**
 * A property of a state's JSON computed when first read: an explanation tree is built only if it is sent (a state
 * merged from several placements of an imprecise event sends one placement's explanations, and the others' only where
 * they differ). `JSON.stringify`, spreads and `structuredClone` read it like any other property.
 */

/** The placeholder that keeps a later property's place among the keys (so the JSON's key order does not change). */
export const LATER = undefined as never;

/** `obj`, whose `key` (already present, as LATER) is `compute()`, computed once when first read. */
export function withLater<T extends object, K extends keyof T>(obj: T, key: K, compute: () => T[K]): T {
  let done = false;
  let value: T[K];
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!done) {
        value = compute();
        done = true;
      }
      return value;
    },
  });
  return obj;
}
