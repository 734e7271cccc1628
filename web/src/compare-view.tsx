/**
 * Compare: the baseline (the versions in force, the real ledger) and each stored scenario chosen from the family's
 * list (GET …/scenarios), side by side in columns as of the timeline's date (GET …/compare, `pacte compare --json`):
 * the governing version, the norms whose status, since or until differ, the values and accounts that differ, each
 * cell that differs from the baseline highlighted; every row on demand. The chosen scenarios' hypothetical events
 * and retractions are handed to the family page, which draws them on the timeline.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Api } from './api';
import type { CompareCell, CompareJson, LedgerEventJson, ScenarioInfo } from './api-types';
import { DiagnosticsError, errorText } from './error-message';
import { formatDate, formatMoney, formatValue } from './format';
import type { Lang } from './i18n';
import { t } from './i18n';
import { StatusBadge } from './state-view';

/** What the chosen scenarios add to the timeline: their hypothetical events and the real events they set aside. */
export interface Overlay {
  readonly events: readonly LedgerEventJson[];
  readonly retract: readonly string[];
}

export interface CompareViewProps {
  readonly lang: Lang;
  readonly api: Api;
  readonly family: string;
  readonly cursor: string;
  /** The scenarios chosen, in the order they were chosen (kept by the family page). */
  readonly selected: readonly string[];
  readonly onSelected: (names: readonly string[]) => void;
  readonly onOverlay: (o: Overlay) => void;
}

export function CompareView({ lang, api, family, cursor, selected, onSelected, onOverlay }: CompareViewProps) {
  const [list, setList] = useState<ScenarioInfo[] | null>(null);
  const [all, setAll] = useState(false);
  const [result, setResult] = useState<CompareJson | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    api.scenarios(family).then(
      (l) => live && setList(l),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, family]);

  // The chosen scenarios' events and retractions, for the timeline.
  useEffect(() => {
    let live = true;
    Promise.all(selected.map((n) => api.scenario(family, n))).then(
      (ds) => {
        if (!live) return;
        onOverlay({ events: ds.flatMap((d) => d.hypotheticalEvents), retract: ds.flatMap((d) => d.retract) });
      },
      () => live && onOverlay({ events: [], retract: [] }),
    );
    return () => {
      live = false;
    };
  }, [api, family, selected, onOverlay]);

  useEffect(() => {
    let live = true;
    if (selected.length === 0) {
      setResult(null);
      return undefined;
    }
    const timer = setTimeout(() => {
      api.compare(family, cursor, selected, all).then(
        (r) => {
          if (!live) return;
          setResult(r);
          setError(null);
        },
        (e: unknown) => {
          if (!live) return;
          setResult(null);
          setError(e);
        },
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, family, cursor, selected, all]);

  function toggle(name: string, on: boolean): void {
    onSelected(on ? [...selected.filter((n) => n !== name), name] : selected.filter((n) => n !== name));
  }

  return (
    <div class="compare" data-testid="compare" data-as-of={result?.asOf ?? ''}>
      <p>{t(lang, 'compare.intro')}</p>
      {list === null && !error ? <p>{t(lang, 'loading')}</p> : null}
      {list && list.length === 0 ? <p class="muted">{t(lang, 'compare.none')}</p> : null}
      {list && list.length > 0 ? (
        <fieldset class="scenario-list">
          <legend>{t(lang, 'compare.choose')}</legend>
          {list.map((s) => (
            <label key={s.name} class="scenario-choice">
              <input
                type="checkbox"
                name="compare-scenario"
                value={s.name}
                data-testid={`compare-scenario-${s.name}`}
                checked={selected.includes(s.name)}
                onChange={(e) => toggle(s.name, (e.currentTarget as HTMLInputElement).checked)}
              />{' '}
              <code>{s.name}</code> — {s.title}
              <span class="small muted">
                {s.version ? ` · ${s.version}` : ''}
                {s.retract.length ? ` · ${t(lang, 'compare.retracts', { ids: s.retract.join(', ') })}` : ''}
                {s.events ? ` · ${t(lang, 'compare.events', { n: s.events })}` : ''}
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <label class="compare-all">
        <input
          type="checkbox"
          name="compare-all"
          data-testid="compare-all"
          checked={all}
          onChange={(e) => setAll((e.currentTarget as HTMLInputElement).checked)}
        />{' '}
        {t(lang, 'compare.all')}
      </label>
      {error ? <DiagnosticsError lang={lang} error={error} intro={errorText(lang, error)} /> : null}
      {selected.length === 0 && list && list.length > 0 ? <p class="muted">{t(lang, 'compare.pick')}</p> : null}
      {result && selected.length > 0 ? <CompareTable lang={lang} result={result} /> : null}
    </div>
  );
}

const KIND = {
  governing: 'compare.kind.governing',
  norm: 'compare.kind.norm',
  value: 'compare.kind.value',
  account: 'compare.kind.account',
} as const;

function CompareTable({ lang, result }: { readonly lang: Lang; readonly result: CompareJson }) {
  return (
    <section aria-live="polite">
      <h3>{t(lang, 'compare.title', { date: formatDate(lang, result.asOf) })}</h3>
      {result.rows.length === 0 ? (
        <p>{t(lang, 'compare.same')}</p>
      ) : (
        <div class="norms-wrap">
          <table data-testid="compare-table">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'compare.row')}</th>
                {result.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => {
                const base = JSON.stringify(r.cells[0] ?? null);
                return (
                  <tr key={`${r.kind}:${r.name}`} data-row={`${r.kind}:${r.name}`} class={r.differs ? 'differs' : undefined}>
                    <th scope="row">
                      {r.kind === 'governing' ? (
                        t(lang, 'compare.kind.governing')
                      ) : (
                        <>
                          <code>{r.name}</code> <span class="small muted">{t(lang, KIND[r.kind])}</span>
                        </>
                      )}
                    </th>
                    {r.cells.map((c, i) => {
                      const differs = i > 0 && JSON.stringify(c ?? null) !== base;
                      return (
                        <td
                          key={i}
                          data-column={result.columns[i]}
                          class={differs ? 'cell-differs' : undefined}
                          title={differs ? t(lang, 'compare.differs') : undefined}
                        >
                          <Cell lang={lang} cell={c ?? null} />
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Cell({ lang, cell }: { readonly lang: Lang; readonly cell: CompareCell }) {
  if (cell === null) return <span class="muted">{t(lang, 'compare.absent')}</span>;
  if ('version' in cell) return cell.version ? <code>{cell.version}</code> : <span class="muted">—</span>;
  if ('status' in cell)
    return (
      <>
        <StatusBadge lang={lang} status={cell.status} />{' '}
        <span class="small">
          {t(lang, 'state.col.since')} {formatDate(lang, cell.since)}
          {cell.until ? ` · ${t(lang, 'state.col.until')} ${formatDate(lang, cell.until)}` : ''}
        </span>
      </>
    );
  if ('paid' in cell)
    return (
      <span class="small">
        {t(lang, 'compare.account', {
          paid: formatMoney(lang, cell.paid),
          owed: formatMoney(lang, cell.owed),
          committed: formatMoney(lang, cell.committed),
        })}
      </span>
    );
  return cell.indeterminate ? <span class="muted">{t(lang, 'state.indeterminate')}</span> : <>{formatValue(lang, cell.value)}</>;
}
