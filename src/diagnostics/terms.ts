/**
 * Words that appear inside messages (types, clause kinds, hints) in both languages.
 * A diagnostic argument written `@key` or `@key:param` is looked up here when the message is rendered,
 * so diagnostics stay language-free values.
 */
export type Lang = 'en' | 'fr';

const TERMS: Record<string, { en: string; fr: string }> = {
  'money': { en: 'money', fr: 'un montant' },
  'money-in': { en: '{p} money', fr: 'un montant en {p}' },
  'percent': { en: 'a percentage', fr: 'un pourcentage' },
  'number': { en: 'a number', fr: 'un nombre' },
  'date': { en: 'a date', fr: 'une date' },
  'duration': { en: 'a duration', fr: 'une durée' },
  'period': { en: 'a period', fr: 'une période' },
  'bool': { en: 'a condition (true/false)', fr: 'une condition (vrai/faux)' },
  'text': { en: 'text', fr: 'du texte' },
  'party': { en: 'a party', fr: 'une partie' },
  'unknown': { en: 'an undisclosed value', fr: 'une valeur non divulguée' },
  'date-or-bool': { en: 'a date or a condition', fr: 'une date ou une condition' },
  'money-or-number': { en: 'money or a number', fr: 'un montant ou un nombre' },
  'mapping': { en: 'a mapping', fr: 'un dictionnaire' },
  'string': { en: 'a string', fr: 'une chaîne' },
  'boolean': { en: 'true or false', fr: 'true ou false' },
  'iso-date': { en: 'a date YYYY-MM-DD', fr: 'une date AAAA-MM-JJ' },
  'version-id': { en: 'a version id', fr: 'un identifiant de version' },
  'source-status': { en: 'official, reported or unverified', fr: 'official, reported ou unverified' },
  'hint': { en: ' (did you mean `{p}`?)', fr: ' (vouliez-vous dire `{p}` ?)' },
  'end-of-block': { en: 'end of block', fr: 'la fin du bloc' },
  'end-of-input': { en: 'end of input', fr: 'la fin du texte' },
  'or': { en: ' or ', fr: ' ou ' },
  'condition': { en: 'the condition', fr: 'la condition' },
  'amount': { en: 'the amount', fr: 'le montant' },
  'deadline': { en: 'the deadline', fr: "l'échéance" },
  'delay': { en: 'the delay', fr: 'le délai' },
  'start': { en: 'the start', fr: 'le début' },
  'end': { en: 'the end', fr: 'la fin' },
  'cap': { en: 'the cap', fr: 'le plafond' },
  'window': { en: 'the window', fr: 'la fenêtre' },
  'operand': { en: 'the operand', fr: "l'opérande" },
  'aggregate': { en: 'the aggregated field', fr: 'le champ agrégé' },
  'amends': { en: '`amends`', fr: '`amends`' },
  'supersedes': { en: '`supersedes`', fr: '`supersedes`' },
  'a-party': { en: 'a party', fr: 'une partie' },
  'a-definition': { en: 'a definition', fr: 'une définition' },
  'a-clause': { en: 'a clause', fr: 'une clause' },
  'an-event': { en: 'an event type', fr: "un type d'événement" },
  'a-field': { en: 'a field', fr: 'un champ' },
  'obligation': { en: 'obligation', fr: 'obligation' },
  'permission': { en: 'permission', fr: 'permission' },
  'prohibition': { en: 'prohibition', fr: 'interdiction' },
  'power': { en: 'power', fr: 'pouvoir' },
  'consent': { en: 'consent', fr: 'consentement' },
};

/** Translates one argument: `@money-in:USD` → `USD money` / `un montant en USD`; other values are kept. */
export function term(value: string | number, lang: Lang): string {
  if (typeof value === 'number') return String(value);
  if (!value.startsWith('@')) return value;
  return value
    .slice(1)
    .split('|@')
    .map((part) => {
      const colon = part.indexOf(':');
      const key = colon < 0 ? part : part.slice(0, colon);
      const param = colon < 0 ? '' : part.slice(colon + 1);
      const t = TERMS[key];
      return t ? t[lang].replace('{p}', param) : part;
    })
    .join(TERMS['or']![lang]);
}

/** `@hint:name` when a suggestion exists, else the empty string. */
export function hint(suggestion: string | undefined): string {
  return suggestion ? `@hint:${suggestion}` : '';
}
