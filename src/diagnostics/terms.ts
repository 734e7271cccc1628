/**
 * Words that appear inside messages (types, clause kinds, hints) in both languages.
 * A diagnostic argument written `@key` or `@key:param` is looked up here when the message is rendered,
 * so diagnostics stay language-free values.
 */
import type { Lang } from '../messages/define-messages.js';
import { fill } from '../messages/define-messages.js';

export type { Lang };

const TERMS: Record<string, { en: string; fr: string }> = {
  money: { en: 'money', fr: 'un montant' },
  'money-in': { en: '{p} money', fr: 'un montant en {p}' },
  quantity: { en: 'a quantity', fr: 'une quantité' },
  'quantity-in': { en: 'a quantity in {p}', fr: 'une quantité en {p}' },
  price: { en: 'a price per unit', fr: 'un prix unitaire' },
  'price-per': { en: 'a price per {p}', fr: 'un prix par {p}' },
  percent: { en: 'a percentage', fr: 'un pourcentage' },
  number: { en: 'a number', fr: 'un nombre' },
  date: { en: 'a date', fr: 'une date' },
  datetime: { en: 'a date and time', fr: 'une date et une heure' },
  duration: { en: 'a duration', fr: 'une durée' },
  period: { en: 'a period', fr: 'une période' },
  bool: { en: 'a true/false value', fr: 'une valeur vrai/faux' },
  text: { en: 'text', fr: 'du texte' },
  party: { en: 'a party', fr: 'une partie' },
  list: { en: 'a list of conditions', fr: 'une liste de conditions' },
  unknown: { en: 'an undisclosed value', fr: 'une valeur non divulguée' },
  'date-or-bool': { en: 'a date or a condition', fr: 'une date ou une condition' },
  'money-or-number': { en: 'money or a number', fr: 'un montant ou un nombre' },
  mapping: { en: 'a mapping', fr: 'un dictionnaire' },
  string: { en: 'a string', fr: 'une chaîne' },
  boolean: { en: 'true or false', fr: '`true` ou `false`' },
  'iso-date': { en: 'a date YYYY-MM-DD', fr: 'une date AAAA-MM-JJ' },
  'party-id': {
    en: 'a name of letters, digits and _ (to name a party)',
    fr: 'un nom fait de lettres, de chiffres et de _ (pour nommer une partie)',
  },
  'version-id': { en: 'an id of letters, digits, `.`, `_` and `-`', fr: 'un identifiant fait de lettres, de chiffres, de `.`, `_` et `-`' },
  'source-status': { en: 'official, reported or unverified', fr: '`official`, `reported` ou `unverified`' },
  hint: { en: ' (did you mean `{p}`?)', fr: ' (vouliez-vous dire `{p}` ?)' },
  'event-ids': { en: 'a list of ledger event ids', fr: "une liste d'identifiants d'événements du registre" },
  'sc-clause': { en: 'clause', fr: 'la clause' },
  'sc-added': { en: 'added', fr: 'ajoutée' },
  'sc-replaced': { en: 'replaced', fr: 'remplacée' },
  'sc-removed': { en: 'removed', fr: 'supprimée' },
  'at-line': { en: 'at line {p}', fr: 'à la ligne {p}' },
  'in-file': { en: 'in {p}', fr: 'dans {p}' },
  'built-in': { en: 'as a built-in event type', fr: "comme type d'événement prédéfini" },
  'built-in-field': { en: 'as a field of every event', fr: 'comme champ de tout événement' },
  'needs-for-each': {
    en: '`for each EVENT` (the delay counts from each event)',
    fr: '`for each ÉVÉNEMENT` (le délai court à partir de chaque événement)',
  },
  'needs-amount': { en: 'an amount after the verb (`must pay USD 1m`)', fr: 'un montant après le verbe (`must pay USD 1m`)' },
  'end-of-block': { en: 'end of block', fr: 'la fin du bloc' },
  'syn-name': { en: 'a name', fr: 'un nom' },
  'syn-money': { en: 'money (USD 250bn)', fr: 'un montant (`USD 250bn`)' },
  'syn-quantity': { en: 'a quantity (2 GW)', fr: 'une quantité (`2 GW`)' },
  'syn-price': { en: 'a price per unit (USD 0.01 per share)', fr: 'un prix unitaire (`USD 0.01 per share`)' },
  'syn-date': { en: 'a date (2025-10-28)', fr: 'une date (`2025-10-28`)' },
  'syn-period': { en: 'a period (2026-Q1, FY2027)', fr: 'une période (`2026-Q1`, `FY2027`)' },
  'syn-duration': { en: 'a duration (60 days)', fr: 'une durée (`60 days`)' },
  'syn-percent': { en: 'a percentage (20%)', fr: 'un pourcentage (`20%`)' },
  'syn-number': { en: 'a number', fr: 'un nombre' },
  'syn-text': { en: 'a quoted text', fr: 'un texte entre guillemets' },
  'syn-expression': { en: 'an expression', fr: 'une expression' },
  'syn-where-and': {
    en: '`{p}` (a `where` condition that uses `and` or `or` goes in parentheses)',
    fr: '`{p}` (une condition `where` qui utilise `and` ou `or` se met entre parenthèses)',
  },
  'syn-operator': { en: 'an operator (`+`, `<`, `of`…)', fr: 'un opérateur (`+`, `<`, `of`…)' },
  'syn-statement': { en: 'a statement (`event`, `define`, `obligation`…)', fr: 'une instruction (`event`, `define`, `obligation`…)' },
  'syn-modifier': { en: 'a clause modifier (`by`, `until`, `when`…)', fr: 'un modificateur de clause (`by`, `until`, `when`…)' },
  'source-status-of': { en: 'the source status', fr: 'le statut de la source' },
  'end-of-input': { en: 'end of input', fr: 'la fin du texte' },
  'end-of-line': { en: 'end of line', fr: 'la fin de la ligne' },
  or: { en: ' or ', fr: ' ou ' },
  condition: { en: 'the condition', fr: 'la condition' },
  amount: { en: 'the amount', fr: 'le montant' },
  deadline: { en: 'the deadline', fr: "l'échéance" },
  delay: { en: 'the delay', fr: 'le délai' },
  start: { en: 'the start', fr: 'le début' },
  end: { en: 'the end', fr: 'la fin' },
  cap: { en: 'the cap', fr: 'le plafond' },
  window: { en: 'the window', fr: 'la fenêtre' },
  operand: { en: 'the operand', fr: "l'opérande" },
  aggregate: { en: 'the aggregated field', fr: 'le champ agrégé' },
  amends: { en: '`amends`', fr: '`amends`' },
  supersedes: { en: '`supersedes`', fr: '`supersedes`' },
  'a-party': { en: 'a party', fr: 'une partie' },
  'json-object': { en: 'an object', fr: 'un objet' },
  'record-kind': { en: '`public` or `own`', fr: '`public` ou `own`' },
  'json-array': { en: 'an array', fr: 'un tableau' },
  'a-definition': { en: 'a definition', fr: 'une définition' },
  'a-clause': { en: 'a clause', fr: 'une clause' },
  'an-event': { en: 'an event type', fr: "un type d'événement" },
  'a-field': { en: 'a field', fr: 'un champ' },
  obligation: { en: 'obligation', fr: 'obligation' },
  permission: { en: 'permission', fr: 'permission' },
  prohibition: { en: 'prohibition', fr: 'interdiction' },
  power: { en: 'power', fr: 'pouvoir' },
  consent: { en: 'consent', fr: 'consentement' },
  'quote-markers': { en: 'block-quote markers (`>`)', fr: 'marques de citation (`>`)' },
  'paragraph-markup': {
    en: 'inline markup characters (`*`, `_`, `[`, `]`, `` ` ``, `<`, `!`, `~`) in one paragraph',
    fr: 'caractères de balisage en ligne (`*`, `_`, `[`, `]`, `` ` ``, `<`, `!`, `~`) dans un paragraphe',
  },
  'inline-markup': {
    en: 'inline markup characters (`*`, `_`, `[`, `]`, `` ` ``, `<`, `!`, `~`) outside code blocks',
    fr: 'caractères de balisage en ligne (`*`, `_`, `[`, `]`, `` ` ``, `<`, `!`, `~`) hors des blocs de code',
  },
  'id-empty': { en: 'is empty', fr: 'est vide' },
  'id-surrogate': { en: 'has a lone UTF-16 surrogate', fr: 'contient un demi-caractère UTF-16 isolé' },
  'id-length': { en: 'has {p} characters (at most 128)', fr: 'a {p} caractères (128 au plus)' },
  'id-nfc': { en: 'is not in Unicode normal form NFC', fr: "n'est pas en forme normale Unicode NFC" },
  'id-space': { en: 'starts or ends with a space', fr: 'commence ou finit par une espace' },
  'id-unprintable': { en: 'has a character that is not printable ({p})', fr: 'contient un caractère non imprimable ({p})' },
  // A clause of a kind, with its article (`an obligation`): `modal-mismatch`, `misplaced-modifier`, `not-a-power`.
  'an-obligation': { en: 'an obligation', fr: 'une clause obligation' },
  'a-permission': { en: 'a permission', fr: 'une clause permission' },
  'a-prohibition': { en: 'a prohibition', fr: 'une clause interdiction' },
  'a-power': { en: 'a power', fr: 'une clause pouvoir' },
  'a-consent': { en: 'a consent', fr: 'une clause consentement' },
  // An event of a declared type, with the English article its name calls for.
  'a-typed-event': { en: 'a `{p}` event', fr: 'un événement `{p}`' },
  'an-typed-event': { en: 'an `{p}` event', fr: 'un événement `{p}`' },
};

/** Every term's key (for tests: each one is checked in French). */
export const TERM_KEYS: readonly string[] = Object.keys(TERMS);

/** Translates one argument: `@money-in:USD` → `USD money` / `un montant en USD`; other values are kept. */
export function term(value: string | number, lang: Lang): string {
  if (typeof value === 'number') return String(value);
  if (!value.startsWith('@')) return value;
  const parts = value
    .slice(1)
    .split('|@')
    .map((part) => {
      const colon = part.indexOf(':');
      const key = colon < 0 ? part : part.slice(0, colon);
      const param = colon < 0 ? '' : part.slice(colon + 1);
      const t = TERMS[key];
      return t ? fill(t[lang], { p: param }) : part;
    });
  // `a, b or c`
  const last = parts.pop() ?? '';
  return parts.length === 0 ? last : `${parts.join(', ')}${TERMS['or']![lang]}${last}`;
}

/** A clause of kind `kind` with its article, as a term: `@an-obligation` → `an obligation` / `une clause obligation`. */
export function aClause(kind: string): string {
  return `@${/^[aeiou]/.test(kind) ? 'an' : 'a'}-${kind}`;
}

/** `@hint:name` when a suggestion exists, else the empty string. */
export function hint(suggestion: string | undefined): string {
  return suggestion ? `@hint:${suggestion}` : '';
}

/** The holders of a clause as read: `investor or company` (`investor ou company` in French); one holder alone. */
export function holdersLabel(lang: Lang, holders: readonly string[]): string {
  return holders.join(lang === 'fr' ? ' ou ' : ' or ');
}
