/** The language the page starts in (apart from i18n.ts, which the tests load in Node, where there is no browser). */
import type { Lang } from './i18n';

/** The language the page starts in: the one remembered, else the browser's if French, else English. */
export function initialLang(): Lang {
  const saved = localStorage.getItem('pacte.lang');
  if (saved === 'en' || saved === 'fr') return saved;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
