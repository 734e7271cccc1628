/**
 * The one mechanism behind every sentence pacte prints (diagnostics, explanations, the redline, server errors, the
 * UI): a table per language keyed by code, `{name}` placeholders, and one substitution.
 *
 *     const m = defineMessages({
 *       en: { 'no-family': 'no family {name}' },
 *       fr: { 'no-family': 'aucune famille {name}' },
 *     });
 *     m.format('fr', 'no-family', { name: 'acme' }); // 'aucune famille acme'
 *
 * The arguments are typed from the English table's string literal types: a missing or misspelt argument is a compile
 * error, and so is a French table that lacks a code or whose placeholders differ from the English ones. This folder
 * imports nothing of pacte, so every stage and the web UI can use it.
 *
 * intl-messageformat (DESIGN.md §6) is not used: it parses ICU syntax at run time and does not type a message's
 * arguments, while pacte's messages need only `{name}`; a count that changes the wording is two codes
 * (`checked` / `checked-warnings`), and values are formatted for the language before they are inserted (values/).
 */

/** The languages pacte speaks. */
export type Lang = 'en' | 'fr';

export const LANGS: readonly Lang[] = ['en', 'fr'];

/** The placeholders of a template: `'no {what} {name}'` → `'what' | 'name'`. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** An argument value: text is inserted as is, a number in its plain decimal form. */
export type ArgValue = string | number;

/** The arguments of a template: exactly its placeholders. */
export type ArgsOf<S extends string> = { readonly [K in Placeholders<S>]: ArgValue };

/** The arguments after the code: none for a template without placeholders, else its arguments. */
export type ArgsTuple<S extends string> = [Placeholders<S>] extends [never]
  ? [args?: { readonly [name: string]: never }]
  : [args: ArgsOf<S>];

type Table = Readonly<Record<string, string>>;

/** A French template is accepted when its placeholders are the English ones; else its type names them. */
type SamePlaceholders<E extends Table, F extends { readonly [C in keyof E]: string }> = {
  readonly [C in keyof E]: [Placeholders<F[C]>] extends [Placeholders<E[C]>]
    ? [Placeholders<E[C]>] extends [Placeholders<F[C]>]
      ? F[C]
      : `placeholders of ${C & string}: {${Placeholders<E[C]> & string}}`
    : `placeholders of ${C & string}: {${Placeholders<E[C]> & string}}`;
};

/** Arguments as stored in a value (a diagnostic, an HTTP error), already checked where they were made. */
export type StoredArgs = Readonly<Record<string, ArgValue>>;

export interface Messages<E extends Table> {
  /** Every code, in the English table's order. */
  readonly codes: readonly (keyof E & string)[];
  /** The English templates with their literal types (`ArgsTuple<typeof m.en[C]>` types a helper's arguments). */
  readonly en: E;
  readonly tables: { readonly [L in Lang]: { readonly [C in keyof E]: string } };
  /** The sentence `code` in `lang` with its placeholders filled. */
  format<C extends keyof E & string>(lang: Lang, code: C, ...args: ArgsTuple<E[C]>): string;
  /** The same for arguments kept in a value; `show` may translate each argument first (diagnostics' terms). */
  formatStored(lang: Lang, code: keyof E & string, args: StoredArgs, show?: (value: ArgValue) => string): string;
  /** Whether `code` is one of this table's codes (for codes that come from data). */
  has(code: string): code is keyof E & string;
  /** The names of the placeholders of `code` (for tests that render every code). */
  placeholders(code: keyof E & string): string[];
  /**
   * The code and arguments of a text made by `format('en', …)`, or null: for language-free data that stores English
   * sentences (what an undisclosed value waits for), to say them again in another language.
   */
  parse(text: string): { code: keyof E & string; args: StoredArgs } | null;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The one substitution: `{name}` becomes the argument's text; a missing argument leaves nothing. */
export function fill(template: string, args: StoredArgs, show: (value: ArgValue) => string = String): string {
  return template.replace(PLACEHOLDER, (_, k: string) => {
    const v = args[k];
    return v === undefined ? '' : show(v);
  });
}

/** Builds a message table from its English and French templates (see the module comment). */
export function defineMessages<const E extends Table, const F extends { readonly [C in keyof E]: string }>(tables: {
  readonly en: E;
  readonly fr: F & SamePlaceholders<E, F>;
}): Messages<E> {
  const byLang: { readonly [L in Lang]: { readonly [C in keyof E]: string } } = { en: tables.en, fr: tables.fr };
  const codes = Object.keys(tables.en) as (keyof E & string)[];
  return {
    codes,
    en: tables.en,
    tables: byLang,
    format: (lang, code, ...args) => fill(byLang[lang][code], args[0] ?? {}),
    formatStored: (lang, code, args, show) => fill(byLang[lang][code], args, show),
    has: (code): code is keyof E & string => Object.hasOwn(tables.en, code),
    placeholders: (code) => [...tables.en[code]!.matchAll(PLACEHOLDER)].map((m) => m[1]!),
    parse: (text) => {
      for (const code of codes) {
        const names: string[] = [];
        const source = tables.en[code]!.split(PLACEHOLDER).map((part, i) => {
          if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(part);
          return '(.+?)';
        });
        const m = new RegExp(`^${source.join('')}$`, 's').exec(text);
        if (m) return { code, args: Object.fromEntries(names.map((n, i) => [n, m[i + 1]!])) };
      }
      return null;
    },
  };
}
