/**
 * An explanation, unfolding as a tree: each node's sentence (in the page's language, from the server), the clause
 * it rests on (a button that opens the version's text at that clause, with the clause's source), the events that
 * made it so, and the explanations it depends on, each foldable.
 */
import type { Because } from './api-types';
import { formatDate } from './format';
import type { Lang } from './i18n';
import { t } from './i18n';
import { SourceLink } from './source-link';

export interface ClauseTarget {
  readonly version: string;
  readonly id: string;
}

export interface BecauseTreeProps {
  readonly lang: Lang;
  readonly because: Because;
  readonly onClause: (c: ClauseTarget) => void;
  readonly depth?: number;
}

export function BecauseTree({ lang, because, onClause, depth = 0 }: BecauseTreeProps) {
  const children = because.children ?? [];
  const body = (
    <>
      {because.clause ? (
        <div class="because-clause">
          <button
            type="button"
            class="link clause-link"
            data-clause={because.clause.id}
            aria-label={t(lang, 'explain.openClause', { version: because.clause.version, id: because.clause.id })}
            onClick={() => because.clause && onClause({ version: because.clause.version, id: because.clause.id })}
          >
            {t(lang, 'explain.clause', { trail: because.clause.trail.join(' › ') || because.clause.id, version: because.clause.version })}
          </button>{' '}
          <SourceLink lang={lang} source={because.clause.source} />
        </div>
      ) : null}
      {because.events && because.events.length > 0 ? (
        <ul class="because-events" aria-label={t(lang, 'explain.events')}>
          {because.events.map((e) => (
            <li key={e.id}>
              <span class="event-ref">
                {formatDate(lang, e.date)} · {e.type} · {e.actor} · <code>{e.id}</code>
                {e.hypothetical ? <span class="badge hypothetical"> {t(lang, 'event.hypothetical')}</span> : null}
              </span>{' '}
              <SourceLink lang={lang} source={e.source} />
            </li>
          ))}
        </ul>
      ) : null}
      {children.length > 0 ? (
        <ul class="because-children">
          {children.map((c, i) => (
            <li key={i}>
              <BecauseTree lang={lang} because={c} onClause={onClause} depth={depth + 1} />
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
  if (children.length === 0 && !because.events?.length && !because.clause) return <p class="because-text">{because.text}</p>;
  return (
    <details class="because" open={depth < 2}>
      <summary class="because-text">{because.text}</summary>
      {body}
    </details>
  );
}
