/**
 * No English left in French: every message code of every table (diagnostics and the words inside them, explanations,
 * status words, the redline, server errors, the UI) is rendered in French with sample arguments, and none of a list
 * of English words appears outside code spans (`for each`, `Authorization: Bearer`) and quoted examples of input
 * (« 60 days »), which are what a user types.
 */
import { describe, expect, it } from 'vitest';
import { diagnosticMessages } from '../src/diagnostics/messages.js';
import { TERM_KEYS, term } from '../src/diagnostics/terms.js';
import { CLASSIFICATION_CODES, classificationLabel, diffMessages, kindLabel, PART_CODES, partLabel } from '../src/diff/diff-messages.js';
import { STATUS_FR, statusWord, whyMessages } from '../src/engine/why.js';
import type { Messages } from '../src/messages/define-messages.js';
import { serverMessages } from '../src/server/errors.js';
import { uiMessages } from '../web/src/i18n.js';

/** Words that are English and not French (`absent`, `permission`, `date`, `source` are both, so they are not here). */
const ENGLISH = [
  'the', 'and', 'or', 'of', 'with', 'without', 'not', 'no', 'is', 'was', 'has', 'by', 'to', 'from',
  'reported', 'official', 'unverified', 'until', 'since', 'breach', 'breached', 'binding', 'due', 'paid', 'owed',
  'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'hours', 'minutes', 'seconds', 'business',
  'event', 'events', 'amount', 'deadline', 'undisclosed', 'indeterminate', 'none', 'error', 'warning', 'token',
  'bn', 'tn', 'yes', 'true', 'false', 'expected', 'found', 'unknown', 'missing', 'invalid',
];
const ENGLISH_WORD = new RegExp(`(?<![\\p{L}_-])(${ENGLISH.join('|')})(?![\\p{L}_-])`, 'iu');

/** The English words of a French text, code spans (between backticks) and quoted input (« … ») left out. */
function englishIn(text: string): string | null {
  const prose = text.replace(/`[^`]*`/g, ' ').replace(/«[^»]*»/g, ' ');
  return ENGLISH_WORD.exec(prose)?.[1] ?? null;
}

/** Every code of a table in French, with `X` (or 7) for each argument. */
function renderAll(messages: Messages<Readonly<Record<string, string>>>): [string, string][] {
  return messages.codes.map((code) => {
    const args = Object.fromEntries(messages.placeholders(code).map((p, i) => [p, i % 2 === 0 ? 'X' : 7]));
    return [code, messages.formatStored('fr', code, args)];
  });
}

describe('French output', () => {
  const tables = { diagnostics: diagnosticMessages, explanations: whyMessages, redline: diffMessages, server: serverMessages, ui: uiMessages };
  for (const [name, table] of Object.entries(tables)) {
    it(`has no English word in the ${name} messages`, () => {
      const rendered = renderAll(table as unknown as Messages<Readonly<Record<string, string>>>);
      expect(rendered.length).toBeGreaterThan(5);
      for (const [code, text] of rendered) expect(englishIn(text), `${code}: ${text}`).toBeNull();
    });
  }

  it('has no English word in the terms inside diagnostics', () => {
    expect(TERM_KEYS.length).toBeGreaterThan(30);
    for (const key of TERM_KEYS) {
      const text = term(`@${key}:X`, 'fr');
      expect(englishIn(text), `${key}: ${text}`).toBeNull();
    }
  });

  it('has no English word in the status, kind, part and classification words', () => {
    const words = [
      ...Object.keys(STATUS_FR).map((s) => statusWord('fr', s)),
      ...['obligation', 'permission', 'prohibition', 'power', 'consent', 'definition', 'event'].map((k) => kindLabel('fr', k)),
      ...PART_CODES.map((p) => partLabel('fr', p)),
      ...CLASSIFICATION_CODES.map((c) => classificationLabel('fr', c)),
    ];
    for (const w of words) expect(englishIn(w), w).toBeNull();
  });

  it('finds an English word when there is one (the check itself works)', () => {
    expect(englishIn('la source (reported)')).toBe('reported');
    expect(englishIn('délai de 0 days')).toBe('days');
    expect(englishIn('USD 100bn')).toBe('bn');
    expect(englishIn('une durée comme « 60 days »')).toBeNull();
    expect(englishIn('écrivez `until 2030-12-31`')).toBeNull();
  });
});
