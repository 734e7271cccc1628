/** Shared by the security tests: the built `pacte` in its own process (so a hang is a timeout, not a stuck test run). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
  /** The process was killed at the timeout. */
  readonly timedOut: boolean;
}

export function pacte(args: readonly string[], opts: { cwd?: string; timeout?: number } = {}): Run {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'pacte.js'), ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: opts.timeout ?? 60_000,
    env: { ...process.env, PACTE_LANG: 'en', PACTE_DEBUG: '' },
  });
  return {
    code: r.status,
    out: r.stdout,
    err: r.stderr,
    timedOut: r.error !== undefined && (r.error as { code?: string }).code === 'ETIMEDOUT',
  };
}

/** A stack trace line as Node prints it. */
export const STACK = /\n\s+at .+[(:]\d+/;
