/**
 * One family: its timeline with the date cursor and the event under the pointer, then four views of the cursor's
 * date: the state, the redline between two versions, what-if and the stored scenarios compared. The cursor, the view,
 * the redline's versions and the scenarios compared are kept in the address, so a view can be shared or reloaded. The
 * what-if (its events, the real events it sets aside, its assumed values) is kept here, so that the timeline draws it
 * (and the scenarios compared): hypothetical events hollow, real events set aside struck through.
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { Api } from './api';
import type { FamilyInfo, LedgerEventJson, StateJson, StoredEvent } from './api-types';
import type { ClauseTarget } from './because-tree';
import { DateCursor } from './date-cursor';
import { ErrorMessage } from './error-message';
import { EventDetails } from './event-details';
import type { Lang } from './i18n';
import { t } from './i18n';
import { RedlineView } from './redline-view';
import { StateView } from './state-view';
import { Timeline, metricName } from './timeline';
import { isoOf, metricAt, metrics, metricSeries, timeDomain } from './timeline-data';
import { formatDate, formatMoney } from './format';
import { VersionText } from './version-text';
import { WhatIfView } from './what-if-view';
import type { Assumed } from './what-if-view';
import { CompareView } from './compare-view';
import type { Overlay } from './compare-view';
import type { Route } from './route';
import { parseRoute, setRoute } from './route';

export interface FamilyPageProps {
  readonly lang: Lang;
  readonly api: Api;
  readonly route: Route;
  /** An admin token may save a what-if as a scenario. */
  readonly admin: boolean;
}

type View = 'state' | 'redline' | 'whatif' | 'compare';
const VIEWS: readonly View[] = ['state', 'redline', 'whatif', 'compare'];
const NO_OVERLAY: Overlay = { events: [], retract: [] };

export function FamilyPage({ lang, api, route, admin }: FamilyPageProps) {
  const name = route.family ?? '';
  const [family, setFamily] = useState<FamilyInfo | null>(null);
  const [events, setEvents] = useState<StoredEvent[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [hovered, setHovered] = useState<StoredEvent | null>(null);
  const [metricKey, setMetricKey] = useState<string>('sum:invest.amount');
  const [clause, setClause] = useState<ClauseTarget | null>(null);
  const [hypothetical, setHypothetical] = useState<readonly LedgerEventJson[]>([]);
  const [retracted, setRetracted] = useState<readonly string[]>([]);
  const [assumed, setAssumed] = useState<readonly Assumed[]>([]);
  // The scenarios compared are kept in the address, as a string so that the list keeps its identity across renders.
  const comparedKey = (route.scenarios ?? []).join(',');
  const compared = useMemo(() => (comparedKey ? comparedKey.split(',') : []), [comparedKey]);
  const setCompared = useCallback((names: readonly string[]) => setRoute({ ...parseRoute(location.hash), scenarios: names }), []);
  const [overlay, setOverlay] = useState<Overlay>(NO_OVERLAY);
  const onRetract = useCallback((id: string) => setRetracted((r) => (r.includes(id) ? r.filter((x) => x !== id) : [...r, id])), []);

  useEffect(() => {
    let live = true;
    Promise.all([api.family(name), api.events(name)]).then(
      ([f, e]) => {
        if (!live) return;
        setFamily(f);
        setEvents(e);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, name]);

  const eventDates = useMemo(() => [...new Set((events ?? []).map((e) => e.event.date))].sort(), [events]);
  const lastDate = eventDates[eventDates.length - 1] ?? family?.versions[family.versions.length - 1]?.date ?? isoOf(new Date());
  const cursor = route.at ?? lastDate;
  const view: View = VIEWS.includes(route.view as View) ? (route.view as View) : 'state';
  // Stable across moves of the cursor, so that moving it does not redraw the chart (nor lose the focused event).
  const onCursor = useCallback((iso: string) => setRoute({ ...parseRoute(location.hash), at: iso }), []);
  const onEvent = useCallback((e: StoredEvent | null) => setHovered(e), []);
  const allMetrics = useMemo(() => metrics(events ?? []), [events]);
  const metric = allMetrics.find((m) => m.key === metricKey) ?? allMetrics[0] ?? null;
  const series = useMemo(() => (metric && events ? metricSeries(events, metric) : []), [metric, events]);
  // The timeline draws what the view shows: the scenarios compared, else the what-if.
  const drawn = view === 'compare' ? overlay : { events: hypothetical, retract: retracted };
  const drawnEvents = drawn.events;
  const drawnRetract = useMemo(() => new Set(drawn.retract), [drawn.retract]);

  if (error) return <ErrorMessage lang={lang} error={error} />;
  if (!family || !events) return <p>{t(lang, 'loading')}</p>;

  const domain = timeDomain(family.versions, events, drawnEvents);
  const versionAt = [...family.versions].filter((v) => v.binding && v.date <= cursor).pop();
  const to = route.to ?? versionAt?.id ?? family.versions[0]?.id ?? '';
  const from = route.from ?? family.versions[Math.max(0, family.versions.findIndex((v) => v.id === to) - 1)]?.id ?? to;
  const metricNow = metric ? metricAt(series, new Date(`${cursor}T00:00:00Z`)) : null;

  return (
    <div class="family-page" data-testid="family-page">
      <p>
        <a href="#/">← {t(lang, 'nav.back')}</a>
      </p>
      <h2>
        {family.family} <span class="muted">— {family.title}</span>
      </h2>
      <section class="timeline-section" aria-labelledby="timeline-title">
        <div class="timeline-head">
          <h3 id="timeline-title">{t(lang, 'timeline.title')}</h3>
          <label>
            <span>{t(lang, 'timeline.metric')}</span>
            <select name="metric" value={metric?.key ?? ''} onChange={(e) => setMetricKey((e.currentTarget as HTMLSelectElement).value)}>
              {allMetrics.map((m) => (
                <option key={m.key} value={m.key}>
                  {metricName(lang, m)}
                </option>
              ))}
            </select>
          </label>
          {metric ? (
            <p class="metric-now" data-testid="metric-now">
              {metricName(lang, metric)}, {formatDate(lang, cursor)}:{' '}
              <strong>
                {metricNow
                  ? metricNow.atLeast
                    ? t(lang, 'bounds.atLeast', { x: formatMoney(lang, metricNow.exact) })
                    : formatMoney(lang, metricNow.exact)
                  : '—'}
              </strong>
            </p>
          ) : null}
        </div>
        <DateCursor lang={lang} value={cursor} min={isoOf(domain[0])} max={isoOf(domain[1])} eventDates={eventDates} onChange={onCursor} />
        <div class="timeline-and-event">
          <Timeline
            lang={lang}
            family={family.family}
            versions={family.versions}
            events={events}
            hypothetical={drawnEvents}
            retracted={drawnRetract}
            onRetract={view === 'whatif' ? onRetract : undefined}
            metric={metric}
            cursor={cursor}
            selected={hovered?.id ?? null}
            onCursor={onCursor}
            onEvent={onEvent}
          />
          <aside class="event-aside">
            <EventDetails lang={lang} event={hovered?.event ?? null} onGoto={onCursor} />
          </aside>
        </div>
      </section>
      <div role="tablist" aria-label={t(lang, 'tabs.label')} class="tabs">
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            id={`tab-${v}`}
            aria-selected={view === v}
            aria-controls={`panel-${v}`}
            tabIndex={view === v ? 0 : -1}
            onClick={() => setRoute({ ...route, view: v })}
            onKeyDown={(e) => {
              const i = VIEWS.indexOf(v);
              const next =
                e.key === 'ArrowRight'
                  ? VIEWS[(i + 1) % VIEWS.length]
                  : e.key === 'ArrowLeft'
                    ? VIEWS[(i + VIEWS.length - 1) % VIEWS.length]
                    : null;
              if (next) {
                setRoute({ ...route, view: next });
                document.getElementById(`tab-${next}`)?.focus();
              }
            }}
          >
            {t(lang, `tabs.${v}`)}
          </button>
        ))}
      </div>
      <section role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`} class="panel">
        {view === 'state' ? <StatePanel lang={lang} api={api} family={family.family} cursor={cursor} onClause={setClause} /> : null}
        {view === 'redline' ? (
          <RedlineView
            lang={lang}
            api={api}
            family={family.family}
            versions={family.versions}
            cursor={cursor}
            from={from}
            to={to}
            onPick={(f, tt) => setRoute({ ...route, from: f, to: tt })}
            onClause={setClause}
          />
        ) : null}
        {view === 'whatif' ? (
          <WhatIfView
            lang={lang}
            api={api}
            family={family}
            cursor={cursor}
            onClause={setClause}
            events={hypothetical}
            onEvents={setHypothetical}
            retracted={retracted}
            onRetracted={setRetracted}
            assumed={assumed}
            onAssumed={setAssumed}
            admin={admin}
          />
        ) : null}
        {view === 'compare' ? (
          <CompareView
            lang={lang}
            api={api}
            family={family.family}
            cursor={cursor}
            selected={compared}
            onSelected={setCompared}
            onOverlay={setOverlay}
          />
        ) : null}
      </section>
      {clause ? (
        <VersionText
          key={`${clause.version}/${clause.id}`}
          lang={lang}
          api={api}
          family={family.family}
          target={clause}
          onClose={() => setClause(null)}
        />
      ) : null}
    </div>
  );
}

/** The state at the cursor, fetched shortly after the cursor stops moving. */
function StatePanel({
  lang,
  api,
  family,
  cursor,
  onClause,
}: {
  readonly lang: Lang;
  readonly api: Api;
  readonly family: string;
  readonly cursor: string;
  readonly onClause: (c: ClauseTarget) => void;
}) {
  const [state, setState] = useState<StateJson | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.state(family, cursor).then(
        (s) => {
          if (!live) return;
          setState(s);
          setError(null);
        },
        (e: unknown) => live && setError(e),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, family, cursor]);
  return (
    <div data-testid="state-panel" data-as-of={state?.asOf ?? ''}>
      <h3>{t(lang, 'state.title', { date: formatDate(lang, cursor) })}</h3>
      {error ? <ErrorMessage lang={lang} error={error} /> : null}
      {state ? <StateView lang={lang} state={state} onClause={onClause} /> : <p>{t(lang, 'loading')}</p>}
    </div>
  );
}
