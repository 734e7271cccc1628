/**
 * The text of a version, rendered from its Markdown by the server (`html`), in a dialog opened at a clause: the
 * clause's element is scrolled into view and its ```pacte logic block highlighted.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from './api';
import type { VersionDetail } from './api-types';
import type { ClauseTarget } from './because-tree';
import { ErrorMessage } from './error-message';
import { formatDate } from './format';
import type { Lang } from './i18n';
import { t } from './i18n';

export interface VersionTextProps {
  readonly lang: Lang;
  readonly api: Api;
  readonly family: string;
  readonly target: ClauseTarget;
  readonly onClose: () => void;
}

const cache = new Map<string, Promise<VersionDetail>>();

/** A version's details, fetched once per page. */
export function versionDetail(api: Api, family: string, version: string): Promise<VersionDetail> {
  const key = `${family}/${version}`;
  let p = cache.get(key);
  if (!p) {
    p = api.version(family, version);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

export function VersionText({ lang, api, family, target, onClose }: VersionTextProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const [detail, setDetail] = useState<VersionDetail | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  useEffect(() => {
    let live = true;
    setDetail(null);
    versionDetail(api, family, target.version).then(
      (v) => live && setDetail(v),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, family, target.version]);
  useEffect(() => {
    const el = body.current;
    if (!el || !detail) return;
    const anchor =
      detail.clauses.find((c) => c.id === target.id)?.anchor ??
      detail.definitions.find((c) => c.id === target.id)?.anchor ??
      `clause-${target.id}`;
    const found = el.querySelector<HTMLElement>(`[id="${CSS.escape(anchor)}"]`);
    for (const old of el.querySelectorAll('.highlight')) old.classList.remove('highlight');
    if (!found) return;
    found.classList.add('highlight', 'target');
    found.closest('.pacte-block')?.classList.add('highlight');
    found.setAttribute('tabindex', '-1');
    found.scrollIntoView({ block: 'center' });
  }, [detail, target.id]);

  return (
    <dialog ref={dialog} class="version-text" aria-labelledby="version-text-title" onClose={onClose} data-testid="version-text">
      <header>
        <h2 id="version-text-title">{detail ? t(lang, 'text.title', { version: detail.id, title: detail.title }) : target.version}</h2>
        <p class="muted">
          {t(lang, 'text.clause', { id: target.id })}
          {detail
            ? ` · ${t(lang, detail.binding ? 'timeline.binding' : 'timeline.nonbinding')} · ${t(lang, 'state.effective', { date: formatDate(lang, detail.date) })}`
            : ''}
        </p>
        <button type="button" class="close" onClick={() => dialog.current?.close()}>
          {t(lang, 'text.close')}
        </button>
      </header>
      {error ? <ErrorMessage lang={lang} error={error} /> : null}
      {detail ? <div class="markdown" ref={body} dangerouslySetInnerHTML={{ __html: detail.html }} /> : <p>{t(lang, 'loading')}</p>}
    </dialog>
  );
}
