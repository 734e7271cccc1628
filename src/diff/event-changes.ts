/** The parts that differ between two declarations of one event type: who may record it, its fields, its source. */
import type { EventType, Type } from '../check/ir.js';
import type { ChangeJson } from './redline-json.js';
import { sourceChange } from './source-change.js';

function typeText(t: Type): string {
  return t.t === 'money' && t.currency ? `money ${t.currency}` : t.t;
}

/** `note?: text` for an optional field. */
function fieldText(e: EventType, name: string): string {
  return `${name}${e.optional?.has(name) ? '?' : ''}: ${typeText(e.fields.get(name)!)}`;
}

function fieldsText(e: EventType): string {
  return `{ ${[...e.fields.keys()].map((n) => fieldText(e, n)).join(', ')} }`;
}

export function eventChanges(a: EventType, b: EventType): ChangeJson[] {
  const out: ChangeJson[] = [];
  const actors = (e: EventType): string => (e.actors.length === 0 ? 'any' : [...e.actors].sort().join(', '));
  if (actors(a) !== actors(b)) out.push({ part: 'actors', from: actors(a), to: actors(b), classification: 'actors-changed' });
  const names = (e: EventType): string[] => [...e.fields.keys()];
  const added = names(b).filter((n) => !a.fields.has(n));
  const removed = names(a).filter((n) => !b.fields.has(n));
  const retyped = names(a).filter((n) => b.fields.has(n) && fieldText(a, n) !== fieldText(b, n));
  if (added.length + removed.length + retyped.length > 0) {
    const classification =
      retyped.length === 0 && removed.length === 0
        ? 'fields-added'
        : retyped.length === 0 && added.length === 0
          ? 'fields-removed'
          : 'fields-changed';
    out.push({ part: 'fields', from: fieldsText(a), to: fieldsText(b), classification });
  }
  const src = sourceChange(a.meta.citation, b.meta.citation);
  if (src) out.push(src);
  return out;
}

export function classifyEvent(changes: readonly ChangeJson[]): string[] {
  const out = [...new Set(changes.map((c) => (c.part === 'source' ? 'source-changed' : 'event-type-changed')))];
  return out.length === 0 ? ['wording-changed'] : out;
}
