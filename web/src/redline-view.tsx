/**
 * The redline between any two versions: the changes of the versions themselves, the clauses added, removed and
 * changed (each classified for a lawyer, with its prose diff: insertions and deletions marked), the clauses that use
 * a changed one, and the impact at the cursor's date (the norms whose status differs under each version alone).
 * On demand, the two whole documents compared word by word (diff).
 */
import { diffWordsWithSpace } from 'diff';
import { useEffect, useState } from 'preact/hooks';
import type { Api } from './api';
import type { ChangedClauseJson, ClauseJson, NormStatusJson, ProsePart, RedlineJson, VersionInfo } from './api-types';
import type { ClauseTarget } from './because-tree';
import { ErrorMessage } from './error-message';
import { formatDate } from './format';
import type { Lang } from './i18n';
import { classificationLabel, kindName, partLabel, statusLabel, t } from './i18n';
import { StatusBadge } from './state-view';
import { versionDetail } from './version-text';

export interface RedlineViewProps {
  readonly lang: Lang;
  readonly api: Api;
  readonly family: string;
  readonly versions: readonly VersionInfo[];
  readonly cursor: string;
  readonly from: string;
  readonly to: string;
  readonly onPick: (from: string, to: string) => void;
  readonly onClause: (c: ClauseTarget) => void;
}

export function RedlineView(props: RedlineViewProps) {
  const { lang, api, family, versions, cursor, from, to, onPick, onClause } = props;
  const [diff, setDiff] = useState<RedlineJson | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [whole, setWhole] = useState(false);

  useEffect(() => {
    let live = true;
    setError(null);
    const timer = setTimeout(() => {
      api.diff(family, from, to, cursor).then(
        (d) => live && setDiff(d),
        (e: unknown) => live && setError(e),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, family, from, to, cursor]);

  const picker = (which: 'from' | 'to', value: string) => (
    <label>
      <span>{t(lang, which === 'from' ? 'redline.from' : 'redline.to')}</span>
      <select
        name={`redline-${which}`}
        data-testid={`redline-${which}`}
        value={value}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          onPick(which === 'from' ? v : from, which === 'to' ? v : to);
        }}
      >
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            {v.id} {v.binding ? '' : `(${t(lang, 'timeline.nonbinding')})`}
          </option>
        ))}
      </select>
    </label>
  );

  const d = diff && diff.from.version === from && diff.to.version === to ? diff : null;
  const empty = d && d.versionChanges.length + d.added.length + d.removed.length + d.changed.length === 0;
  return (
    <div class="redline" data-testid="redline">
      <div class="controls">
        {picker('from', from)}
        {picker('to', to)}
      </div>
      <p class="muted small">{t(lang, 'redline.legend')}</p>
      {error ? <ErrorMessage lang={lang} error={error} /> : null}
      {!d && !error ? <p>{t(lang, 'loading')}</p> : null}
      {d && from === to ? <p>{t(lang, 'redline.same')}</p> : null}
      {d && empty && from !== to ? <p>{t(lang, 'redline.none')}</p> : null}
      {d && d.versionChanges.length > 0 ? (
        <section>
          <h3>{t(lang, 'redline.versionChanges')}</h3>
          <ul>
            {d.versionChanges.map((c, i) => (
              <li key={i}>
                <span class="badge class">{classificationLabel(lang, c.classification)}</span> {partLabel(lang, c.part)}:{' '}
                {c.from !== null ? <del>{c.from}</del> : '—'} → {c.to !== null ? <ins>{c.to}</ins> : '—'}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d ? (
        <ClauseList lang={lang} title={t(lang, 'redline.added', { n: d.added.length })} items={d.added} which="added" onClause={onClause} />
      ) : null}
      {d ? (
        <ClauseList
          lang={lang}
          title={t(lang, 'redline.removed', { n: d.removed.length })}
          items={d.removed}
          which="removed"
          onClause={onClause}
        />
      ) : null}
      {d && d.changed.length > 0 ? (
        <section data-testid="redline-changed">
          <h3>{t(lang, 'redline.changed', { n: d.changed.length })}</h3>
          {d.changed.map((c) => (
            <Changed key={c.id} lang={lang} change={c} onClause={onClause} />
          ))}
        </section>
      ) : null}
      {d && d.affected.length > 0 ? (
        <section>
          <h3>{t(lang, 'redline.affected', { n: d.affected.length })}</h3>
          <ul>
            {d.affected.map((a) => (
              <li key={a.id}>
                <code>{a.id}</code> ({kindName(lang, a.kind)}) — {t(lang, 'redline.uses', { uses: a.uses.join(', ') })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d?.impact ? (
        <section data-testid="redline-impact">
          <h3>{t(lang, 'redline.impact', { date: formatDate(lang, d.impact.asOf) })}</h3>
          {d.impact.norms.length === 0 ? (
            <p>{t(lang, 'redline.impact.none')}</p>
          ) : (
            <table class="impact">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'state.col.id')}</th>
                  <th scope="col">{from}</th>
                  <th scope="col">{to}</th>
                </tr>
              </thead>
              <tbody>
                {d.impact.norms.map((n) => (
                  <tr key={n.id} data-norm={n.id}>
                    <th scope="row">
                      <code>{n.id}</code>
                    </th>
                    <td>
                      <ImpactSide lang={lang} side={n.from} />
                    </td>
                    <td>
                      <ImpactSide lang={lang} side={n.to} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
      {d && from !== to ? (
        <section>
          <h3>
            <button type="button" aria-expanded={whole} onClick={() => setWhole(!whole)}>
              {t(lang, 'redline.fullText.show')}
            </button>
          </h3>
          {whole ? <WholeText lang={lang} api={api} family={family} from={from} to={to} /> : null}
        </section>
      ) : null}
    </div>
  );
}

function ImpactSide({ lang, side }: { readonly lang: Lang; readonly side: NormStatusJson | null }) {
  if (!side) return <span class="muted">{t(lang, 'redline.impact.absent')}</span>;
  return (
    <span>
      <StatusBadge lang={lang} status={side.status} />{' '}
      <span class="small">
        {t(lang, 'state.col.since')} {formatDate(lang, side.since)}
      </span>
      {side.until ? (
        <span class="small">
          {' '}
          · {t(lang, 'state.col.until')} {formatDate(lang, side.until)}
        </span>
      ) : null}
      {side.endedBy ? <span class="small muted"> · {t(lang, 'state.endedBy', { why: statusLabel(lang, side.endedBy) })}</span> : null}
    </span>
  );
}

function ClauseList(props: {
  readonly lang: Lang;
  readonly title: string;
  readonly items: readonly ClauseJson[];
  readonly which: 'added' | 'removed';
  readonly onClause: (c: ClauseTarget) => void;
}) {
  const { lang, title, items, which, onClause } = props;
  if (items.length === 0) return null;
  return (
    <section data-testid={`redline-${which}`}>
      <h3>{title}</h3>
      <ul class={`clauses ${which}`}>
        {items.map((c) => (
          <li key={c.id} data-clause={c.id}>
            <span class={`badge class ${which}`}>{classificationLabel(lang, c.classification)}</span>{' '}
            <button type="button" class="link" onClick={() => onClause({ version: c.version, id: c.id })}>
              <code>{c.id}</code>
            </button>{' '}
            <span class="muted">
              {kindName(lang, c.kind)}
              {c.holder ? ` · ${c.holder}` : ''}
              {c.trail.length ? ` · § ${c.trail.join(' › ')}` : ''}
            </span>
            <pre class={which === 'added' ? 'ins' : 'del'}>{c.text}</pre>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Changed({
  lang,
  change,
  onClause,
}: {
  readonly lang: Lang;
  readonly change: ChangedClauseJson;
  readonly onClause: (c: ClauseTarget) => void;
}) {
  return (
    <article class="changed-clause" data-clause={change.id}>
      <h4>
        <button type="button" class="link" onClick={() => onClause({ version: change.toVersion, id: change.id })}>
          <code>{change.id}</code>
        </button>{' '}
        <span class="muted">{kindName(lang, change.kind)}</span>{' '}
        {change.classification.map((c) => (
          <span key={c} class="badge class">
            {classificationLabel(lang, c)}
          </span>
        ))}
      </h4>
      {change.changes.length > 0 ? (
        <ul>
          {change.changes.map((p, i) => (
            <li key={i}>
              {partLabel(lang, p.part)}: {p.from !== null ? <del>{p.from}</del> : '—'} → {p.to !== null ? <ins>{p.to}</ins> : '—'}{' '}
              <span class="muted small">({classificationLabel(lang, p.classification)})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {change.prose.map((p) => (
        <div key={p.field} class="prose-diff">
          <h5>{t(lang, p.field === 'text' ? 'redline.prose.text' : 'redline.prose.prose')}</h5>
          <p class={p.field === 'text' ? 'code' : ''}>
            <Parts parts={p.parts} />
          </p>
        </div>
      ))}
    </article>
  );
}

function Parts({ parts }: { readonly parts: readonly ProsePart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.op === 'added' ? <ins key={i}>{p.text}</ins> : p.op === 'removed' ? <del key={i}>{p.text}</del> : <span key={i}>{p.text}</span>,
      )}
    </>
  );
}

/** The two documents' Markdown compared word by word, in the browser (the diff library). */
function WholeText({
  lang,
  api,
  family,
  from,
  to,
}: {
  readonly lang: Lang;
  readonly api: Api;
  readonly family: string;
  readonly from: string;
  readonly to: string;
}) {
  const [parts, setParts] = useState<ProsePart[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    Promise.all([versionDetail(api, family, from), versionDetail(api, family, to)]).then(
      ([a, b]) => {
        if (!live) return;
        const body = (s: string): string => s.replace(/^---\n[\s\S]*?\n---\n/, '');
        setParts(
          diffWordsWithSpace(body(a.source), body(b.source)).map((c) => ({
            op: c.added ? 'added' : c.removed ? 'removed' : 'same',
            text: c.value,
          })),
        );
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, family, from, to]);
  if (error) return <ErrorMessage lang={lang} error={error} />;
  if (!parts) return <p>{t(lang, 'loading')}</p>;
  return (
    <section class="whole-text" aria-label={t(lang, 'redline.fullText')}>
      <Parts parts={parts} />
    </section>
  );
}
