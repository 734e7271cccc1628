/** A citation: its title, its status as a word with a colour (official, reported, unverified), and a link when known. */
import type { Source } from './api-types';
import type { Lang } from './i18n';
import { t } from './i18n';

export function SourceLink({ lang, source }: { readonly lang: Lang; readonly source: Source | undefined }) {
  if (!source) return null;
  const status = source.status ?? 'unverified';
  const word = status === 'official' || status === 'reported' || status === 'unverified' ? t(lang, `source.${status}`) : status;
  return (
    <span class="source">
      <span class={`badge source-${status}`}>{word}</span>{' '}
      {source.url ? (
        <a href={source.url} target="_blank" rel="noopener noreferrer">
          {source.title ?? source.url}
        </a>
      ) : (
        <span>{source.title}</span>
      )}
    </span>
  );
}
