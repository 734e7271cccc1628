/**
 * The date cursor's controls: a slider over the days of the timeline, a date field to type a date, and buttons to
 * jump to the previous or next event. The same cursor can be dragged on the timeline itself.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Lang } from './i18n';
import { t } from './i18n';
import { day, isoOf } from './timeline-data';

export interface DateCursorProps {
  readonly lang: Lang;
  readonly value: string;
  readonly min: string;
  readonly max: string;
  /** The event dates, sorted. */
  readonly eventDates: readonly string[];
  readonly onChange: (iso: string) => void;
}

const DAY = 86_400_000;

export function DateCursor({ lang, value, min, max, eventDates, onChange }: DateCursorProps) {
  const [typed, setTyped] = useState(value);
  useEffect(() => setTyped(value), [value]);
  const days = Math.round((day(max).getTime() - day(min).getTime()) / DAY);
  const at = Math.round((day(value).getTime() - day(min).getTime()) / DAY);
  const prev = [...eventDates].reverse().find((d) => d < value);
  const next = eventDates.find((d) => d > value);
  const last = eventDates[eventDates.length - 1];
  return (
    <div class="cursor-controls">
      <label class="cursor-date">
        <span>{t(lang, 'cursor.label')}</span>
        <input
          type="date"
          name="cursor-date"
          data-testid="cursor-date"
          value={typed}
          min={min}
          max={max}
          onInput={(e) => {
            const v = (e.currentTarget as HTMLInputElement).value;
            setTyped(v);
            if (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(day(v).getTime())) onChange(v);
          }}
        />
      </label>
      <label class="cursor-slider">
        <span class="visually-hidden">{t(lang, 'cursor.slider')}</span>
        <input
          type="range"
          data-testid="cursor-slider"
          min={0}
          max={days}
          step={1}
          value={at}
          aria-valuetext={value}
          onInput={(e) => onChange(isoOf(new Date(day(min).getTime() + Number((e.currentTarget as HTMLInputElement).value) * DAY)))}
        />
      </label>
      <button type="button" disabled={!prev} onClick={() => prev && onChange(prev)}>
        ← {t(lang, 'cursor.prev')}
      </button>
      <button type="button" disabled={!next} onClick={() => next && onChange(next)}>
        {t(lang, 'cursor.next')} →
      </button>
      <button type="button" disabled={!last || last === value} onClick={() => last && onChange(last)}>
        {t(lang, 'cursor.today')}
      </button>
    </div>
  );
}
