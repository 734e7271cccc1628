/**
 * No English left in French: every message code of every table (diagnostics and the words inside them, explanations,
 * status words, the redline, server errors, the UI) is rendered in French with sample arguments, and none of a list
 * of English words appears outside code spans (`for each`, `Authorization: Bearer`) and quoted examples of input
 * (« 60 days »), which are what a user types.
 */
import { describe, expect, it } from 'vitest';
import { checkWords } from '../src/cli/check.js';
import { usageWords } from '../src/cli/options.js';
import { stateWords } from '../src/engine/render-state.js';
import { storyWords } from '../src/cli/story.js';
import { diagnosticMessages } from '../src/diagnostics/messages.js';
import { TERM_KEYS, term } from '../src/diagnostics/terms.js';
import { CLASSIFICATION_CODES, classificationLabel, diffMessages, kindLabel, PART_CODES, partLabel } from '../src/diff/diff-messages.js';
import { STATUS_FR, statusWord, waitsMessages, waitsText, whyMessages } from '../src/engine/why.js';
import type { Messages } from '../src/messages/define-messages.js';
import { serverMessages } from '../src/server/errors.js';
import { zodWords } from '../src/server/zod-error.js';
import { humanText } from '../src/values/human-text.js';
import { mcpWords } from '../src/mcp/mcp-words.js';
import { lspWords } from '../src/lsp/lsp-words.js';
import { fmtWords } from '../src/cli/fmt.js';
import { rechainWords } from '../src/cli/rechain.js';
import { testWords } from '../src/testing/test-words.js';
import { uiMessages } from '../web/src/i18n.js';
import { englishIn } from './harness/english-words.js';

/** Every code of a table in French, with `X` (or 7) for each argument. */
function renderAll(messages: Messages<Readonly<Record<string, string>>>): [string, string][] {
  return messages.codes.map((code) => {
    const args = Object.fromEntries(messages.placeholders(code).map((p, i) => [p, i % 2 === 0 ? 'X' : 7]));
    return [code, messages.formatStored('fr', code, args)];
  });
}

describe('French output', () => {
  const tables = {
    diagnostics: diagnosticMessages,
    explanations: whyMessages,
    waits: waitsMessages,
    redline: diffMessages,
    server: serverMessages,
    ui: uiMessages,
    'pacte check': checkWords,
    'pacte state': stateWords,
    'pacte story': storyWords,
    'usage errors': usageWords,
    'request validation': zodWords,
    'pacte mcp': mcpWords,
    'pacte lsp': lspWords,
    'pacte fmt': fmtWords,
    'pacte rechain': rechainWords,
    'pacte test': testWords,
  };
  for (const [name, table] of Object.entries(tables)) {
    it(`has no English word in the ${name} messages`, () => {
      const rendered = renderAll(table as unknown as Messages<Readonly<Record<string, string>>>);
      expect(rendered.length).toBeGreaterThan(0);
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

  it('writes amounts, numbers, percentages and durations the French way, as Intl fr-FR and the UI do', () => {
    const fr = (text: string): string => humanText(text, 'fr');
    expect(fr('USD 100000000000')).toBe('100\u00a0Md\u00a0USD');
    expect(fr('USD 13750000000')).toBe('13,75\u00a0Md\u00a0USD');
    expect(fr('USD 2000000000000')).toBe('2\u00a0Bn\u00a0USD');
    expect(fr('USD 5000000')).toBe('5\u00a0M\u00a0USD');
    expect(fr('USD 0 + EUR 12')).toBe('0\u00a0USD + 12\u00a0EUR');
    expect(fr('2.14')).toBe('2,14');
    expect(fr('1.5%')).toBe('1,5\u00a0%');
    expect(fr('0 days')).toBe('0\u00a0jour');
    expect(fr('60 days')).toBe('60\u00a0jours');
    expect(fr('3 business days')).toBe('3\u00a0jours ouvrés');
    // An amount that is not a round number of millions is written in full, exactly as the UI's Intl format writes it:
    // a fraction with the currency's minor units (`4 500 000,10 EUR`), a whole amount whole.
    for (const [currency, amount, minor] of [
      ['EUR', '4500000.1', 2],
      ['USD', '-1234.5', 2],
      ['USD', '400000.02', 2],
      ['KWD', '12.5', 3],
      ['JPY', '7', 0],
    ] as const) {
      const intl = new Intl.NumberFormat('fr-FR', {
        style: 'currency',
        currency,
        currencyDisplay: 'code',
        minimumFractionDigits: amount.includes('.') ? minor : 0,
        maximumFractionDigits: 20,
      });
      expect(fr(`${currency} ${amount}`)).toBe(intl.format(amount as unknown as number));
    }
    for (const text of ['USD 100000000000', 'USD 4500000.1', '60 days', '1 months', '497400 seconds', '2.5%'])
      expect(englishIn(fr(text)), text).toBeNull();
    // English stays as pacte writes its literals.
    expect(humanText('USD 100000000000', 'en')).toBe('USD 100bn');
    expect(humanText('USD 4500000.1', 'en')).toBe('USD 4,500,000.10');
    expect(humanText('60 days', 'en')).toBe('60 days');
  });

  it('says in French what an undisclosed value waits for', () => {
    const waits = [
      waitsMessages.format('en', 'no-case', { name: 'rate' }),
      'investment_2021',
      waitsMessages.format('en', 'division-by-zero'),
    ];
    expect(waits[0]).toBe('no case of `rate` applies');
    expect(waitsText('fr', waits)).toBe("aucun cas de `rate` ne s'applique, investment_2021, une division par zéro");
    expect(waitsText('en', waits)).toBe('no case of `rate` applies, investment_2021, division by zero');
  });
});
