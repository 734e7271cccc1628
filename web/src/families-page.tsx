/** The families the token can see: each with its parties, its versions and its last event, and a link to its timeline. */
import { useEffect, useState } from 'preact/hooks';
import type { Api } from './api';
import type { FamilyInfo } from './api-types';
import { ErrorMessage } from './error-message';
import { formatDate } from './format';
import type { Lang } from './i18n';
import { t } from './i18n';

export function FamiliesPage({ lang, api }: { readonly lang: Lang; readonly api: Api }) {
  const [families, setFamilies] = useState<FamilyInfo[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    api.families().then(
      (f) => live && setFamilies(f),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api]);
  if (error) return <ErrorMessage lang={lang} error={error} />;
  if (!families) return <p>{t(lang, 'loading')}</p>;
  return (
    <section aria-labelledby="families-title" data-testid="families">
      <h2 id="families-title">{t(lang, 'families.title')}</h2>
      {families.length === 0 ? <p>{t(lang, 'families.none')}</p> : null}
      <ul class="families">
        {families.map((f) => (
          <li key={f.family} class="card" data-family={f.family}>
            <h3>
              <a href={`#/families/${encodeURIComponent(f.family)}`}>{f.family}</a>
            </h3>
            <p>{f.title}</p>
            <p>
              <strong>{t(lang, 'families.parties')}:</strong> {f.parties.map((p) => p.name).join(' · ')}
            </p>
            <p>
              <strong>{t(lang, 'families.versions')}:</strong>{' '}
              {f.versions.map((v, i) => (
                <span key={v.id} class={v.binding ? '' : 'nonbinding-text'}>
                  {i > 0 ? ' → ' : ''}
                  {v.id}
                </span>
              ))}
            </p>
            <p>
              {t(lang, 'families.events', { n: f.events })}
              {f.lastEvent
                ? ` · ${t(lang, 'families.last', { id: f.lastEvent.id, type: f.lastEvent.type, date: formatDate(lang, f.lastEvent.date) })}`
                : ''}
            </p>
            <a class="button" href={`#/families/${encodeURIComponent(f.family)}`}>
              {t(lang, 'families.open')}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
