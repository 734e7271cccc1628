/**
 * The access token: typed once, kept in sessionStorage (this tab only), sent as a bearer token with every request.
 * A token in the address (`?token=…`, as `npm start` prints it) is taken and removed from the address.
 */
import { useState } from 'preact/hooks';
import type { Lang } from './i18n';
import { t } from './i18n';

const KEY = 'pacte.token';

export function initialToken(): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(KEY) ?? '';
}

export function saveToken(token: string): void {
  if (token) sessionStorage.setItem(KEY, token);
  else sessionStorage.removeItem(KEY);
}

export function TokenField({
  lang,
  token,
  onToken,
}: {
  readonly lang: Lang;
  readonly token: string;
  readonly onToken: (t: string) => void;
}) {
  const [value, setValue] = useState(token);
  return (
    <form
      class="token-field"
      onSubmit={(e) => {
        e.preventDefault();
        onToken(value.trim());
      }}
    >
      <label class="inline">
        <span>{t(lang, 'token.label')}</span>
        <input
          type="password"
          name="token"
          data-testid="token"
          autoComplete="off"
          value={value}
          onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)}
          aria-describedby="token-help"
        />
      </label>
      <button type="submit">{t(lang, 'token.save')}</button>
      {token ? (
        <button
          type="button"
          onClick={() => {
            setValue('');
            onToken('');
          }}
        >
          {t(lang, 'token.forget')}
        </button>
      ) : null}
      <small id="token-help" class={token ? 'visually-hidden' : 'muted'}>
        {t(lang, 'token.help')}
      </small>
    </form>
  );
}
