/** The visible English/French switch; the choice is remembered in localStorage. */
import type { Lang } from './i18n';
import { LANGS, t } from './i18n';

const NAMES: Record<Lang, string> = { en: 'English', fr: 'Français' };

export function LanguageSwitch({ lang, onLang }: { readonly lang: Lang; readonly onLang: (l: Lang) => void }) {
  return (
    <div class="lang-switch" role="group" aria-label={t(lang, 'lang.label')}>
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={lang === l} data-lang={l} onClick={() => onLang(l)} title={NAMES[l]}>
          {l.toUpperCase()}
          <span class="visually-hidden"> — {NAMES[l]}</span>
        </button>
      ))}
    </div>
  );
}
