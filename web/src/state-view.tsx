/**
 * The state of a family as of a date: the governing version, the proposals (a non-binding version: "not binding —
 * would change: …"), every norm with its kind, holder, status (a colour and a word), since and until, and its
 * explanation on demand; then the definitions' values, the violations and the accounts.
 */
import { useState } from 'preact/hooks';
import type { Account, NormJson, ProposalJson, StateJson } from './api-types';
import type { ClauseTarget } from './because-tree';
import { BecauseTree } from './because-tree';
import { formatDate, formatValue } from './format';
import type { Lang } from './i18n';
import { kindName, statusLabel, t, waitsText } from './i18n';

export interface StateViewProps {
  readonly lang: Lang;
  readonly state: StateJson;
  readonly onClause: (c: ClauseTarget) => void;
  /** Norms to mark as changed (the what-if view), with their status before. */
  readonly changed?: ReadonlyMap<string, string>;
  readonly idPrefix?: string;
}

/** What is known of an indeterminate value: `more than USD 13bn`, `at least 2025-01-01 and at most 2025-06-30`. */
function boundsWords(lang: Lang, b: NonNullable<StateJson['values'][string]['bounds']>): string {
  const lo = b.lo === null ? null : t(lang, b.loOpen ? 'bounds.moreThan' : 'bounds.atLeast', { x: formatValue(lang, b.lo) });
  const hi = b.hi === null ? null : t(lang, b.hiOpen ? 'bounds.lessThan' : 'bounds.atMost', { x: formatValue(lang, b.hi) });
  return [lo, hi].filter((x) => x !== null).join(t(lang, 'bounds.and'));
}

/** A sum of the accounts, marked "at least" when an undisclosed amount is left out of it. */
function atLeast(lang: Lang, a: Account, sum: 'paid' | 'owed' | 'committed'): string {
  const text = `${a.approximate?.length ? '≈ ' : ''}${formatValue(lang, a[sum])}`;
  return a.incomplete?.length && (a.atLeast ?? ['paid', 'owed', 'committed']).includes(sum)
    ? t(lang, 'state.atLeast', { amount: text })
    : text;
}

export function StatusBadge({ lang, status }: { readonly lang: Lang; readonly status: string }) {
  return <span class={`badge status status-${status}`}>{statusLabel(lang, status)}</span>;
}

export function StateView({ lang, state, onClause, changed, idPrefix = 'state' }: StateViewProps) {
  return (
    <div class="state-view" data-testid={`${idPrefix}-view`}>
      <section aria-labelledby={`${idPrefix}-governing`}>
        <h3 id={`${idPrefix}-governing`}>{t(lang, 'state.governing')}</h3>
        {state.governing ? (
          <p class="governing" data-testid="governing">
            <strong>{state.governing.version}</strong> — {state.governing.title}{' '}
            <span class="muted">
              ({t(lang, state.governing.binding ? 'timeline.binding' : 'timeline.nonbinding')},{' '}
              {t(lang, 'state.effective', { date: formatDate(lang, state.governing.effective) })})
            </span>
          </p>
        ) : (
          <p>{t(lang, 'state.noGoverning')}</p>
        )}
        {state.counterfactual ? <p class="note">{t(lang, 'state.counterfactual', { version: state.counterfactual })}</p> : null}
        {state.hypothetical ? <p class="note">{t(lang, 'state.hypothetical', { n: state.hypothetical })}</p> : null}
      </section>
      {state.proposals.length > 0 ? (
        <section aria-labelledby={`${idPrefix}-proposals`}>
          <h3 id={`${idPrefix}-proposals`}>{t(lang, 'state.proposals')}</h3>
          {state.proposals.map((p) => (
            <Proposal key={p.version} lang={lang} proposal={p} />
          ))}
        </section>
      ) : null}
      <section aria-labelledby={`${idPrefix}-norms`}>
        <h3 id={`${idPrefix}-norms`}>{t(lang, 'state.norms')}</h3>
        <NormTable lang={lang} norms={state.norms} onClause={onClause} changed={changed} idPrefix={idPrefix} />
      </section>
      <section aria-labelledby={`${idPrefix}-accounts`}>
        <h3 id={`${idPrefix}-accounts`}>{t(lang, 'state.accounts')}</h3>
        <table class="accounts" data-testid="accounts">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'state.col.holder')}</th>
              <th scope="col">{t(lang, 'state.paid')}</th>
              <th scope="col">{t(lang, 'state.owed')}</th>
              <th scope="col">{t(lang, 'state.committed')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(state.accounts).map(([party, a]) => (
              <tr key={party}>
                <th scope="row">{party}</th>
                <td class="num">{atLeast(lang, a, 'paid')}</td>
                <td class="num">{atLeast(lang, a, 'owed')}</td>
                <td class="num">
                  {atLeast(lang, a, 'committed')}
                  {a.incomplete?.length ? (
                    <div class="muted small">{t(lang, 'state.incomplete', { what: a.incomplete.join(', ') })}</div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby={`${idPrefix}-violations`}>
        <h3 id={`${idPrefix}-violations`}>{t(lang, 'state.violations')}</h3>
        {state.violations.length === 0 ? (
          <p class="muted">{t(lang, 'state.noViolations')}</p>
        ) : (
          <ul class="violations">
            {state.violations.map((v, i) => (
              <li key={i}>
                <details>
                  <summary>
                    {formatDate(lang, v.date)} · <code>{v.norm}</code> · {v.kind}
                    {v.reason ? ` (${v.reason})` : ''}
                  </summary>
                  <BecauseTree lang={lang} because={v.because} onClause={onClause} />
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby={`${idPrefix}-values`}>
        <h3 id={`${idPrefix}-values`}>{t(lang, 'state.values')}</h3>
        <ul class="values">
          {Object.entries(state.values).map(([name, v]) => (
            <li key={name}>
              <details>
                <summary>
                  <code>{name}</code> ={' '}
                  <strong data-approximate={v.approximate ? 'true' : undefined}>
                    {v.indeterminate ? t(lang, 'state.indeterminate') : `${v.approximate ? '≈ ' : ''}${formatValue(lang, v.value)}`}
                  </strong>
                  {v.indeterminate && v.bounds ? <span> ({boundsWords(lang, v.bounds)})</span> : null}
                  {v.approximate ? (
                    <span class="muted small"> {t(lang, 'state.approximate', { what: v.approximate.join(', ') })}</span>
                  ) : null}
                  {v.waitsFor?.length ? (
                    <span class="muted"> — {t(lang, 'state.waits', { what: waitsText(lang, v.waitsFor) })}</span>
                  ) : null}
                </summary>
                <BecauseTree lang={lang} because={v.because} onClause={onClause} />
              </details>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function Proposal({ lang, proposal }: { readonly lang: Lang; readonly proposal: ProposalJson }) {
  const items = [
    ...proposal.changes.map((c) => ({
      key: c.id,
      text: `${c.id}: ${statusLabel(lang, c.status)} → ${statusLabel(lang, c.proposedStatus)}`,
    })),
    ...proposal.valueChanges.map((c) => ({
      key: c.name,
      text: t(lang, 'state.proposal.value', { name: c.name, from: formatValue(lang, c.value), to: formatValue(lang, c.proposedValue) }),
    })),
  ];
  return (
    <div class="proposal" data-testid="proposal" data-version={proposal.version}>
      <p>
        <strong>{proposal.version}</strong> — {proposal.title} <span class="muted">({formatDate(lang, proposal.effective)})</span>
      </p>
      <p class="proposal-verdict">
        <span class="badge nonbinding">{t(lang, 'timeline.nonbinding')}</span>{' '}
        {items.length > 0 ? t(lang, 'state.proposal.notBinding', { what: '' }) : t(lang, 'state.proposal.nothing')}
      </p>
      {items.length > 0 ? (
        <ul class="proposal-changes">
          {items.map((i) => (
            <li key={i.key}>{i.text}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

interface NormTableProps {
  readonly lang: Lang;
  readonly norms: readonly NormJson[];
  readonly onClause: (c: ClauseTarget) => void;
  readonly changed: ReadonlyMap<string, string> | undefined;
  readonly idPrefix: string;
}

function NormTable({ lang, norms, onClause, changed, idPrefix }: NormTableProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string): void => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };
  return (
    <table class="norms" data-testid={`${idPrefix}-norms`}>
      <thead>
        <tr>
          <th scope="col">{t(lang, 'state.col.id')}</th>
          <th scope="col">{t(lang, 'state.col.kind')}</th>
          <th scope="col">{t(lang, 'state.col.holder')}</th>
          <th scope="col">{t(lang, 'state.col.status')}</th>
          <th scope="col">{t(lang, 'state.col.since')}</th>
          <th scope="col">{t(lang, 'state.col.until')}</th>
          <th scope="col">{t(lang, 'state.col.why')}</th>
        </tr>
      </thead>
      {norms.map((n) => {
        const isOpen = open.has(n.id);
        const before = changed?.get(n.id);
        const panel = `${idPrefix}-why-${n.id}`;
        return (
          <tbody key={n.id} data-norm={n.id} class={before !== undefined ? 'changed' : ''}>
            <tr>
              <th scope="row">
                <code>{n.id}</code>
                <div class="muted small">{n.version}</div>
              </th>
              <td>{kindName(lang, n.kind)}</td>
              <td>
                {n.holder}
                {n.counterparty ? <span class="muted"> → {n.counterparty}</span> : null}
              </td>
              <td data-status={n.status}>
                {before !== undefined ? (
                  <>
                    <StatusBadge lang={lang} status={before} /> →{' '}
                  </>
                ) : null}
                <StatusBadge lang={lang} status={n.status} />
                {n.endedBy ? <div class="muted small">{t(lang, 'state.endedBy', { why: statusLabel(lang, n.endedBy) })}</div> : null}
                {n.possibleStatuses?.length ? (
                  <div class="muted small" data-possible={n.possibleStatuses.join(' ')}>
                    {t(lang, 'state.couldBe', { what: n.possibleStatuses.map((x) => statusLabel(lang, x)).join(t(lang, 'state.or')) })}
                  </div>
                ) : null}
                {n.nextDeadline ? (
                  <div class="muted small">{t(lang, 'state.deadline', { date: formatDate(lang, n.nextDeadline) })}</div>
                ) : null}
                {n.waitsFor?.length ? <div class="muted small">{t(lang, 'state.waits', { what: waitsText(lang, n.waitsFor) })}</div> : null}
                {n.instanceSummary ? (
                  <div class="muted small" data-instances={n.instanceSummary.total}>
                    {t(lang, 'state.instancesSummary', {
                      n: n.instanceSummary.total,
                      counts: Object.entries(n.instanceSummary.byStatus)
                        .map(([status, k]) => `${statusLabel(lang, status)} (${k})`)
                        .join(', '),
                    })}
                  </div>
                ) : n.instances.length > 0 ? (
                  <div class="muted small">{t(lang, 'state.instances', { n: n.instances.length })}</div>
                ) : null}
              </td>
              <td>{formatDate(lang, n.since)}</td>
              <td>{n.until ? formatDate(lang, n.until) : '—'}</td>
              <td>
                <button type="button" aria-expanded={isOpen} aria-controls={panel} data-why={n.id} onClick={() => toggle(n.id)}>
                  {t(lang, isOpen ? 'state.why.hide' : 'state.why')}
                </button>
              </td>
            </tr>
            {isOpen ? (
              <tr class="why-row">
                <td colSpan={7} id={panel} data-testid={`why-${n.id}`}>
                  <h4>{t(lang, 'explain.title', { id: n.id, status: statusLabel(lang, n.status) })}</h4>
                  <BecauseTree lang={lang} because={n.because} onClause={onClause} />
                </td>
              </tr>
            ) : null}
          </tbody>
        );
      })}
    </table>
  );
}
