/** An error of the API in words: a refused token says so plainly; a server error gives its code and message. */
import { ApiError } from './api';
import type { Lang } from './i18n';
import { t } from './i18n';

export function errorText(lang: Lang, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return t(lang, 'token.wrong');
    return t(lang, 'error.generic', { message: `${error.body.message} (${error.body.code})` });
  }
  if (error instanceof TypeError) return t(lang, 'error.network');
  return t(lang, 'error.generic', { message: error instanceof Error ? error.message : String(error) });
}

export function ErrorMessage({ lang, error }: { readonly lang: Lang; readonly error: unknown }) {
  return (
    <p class="error" role="alert" data-testid="error">
      {errorText(lang, error)}
    </p>
  );
}

/**
 * An error with the server's diagnostics listed (a 422: each with its `path` and code), under `intro`; any other
 * error in words.
 */
export function DiagnosticsError({
  lang,
  error,
  intro,
  testId,
}: {
  readonly lang: Lang;
  readonly error: unknown;
  readonly intro: string;
  readonly testId?: string;
}) {
  return (
    <div class="error" role="alert" data-testid={testId}>
      {error instanceof ApiError && error.body.diagnostics?.length ? (
        <>
          <p>{intro}</p>
          <ul>
            {error.body.diagnostics.map((d, i) => (
              <li key={i}>
                {d.path ? <code>{d.path}</code> : null} {d.code ? <code>{d.code}</code> : null} {d.message}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <ErrorMessage lang={lang} error={error} />
      )}
    </div>
  );
}
