/**
 * Message arguments are typed: `npm run typecheck` (tsc on tests/) fails if a line marked `@ts-expect-error` below
 * compiles, i.e. if a missing, misspelt or extra argument, an unknown code, or a French table whose placeholders differ
 * from the English ones were no longer a compile error. At run time, the same calls show what a user would read.
 */
import { describe, expect, it } from 'vitest';
import { diagnostic } from '../src/diagnostics/diagnostic.js';
import { message } from '../src/diagnostics/render.js';
import { dt } from '../src/diff/diff-messages.js';
import { why } from '../src/engine/why.js';
import { defineMessages, fill } from '../src/messages/define-messages.js';
import { ApiError, errorBody } from '../src/server/errors.js';
import { sourceFile } from '../src/source/source-file.js';
import { t } from '../web/src/i18n.js';

const file = sourceFile('deal.pacte.md', 'until agi_verifed\n');

describe('message arguments', () => {
  it('are checked by the compiler for every table', () => {
    // @ts-expect-error `hint` is missing
    diagnostic(file, [6, 17], 'unknown-name', { name: 'agi_verifed' });
    // @ts-expect-error `nmae` is misspelt
    diagnostic(file, [6, 17], 'unknown-name', { nmae: 'agi_verifed', hint: '' });
    // @ts-expect-error no such diagnostic code
    diagnostic(file, [6, 17], 'unknown-nmae', { name: 'agi_verifed', hint: '' });
    // @ts-expect-error `empty-block` takes no argument
    diagnostic(file, [0, 0], 'empty-block', { name: 'x' });
    // @ts-expect-error `value` is missing
    why('fr', 'definition', { name: 'agi' });
    // @ts-expect-error `n` is a count, not `count`
    dt('fr', 'added', { count: 2 });
    // @ts-expect-error `max` is missing
    new ApiError('too-large', {});
    // @ts-expect-error `n` is missing
    t('fr', 'families.events');
    // @ts-expect-error a number or a text, nothing else
    t('fr', 'families.events', { n: true });

    const d = diagnostic(file, [6, 17], 'unknown-name', { name: 'agi_verifed', hint: '@hint:agi_verified' });
    expect(message(d, 'fr')).toBe('nom inconnu `agi_verifed` (vouliez-vous dire `agi_verified` ?)');
    expect(why('fr', 'definition', { name: 'agi', value: 'vrai' })).toBe('`agi` = vrai');
    expect(dt('fr', 'added', { n: 2 })).toBe('Clauses ajoutées (2) :');
    expect(errorBody(new ApiError('too-large-decoded', { max: 1048576 }), 'fr').error).toEqual({
      code: 'too-large',
      message: 'le corps dépasse 1048576 octets une fois décompressé',
    });
    expect(t('fr', 'families.events', { n: 3 })).toBe('3 événements');
  });

  it('make a French table with other placeholders or codes a compile error', () => {
    const ok = defineMessages({ en: { 'no-family': 'no family {name}' }, fr: { 'no-family': 'aucune famille {name}' } });
    expect(ok.format('fr', 'no-family', { name: 'acme' })).toBe('aucune famille acme');
    // @ts-expect-error the French placeholder is misspelt
    defineMessages({ en: { 'no-family': 'no family {name}' }, fr: { 'no-family': 'aucune famille {nom}' } });
    // @ts-expect-error the French template drops a placeholder
    defineMessages({ en: { 'no-family': 'no family {name}' }, fr: { 'no-family': 'aucune famille' } });
    // @ts-expect-error the French table lacks a code
    defineMessages({ en: { a: 'a', b: 'b' }, fr: { a: 'a' } });
  });

  it('are filled by one substitution: text as is, numbers in plain form, nothing for a missing one', () => {
    expect(fill('{a} and {b}{c}', { a: 'x', b: 1.5 })).toBe('x and 1.5');
    expect(fill('{a}', { a: '{b}', b: 'no' })).toBe('{b}');
  });
});
