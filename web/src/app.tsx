/**
 * The page: a header (title, language switch, token), then the families or one family's timeline, by the address.
 * The token is checked with /api/me first, so that a wrong token gets one clear message.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createApi } from './api';
import type { Me } from './api-types';
import { ErrorMessage } from './error-message';
import { FamiliesPage } from './families-page';
import { FamilyPage } from './family-page';
import type { Lang } from './i18n';
import { t } from './i18n';
import { initialLang } from './initial-lang';
import { LanguageSwitch } from './language-switch';
import { parseRoute } from './route';
import { TokenField, initialToken, saveToken } from './token-field';

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [token, setToken] = useState<string>(initialToken);
  const [hash, setHash] = useState(location.hash);
  const [me, setMe] = useState<Me | null>(null);
  const [authError, setAuthError] = useState<unknown>(null);
  const api = useMemo(() => createApi(token, lang), [token, lang]);
  const route = parseRoute(hash);

  useEffect(() => {
    const on = (): void => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  useEffect(() => {
    localStorage.setItem('pacte.lang', lang);
    document.documentElement.lang = lang;
    document.title = t(lang, 'app.title');
  }, [lang]);
  useEffect(() => {
    let live = true;
    setMe(null);
    setAuthError(null);
    if (!token) return undefined;
    createApi(token, lang)
      .me()
      .then(
        (m) => live && setMe(m),
        (e: unknown) => live && setAuthError(e),
      );
    return () => {
      live = false;
    };
    // The token alone decides who the user is; the language only changes the words.
  }, [token]);

  return (
    <>
      <a class="skip" href="#main">
        {t(lang, 'app.skip')}
      </a>
      <header class="top">
        <h1>
          <a href="#/">pacte</a> <span class="muted">{t(lang, 'app.title').replace(/^pacte — /, '')}</span>
        </h1>
        <TokenField
          lang={lang}
          token={token}
          onToken={(x) => {
            saveToken(x);
            setToken(x);
          }}
        />
        {me ? <p class="me muted">{me.admin ? t(lang, 'me.admin') : t(lang, 'me.party', { party: me.party ?? '—' })}</p> : null}
        <LanguageSwitch lang={lang} onLang={setLang} />
      </header>
      <main id="main" tabIndex={-1}>
        {!token ? (
          <p class="notice" role="status">
            {t(lang, 'token.missing')}
          </p>
        ) : null}
        {authError ? <ErrorMessage lang={lang} error={authError} /> : null}
        {me && !route.family ? <FamiliesPage lang={lang} api={api} /> : null}
        {me && route.family ? <FamilyPage key={route.family} lang={lang} api={api} route={route} admin={me.admin} /> : null}
      </main>
    </>
  );
}
