/** A failed request validation (zod issues) as a 400 that says where (`path`), in English or French. */
import type { z } from '@hono/zod-openapi';
import type { Lang } from '../diagnostics/terms.js';
import { defineMessages } from '../messages/define-messages.js';
import type { ApiError } from './errors.js';
import { badRequest } from './errors.js';

type Issue = z.core.$ZodIssue;

function pathText(target: string, parts: readonly PropertyKey[]): string {
  void target;
  let s = '';
  for (const p of parts) {
    if (typeof p === 'number') s += `[${p}]`;
    else s += s === '' ? String(p) : `.${String(p)}`;
  }
  return s;
}

const DATE_MESSAGE = 'not a calendar date YYYY-MM-DD';

/** What is wrong with a value, in both languages (`{type}` is a JSON type name; `{detail}`, zod's own message). */
export const zodWords = defineMessages({
  en: {
    'unknown-field': 'unknown field (fields are checked, not ignored)',
    required: 'required (expected {type})',
    expected: 'expected {type}',
    'not-a-date': DATE_MESSAGE,
    refused: '{detail}',
  },
  fr: {
    'unknown-field': 'champ inconnu (les champs sont vérifiés, pas ignorés)',
    required: 'champ obligatoire ({type} attendu)',
    expected: '{type} attendu',
    'not-a-date': 'pas une date du calendrier AAAA-MM-JJ',
    refused: 'valeur refusée : {detail}',
  },
});

function describe(issue: Issue, lang: Lang, input: unknown): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return zodWords.format(lang, 'unknown-field');
    case 'invalid_type':
      return zodWords.format(lang, input === undefined ? 'required' : 'expected', { type: issue.expected });
    case 'custom':
      if (issue.message === DATE_MESSAGE) return zodWords.format(lang, 'not-a-date');
      return issue.message;
    default:
      return zodWords.format(lang, 'refused', { detail: issue.message });
  }
}

function valueAt(root: unknown, parts: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of parts) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** The first issue becomes the message; every issue is listed with its path. */
export function zodError(error: z.ZodError, target: string, lang: Lang, input?: unknown): ApiError {
  const issues: { issue: Issue; parts: readonly PropertyKey[] }[] = error.issues.flatMap((i: Issue) =>
    i.code === 'unrecognized_keys' ? i.keys.map((k) => ({ issue: i as Issue, parts: [...i.path, k] })) : [{ issue: i, parts: i.path }],
  );
  const listed = issues.map(({ issue, parts }) => ({
    path: pathText(target, parts),
    message: describe(issue, lang, valueAt(input, parts)),
  }));
  const first = listed[0] ?? { path: '', message: 'invalid request' };
  return badRequest(first.path, first.message, { in: target, issues: listed });
}
