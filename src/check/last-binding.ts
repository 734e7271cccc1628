import type { Family, Version } from './ir.js';

/**
 * The family's last binding version (its last version when none binds): what a scenario overlays by default, and
 * whose undisclosed terms `--assume` and a what-if's `assume` set unless a version is asked.
 */
export function lastBinding(family: Family): Version | undefined {
  return [...family.versions].reverse().find((v) => v.binding) ?? family.versions[family.versions.length - 1];
}
