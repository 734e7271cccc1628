/**
 * The timeline of a family, drawn with Observable Plot: versions as bands (binding solid, non-binding hatched,
 * an amendment joined to its base), events as dots on one lane per event type, a metric as a step line, and the
 * date cursor across all three, which can be dragged with the pointer. Event dots can be reached with Tab:
 * focusing or hovering one shows its data; Enter or a click moves the cursor to it.
 */
import * as Plot from '@observablehq/plot';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { LedgerEventJson, StoredEvent, VersionInfo } from './api-types';
import { formatDate, formatMoney } from './format';
import type { Lang } from './i18n';
import { t } from './i18n';
import type { Band, Metric } from './timeline-data';
import { bands, day, isoOf, metricSeries, timeDomain } from './timeline-data';

export interface TimelineProps {
  readonly lang: Lang;
  readonly family: string;
  readonly versions: readonly VersionInfo[];
  readonly events: readonly StoredEvent[];
  /** What-if and scenario events, drawn as hollow dots. */
  readonly hypothetical: readonly LedgerEventJson[];
  /** Real events set aside (a what-if's or a scenario's retractions), drawn struck through. */
  readonly retracted: ReadonlySet<string>;
  /** When given (the what-if view), a click on a real event (or X on it) sets it aside, or restores it. */
  readonly onRetract?: ((id: string) => void) | undefined;
  readonly metric: Metric | null;
  readonly cursor: string;
  readonly selected: string | null;
  readonly onCursor: (iso: string) => void;
  readonly onEvent: (e: StoredEvent | null) => void;
}

const MARGIN_LEFT = 170;
const MARGIN_RIGHT = 20;
const HATCH = 'pacte-hatch';

let renders = 0;

export function Timeline(props: TimelineProps) {
  const { lang, versions, events, hypothetical, retracted, onRetract, metric, cursor, onCursor, onEvent } = props;
  const host = useRef<HTMLDivElement>(null);
  const plots = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [scale, setScale] = useState<Plot.Scale | null>(null);
  const dragging = useRef(false);

  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    const ro = new ResizeObserver(() => setWidth(Math.max(560, Math.floor(el.clientWidth))));
    ro.observe(el);
    setWidth(Math.max(560, Math.floor(el.clientWidth)));
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const box = plots.current;
    if (!box || width === 0) return;
    const first = renders === 0;
    renders += 1;
    performance.mark('pacte:timeline:start');
    const domain = timeDomain(versions, events, hypothetical);
    const vb = bands(versions, domain[1]);
    const x = { type: 'utc' as const, domain, label: null };
    const common = { width, marginLeft: MARGIN_LEFT, marginRight: MARGIN_RIGHT, style: { fontSize: '12px', background: 'transparent' } };
    const links = vb.filter((b) => b.base !== null && vb.some((o) => o.id === b.base));
    const labelOf = new Map(vb.map((b) => [b.id, b.label]));
    const versionPlot = Plot.plot({
      ...common,
      height: 30 + vb.length * 24,
      marginTop: 24,
      marginBottom: 6,
      x: { ...x, axis: 'top' },
      y: { domain: vb.map((b) => b.id), tickFormat: (id: string) => labelOf.get(id) ?? id, label: null, padding: 0.2 },
      marks: [
        ...[true, false].map((binding) =>
          Plot.barX(
            vb.filter((b) => b.binding === binding),
            {
              x1: 'start',
              x2: 'end',
              y: 'id',
              fill: binding ? 'var(--binding)' : `url(#${HATCH})`,
              stroke: binding ? 'var(--binding-edge)' : 'var(--nonbinding-edge)',
              ...(binding ? {} : { strokeDasharray: '4 2' }),
              title: (b: Band) =>
                `${b.id} — ${b.title}\n${t(lang, b.binding ? 'timeline.binding' : 'timeline.nonbinding')}, ${formatDate(lang, isoOf(b.start))}` +
                (b.base ? `\n${t(lang, b.relation === 'amends' ? 'timeline.amends' : 'timeline.supersedes', { base: b.base })}` : ''),
            },
          ),
        ),
        ...(['amends', 'supersedes'] as const).map((relation) =>
          Plot.link(
            links.filter((b) => b.relation === relation),
            {
              x1: 'start',
              x2: 'start',
              y1: 'base',
              y2: 'id',
              stroke: relation === 'amends' ? 'var(--link)' : 'var(--muted)',
              strokeWidth: 1.5,
              ...(relation === 'amends' ? {} : { strokeDasharray: '2 3' }),
              markerEnd: 'arrow',
            },
          ),
        ),
      ],
    });
    const hatch = document.createElementNS('http://www.w3.org/2000/svg', 'defs');
    hatch.innerHTML = `<pattern id="${HATCH}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="var(--nonbinding)"></rect><line x1="0" y1="0" x2="0" y2="6" stroke="var(--nonbinding-edge)" stroke-width="2"></line></pattern>`;
    versionPlot.prepend(hatch);

    const types: string[] = [];
    for (const e of [...events.map((x) => x.event), ...hypothetical]) if (!types.includes(e.type)) types.push(e.type);
    const eventPlot = Plot.plot({
      ...common,
      height: 16 + types.length * 13,
      marginTop: 8,
      marginBottom: 8,
      style: { ...common.style, fontSize: '11px' },
      x: { ...x, axis: null },
      y: { domain: types, label: null, padding: 0.1 },
      color: { domain: ['official', 'reported', 'unverified'], range: ['var(--official)', 'var(--reported)', 'var(--unverified)'] },
      marks: [
        Plot.ruleY(types, { stroke: 'var(--grid)' }),
        Plot.dot(events, {
          x: (e: StoredEvent) => day(e.event.date),
          y: (e: StoredEvent) => e.event.type,
          r: 4.5,
          fill: (e: StoredEvent) => e.event.source?.status ?? 'unverified',
          stroke: 'var(--bg)',
          render(index, scales, values, dimensions, context, next) {
            const g = next?.(index, scales, values, dimensions, context) ?? null;
            if (g) decorateDots(g, index, events, lang, onEvent, onCursor, retracted, onRetract);
            return g;
          },
        }),
        Plot.dot(hypothetical, {
          x: (e: LedgerEventJson) => day(e.date),
          y: (e: LedgerEventJson) => e.type,
          r: 5,
          fill: 'var(--bg)',
          stroke: 'var(--hypothetical)',
          strokeWidth: 2,
          title: (e: LedgerEventJson) => `${e.type}, ${formatDate(lang, e.date)} (${t(lang, 'event.hypothetical')})`,
          render(index, scales, values, dimensions, context, next) {
            const g = next?.(index, scales, values, dimensions, context) ?? null;
            g?.querySelectorAll('circle').forEach((c, i) => {
              const e = hypothetical[index[i] ?? -1];
              if (e) c.setAttribute('data-hypothetical', e.id);
            });
            return g;
          },
        }),
      ],
    });

    const series = metric ? metricSeries(events, metric) : [];
    const nodes: Element[] = [versionPlot, eventPlot];
    if (metric && series.length > 0) {
      const last = series[series.length - 1];
      const stepped = last ? [...series, { ...last, date: domain[1] }] : series;
      const compact = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', {
        notation: 'compact',
        style: 'currency',
        currency: metric.currency,
        currencyDisplay: 'code',
      });
      nodes.push(
        Plot.plot({
          ...common,
          height: 130,
          marginTop: 14,
          marginBottom: 26,
          x,
          y: { grid: true, label: null, tickFormat: (v: number) => compact.format(v), ticks: 4 },
          marks: [
            Plot.areaY(stepped, { x: 'date', y: 'value', curve: 'step-after', fill: 'var(--metric)', fillOpacity: 0.15 }),
            Plot.lineY(stepped, { x: 'date', y: 'value', curve: 'step-after', stroke: 'var(--metric)', strokeWidth: 2 }),
            Plot.dot(series, {
              x: 'date',
              y: 'value',
              r: 3,
              fill: 'var(--metric)',
              title: (p: (typeof series)[number]) => `${formatDate(lang, isoOf(p.date))}: ${formatMoney(lang, p.exact)}`,
            }),
          ],
        }),
      );
    }
    box.replaceChildren(...nodes);
    for (const svg of box.querySelectorAll('svg')) svg.setAttribute('aria-hidden', 'false');
    setScale(versionPlot.scale('x') ?? null);
    performance.mark('pacte:timeline:end');
    performance.measure(first ? 'pacte:timeline:first' : 'pacte:timeline', 'pacte:timeline:start', 'pacte:timeline:end');
    box.dataset['rendered'] = String(renders);
  }, [versions, events, hypothetical, retracted, onRetract, metric, width, lang, onEvent, onCursor]);

  const cursorX = scale?.apply ? scale.apply(day(cursor)) : null;

  function dateAt(clientX: number): string | null {
    const el = plots.current;
    if (!el || !scale?.invert) return null;
    const px = clientX - el.getBoundingClientRect().left;
    const lo = MARGIN_LEFT;
    const hi = width - MARGIN_RIGHT;
    const d = scale.invert(Math.min(hi, Math.max(lo, px))) as Date;
    return isoOf(d);
  }
  function onPointerDown(ev: PointerEvent): void {
    if ((ev.target as Element).closest('[data-event]')) return;
    const iso = dateAt(ev.clientX);
    if (!iso) return;
    dragging.current = true;
    (ev.currentTarget as HTMLElement).setPointerCapture(ev.pointerId);
    onCursor(iso);
  }
  function onPointerMove(ev: PointerEvent): void {
    if (!dragging.current) return;
    const iso = dateAt(ev.clientX);
    if (iso) onCursor(iso);
  }
  function onPointerUp(): void {
    dragging.current = false;
  }

  return (
    <div class="timeline" ref={host}>
      <div
        class="timeline-plots"
        ref={plots}
        role="group"
        aria-label={t(lang, 'timeline.chart', {
          family: props.family,
          metric: metric ? metricName(lang, metric) : t(lang, 'timeline.metric.none'),
        })}
        data-testid="timeline"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      />
      {cursorX !== null && cursorX !== undefined && Number.isFinite(cursorX) ? (
        <div class={`timeline-cursor${cursorX > width - 130 ? ' flip' : ''}`} style={{ left: `${cursorX}px` }} aria-hidden="true">
          <span>{formatDate(lang, cursor)}</span>
        </div>
      ) : null}
      <p class="legend">{t(lang, 'timeline.legend')}</p>
    </div>
  );
}

/** The metric's name in words. */
export function metricName(lang: Lang, m: Metric): string {
  return m.fn === 'sum' ? t(lang, 'timeline.metric.sum', { type: m.type, field: m.field }) : `${m.type}.${m.field}`;
}

/**
 * Makes each event dot reachable and telling: tabindex, a label, hover/focus to show, Enter/click to move there. A
 * real event set aside is struck through; with `onRetract` (the what-if view), a click or X sets it aside or back.
 */
function decorateDots(
  g: SVGElement,
  index: readonly number[],
  events: readonly StoredEvent[],
  lang: Lang,
  onEvent: (e: StoredEvent | null) => void,
  onCursor: (iso: string) => void,
  retracted: ReadonlySet<string>,
  onRetract: ((id: string) => void) | undefined,
): void {
  const circles = g.querySelectorAll('circle');
  circles.forEach((c, i) => {
    const e = events[index[i] ?? -1];
    if (!e) return;
    const aside = retracted.has(e.id);
    c.setAttribute('tabindex', '0');
    c.setAttribute('role', 'button');
    c.setAttribute('data-event', e.id);
    c.setAttribute(
      'aria-label',
      `${e.event.type}, ${formatDate(lang, e.event.date)}, ${e.event.actor}: ${e.id}${aside ? ` (${t(lang, 'timeline.retracted')})` : ''}`,
    );
    if (onRetract) c.setAttribute('aria-pressed', String(aside));
    if (aside) {
      c.setAttribute('data-retracted', 'true');
      c.setAttribute('fill-opacity', '0.35');
      const cx = Number(c.getAttribute('cx') ?? 0);
      const cy = Number(c.getAttribute('cy') ?? 0);
      const strike = document.createElementNS('http://www.w3.org/2000/svg', 'line');
      for (const [k, v] of Object.entries({ x1: cx - 7, x2: cx + 7, y1: cy + 5, y2: cy - 5 })) strike.setAttribute(k, String(v));
      strike.setAttribute('stroke', 'var(--bad)');
      strike.setAttribute('stroke-width', '2');
      strike.setAttribute('pointer-events', 'none');
      strike.setAttribute('class', 'strike');
      strike.setAttribute('data-strike', e.id);
      const transform = c.getAttribute('transform');
      if (transform) strike.setAttribute('transform', transform);
      c.after(strike);
    }
    const show = (): void => onEvent(e);
    c.addEventListener('mouseenter', show);
    c.addEventListener('focus', show);
    c.addEventListener('click', () => {
      onEvent(e);
      if (onRetract) onRetract(e.id);
      else onCursor(e.event.date);
    });
    c.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        onEvent(e);
        onCursor(e.event.date);
      } else if (onRetract && (ev.key === 'x' || ev.key === 'X')) {
        ev.preventDefault();
        onRetract(e.id);
      }
    });
  });
}
