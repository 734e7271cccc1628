/** The sentences of explanations, in English and French. One table per language, keyed like diagnostics. */
import type { ArgsTuple, Lang } from '../messages/define-messages.js';
import { defineMessages } from '../messages/define-messages.js';

const EN = {
  'in-force-version': '`{id}` is in force from {since}: version {version} governs from that day',
  'starts-on': '`{id}` starts on {date}',
  'started-condition': '`{id}` started on {since}, when its start condition was met',
  'waits-start': '`{id}` has not started: it waits for its start condition',
  'consent-pending': "{holder}'s consent has not been requested",
  requested: '{asker} asked {holder} for consent on {since}',
  given: '{holder} gave consent on {since}',
  refused: '{holder} refused consent on {since}',
  deemed: 'consent is deemed given on {since}: no answer to the request within the delay (last day {date})',
  lapsed: 'the request lapsed on {since}: no answer within the delay (last day {date})',
  fulfilled: '{holder} performed `{id}` on {since}',
  missed: 'the deadline {date} passed without full performance: violated since {since}',
  unreported:
    'the deadline {date} passed and no performance was reported: the ledger is the public record, so it may have been performed unreported (fulfilled, or violated)',
  breached: '{holder} did what `{id}` prohibits on {since}',
  expired: 'its last day in force was {date}',
  superseded: 'version {version} no longer has this clause: terminated since {since}',
  'ended-condition': 'its end condition `{text}` became true on {since}',
  'ended-power': 'the power `{text}` was exercised on {since}',
  exercised: '{holder} exercised the power on {since}',
  'exercised-for': '{holder} exercised the power on {since}, for `{reason}`',
  'follows-exercise': 'because `{power}` was exercised on {since}',
  'follows-exercise-for': 'because the agreement was terminated by `{power}` on {since}, for `{reason}`',
  indeterminate: 'its status depends on undisclosed terms: {waits}',
  suspended: 'suspended since {since}: `{text}` holds',
  'suspended-when': 'suspended since {since}: its condition `{text}` does not hold',
  resumed: 'in force again since {since}',
  definition: '`{name}` = {value}',
  'definition-unknown': '`{name}` is indeterminate: it waits for {waits}',
  'definition-none-yet': '`{name}` has no value yet: no {waits} event that counts yet',
  'definition-no-status-yet': '`{name}` has no value yet: {clauses} has not had that status yet',
  aggregate: '{fn} over {count} `{event}` event(s)',
  'violation-breach': '{norm}: prohibited act on {date}',
  'violation-possible-breach': '{norm}: possibly prohibited act on {date} (whether it was prohibited depends on undisclosed terms)',
  'violation-missed-deadline': '{norm}: deadline missed, violated since {date}',
  'violation-without-consent': '{norm}: act done on {date} without the required consent ({reason})',
  'violation-invalid-exercise': '{norm}: invalid exercise of the power on {date} ({reason})',
  'violation-possible-exercise': '{norm}: possible exercise of the power on {date} (whether it was valid depends on undisclosed terms)',
  'violation-not-entitled': '{norm}: answer given on {date} by a party whose consent is not required',
  undisclosed: 'undisclosed',
  'indeterminate-value': 'indeterminate',
  true: 'true',
  false: 'false',
  'condition-holds': 'the condition `{text}` holds',
  'condition-fails': 'the condition `{text}` does not hold',
  'no-case': 'no case of `{name}` applies: none of its conditions holds',
  'under-assumption': 'under {label} (scenario {scenario}): `{term}` is assumed to be {value}, not disclosed',
  'under-assumption-cli': 'under {label} (--assume): `{term}` is assumed to be {value}, not disclosed',
  'scenario-clause': 'clause of scenario {scenario}, not of the agreement',
  'imprecise-status': 'its status depends on the day of {events}: the ledger knows only a period',
  'imprecise-since': 'the day its status began depends on the day of {events}: the ledger knows only a period',
  'imprecise-value': '`{name}` depends on the day of {events}: the ledger knows only a period',
  'placement-on': 'if {placement}: {status} since {since}',
  'placement-value': 'if {placement}: {value}',
  'placement-day': '`{event}` happened on {day}',
  'placement-not-yet': '`{event}` has not happened yet',
  'violation-imprecise': '{norm}: possibly on {date}, depending on the day of {events} (the ledger knows only a period)',
  'list-all-met': '`{name}` = all met since {date}',
  'list-all-met-undated': '`{name}` = all met',
  'list-pending': '`{name}` = pending: {pending} ({met} of {total} met)',
  'list-doubt': '`{name}` = in doubt: {doubt} ({met} of {total} met{pending})',
  'list-doubt-pending': ', pending: {pending}',
  'member-met': '`{name}` met since {date}',
  'member-met-undated': '`{name}` met (day not known)',
  'member-pending': '`{name}` pending',
  'member-doubt': '`{name}` in doubt: it waits for {waits}',
  'extension-applied': '{from} extended by {by} on {day}: `{text}` did not hold on {from}',
  'extension-automatic': '{from} extended by {by} on {day}',
  'extension-elected': '{from} extended by {by} by `{event}` ({type}, {day})',
  'extension-kept': 'not extended on {day}: `{text}` held on {from}',
  'extension-doubt': '{from} may have been extended by {by} on {day}: whether `{text}` held is not known',
  'extended-value': '`{name}` = {value} ({steps})',
} as const;

export type WhyCode = keyof typeof EN;

const FR = {
  'in-force-version': '`{id}` est en vigueur depuis le {since} : la version {version} régit à partir de ce jour',
  'starts-on': '`{id}` commence le {date}',
  'started-condition': '`{id}` a commencé le {since}, quand sa condition de départ a été remplie',
  'waits-start': "`{id}` n'a pas commencé : il attend sa condition de départ",
  'consent-pending': "le consentement de {holder} n'a pas été demandé",
  requested: '{asker} a demandé le consentement de {holder} le {since}',
  given: '{holder} a donné son consentement le {since}',
  refused: '{holder} a refusé son consentement le {since}',
  deemed: 'consentement réputé donné le {since} : pas de réponse à la demande dans le délai (dernier jour {date})',
  lapsed: 'la demande est caduque depuis le {since} : pas de réponse dans le délai (dernier jour {date})',
  fulfilled: '{holder} a exécuté `{id}` le {since}',
  missed: "l'échéance du {date} est passée sans exécution complète : violée depuis le {since}",
  unreported:
    "l'échéance du {date} est passée sans qu'aucune exécution soit rapportée : le registre est le registre public, elle a pu avoir lieu sans être rapportée (exécutée, ou violée)",
  breached: '{holder} a fait ce que `{id}` interdit, le {since}',
  expired: 'son dernier jour en vigueur était le {date}',
  superseded: 'la version {version} ne contient plus cette clause : résiliée depuis le {since}',
  'ended-condition': 'sa condition de fin `{text}` est devenue vraie le {since}',
  'ended-power': 'le pouvoir `{text}` a été exercé le {since}',
  exercised: '{holder} a exercé ce pouvoir le {since}',
  'exercised-for': '{holder} a exercé ce pouvoir le {since}, pour le motif `{reason}`',
  'follows-exercise': 'car `{power}` a été exercé le {since}',
  'follows-exercise-for': 'car l’accord a été résilié par `{power}` le {since}, pour le motif `{reason}`',
  indeterminate: 'son statut dépend de termes non divulgués : {waits}',
  suspended: 'suspendue depuis le {since} : `{text}` est vrai',
  'suspended-when': "suspendue depuis le {since} : sa condition `{text}` n'est pas remplie",
  resumed: 'de nouveau en vigueur depuis le {since}',
  definition: '`{name}` = {value}',
  'definition-unknown': '`{name}` est indéterminé : il attend {waits}',
  'definition-none-yet': '`{name}` n’a pas encore de valeur : aucun événement {waits} retenu pour l’instant',
  'definition-no-status-yet': '`{name}` n’a pas encore de valeur : {clauses} n’a pas encore eu ce statut',
  aggregate: '{fn} sur {count} événement(s) `{event}`',
  'violation-breach': '{norm} : acte interdit le {date}',
  'violation-possible-breach': '{norm} : acte peut-être interdit le {date} (son interdiction dépend de termes non divulgués)',
  'violation-missed-deadline': '{norm} : échéance manquée, violée depuis le {date}',
  'violation-without-consent': '{norm} : acte accompli le {date} sans le consentement requis ({reason})',
  'violation-invalid-exercise': '{norm} : exercice invalide du pouvoir le {date} ({reason})',
  'violation-possible-exercise': '{norm} : exercice possible du pouvoir le {date} (sa validité dépend de termes non divulgués)',
  'violation-not-entitled': "{norm} : réponse donnée le {date} par une partie dont le consentement n'est pas requis",
  undisclosed: 'non divulgué',
  'indeterminate-value': 'indéterminé',
  true: 'vrai',
  false: 'faux',
  'condition-holds': 'la condition `{text}` est remplie',
  'condition-fails': "la condition `{text}` n'est pas remplie",
  'no-case': "aucun cas de `{name}` ne s'applique : aucune de ses conditions n'est remplie",
  'under-assumption': 'sous {label} (scénario {scenario}) : `{term}` est supposé valoir {value}, non divulgué',
  'under-assumption-cli': 'sous {label} (--assume) : `{term}` est supposé valoir {value}, non divulgué',
  'scenario-clause': "clause du scénario {scenario}, pas de l'accord",
  'imprecise-status': "son statut dépend du jour de {events} : le registre ne connaît qu'une période",
  'imprecise-since': "le jour où son statut a commencé dépend du jour de {events} : le registre ne connaît qu'une période",
  'imprecise-value': "`{name}` dépend du jour de {events} : le registre ne connaît qu'une période",
  'placement-on': 'si {placement} : {status} depuis le {since}',
  'placement-value': 'si {placement} : {value}',
  'placement-day': '`{event}` a eu lieu le {day}',
  'placement-not-yet': "`{event}` n'a pas encore eu lieu",
  'violation-imprecise': "{norm} : peut-être le {date}, selon le jour de {events} (le registre ne connaît qu'une période)",
  'list-all-met': '`{name}` = toutes remplies depuis le {date}',
  'list-all-met-undated': '`{name}` = toutes remplies',
  'list-pending': '`{name}` = en attente : {pending} ({met} sur {total} remplies)',
  'list-doubt': '`{name}` = incertaines : {doubt} ({met} sur {total} remplies{pending})',
  'list-doubt-pending': ', en attente : {pending}',
  'member-met': '`{name}` remplie depuis le {date}',
  'member-met-undated': '`{name}` remplie (jour inconnu)',
  'member-pending': '`{name}` en attente',
  'member-doubt': '`{name}` incertaine : elle attend {waits}',
  'extension-applied': "{from} prorogée de {by} le {day} : `{text}` n'était pas remplie le {from}",
  'extension-automatic': '{from} prorogée de {by} le {day}',
  'extension-elected': '{from} prorogée de {by} par `{event}` ({type}, {day})',
  'extension-kept': 'non prorogée le {day} : `{text}` était remplie le {from}',
  'extension-doubt': '{from} peut-être prorogée de {by} le {day} : on ignore si `{text}` était remplie',
  'extended-value': '`{name}` = {value} ({steps})',
} as const;

export const whyMessages = defineMessages({ en: EN, fr: FR });

/**
 * What an undisclosed value waits for besides unknown terms: the engine stores these sentences in English in the
 * state JSON (`waitsFor`, language-free data), and `waitsText` says them in the reader's language.
 */
export const waitsMessages = defineMessages({
  en: {
    'no-case': 'no case of `{name}` applies',
    'decimal-places': 'a whole number of decimal places ({n})',
    'exchange-rate': 'an exchange rate ({currencies})',
    conversion: 'a conversion between {from} and {to}',
    'division-by-zero': 'division by zero',
    'whole-duration': 'a whole number of `{unit}`',
    'event-day': 'the day of `{event}` (known only as {period})',
  },
  fr: {
    'no-case': "aucun cas de `{name}` ne s'applique",
    'decimal-places': 'un nombre entier de décimales ({n})',
    'exchange-rate': 'un taux de change ({currencies})',
    conversion: 'une conversion entre `{from}` et `{to}`',
    'division-by-zero': 'une division par zéro',
    'whole-duration': 'un nombre entier de `{unit}`',
    'event-day': 'le jour de `{event}` (connu seulement comme {period})',
  },
});

/** The entries of a `waitsFor` list in `lang`, joined: the terms' names as they are, the engine's sentences translated. */
export function waitsText(lang: Lang, waitsFor: readonly string[]): string {
  return waitsFor
    .map((entry) => {
      const m = lang === 'en' ? null : waitsMessages.parse(entry);
      return m ? waitsMessages.formatStored(lang, m.code, m.args) : entry;
    })
    .join(', ');
}

/** The sentence `code` of an explanation in `lang`; its arguments are checked by code. */
export function why<C extends WhyCode>(lang: Lang, code: C, ...args: ArgsTuple<(typeof EN)[C]>): string {
  return whyMessages.format(lang, code, ...args);
}

/** Why an act was invalid or done without consent: the engine stores the code (`not-in-force`, `refused`…). */
const reasonMessages = defineMessages({
  en: {
    'already-exercised': 'the power had already been exercised',
    'not-in-force': 'the power was not in force that day',
    'condition-false': 'its condition did not hold',
    'condition-unknown': 'whether its condition held depends on undisclosed terms',
    'force-unknown': 'whether it was in force depends on undisclosed terms',
    refused: 'consent had been refused',
    'not-answered': 'consent had been asked but not yet given',
    lapsed: 'the request for consent had lapsed',
    'not-requested': 'consent had not been asked',
  },
  fr: {
    'already-exercised': 'le pouvoir avait déjà été exercé',
    'not-in-force': "le pouvoir n'était pas en vigueur ce jour-là",
    'condition-false': "sa condition n'était pas remplie",
    'condition-unknown': 'que sa condition soit remplie dépend de termes non divulgués',
    'force-unknown': "qu'il soit en vigueur dépend de termes non divulgués",
    refused: 'le consentement avait été refusé',
    'not-answered': 'le consentement avait été demandé mais pas encore donné',
    lapsed: 'la demande de consentement était caduque',
    'not-requested': "le consentement n'avait pas été demandé",
  },
});

/** The reason code of an invalid act, said in the reader's language (an unknown code is shown as is). */
export function reasonText(lang: Lang, reason: string): string {
  return reasonMessages.has(reason) ? reasonMessages.format(lang, reason) : reason;
}

/** Status words for text output. */
export const STATUS_FR: Readonly<Record<string, string>> = {
  pending: 'en attente',
  active: 'en vigueur',
  suspended: 'suspendue',
  fulfilled: 'exécutée',
  violated: 'violée',
  expired: 'expirée',
  terminated: 'résiliée',
  indeterminate: 'indéterminée',
  unreported: 'non rapportée',
  exercised: 'exercé',
  requested: 'demandé',
  given: 'donné',
  refused: 'refusé',
  lapsed: 'caduc',
  condition: 'condition',
  power: 'pouvoir',
  deadline: 'échéance',
  superseded: 'remplacée',
  obligation: 'obligation',
  permission: 'permission',
  prohibition: 'interdiction',
  power_kind: 'pouvoir',
  consent: 'consentement',
  // The status of a source (as the UI says it).
  official: 'officielle',
  reported: 'rapportée',
  unverified: 'non vérifiée',
};

export function statusWord(lang: Lang, s: string): string {
  return lang === 'fr' ? (STATUS_FR[s] ?? s) : s;
}
