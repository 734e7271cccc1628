/**
 * HTTP errors as values: `{error: {code, message, path?, diagnostics?, ...}}`, the message in the request's language
 * (`?lang=fr` or `Accept-Language: fr`, default English). Handlers throw `ApiError`; app.ts turns it into the response.
 * A family or event a token may not see is `not-found`, worded exactly like one that does not exist.
 */
import type { Context } from 'hono';
import type { ArgsTuple, Lang, StoredArgs } from '../messages/define-messages.js';
import { defineMessages } from '../messages/define-messages.js';

export type ErrorCode =
  | 'unauthorized'
  | 'token-unscoped'
  | 'invalid-id'
  | 'forbidden-actor'
  | 'admin-only'
  | 'not-found'
  | 'no-route'
  | 'bad-request'
  | 'bad-json'
  | 'too-deep'
  | 'too-large'
  | 'bad-encoding'
  | 'unsupported-media-type'
  | 'invalid-event'
  | 'invalid-agreement'
  | 'conflict'
  | 'duplicate-id'
  | 'key-reused'
  | 'version-conflict'
  | 'invalid-scenario'
  | 'scenario-conflict'
  | 'over-budget'
  | 'internal';

/**
 * The messages, keyed by message code: an error code has one message, or several when the sentence depends on what
 * is missing (`not-found-family`, `not-found-event`…); `ERROR_OF` gives the error code of the others.
 */
export const serverMessages = defineMessages({
  en: {
    unauthorized: 'a valid token is needed: send `Authorization: Bearer <token>`',
    'token-unscoped':
      'this token was made before tokens belonged to a family, so it grants nothing: an admin can run `pacte token scope {id} --family <family>` (or revoke it and make a new one)',
    'invalid-id': 'the id {id} cannot be stored exactly (a NUL or a lone UTF-16 surrogate); nothing was written',
    'forbidden-actor': 'this token acts for {party}; it cannot record an event whose actor is {actor}',
    'admin-only': 'only an admin token may do this',
    'not-found-family': 'no family {name}',
    'not-found-version': 'no version {name}',
    'not-found-event': 'no event {name}',
    'not-found-name': 'no name {name}',
    'no-route': 'no such endpoint: {method} {path}',
    'bad-request': '{detail}',
    'bad-request-at': '{path}: {detail}',
    'client-closed': 'the client closed the connection before the end of the body',
    'bad-if-match': 'If-Match: expected the last sequence number, e.g. `If-Match: 42`',
    'bad-idempotency-key': 'Idempotency-Key: expected 1 to 200 printable ASCII characters',
    'impact-needs-as-of': 'asOf: impact=true needs asOf=YYYY-MM-DD',
    'as-of-needs-impact': 'asOf: asOf goes with impact=true',
    'scenario-needs-impact': 'scenario: a scenario applies to the impact: impact=true&asOf=YYYY-MM-DD',
    'wrong-agreement': "source: the document's agreement is {agreement}, not {family}",
    'bad-json': 'the body is not valid JSON: {detail} (line {line}, column {column})',
    'too-deep': 'the body nests arrays and objects more than {max} levels deep (line {line}, column {column})',
    'too-large': 'the body is larger than {max} bytes',
    'too-large-decoded': 'the body is larger than {max} bytes once decompressed',
    'bad-encoding': 'the body cannot be decoded: {detail}',
    'unsupported-encoding': 'the body cannot be decoded: unsupported Content-Encoding {encoding} (gzip, deflate, br)',
    'not-utf8': 'the body cannot be decoded: the body is not UTF-8',
    'unsupported-media-type': 'send the body as JSON (`Content-Type: application/json`)',
    'invalid-event': 'the agreement refuses this event ({count} problem(s)); see diagnostics',
    'invalid-agreement': 'the document has {count} error(s); see diagnostics',
    conflict: 'the ledger has moved: its last sequence is {lastSeq}, not {expected}; nothing was written',
    'duplicate-id': 'the family already has an event with id {id}; nothing was written',
    'key-reused': 'this Idempotency-Key was already used with another body; nothing was written',
    'version-conflict': 'the family already has a version in {file} with another text',
    'invalid-scenario': 'the scenario {name} has {count} error(s); see diagnostics',
    'invalid-one-off': 'the assumptions and retractions asked have {count} error(s); see diagnostics',
    'scenario-conflict': 'the family already has a scenario {name} with another text or other events',
    'not-found-scenario': 'no scenario {name}',
    'over-budget':
      'the evaluation took longer than the server allows a request ({ms} ms) and was stopped; nothing was written. Ask for less (fewer hypothetical events, another date), or an admin can raise `pacte serve --budget-ms`',
    'over-budget-queued': 'the server is busy: the evaluation could not start within {ms} ms; nothing was written. Try again in a moment',
    internal: 'internal error; nothing was written',
  },
  fr: {
    unauthorized: 'il faut un jeton valide : envoyez `Authorization: Bearer <jeton>`',
    'token-unscoped':
      "ce jeton date d'avant les jetons liés à une famille, il ne donne donc aucun accès : un administrateur peut lancer `pacte token scope {id} --family <famille>` (ou le révoquer et en créer un nouveau)",
    'invalid-id':
      "l'identifiant {id} ne peut pas être enregistré tel quel (un NUL ou une moitié de paire UTF-16 isolée) ; rien n'a été écrit",
    'forbidden-actor': "ce jeton agit pour {party} ; il ne peut pas enregistrer un événement dont l'acteur est {actor}",
    'admin-only': 'seul un jeton administrateur peut faire cela',
    'not-found-family': 'aucune famille {name}',
    'not-found-version': 'aucune version {name}',
    'not-found-event': 'aucun événement {name}',
    'not-found-name': 'ni norme ni définition {name}',
    'no-route': "point d'accès inconnu : {method} {path}",
    'bad-request': '{detail}',
    'bad-request-at': '{path} : {detail}',
    'client-closed': 'le client a fermé la connexion avant la fin du corps',
    'bad-if-match': 'If-Match : le dernier numéro de séquence était attendu, par exemple `If-Match: 42`',
    'bad-idempotency-key': 'Idempotency-Key : 1 à 200 caractères ASCII imprimables étaient attendus',
    'impact-needs-as-of': 'asOf : `impact=true` demande `asOf=AAAA-MM-JJ`',
    'as-of-needs-impact': 'asOf : `asOf` va avec `impact=true`',
    'scenario-needs-impact': "scenario : un scénario s'applique à l'impact : `impact=true&asOf=AAAA-MM-JJ`",
    'wrong-agreement': "source : le document appartient à l'accord {agreement}, pas à {family}",
    'bad-json': "le corps n'est pas du JSON valide : {detail} (ligne {line}, colonne {column})",
    'too-deep': 'le corps imbrique tableaux et objets sur plus de {max} niveaux (ligne {line}, colonne {column})',
    'too-large': 'le corps dépasse {max} octets',
    'too-large-decoded': 'le corps dépasse {max} octets une fois décompressé',
    'bad-encoding': 'le corps ne peut pas être décodé : {detail}',
    'unsupported-encoding': 'le corps ne peut pas être décodé : Content-Encoding {encoding} non pris en charge (gzip, deflate, br)',
    'not-utf8': "le corps ne peut pas être décodé : il n'est pas en UTF-8",
    'unsupported-media-type': 'envoyez le corps en JSON (`Content-Type: application/json`)',
    'invalid-event': "l'accord refuse cet événement ({count} problème(s)) ; voir diagnostics",
    'invalid-agreement': 'le document contient {count} erreur(s) ; voir diagnostics',
    conflict: "le registre a changé : sa dernière séquence est {lastSeq}, pas {expected} ; rien n'a été écrit",
    'duplicate-id': "la famille a déjà un événement d'identifiant {id} ; rien n'a été écrit",
    'key-reused': "cette Idempotency-Key a déjà servi avec un autre corps ; rien n'a été écrit",
    'version-conflict': 'la famille a déjà une version dans {file} avec un autre texte',
    'invalid-scenario': 'le scénario {name} contient {count} erreur(s) ; voir diagnostics',
    'invalid-one-off': 'les valeurs supposées et les retraits demandés contiennent {count} erreur(s) ; voir diagnostics',
    'scenario-conflict': "la famille a déjà un scénario {name} avec un autre texte ou d'autres événements",
    'not-found-scenario': 'aucun scénario {name}',
    'over-budget':
      "l'évaluation a pris plus de temps que le serveur n'en accorde à une requête ({ms} ms) et a été arrêtée ; rien n'a été écrit. Demandez moins (moins d'événements hypothétiques, une autre date), ou un administrateur peut augmenter `pacte serve --budget-ms`",
    'over-budget-queued':
      "le serveur est occupé : l'évaluation n'a pas pu commencer en moins de {ms} ms ; rien n'a été écrit. Réessayez dans un instant",
    internal: "erreur interne ; rien n'a été écrit",
  },
});

type Messages = typeof serverMessages.en;

/** A message code of the server: an error code, or one of the other sentences of an error code (`ERROR_OF`). */
export type ServerMessage = keyof Messages & string;

const ERROR_OF: { readonly [M in Exclude<ServerMessage, ErrorCode>]: ErrorCode } = {
  'not-found-family': 'not-found',
  'not-found-version': 'not-found',
  'not-found-event': 'not-found',
  'not-found-name': 'not-found',
  'not-found-scenario': 'not-found',
  'invalid-one-off': 'invalid-scenario',
  'bad-request-at': 'bad-request',
  'client-closed': 'bad-request',
  'bad-if-match': 'bad-request',
  'bad-idempotency-key': 'bad-request',
  'impact-needs-as-of': 'bad-request',
  'as-of-needs-impact': 'bad-request',
  'scenario-needs-impact': 'bad-request',
  'wrong-agreement': 'bad-request',
  'too-large-decoded': 'too-large',
  'unsupported-encoding': 'bad-encoding',
  'not-utf8': 'bad-encoding',
  'over-budget-queued': 'over-budget',
};

const STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  'token-unscoped': 401,
  'invalid-id': 400,
  'forbidden-actor': 403,
  'admin-only': 403,
  'not-found': 404,
  'no-route': 404,
  'bad-request': 400,
  'bad-json': 400,
  'too-deep': 400,
  'too-large': 413,
  'bad-encoding': 400,
  'unsupported-media-type': 415,
  'invalid-event': 422,
  'invalid-agreement': 422,
  conflict: 409,
  'duplicate-id': 409,
  'key-reused': 409,
  'version-conflict': 409,
  'invalid-scenario': 422,
  'scenario-conflict': 409,
  'over-budget': 503,
  internal: 500,
};

type Extra = Readonly<Record<string, unknown>>;

/**
 * An error response: its message code and arguments (checked by code), and extra fields of the body (`path`,
 * `diagnostics`, `lastSeq`). Its `code` is the error code of the message.
 */
export class ApiError<M extends ServerMessage = ServerMessage> extends Error {
  readonly code: ErrorCode;
  readonly args: StoredArgs;
  readonly extra: Extra;
  constructor(
    readonly messageCode: M,
    ...rest: [...ArgsTuple<Messages[M]>, extra?: Extra]
  ) {
    super(messageCode);
    this.code = messageCode in ERROR_OF ? ERROR_OF[messageCode as keyof typeof ERROR_OF] : (messageCode as ErrorCode);
    this.args = (rest[0] ?? {}) as StoredArgs;
    this.extra = (rest[1] ?? {}) as Extra;
  }
  get status(): number {
    return STATUS[this.code];
  }
}

/** The parts of an error that cross a thread (a worker's answer): its message code, arguments and extra fields. */
export interface ApiErrorParts {
  readonly messageCode: ServerMessage;
  readonly args: StoredArgs;
  readonly extra: Extra;
}

export function apiErrorParts(e: ApiError): ApiErrorParts {
  return { messageCode: e.messageCode, args: e.args, extra: e.extra };
}

/** The error again from its parts (their arguments were checked when the worker made it). */
export function apiErrorFrom(p: ApiErrorParts): ApiError {
  return Reflect.construct(ApiError, [p.messageCode, p.args, p.extra]) as ApiError;
}

export function notFound(what: 'family' | 'version' | 'event' | 'name' | 'scenario', name: string): ApiError {
  return new ApiError(`not-found-${what}`, { name });
}

/** A 400 that says where: `path` is the JSON path of the offending value (`data.amount`) or the query parameter. */
export function badRequest(path: string, detail: string, extra: Extra = {}): ApiError {
  return path ? new ApiError('bad-request-at', { path, detail }, { path, ...extra }) : new ApiError('bad-request', { detail }, extra);
}

/** The request's language: `?lang=`, else `Accept-Language` (fr when French comes first), else English. */
export function requestLang(c: Context): Lang {
  const q = c.req.query('lang');
  if (q === 'fr' || q === 'en') return q;
  const accept = c.req.header('accept-language') ?? '';
  const first = accept.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('fr') ? 'fr' : 'en';
}

/** Whether the request announces a body (a length above 0, or chunks) that nothing has read yet. */
function hasUnreadBody(c: Context): boolean {
  const incoming = (c.env as { incoming?: { readableDidRead?: boolean; readableEnded?: boolean } } | undefined)?.incoming;
  if (incoming && (incoming.readableDidRead || incoming.readableEnded)) return false;
  const length = c.req.header('content-length');
  return (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
}

export function errorBody(e: ApiError, lang: Lang): { error: Record<string, unknown> } {
  return { error: { code: e.code, message: serverMessages.formatStored(lang, e.messageCode, e.args), ...e.extra } };
}

export function errorResponse(c: Context, e: ApiError): Response {
  // A body refused before it was read whole leaves the connection mid-request: close it rather than reuse it (Node
  // would otherwise read the rest of the body, however large, to reuse the connection). 401 and 404 are decided
  // before the body is read.
  if (e.code === 'too-large' || ((e.status === 401 || e.status === 404) && hasUnreadBody(c))) c.header('Connection', 'close');
  return c.json(errorBody(e, requestLang(c)), e.status as 400);
}
