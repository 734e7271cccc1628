/** The data and the source of one event: shown when an event of the timeline is hovered or focused. */
import { Fragment } from 'preact';
import type { LedgerEventJson } from './api-types';
import { formatDate, formatValue } from './format';
import type { Lang } from './i18n';
import { t } from './i18n';
import { SourceLink } from './source-link';

export interface EventDetailsProps {
  readonly lang: Lang;
  readonly event: LedgerEventJson | null;
  readonly onGoto: (iso: string) => void;
}

export function EventDetails({ lang, event, onGoto }: EventDetailsProps) {
  if (!event) return <p class="hint">{t(lang, 'event.hint')}</p>;
  const data = Object.entries(event.data ?? {});
  return (
    <section class="event-details" aria-live="polite" data-testid="event-details">
      <h3>{t(lang, 'event.title', { id: event.id })}</h3>
      <dl>
        <dt>{t(lang, 'event.type')}</dt>
        <dd>{event.type}</dd>
        <dt>{t(lang, 'event.date')}</dt>
        <dd>
          {formatDate(lang, event.date)}{' '}
          <button type="button" class="link" onClick={() => onGoto(event.date)}>
            {t(lang, 'event.goto')}
          </button>
        </dd>
        <dt>{t(lang, 'event.actor')}</dt>
        <dd>{event.actor}</dd>
        {data.map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd class={k === 'summary' ? 'summary' : ''}>{formatValue(lang, v)}</dd>
          </Fragment>
        ))}
        <dt>{t(lang, 'event.source')}</dt>
        <dd>
          <SourceLink lang={lang} source={event.source} />
        </dd>
      </dl>
    </section>
  );
}
