/** docs/http.md's examples are what a real run gives: the test reruns scripts/http-examples.mjs in check mode. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('the examples in docs/http.md are up to date (else: npm run build && node scripts/http-examples.mjs)', () => {
  const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'http-examples.mjs'), '--check'], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
