/**
 * What-if: hypothetical events added with a form built from the agreement's event types, evaluated by the server
 * (POST …/what-if, nothing written) under the versions in force or one version alone, beside the same state
 * without them: the norms whose status changes come first, then the whole state with the events overlaid.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Api } from './api';
import { ApiError } from './api';
import type { EventTypeInfo, FamilyInfo, LedgerEventJson, StateJson } from './api-types';
import type { ClauseTarget } from './because-tree';
import { ErrorMessage } from './error-message';
import { EventForm } from './event-form';
import { formatDate, formatValue } from './format';
import type { Lang } from './i18n';
import { t } from './i18n';
import { StateView, StatusBadge } from './state-view';
import { versionDetail } from './version-text';

export interface WhatIfViewProps {
  readonly lang: Lang;
  readonly api: Api;
  readonly family: FamilyInfo;
  readonly cursor: string;
  readonly onClause: (c: ClauseTarget) => void;
  /** The hypothetical events, kept by the family page so that the timeline draws them too. */
  readonly events: readonly LedgerEventJson[];
  readonly onEvents: (events: readonly LedgerEventJson[]) => void;
}

interface Result {
  readonly before: StateJson;
  readonly after: StateJson;
}

export function WhatIfView({ lang, api, family, cursor, onClause, events, onEvents: setEvents }: WhatIfViewProps) {
  const [version, setVersion] = useState('');
  // biome-ignore lint/complexity/useMathMinMax: ISO dates, compared as text
  const [asOf, setAsOf] = useState(() => events.reduce((d, e) => (e.date > d ? e.date : d), cursor));
  const [types, setTypes] = useState<EventTypeInfo[] | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // The event types of the version chosen, or of the last version of the family.
  const typesOf = version || family.versions[family.versions.length - 1]?.id || '';
  useEffect(() => {
    let live = true;
    if (!typesOf) return undefined;
    versionDetail(api, family.family, typesOf).then(
      (d) => live && setTypes([...d.eventTypes].sort((a, b) => a.name.localeCompare(b.name))),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, family.family, typesOf]);

  useEffect(() => {
    let live = true;
    if (events.length === 0) {
      setResult(null);
      return undefined;
    }
    setBusy(true);
    setError(null);
    Promise.all([api.state(family.family, asOf, version || undefined), api.whatIf(family.family, asOf, version || undefined, events)]).then(
      ([before, after]) => {
        if (!live) return;
        setResult({ before, after });
        setBusy(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e);
        setResult(null);
        setBusy(false);
      },
    );
    return () => {
      live = false;
    };
  }, [api, family.family, asOf, version, events, lang]);

  const changed = useMemo(() => {
    const m = new Map<string, string>();
    if (!result) return m;
    const before = new Map(result.before.norms.map((n) => [n.id, n]));
    for (const n of result.after.norms) {
      const b = before.get(n.id);
      if (!b || b.status !== n.status || b.since !== n.since || b.until !== n.until) m.set(n.id, b?.status ?? 'pending');
    }
    return m;
  }, [result]);

  function add(e: LedgerEventJson): void {
    setEvents([...events, e]);
    if (e.date > asOf) setAsOf(e.date);
  }

  return (
    <div class="what-if" data-testid="what-if">
      <p>{t(lang, 'whatif.intro')}</p>
      <div class="controls">
        <label>
          <span>{t(lang, 'whatif.version')}</span>
          <select
            name="whatif-version"
            data-testid="whatif-version"
            value={version}
            onChange={(e) => setVersion((e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">{t(lang, 'whatif.version.governing')}</option>
            {family.versions.map((v) => (
              <option key={v.id} value={v.id}>
                {t(lang, 'whatif.version.alone', { version: v.id })}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t(lang, 'whatif.asOf')}</span>
          <input
            type="date"
            name="whatif-as-of"
            data-testid="whatif-as-of"
            value={asOf}
            onInput={(e) => {
              const v = (e.currentTarget as HTMLInputElement).value;
              if (/^\d{4}-\d{2}-\d{2}$/.test(v)) setAsOf(v);
            }}
          />
        </label>
      </div>
      {types ? (
        <EventForm
          lang={lang}
          types={types}
          parties={family.parties}
          defaultDate={asOf}
          nextId={(type, date) => `what-if-${events.length + 1}-${date}-${type}`}
          onAdd={add}
        />
      ) : (
        <p>{t(lang, 'loading')}</p>
      )}
      <section>
        <h4>{t(lang, 'whatif.events', { n: events.length })}</h4>
        {events.length === 0 ? (
          <p class="muted">{t(lang, 'whatif.noEvents')}</p>
        ) : (
          <ul class="whatif-events">
            {events.map((e) => (
              <li key={e.id}>
                {formatDate(lang, e.date)} · <strong>{e.type}</strong> · {e.actor}
                {Object.entries(e.data ?? {}).map(([k, v]) => ` · ${k}: ${formatValue(lang, v)}`)}{' '}
                <button type="button" class="link" onClick={() => setEvents(events.filter((x) => x !== e))}>
                  {t(lang, 'whatif.remove', { id: e.id })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {error ? (
        <div class="error" role="alert">
          {error instanceof ApiError && error.body.diagnostics?.length ? (
            <>
              <p>{t(lang, 'whatif.invalid')}</p>
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
      ) : null}
      {busy ? <p aria-live="polite">{t(lang, 'loading')}</p> : null}
      {result ? (
        <>
          <section data-testid="whatif-changes" aria-live="polite">
            <h4>{t(lang, 'whatif.changes', { date: formatDate(lang, result.after.asOf) })}</h4>
            {changed.size === 0 ? (
              <p>{t(lang, 'whatif.noChange')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t(lang, 'state.col.id')}</th>
                    <th scope="col">{t(lang, 'whatif.before')}</th>
                    <th scope="col">{t(lang, 'whatif.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.after.norms
                    .filter((n) => changed.has(n.id))
                    .map((n) => {
                      const b = result.before.norms.find((x) => x.id === n.id);
                      return (
                        <tr key={n.id} data-norm={n.id}>
                          <th scope="row">
                            <code>{n.id}</code>
                          </th>
                          <td>
                            {b ? <StatusBadge lang={lang} status={b.status} /> : '—'}{' '}
                            {b?.until ? <span class="small">→ {formatDate(lang, b.until)}</span> : null}
                          </td>
                          <td>
                            <StatusBadge lang={lang} status={n.status} />{' '}
                            <span class="small">
                              {t(lang, 'state.col.since')} {formatDate(lang, n.since)}
                            </span>
                            <div class="small">{n.because.text}</div>
                          </td>
                        </tr>
                      );
                    })}
                </tbody>
              </table>
            )}
          </section>
          <section>
            <h4>{t(lang, 'whatif.result')}</h4>
            <StateView lang={lang} state={result.after} onClause={onClause} changed={changed} idPrefix="whatif" />
          </section>
        </>
      ) : null}
    </div>
  );
}
