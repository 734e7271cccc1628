/**
 * HTTP errors as values: `{error: {code, message, path?, diagnostics?, ...}}`, the message in the request's language
 * (`?lang=fr` or `Accept-Language: fr`, default English). Handlers throw `ApiError`; app.ts turns it into the response.
 * A family or event a token may not see is `not-found`, worded exactly like one that does not exist.
 */
import type { Context } from 'hono';
import type { Lang } from '../diagnostics/terms.js';

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
  | 'internal';

type Args = Readonly<Record<string, string | number>>;

const MESSAGES: Record<ErrorCode, Record<Lang, (a: Args) => string>> = {
  'unauthorized': {
    en: () => 'a valid token is needed: send `Authorization: Bearer <token>`',
    fr: () => 'il faut un jeton valide : envoyez `Authorization: Bearer <jeton>`',
  },
  'token-unscoped': {
    en: (a) => `this token was made before tokens belonged to a family, so it grants nothing: an admin can run \`pacte token scope ${a['id']} --family <family>\` (or revoke it and make a new one)`,
    fr: (a) => `ce jeton date d'avant les jetons liés à une famille, il ne donne donc aucun accès : un administrateur peut lancer \`pacte token scope ${a['id']} --family <famille>\` (ou le révoquer et en créer un nouveau)`,
  },
  'invalid-id': {
    en: (a) => `the id ${JSON.stringify(a['id'])} cannot be stored exactly (a NUL or a lone UTF-16 surrogate); nothing was written`,
    fr: (a) => `l'identifiant ${JSON.stringify(a['id'])} ne peut pas être enregistré tel quel (un NUL ou une moitié de paire UTF-16 isolée) ; rien n'a été écrit`,
  },
  'forbidden-actor': {
    en: (a) => `this token acts for ${a['party']}; it cannot record an event whose actor is ${a['actor']}`,
    fr: (a) => `ce jeton agit pour ${a['party']} ; il ne peut pas enregistrer un événement dont l'acteur est ${a['actor']}`,
  },
  'admin-only': {
    en: () => 'only an admin token may do this',
    fr: () => 'seul un jeton administrateur peut faire cela',
  },
  'not-found': {
    en: (a) => `no ${a['what']} ${a['name']}`,
    fr: (a) => `aucun(e) ${a['what'] === 'family' ? 'famille' : a['what'] === 'version' ? 'version' : a['what'] === 'event' ? 'événement' : 'norme ni définition'} ${a['name']}`,
  },
  'no-route': {
    en: (a) => `no such endpoint: ${a['method']} ${a['path']}`,
    fr: (a) => `point d'accès inconnu : ${a['method']} ${a['path']}`,
  },
  'bad-request': {
    en: (a) => `${a['path'] ? `${a['path']}: ` : ''}${a['detail']}`,
    fr: (a) => `${a['path'] ? `${a['path']} : ` : ''}${a['detail']}`,
  },
  'bad-json': {
    en: (a) => `the body is not valid JSON: ${a['detail']} (line ${a['line']}, column ${a['column']})`,
    fr: (a) => `le corps n'est pas du JSON valide : ${a['detail']} (ligne ${a['line']}, colonne ${a['column']})`,
  },
  'too-deep': {
    en: (a) => `the body nests arrays and objects more than ${a['max']} levels deep (line ${a['line']}, column ${a['column']})`,
    fr: (a) => `le corps imbrique tableaux et objets sur plus de ${a['max']} niveaux (ligne ${a['line']}, colonne ${a['column']})`,
  },
  'too-large': {
    en: (a) => `the body is larger than ${a['max']} bytes${a['decoded'] ? ' once decompressed' : ''}`,
    fr: (a) => `le corps dépasse ${a['max']} octets${a['decoded'] ? ' une fois décompressé' : ''}`,
  },
  'bad-encoding': {
    en: (a) => `the body cannot be decoded: ${a['detail']}`,
    fr: (a) => `le corps ne peut pas être décodé : ${a['detail']}`,
  },
  'unsupported-media-type': {
    en: () => 'send the body as JSON (`Content-Type: application/json`)',
    fr: () => 'envoyez le corps en JSON (`Content-Type: application/json`)',
  },
  'invalid-event': {
    en: (a) => `the agreement refuses this event (${a['count']} problem(s)); see diagnostics`,
    fr: (a) => `l'accord refuse cet événement (${a['count']} problème(s)) ; voir diagnostics`,
  },
  'invalid-agreement': {
    en: (a) => `the document has ${a['count']} error(s); see diagnostics`,
    fr: (a) => `le document contient ${a['count']} erreur(s) ; voir diagnostics`,
  },
  'conflict': {
    en: (a) => `the ledger has moved: its last sequence is ${a['lastSeq']}, not ${a['expected']}; nothing was written`,
    fr: (a) => `le registre a changé : sa dernière séquence est ${a['lastSeq']}, pas ${a['expected']} ; rien n'a été écrit`,
  },
  'duplicate-id': {
    en: (a) => `the family already has an event with id ${a['id']}; nothing was written`,
    fr: (a) => `la famille a déjà un événement d'identifiant ${a['id']} ; rien n'a été écrit`,
  },
  'key-reused': {
    en: () => 'this Idempotency-Key was already used with another body; nothing was written',
    fr: () => 'cette Idempotency-Key a déjà servi avec un autre corps ; rien n\'a été écrit',
  },
  'version-conflict': {
    en: (a) => `the family already has a version in ${a['file']} with another text`,
    fr: (a) => `la famille a déjà une version dans ${a['file']} avec un autre texte`,
  },
  'internal': {
    en: () => 'internal error; nothing was written',
    fr: () => 'erreur interne ; rien n\'a été écrit',
  },
};

const STATUS: Record<ErrorCode, number> = {
  'unauthorized': 401,
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
  'conflict': 409,
  'duplicate-id': 409,
  'key-reused': 409,
  'version-conflict': 409,
  'internal': 500,
};

/** An error response: its code, the message arguments, and extra fields of the body (`path`, `diagnostics`, `lastSeq`). */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly args: Args = {},
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(code);
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export function notFound(what: 'family' | 'version' | 'event' | 'name', name: string): ApiError {
  return new ApiError('not-found', { what, name });
}

/** A 400 that says where: `path` is the JSON path of the offending value (`data.amount`) or the query parameter. */
export function badRequest(path: string, detail: string, extra: Readonly<Record<string, unknown>> = {}): ApiError {
  return new ApiError('bad-request', { path, detail }, { ...(path ? { path } : {}), ...extra });
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
  return { error: { code: e.code, message: MESSAGES[e.code][lang](e.args), ...e.extra } };
}

export function errorResponse(c: Context, e: ApiError): Response {
  // A body refused before it was read whole leaves the connection mid-request: close it rather than reuse it (Node
  // would otherwise read the rest of the body, however large, to reuse the connection). 401 and 404 are decided
  // before the body is read.
  if (e.code === 'too-large' || ((e.status === 401 || e.status === 404) && hasUnreadBody(c))) c.header('Connection', 'close');
  return c.json(errorBody(e, requestLang(c)), e.status as 400);
}
