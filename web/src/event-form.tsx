/**
 * The form of one hypothetical event, built from the event types the agreement declares: a type, a date, an actor
 * and one control per field of the type (a checkbox for a boolean, a date field for a date, a party list for a
 * party, text otherwise), each checked as the ledger checks it before anything is sent. An optional field
 * (`note?: text`) left empty is left out of the event, never given a made-up value (an optional boolean is a list:
 * not said, true, false).
 */
import { useEffect, useState } from 'preact/hooks';
import type { EventTypeInfo, LedgerEventJson, Party } from './api-types';
import type { Lang, MessageCode } from './i18n';
import { t } from './i18n';

export interface EventFormProps {
  readonly lang: Lang;
  readonly types: readonly EventTypeInfo[];
  readonly parties: readonly Party[];
  readonly defaultDate: string;
  readonly nextId: (type: string, date: string) => string;
  readonly onAdd: (e: LedgerEventJson) => void;
}

/** The base type of a field (`money` for `money USD`), whatever form the API gives it in. */
export function fieldType(type: unknown): string {
  if (typeof type === 'string') return type.split(/[\s(<]/)[0] ?? type;
  if (type && typeof type === 'object') {
    const o = type as Record<string, unknown>;
    const inner = o['t'] ?? o['type'] ?? o['kind'] ?? o['name'];
    if (typeof inner === 'string') return inner;
  }
  return 'text';
}

const CHECKS: Readonly<Record<string, { re: RegExp; code: MessageCode & `whatif.field.${string}` }>> = {
  money: { re: /^[A-Z]{3} -?\d+(\.\d+)?$/, code: 'whatif.field.money' },
  date: { re: /^\d{4}-\d{2}-\d{2}$/, code: 'whatif.field.date' },
  number: { re: /^-?\d+(\.\d+)?$/, code: 'whatif.field.number' },
  percent: { re: /^-?\d+(\.\d+)?%$/, code: 'whatif.field.percent' },
  period: { re: /^(\d{4}-Q[1-4]|\d{4}-H[12]|\d{4}-\d{2}|FY\d{4}( of [A-Za-z_]\w*)?|CY\d{4})$/, code: 'whatif.field.period' },
  duration: { re: /^\d{1,6} (day|week|month|year)s?$/, code: 'whatif.field.duration' },
};

/** The value of a field as the ledger takes it, or an error message. */
export function fieldValue(lang: Lang, name: string, type: string, raw: string | boolean): { value: unknown } | { error: string } {
  if (type === 'bool') return { value: raw === true || raw === 'true' };
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return { error: t(lang, 'whatif.field.required', { field: name }) };
  const check = CHECKS[type];
  if (check && !check.re.test(text)) return { error: t(lang, check.code, { field: name }) };
  return { value: text };
}

export function EventForm({ lang, types, parties, defaultDate, nextId, onAdd }: EventFormProps) {
  const [typeName, setTypeName] = useState(types[0]?.name ?? '');
  const type = types.find((x) => x.name === typeName) ?? types[0];
  const actors = type?.actors && type.actors.length > 0 ? type.actors : parties.map((p) => p.id);
  const [date, setDate] = useState(defaultDate);
  const [actor, setActor] = useState(actors[0] ?? '');
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [errors, setErrors] = useState<string[]>([]);

  useEffect(() => {
    setActor(actors[0] ?? '');
    setValues({});
    setErrors([]);
  }, [typeName]);
  useEffect(() => setDate(defaultDate), [defaultDate]);

  function submit(ev: Event): void {
    ev.preventDefault();
    if (!type) return;
    const problems: string[] = [];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) problems.push(t(lang, 'whatif.field.date', { field: t(lang, 'whatif.date') }));
    const data: Record<string, unknown> = {};
    for (const f of type.fields) {
      const ft = fieldType(f.type);
      const raw = values[f.name] ?? (ft === 'bool' && !f.optional ? false : '');
      // An optional field left empty is left out: the ledger takes it so, and what reads it waits for it.
      if (f.optional && typeof raw === 'string' && raw.trim() === '') continue;
      const r = fieldValue(lang, f.name, ft, raw);
      if ('error' in r) problems.push(r.error);
      else data[f.name] = r.value;
    }
    setErrors(problems);
    if (problems.length > 0) return;
    onAdd({ id: nextId(type.name, date), type: type.name, date, actor, data, source: { title: 'What-if', status: 'unverified' } });
    setValues({});
  }

  return (
    <form class="event-form" onSubmit={submit} aria-labelledby="event-form-title" data-testid="event-form" noValidate>
      <h4 id="event-form-title">{t(lang, 'whatif.add')}</h4>
      <div class="fields">
        <label>
          <span>{t(lang, 'whatif.type')}</span>
          <select name="type" value={typeName} onChange={(e) => setTypeName((e.currentTarget as HTMLSelectElement).value)}>
            {types.map((x) => (
              <option key={x.name} value={x.name}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t(lang, 'whatif.date')}</span>
          <input type="date" name="date" required value={date} onInput={(e) => setDate((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          <span>{t(lang, 'whatif.actor')}</span>
          <select name="actor" value={actor} onChange={(e) => setActor((e.currentTarget as HTMLSelectElement).value)}>
            {actors.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        {type?.fields.map((f) => {
          const ft = fieldType(f.type);
          const v = values[f.name];
          const set = (x: string | boolean): void => setValues({ ...values, [f.name]: x });
          if (ft === 'bool' && f.optional)
            return (
              <label key={f.name}>
                <span>
                  {f.name} <span class="muted small">({t(lang, 'whatif.optional')})</span>
                </span>
                <select
                  name={`data.${f.name}`}
                  value={typeof v === 'string' ? v : ''}
                  onChange={(e) => set((e.currentTarget as HTMLSelectElement).value)}
                >
                  <option value="">—</option>
                  <option value="true">true</option>
                  <option value="false">false</option>
                </select>
              </label>
            );
          if (ft === 'bool')
            return (
              <label key={f.name} class="check">
                <input
                  type="checkbox"
                  name={`data.${f.name}`}
                  checked={v === true}
                  onChange={(e) => set((e.currentTarget as HTMLInputElement).checked)}
                />
                <span>{f.name}</span>
              </label>
            );
          if (ft === 'party')
            return (
              <label key={f.name}>
                <span>{f.name}</span>
                <select
                  name={`data.${f.name}`}
                  value={typeof v === 'string' ? v : ''}
                  onChange={(e) => set((e.currentTarget as HTMLSelectElement).value)}
                >
                  <option value="">—</option>
                  {parties.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.id}
                    </option>
                  ))}
                </select>
              </label>
            );
          return (
            <label key={f.name}>
              <span>
                {f.name} <span class="muted small">({f.optional ? `${ft}, ${t(lang, 'whatif.optional')}` : ft})</span>
              </span>
              {ft === 'date' ? (
                <input
                  type="date"
                  name={`data.${f.name}`}
                  value={typeof v === 'string' ? v : ''}
                  onInput={(e) => set((e.currentTarget as HTMLInputElement).value)}
                />
              ) : (
                <input
                  type="text"
                  name={`data.${f.name}`}
                  value={typeof v === 'string' ? v : ''}
                  placeholder={ft === 'money' ? 'USD 1000000' : ft === 'period' ? '2026-Q1' : ft === 'percent' ? '20%' : ''}
                  onInput={(e) => set((e.currentTarget as HTMLInputElement).value)}
                />
              )}
            </label>
          );
        })}
      </div>
      {errors.length > 0 ? (
        <ul class="error" role="alert">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      <button type="submit">{t(lang, 'whatif.submit')}</button>
    </form>
  );
}
