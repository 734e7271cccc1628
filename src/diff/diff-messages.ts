/**
 * The words of the text redline, in English and French: sentences, names of the changed parts, of the clause kinds
 * and of the classifications. One table per language, keyed by code (as `engine/why.ts`).
 */
import type { ArgsTuple, Lang } from '../messages/define-messages.js';
import { defineMessages } from '../messages/define-messages.js';

const EN = {
  header: 'Redline of {family}: {from} → {to}',
  'from-line': '  from  {version} — {title} · {binding}, effective {effective}',
  colon: ': ',
  'to-line': '  to    {version} — {title} · {binding}, effective {effective}',
  binding: 'binding',
  'not-binding': 'not binding',
  versions: 'The versions:',
  added: 'Clauses added ({n}):',
  removed: 'Clauses removed ({n}):',
  changed: 'Clauses changed ({n}):',
  affected: 'Clauses unchanged in themselves that use a changed clause ({n}):',
  uses: 'uses {uses}',
  'no-difference': 'No difference between the two versions.',
  impact: 'Impact as of {date} (the same ledger under each version alone):',
  'impact-hypothetical': '({n} hypothetical event(s) overlaid)',
  'impact-none': 'no norm has a different status',
  none: '(none)',
  absent: 'absent',
  since: 'since',
  until: 'last day {date}',
  'ended-by': 'ended by: {why}',
  'written-in': 'written in {version}',
  'same-prose': 'the same change as for `{id}`',
} as const;

export type DiffCode = keyof typeof EN;

const FR = {
  header: 'Comparatif de {family} : {from} → {to}',
  'from-line': '  de    {version} — {title} · {binding}, en vigueur le {effective}',
  colon: ' : ',
  'to-line': '  à     {version} — {title} · {binding}, en vigueur le {effective}',
  binding: 'contraignante',
  'not-binding': 'non contraignante',
  versions: 'Les versions :',
  added: 'Clauses ajoutées ({n}) :',
  removed: 'Clauses supprimées ({n}) :',
  changed: 'Clauses modifiées ({n}) :',
  affected: 'Clauses inchangées qui utilisent une clause modifiée ({n}) :',
  uses: 'utilise {uses}',
  'no-difference': 'Aucune différence entre les deux versions.',
  impact: 'Impact au {date} (le même registre sous chaque version seule) :',
  'impact-hypothetical': '({n} événement(s) hypothétique(s) ajouté(s))',
  'impact-none': "aucune norme n'a un statut différent",
  none: '(néant)',
  absent: 'absente',
  since: 'depuis le',
  until: 'dernier jour le {date}',
  'ended-by': 'fin : {why}',
  'written-in': 'rédigée dans {version}',
  'same-prose': 'la même modification que pour `{id}`',
} as const;

export const diffMessages = defineMessages({ en: EN, fr: FR });

/** The redline's sentence `code` in `lang`; its arguments are checked by code. */
export function dt<C extends DiffCode>(lang: Lang, code: C, ...args: ArgsTuple<(typeof EN)[C]>): string {
  return diffMessages.format(lang, code, ...args);
}

const PARTS: Readonly<Record<string, { en: string; fr: string }>> = {
  kind: { en: 'kind', fr: 'nature' },
  holder: { en: 'holder', fr: 'titulaire' },
  counterparty: { en: 'counterparty', fr: 'contrepartie' },
  action: { en: 'act', fr: 'acte' },
  amount: { en: 'amount', fr: 'montant' },
  where: { en: 'scope', fr: 'champ' },
  'for-each': { en: 'trigger', fr: 'déclencheur' },
  within: { en: 'delay', fr: 'délai' },
  cure: { en: 'cure period', fr: 'délai de régularisation' },
  by: { en: 'deadline', fr: 'échéance' },
  from: { en: 'start', fr: 'début' },
  until: { en: 'end', fr: 'fin' },
  when: { en: 'condition', fr: 'condition' },
  'suspended-while': { en: 'suspension', fr: 'suspension' },
  'capped-at': { en: 'cap', fr: 'plafond' },
  'lapses-after': { en: 'lapse delay', fr: 'délai de caducité' },
  'deemed-given-after': { en: 'deemed-consent delay', fr: 'délai de consentement tacite' },
  overrides: { en: 'overrides', fr: 'dérogations' },
  source: { en: 'source', fr: 'source' },
  value: { en: 'value', fr: 'valeur' },
  actors: { en: 'recorded by', fr: 'enregistré par' },
  fields: { en: 'fields', fr: 'champs' },
  binding: { en: 'binding', fr: 'contraignante' },
  effective: { en: 'effective date', fr: "date d'effet" },
  signed: { en: 'signing date', fr: 'date de signature' },
  title: { en: 'title', fr: 'titre' },
  party: { en: 'party', fr: 'partie' },
  'fiscal-year': { en: 'fiscal years', fr: 'exercices' },
  units: { en: 'units', fr: 'unités' },
  text: { en: 'text', fr: 'texte' },
  prose: { en: 'prose', fr: 'prose' },
};

const KINDS: Readonly<Record<string, { en: string; fr: string }>> = {
  obligation: { en: 'obligation', fr: 'obligation' },
  permission: { en: 'permission', fr: 'permission' },
  prohibition: { en: 'prohibition', fr: 'interdiction' },
  power: { en: 'power', fr: 'pouvoir' },
  consent: { en: 'consent', fr: 'consentement' },
  definition: { en: 'definition', fr: 'définition' },
  event: { en: 'event type', fr: "type d'événement" },
};

const CLASSIFICATIONS: Readonly<Record<string, { en: string; fr: string }>> = {
  // For a lawyer: what a clause change means.
  'right-widened': { en: 'right widened', fr: 'droit élargi' },
  'right-narrowed': { en: 'right narrowed', fr: 'droit restreint' },
  'right-added': { en: 'right added', fr: 'droit ajouté' },
  'right-removed': { en: 'right removed', fr: 'droit supprimé' },
  'obligation-added': { en: 'obligation added', fr: 'obligation ajoutée' },
  'obligation-removed': { en: 'obligation removed', fr: 'obligation supprimée' },
  'obligation-extended': { en: 'obligation extended', fr: 'obligation prolongée' },
  'obligation-shortened': { en: 'obligation shortened', fr: 'obligation écourtée' },
  'amount-increased': { en: 'amount increased', fr: 'montant augmenté' },
  'amount-decreased': { en: 'amount decreased', fr: 'montant diminué' },
  'deadline-extended': { en: 'more time to perform', fr: "délai d'exécution allongé" },
  'deadline-shortened': { en: 'less time to perform', fr: "délai d'exécution raccourci" },
  'restriction-widened': { en: 'restriction widened', fr: 'restriction élargie' },
  'restriction-narrowed': { en: 'restriction narrowed', fr: 'restriction réduite' },
  'restriction-added': { en: 'restriction added', fr: 'restriction ajoutée' },
  'restriction-removed': { en: 'restriction removed', fr: 'restriction supprimée' },
  'condition-changed': { en: 'condition changed', fr: 'condition modifiée' },
  'party-changed': { en: 'party changed', fr: 'partie modifiée' },
  'action-changed': { en: 'act changed', fr: 'acte modifié' },
  'kind-changed': { en: 'kind of clause changed', fr: 'nature de la clause modifiée' },
  'source-changed': { en: 'source changed', fr: 'source modifiée' },
  'wording-changed': { en: 'wording changed', fr: 'rédaction modifiée' },
  'definition-added': { en: 'definition added', fr: 'définition ajoutée' },
  'definition-removed': { en: 'definition removed', fr: 'définition supprimée' },
  'event-type-added': { en: 'event type added', fr: "type d'événement ajouté" },
  'event-type-removed': { en: 'event type removed', fr: "type d'événement supprimé" },
  'event-type-changed': { en: 'event type changed', fr: "type d'événement modifié" },
  // Part by part.
  'end-later': { en: 'ends later', fr: 'fin repoussée' },
  'end-earlier': { en: 'ends earlier', fr: 'fin avancée' },
  'end-added': { en: 'end added', fr: 'fin ajoutée' },
  'end-date-added': { en: 'end date added', fr: 'date de fin ajoutée' },
  'end-date-removed': { en: 'end date removed', fr: 'date de fin supprimée' },
  'end-removed': { en: 'end removed', fr: 'fin supprimée' },
  'end-condition-added': { en: 'end condition added', fr: 'condition de fin ajoutée' },
  'end-condition-removed': { en: 'end condition removed', fr: 'condition de fin supprimée' },
  'end-condition-changed': { en: 'end condition changed', fr: 'condition de fin modifiée' },
  'start-later': { en: 'starts later', fr: 'début repoussé' },
  'start-earlier': { en: 'starts earlier', fr: 'début avancé' },
  'start-added': { en: 'start added', fr: 'début ajouté' },
  'start-removed': { en: 'start removed', fr: 'début supprimé' },
  'start-condition-changed': { en: 'start condition changed', fr: 'condition de début modifiée' },
  'filter-added': { en: 'scope limited', fr: 'champ limité' },
  'filter-removed': { en: 'scope limit removed', fr: 'limite du champ supprimée' },
  'filter-changed': { en: 'scope changed', fr: 'champ modifié' },
  'filter-broadened': { en: 'scope broadened', fr: 'champ élargi' },
  'filter-narrowed': { en: 'scope narrowed', fr: 'champ restreint' },
  'condition-relaxed': { en: 'condition relaxed', fr: 'condition assouplie' },
  'condition-tightened': { en: 'condition tightened', fr: 'condition durcie' },
  'suspension-widened': { en: 'suspended more often', fr: 'suspendue plus souvent' },
  'suspension-narrowed': { en: 'suspended less often', fr: 'suspendue moins souvent' },
  'condition-added': { en: 'condition added', fr: 'condition ajoutée' },
  'condition-removed': { en: 'condition removed', fr: 'condition supprimée' },
  'suspension-added': { en: 'suspension added', fr: 'suspension ajoutée' },
  'suspension-removed': { en: 'suspension removed', fr: 'suspension supprimée' },
  'suspension-changed': { en: 'suspension changed', fr: 'suspension modifiée' },
  'trigger-added': { en: 'trigger added', fr: 'déclencheur ajouté' },
  'trigger-removed': { en: 'trigger removed', fr: 'déclencheur supprimé' },
  'trigger-changed': { en: 'trigger changed', fr: 'déclencheur modifié' },
  'overrides-added': { en: 'overrides added', fr: 'dérogation ajoutée' },
  'overrides-removed': { en: 'overrides removed', fr: 'dérogation supprimée' },
  'overrides-changed': { en: 'overrides changed', fr: 'dérogations modifiées' },
  'reason-changed': { en: 'reason changed', fr: 'motif modifié' },
  'amount-raised': { en: 'amount raised', fr: 'montant relevé' },
  'amount-lowered': { en: 'amount lowered', fr: 'montant abaissé' },
  'amount-added': { en: 'amount added', fr: 'montant ajouté' },
  'amount-removed': { en: 'amount removed', fr: 'montant supprimé' },
  'amount-changed': { en: 'amount changed', fr: 'montant modifié' },
  'percentage-raised': { en: 'percentage raised', fr: 'pourcentage relevé' },
  'percentage-lowered': { en: 'percentage lowered', fr: 'pourcentage abaissé' },
  'cap-raised': { en: 'cap raised', fr: 'plafond relevé' },
  'cap-lowered': { en: 'cap lowered', fr: 'plafond abaissé' },
  'cap-added': { en: 'cap added', fr: 'plafond ajouté' },
  'cap-removed': { en: 'cap removed', fr: 'plafond supprimé' },
  'cap-changed': { en: 'cap changed', fr: 'plafond modifié' },
  'deadline-later': { en: 'deadline later', fr: 'échéance repoussée' },
  'deadline-earlier': { en: 'deadline earlier', fr: 'échéance avancée' },
  'deadline-added': { en: 'deadline added', fr: 'échéance ajoutée' },
  'deadline-removed': { en: 'deadline removed', fr: 'échéance supprimée' },
  'deadline-changed': { en: 'deadline changed', fr: 'échéance modifiée' },
  'delay-longer': { en: 'delay longer', fr: 'délai allongé' },
  'delay-shorter': { en: 'delay shorter', fr: 'délai raccourci' },
  'delay-added': { en: 'delay added', fr: 'délai ajouté' },
  'delay-removed': { en: 'delay removed', fr: 'délai supprimé' },
  'delay-changed': { en: 'delay changed', fr: 'délai modifié' },
  'source-added': { en: 'source added', fr: 'source ajoutée' },
  'source-removed': { en: 'source removed', fr: 'source supprimée' },
  'status-downgraded': { en: 'source status weaker', fr: 'statut de la source affaibli' },
  'status-upgraded': { en: 'source status stronger', fr: 'statut de la source renforcé' },
  'threshold-raised': { en: 'threshold raised', fr: 'seuil relevé' },
  'threshold-lowered': { en: 'threshold lowered', fr: 'seuil abaissé' },
  'value-changed': { en: 'formula changed', fr: 'formule modifiée' },
  'date-later': { en: 'date later', fr: 'date repoussée' },
  'date-earlier': { en: 'date earlier', fr: 'date avancée' },
  'actors-changed': { en: 'who may record it changed', fr: 'auteurs autorisés modifiés' },
  'fields-added': { en: 'fields added', fr: 'champs ajoutés' },
  'fields-removed': { en: 'fields removed', fr: 'champs supprimés' },
  'fields-changed': { en: 'fields changed', fr: 'champs modifiés' },
  // The versions themselves.
  'became-binding': { en: 'became binding', fr: 'devenue contraignante' },
  'became-non-binding': { en: 'no longer binding', fr: "n'est plus contraignante" },
  'effective-later': { en: 'takes effect later', fr: 'prend effet plus tard' },
  'effective-earlier': { en: 'takes effect earlier', fr: 'prend effet plus tôt' },
  'signed-later': { en: 'signed later', fr: 'signée plus tard' },
  'signed-earlier': { en: 'signed earlier', fr: 'signée plus tôt' },
  'signed-added': { en: 'signing date added', fr: 'date de signature ajoutée' },
  'signed-removed': { en: 'signing date removed', fr: 'date de signature retirée' },
  'title-changed': { en: 'title changed', fr: 'titre modifié' },
  'party-added': { en: 'party added', fr: 'partie ajoutée' },
  'party-removed': { en: 'party removed', fr: 'partie retirée' },
  'party-renamed': { en: 'party renamed', fr: 'partie renommée' },
  'fiscal-year-changed': { en: 'fiscal years changed', fr: 'exercices modifiés' },
  'units-changed': { en: 'units changed', fr: 'unités modifiées' },
};

export function partLabel(lang: Lang, part: string): string {
  return PARTS[part]?.[lang] ?? part;
}

export function kindLabel(lang: Lang, kind: string): string {
  return KINDS[kind]?.[lang] ?? kind;
}

export function classificationLabel(lang: Lang, c: string): string {
  return CLASSIFICATIONS[c]?.[lang] ?? c;
}

/** Every part with a name (for tests). */
export const PART_CODES: readonly string[] = Object.keys(PARTS);

/** Every classification code with a label (for tests: no code goes out without words). */
export const CLASSIFICATION_CODES: readonly string[] = Object.keys(CLASSIFICATIONS);
