/** Options shared by every command: `--json` and `--lang en|fr` (default from PACTE_LANG, then en). */
import { InvalidArgumentError } from 'commander';
import type { Lang } from '../diagnostics/terms.js';
import type { ArgsTuple, StoredArgs } from '../messages/define-messages.js';
import { defineMessages } from '../messages/define-messages.js';

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

/**
 * The usage mistakes, in both languages (`detail` is a system's own message, such as a driver's; `localized`, a
 * message a command already says in the language asked, from its own table).
 */
export const usageWords = defineMessages({
  en: {
    'missing-path': 'missing path: pacte check <file.pacte.md | family-dir>…',
    'no-such-path': 'no such file or directory: {path}',
    'impact-options': '--as-of and --events go with --impact',
    'impact-needs-as-of': '--impact needs --as-of <date>',
    'bad-as-of': '--as-of must be a date YYYY-MM-DD, not {text}',
    'bad-date-option': '{option} must be a date YYYY-MM-DD, not {text}',
    'range-backwards': '--to ({to}) is before --from ({from})',
    'bad-every': '--every must be one of {units}, not {text}',
    'bad-instances': '--instances must be all (every instance) or summary (the default), not {text}',
    'range-too-long': 'a range has at most {max} dates: use a longer --every or a shorter range',
    'as-of-or-range': 'give either --as-of, or --from and --to (with --every)',
    'bad-data': "--data must be a JSON object of the event's fields, not {text}",
    'not-a-family': 'not a family directory: {dir}',
    'no-documents': 'no *.pacte.md document in {dir}',
    'no-events-file': 'no such events file: {path}',
    'unknown-version': 'unknown version {id}; versions: {versions}',
    'unknown-version-hint': 'unknown version {id} (did you mean {suggestion}?); versions: {versions}',
    'unknown-name': 'no norm or definition named {name} as of {date}',
    'unknown-name-hint': 'no norm or definition named {name} as of {date} (did you mean {suggestion}?)',
    'unknown-scenario': 'no scenario named {name} (scenarios/{name}.pacte.md or scenarios/{name}.jsonl); scenarios: {scenarios}',
    'name-in-proposal':
      '{name} is not in force as of {date}: it is a clause of the proposal {version} (not binding); ask with --version {version}',
    'name-in-scenario':
      '{name} is not in the agreement as of {date}: it is a clause of the scenario {scenario}; ask with --scenario {scenario}',
    'bad-port': '--port must be a port number (0 to 65535; 0 picks a free one), not {text}',
    'bad-budget': '--budget-ms must be a number of milliseconds from 100 to 600000, not {text}',
    'bad-workers': '--workers must be a number of worker threads from 0 to 64 (0 evaluates without a budget), not {text}',
    localized: '{text}',
    'no-db-file': 'no such database file: {file} (--db {url})',
    'bad-db-url': '{detail}',
    'cannot-open': 'cannot open {url}: {detail}',
  },
  fr: {
    'missing-path': 'chemin manquant : pacte check <fichier.pacte.md | dossier-de-famille>…',
    'no-such-path': 'fichier ou dossier introuvable : {path}',
    'impact-options': '`--as-of` et `--events` vont avec `--impact`',
    'impact-needs-as-of': '`--impact` demande `--as-of <date>`',
    'bad-as-of': '`--as-of` doit être une date AAAA-MM-JJ, pas {text}',
    'bad-date-option': '`{option}` doit être une date AAAA-MM-JJ, pas {text}',
    'range-backwards': '`--to` ({to}) est avant `--from` ({from})',
    'bad-every': '`--every` doit être {units}, pas {text}',
    'bad-instances': '`--instances` doit être all (toutes les occurrences) ou summary (par défaut), pas {text}',
    'range-too-long': 'une période a au plus {max} dates : prenez un `--every` plus long ou une période plus courte',
    'as-of-or-range': 'donnez soit `--as-of`, soit `--from` et `--to` (avec `--every`)',
    'bad-data': "`--data` doit être un objet JSON des champs de l'événement, pas {text}",
    'not-a-family': "ce n'est pas un dossier de famille : {dir}",
    'no-documents': 'aucun document *.pacte.md dans {dir}',
    'no-events-file': "fichier d'événements introuvable : {path}",
    'unknown-version': 'version inconnue {id} ; versions : {versions}',
    'unknown-version-hint': 'version inconnue {id} (vouliez-vous dire {suggestion} ?) ; versions : {versions}',
    'unknown-name': 'ni norme ni définition nommée {name} au {date}',
    'unknown-name-hint': 'ni norme ni définition nommée {name} au {date} (vouliez-vous dire {suggestion} ?)',
    'unknown-scenario': 'aucun scénario nommé {name} (scenarios/{name}.pacte.md ou scenarios/{name}.jsonl) ; scénarios : {scenarios}',
    'name-in-proposal':
      "{name} n'est pas en vigueur au {date} : c'est une clause de la proposition {version} (non contraignante) ; interrogez-la avec --version {version}",
    'name-in-scenario':
      "{name} n'est pas dans l'accord au {date} : c'est une clause du scénario {scenario} ; interrogez-le avec --scenario {scenario}",
    'bad-port': '`--port` doit être un numéro de port (0 à 65535 ; 0 en choisit un libre), pas {text}',
    'bad-budget': '`--budget-ms` doit être un nombre de millisecondes de 100 à 600000, pas {text}',
    'bad-workers': "`--workers` doit être un nombre de fils d'exécution de 0 à 64 (0 évalue sans limite de temps), pas {text}",
    localized: '{text}',
    'no-db-file': 'fichier de base introuvable : {file} (--db {url})',
    'bad-db-url': '{detail}',
    'cannot-open': "impossible d'ouvrir {url} : {detail}",
  },
});

type UsageCode = (typeof usageWords.codes)[number];

/** A usage mistake: printed without a stack trace, exit code 2, in the language of `--lang` (`message(lang)`). */
export class UsageError<C extends UsageCode = UsageCode> extends Error {
  readonly args: StoredArgs;
  constructor(
    readonly code: C,
    ...args: ArgsTuple<(typeof usageWords.en)[C]>
  ) {
    const stored: StoredArgs = args[0] ?? {};
    super(usageWords.formatStored('en', code, stored));
    this.args = stored;
  }
  /** The message in `lang`. */
  text(lang: Lang): string {
    return usageWords.formatStored(lang, this.code, this.args);
  }
}

/** The language a command line asks for (`--lang fr`, `--lang=fr`, else `PACTE_LANG`), for messages given before its options are read. */
export function langOf(argv: readonly string[]): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.slice('--lang='.length) : argv[i + 1];
  return value === 'en' || value === 'fr' ? value : defaultLang();
}
