/**
 * What-if: hypothetical events added with a form built from the agreement's event types, real events set aside (a
 * click on their dot on the timeline), values assumed for the agreement's undisclosed terms (chosen from the family's
 * list, `undisclosed` of GET …/{family}), evaluated by the server (POST …/what-if with `assume` and `retract`, nothing
 * written) under the versions in force or one version alone, beside the same state without them: the norms whose
 * status changes and the values that change come first, then the whole state. An admin may save it as a scenario
 * (PUT …/scenarios/{name}: its `retract:` list, an `assume` line per value, its events); a party is told it cannot.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Api } from './api';
import type { EventTypeInfo, FamilyInfo, LedgerEventJson, StateJson, UndisclosedTerm } from './api-types';
import type { ClauseTarget } from './because-tree';
import { DiagnosticsError } from './error-message';
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
  /** The real events set aside (a click on the timeline), kept by the family page so that the timeline strikes them. */
  readonly retracted: readonly string[];
  readonly onRetracted: (ids: readonly string[]) => void;
  readonly assumed: readonly Assumed[];
  readonly onAssumed: (a: readonly Assumed[]) => void;
  /** An admin token may save the what-if as a scenario. */
  readonly admin: boolean;
}

/** A value assumed for an undisclosed term, in pacte syntax (`USD 1m`, `20%`, `2027-01-01`). */
export interface Assumed {
  readonly term: string;
  readonly value: string;
}

const SCENARIO_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The Markdown of a scenario that is this what-if: its front matter and one `assume` line per value. */
export function scenarioSource(title: string, version: string, retracted: readonly string[], assumed: readonly Assumed[]): string {
  const lines = ['---', `title: ${JSON.stringify(title)}`];
  if (version) lines.push(`version: ${version}`);
  if (retracted.length) lines.push('retract:', ...retracted.map((id) => `  - ${JSON.stringify(id)}`));
  lines.push('---', '');
  if (assumed.length) lines.push('```pacte', ...assumed.map((a) => `assume ${a.term} = ${a.value}`), '```', '');
  return lines.join('\n');
}

interface Result {
  readonly before: StateJson;
  readonly after: StateJson;
}

export function WhatIfView(props: WhatIfViewProps) {
  const { lang, api, family, cursor, onClause, events, onEvents: setEvents, retracted, onRetracted, assumed, onAssumed } = props;
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

  const oneOff = useMemo(() => ({ assume: assumed.map((a) => `${a.term}=${a.value}`), retract: retracted }), [assumed, retracted]);
  const empty = events.length === 0 && retracted.length === 0 && assumed.length === 0;
  useEffect(() => {
    let live = true;
    if (empty) {
      setResult(null);
      setError(null);
      return undefined;
    }
    setBusy(true);
    setError(null);
    Promise.all([
      api.state(family.family, asOf, version || undefined),
      api.whatIf(family.family, asOf, version || undefined, events, oneOff),
    ]).then(
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
  }, [api, family.family, asOf, version, events, oneOff, empty, lang]);

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

  const valueChanges = useMemo(() => {
    if (!result) return [];
    const names = new Set([...Object.keys(result.before.values), ...Object.keys(result.after.values)]);
    return [...names].flatMap((name) => {
      const b = result.before.values[name];
      const a = result.after.values[name];
      const same = JSON.stringify([b?.value, b?.indeterminate]) === JSON.stringify([a?.value, a?.indeterminate]);
      return same ? [] : [{ name, before: b, after: a }];
    });
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
      <section data-testid="whatif-retracted">
        <h4>{t(lang, 'whatif.retracted', { n: retracted.length })}</h4>
        <p class="small muted">{t(lang, 'whatif.retract.hint')}</p>
        {retracted.length === 0 ? (
          <p class="muted">{t(lang, 'whatif.noRetracted')}</p>
        ) : (
          <ul>
            {retracted.map((id) => (
              <li key={id} data-retracted={id}>
                <s>
                  <code>{id}</code>
                </s>{' '}
                <button type="button" class="link" onClick={() => onRetracted(retracted.filter((x) => x !== id))}>
                  {t(lang, 'whatif.restore', { id })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <AssumeForm lang={lang} terms={family.undisclosed} assumed={assumed} onAssumed={onAssumed} />
      <SaveScenario {...props} version={version} empty={empty} />
      {error ? <DiagnosticsError lang={lang} error={error} intro={t(lang, 'whatif.invalid')} testId="whatif-error" /> : null}
      {busy ? <p aria-live="polite">{t(lang, 'loading')}</p> : null}
      {result ? (
        <>
          <section data-testid="whatif-changes" aria-live="polite">
            <h4>{t(lang, 'whatif.changes', { date: formatDate(lang, result.after.asOf) })}</h4>
            {changed.size === 0 ? (
              <p>{t(lang, 'whatif.noChange')}</p>
            ) : (
              <table>
                <BeforeAfterHead lang={lang} />
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
          {valueChanges.length > 0 ? (
            <section data-testid="whatif-value-changes">
              <h4>{t(lang, 'whatif.valueChanges')}</h4>
              <table>
                <BeforeAfterHead lang={lang} />
                <tbody>
                  {valueChanges.map((v) => (
                    <tr key={v.name} data-value={v.name}>
                      <th scope="row">
                        <code>{v.name}</code>
                      </th>
                      <td>{valueText(lang, v.before)}</td>
                      <td>
                        {valueText(lang, v.after)}
                        {v.after?.assumed?.length ? <span class="small muted"> ({v.after.assumed.join(', ')})</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
          <section>
            <h4>{t(lang, 'whatif.result')}</h4>
            <StateView lang={lang} state={result.after} onClause={onClause} changed={changed} idPrefix="whatif" />
          </section>
        </>
      ) : null}
    </div>
  );
}

/** A labelled text input, its test id its name. */
function TextField(p: {
  readonly label: string;
  readonly name: string;
  readonly value: string;
  readonly placeholder?: string;
  readonly onValue: (v: string) => void;
}) {
  return (
    <label>
      <span>{p.label}</span>
      <input
        name={p.name}
        data-testid={p.name}
        value={p.value}
        placeholder={p.placeholder}
        onInput={(e) => p.onValue((e.currentTarget as HTMLInputElement).value)}
      />
    </label>
  );
}

function BeforeAfterHead({ lang }: { readonly lang: Lang }) {
  return (
    <thead>
      <tr>
        <th scope="col">{t(lang, 'state.col.id')}</th>
        <th scope="col">{t(lang, 'whatif.before')}</th>
        <th scope="col">{t(lang, 'whatif.after')}</th>
      </tr>
    </thead>
  );
}

function valueText(lang: Lang, v: StateJson['values'][string] | undefined): string {
  if (!v) return '—';
  return v.indeterminate ? t(lang, 'state.indeterminate') : formatValue(lang, v.value);
}

/** An example value for a term: its lower bound when it has one (what the server accepts: within the bounds). */
function example(term: UndisclosedTerm | undefined): string {
  if (!term) return '';
  if (term.lo && !term.loOpen) return term.lo;
  if (term.type.startsWith('money')) return 'USD 1000000';
  if (term.type === 'percent') return '10%';
  if (term.type === 'date') return '2027-01-01';
  if (term.type === 'duration') return '30 days';
  return '1';
}

function AssumeForm({
  lang,
  terms,
  assumed,
  onAssumed,
}: {
  readonly lang: Lang;
  readonly terms: readonly UndisclosedTerm[];
  readonly assumed: readonly Assumed[];
  readonly onAssumed: (a: readonly Assumed[]) => void;
}) {
  const [term, setTerm] = useState(terms[0]?.name ?? '');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const chosen = terms.find((x) => x.name === term);
  function submit(ev: Event): void {
    ev.preventDefault();
    if (!chosen) return;
    if (value.trim() === '') {
      setProblem(t(lang, 'whatif.assume.empty', { example: example(chosen) }));
      return;
    }
    setProblem(null);
    onAssumed([...assumed.filter((a) => a.term !== chosen.name), { term: chosen.name, value: value.trim() }]);
    setValue('');
  }
  return (
    <section data-testid="whatif-assume">
      <h4>{t(lang, 'whatif.assume.title', { n: assumed.length })}</h4>
      {terms.length === 0 ? (
        <p class="muted">{t(lang, 'whatif.assume.none')}</p>
      ) : (
        <form class="controls" onSubmit={submit}>
          <label>
            <span>{t(lang, 'whatif.assume.term')}</span>
            <select
              name="assume-term"
              data-testid="assume-term"
              value={term}
              onChange={(e) => setTerm((e.currentTarget as HTMLSelectElement).value)}
            >
              {terms.map((x) => (
                <option key={x.name} value={x.name}>
                  {x.name} ({x.type})
                </option>
              ))}
            </select>
          </label>
          <TextField
            label={t(lang, 'whatif.assume.value')}
            name="assume-value"
            value={value}
            placeholder={example(chosen)}
            onValue={setValue}
          />
          <button type="submit">{t(lang, 'whatif.assume.submit')}</button>
          {chosen ? (
            <span class="small muted" data-testid="assume-known">
              {t(lang, 'whatif.assume.known', { known: chosen.known })} · {chosen.version}
            </span>
          ) : null}
        </form>
      )}
      {problem ? (
        <p class="error" role="alert">
          {problem}
        </p>
      ) : null}
      {assumed.length > 0 ? (
        <ul>
          {assumed.map((a) => (
            <li key={a.term} data-assumed={a.term}>
              <code>
                {a.term} = {a.value}
              </code>{' '}
              <button type="button" class="link" onClick={() => onAssumed(assumed.filter((x) => x !== a))}>
                {t(lang, 'whatif.assume.remove', { term: a.term })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** Save the what-if as a stored scenario (admin tokens); a party is told why it cannot. */
function SaveScenario(props: WhatIfViewProps & { readonly version: string; readonly empty: boolean }) {
  const { lang, api, family, events, retracted, assumed, admin, version, empty } = props;
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!admin)
    return (
      <section data-testid="whatif-save">
        <h4>{t(lang, 'whatif.save.title')}</h4>
        <p class="muted" role="note">
          {t(lang, 'whatif.save.adminOnly')}
        </p>
      </section>
    );
  function submit(ev: Event): void {
    ev.preventDefault();
    setSaved(null);
    setError(null);
    const wrong = empty ? t(lang, 'whatif.save.nothing') : SCENARIO_NAME.test(name) ? null : t(lang, 'whatif.save.badName');
    setProblem(wrong);
    if (wrong) return;
    setBusy(true);
    api.putScenario(family.family, name, scenarioSource(title.trim() || name, version, retracted, assumed), events).then(
      (info) => {
        setBusy(false);
        setSaved(info.name);
      },
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  }
  return (
    <section data-testid="whatif-save">
      <h4>{t(lang, 'whatif.save.title')}</h4>
      <form class="controls" onSubmit={submit}>
        <TextField label={t(lang, 'whatif.save.name')} name="scenario-name" value={name} onValue={setName} />
        <TextField label={t(lang, 'whatif.save.label')} name="scenario-title" value={title} onValue={setTitle} />
        <button type="submit" disabled={busy}>
          {t(lang, 'whatif.save.submit')}
        </button>
      </form>
      {problem ? (
        <p class="error" role="alert">
          {problem}
        </p>
      ) : null}
      {saved ? (
        <p role="status" data-testid="scenario-saved">
          {t(lang, 'whatif.save.saved', { name: saved })}
        </p>
      ) : null}
      {error ? <DiagnosticsError lang={lang} error={error} intro={t(lang, 'whatif.save.invalid')} testId="scenario-save-error" /> : null}
    </section>
  );
}
