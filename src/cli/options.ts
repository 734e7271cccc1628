/** Options shared by every command: `--json` and `--lang en|fr` (default from PACTE_LANG, then en). */
import { InvalidArgumentError } from 'commander';
import type { Lang } from '../diagnostics/terms.js';

export interface CommonOptions {
  readonly json?: boolean;
  readonly lang: Lang;
}

export function parseLang(value: string): Lang {
  if (value === 'en' || value === 'fr') return value;
  throw new InvalidArgumentError('expected en or fr');
}

export function defaultLang(): Lang {
  const env = process.env['PACTE_LANG'];
  return env === 'fr' ? 'fr' : 'en';
}

/** Where commands write: injectable so tests run the CLI in process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

/** A usage mistake: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}
