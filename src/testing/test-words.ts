/** The words of `pacte test`'s report, in both languages. Expectations are quoted as written (« … » in French). */
import { defineMessages } from '../messages/define-messages.js';

export const testWords = defineMessages({
  en: {
    pass: 'pass {where}: {text}',
    fail: 'FAIL {where}: {text}',
    expected: '  - expected: {text}',
    actual: '  + actual:   {text}',
    because: '    because:  {text}',
    suggestion: '    did you mean `{name}`?',
    summary: '{passed} passed, {failed} failed',
    'summary-errors': '{passed} passed, {failed} failed, {errors} error(s) in the tests or the family',
  },
  fr: {
    pass: 'ok {where} : « {text} »',
    fail: 'ÉCHEC {where} : « {text} »',
    expected: '  - attendu :   « {text} »',
    actual: '  + obtenu :    « {text} »',
    because: '    parce que : {text}',
    suggestion: '    vouliez-vous dire `{name}` ?',
    summary: '{passed} réussie(s), {failed} échouée(s)',
    'summary-errors': '{passed} réussie(s), {failed} échouée(s), {errors} erreur(s) dans les tests ou la famille',
  },
});
