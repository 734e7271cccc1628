/** Checks one norm clause: its modal verb, parties, action event, modifiers and their types. */
import { diagnostic } from '../diagnostics/diagnostic.js';
import { aClause, hint } from '../diagnostics/terms.js';
import type { Modifier, Statement } from '../syntax/ast.js';
import type { ClauseMeta, Expr, Norm, Type } from './ir.js';
import { checkExpr, expectType } from './expr.js';
import type { EventContext, Scope } from './scope.js';
import { NO_EVENT } from './scope.js';
import { suggest } from './suggest.js';
import { T } from './types.js';

type NormStatement = Statement & { kind: 'norm' };

const MODAL: Record<NormStatement['normKind'], NormStatement['modal']> = {
  obligation: 'must',
  prohibition: 'must not',
  permission: 'may',
  power: 'can',
  consent: 'needs',
};

/** Which modifiers each kind of norm accepts. */
const ALLOWED: Record<NormStatement['normKind'], ReadonlySet<Modifier['kind']>> = {
  obligation: new Set(['for-each', 'within', 'cure', 'by', 'from', 'until', 'when', 'suspended-while', 'overrides', 'capped-at', 'source']),
  permission: new Set(['from', 'until', 'when', 'suspended-while', 'overrides', 'source']),
  prohibition: new Set(['from', 'until', 'when', 'suspended-while', 'overrides', 'source']),
  power: new Set(['from', 'until', 'when', 'suspended-while', 'overrides', 'because', 'source']),
  consent: new Set(['from', 'until', 'lapses-after', 'deemed-given-after', 'overrides', 'source']),
};

const MODIFIER_WORD: Record<Modifier['kind'], string> = {
  'for-each': 'for each',
  within: 'within',
  cure: 'cure within',
  by: 'by',
  from: 'from',
  until: 'until',
  when: 'when',
  'suspended-while': 'suspended while',
  overrides: 'overrides',
  because: 'because',
  'capped-at': 'capped at',
  'lapses-after': 'lapses after',
  'deemed-given-after': 'deemed given after',
  source: 'source',
};

function partyRef(scope: Scope, name: string, at: readonly [number, number]): boolean {
  if (scope.parties.has(name)) return true;
  scope.diagnostics.push(
    diagnostic(scope.file, at, 'unknown-party', { name, hint: hint(suggest(name, scope.parties.keys())) }, { trail: scope.trail }),
  );
  return false;
}

/** The field of an event type with the given type: the one named `preferred`, else the only one of that type. */
function fieldOfType(fields: ReadonlyMap<string, Type>, t: Type['t'], preferred: string): string | null {
  if (fields.get(preferred)?.t === t) return preferred;
  const all = [...fields].filter(([, ft]) => ft.t === t).map(([n]) => n);
  return all.length === 1 ? all[0]! : null;
}

export function checkNorm(scope: Scope, s: NormStatement, meta: ClauseMeta, partyOrder: readonly string[]): Norm {
  const diags = scope.diagnostics;
  const trail = scope.trail;
  const kind = s.normKind;
  if (s.modal !== MODAL[kind]) {
    diags.push(
      diagnostic(
        scope.file,
        s.modalAt,
        'modal-mismatch',
        {
          kind: aClause(kind),
          holder: s.asker?.name ?? s.holder.name,
          expected: kind === 'consent' ? 'needs … to' : MODAL[kind],
          found: s.modal,
        },
        { trail },
      ),
    );
  }
  const holderNames: string[] = [];
  for (const h of s.holders) {
    if (holderNames.includes(h.name)) {
      diags.push(diagnostic(scope.file, h.at, 'duplicate-holder', { party: h.name, name: s.id.name }, { trail }));
      continue;
    }
    holderNames.push(h.name);
    partyRef(scope, h.name, h.at);
  }
  if (s.asker) partyRef(scope, s.asker.name, s.asker.at);
  const extraAsker = s.askers[1];
  if (extraAsker) diags.push(diagnostic(scope.file, extraAsker.at, 'several-askers', { name: s.id.name }, { trail }));
  const verb = s.action.verb.name;
  const ev = scope.events.get(verb);
  if (!ev) {
    diags.push(
      diagnostic(scope.file, s.action.verb.at, 'unknown-event', { name: verb, hint: hint(suggest(verb, scope.events.keys())) }, { trail }),
    );
  } else {
    const actors = kind === 'consent' ? (s.asker ? [s.asker.name] : []) : holderNames;
    for (const actor of actors) {
      if (ev.actors.length > 0 && !ev.actors.includes(actor) && scope.parties.has(actor)) {
        diags.push(
          diagnostic(scope.file, s.action.verb.at, 'actor-not-allowed', { actor, verb, allowed: ev.actors.join(', ') }, { trail }),
        );
      }
    }
  }
  const seen = new Map<Modifier['kind'], Modifier>();
  for (const m of s.modifiers) {
    if (seen.has(m.kind)) {
      diags.push(diagnostic(scope.file, m.at, 'duplicate-modifier', { modifier: MODIFIER_WORD[m.kind], name: s.id.name }, { trail }));
    }
    seen.set(m.kind, m);
    if (!ALLOWED[kind].has(m.kind)) {
      diags.push(diagnostic(scope.file, m.at, 'misplaced-modifier', { modifier: MODIFIER_WORD[m.kind], kind: aClause(kind) }, { trail }));
    }
  }
  const mod = <K extends Modifier['kind']>(k: K): (Modifier & { kind: K }) | undefined =>
    seen.get(k) as (Modifier & { kind: K }) | undefined;
  const owner = s.id.name;
  const forEach = mod('for-each');
  let triggerWhere: Expr | null = null;
  const triggerTypes: string[] = [];
  let triggersKnown = false;
  if (forEach) {
    triggersKnown = true;
    for (const t of forEach.events) {
      if (!scope.events.has(t.name)) {
        triggersKnown = false;
        diags.push(
          diagnostic(scope.file, t.at, 'unknown-event', { name: t.name, hint: hint(suggest(t.name, scope.events.keys())) }, { trail }),
        );
      } else if (triggerTypes.includes(t.name)) {
        diags.push(diagnostic(scope.file, t.at, 'duplicate-trigger', { event: t.name, name: s.id.name }, { trail }));
      } else triggerTypes.push(t.name);
    }
  }
  // `for each a or b`: the trigger is an event of either type; what reads its fields needs them in both.
  const several = triggerTypes.length > 1 ? { triggerTypes } : {};
  if (forEach && triggersKnown && forEach.where) {
    const ctx = { subject: forEach.event.name, trigger: forEach.event.name, previous: true, ...several };
    triggerWhere = checkExpr(scope, forEach.where, ctx, owner);
    expectType(scope, triggerWhere, [T.bool], '@condition');
  }
  const trig: EventContext = forEach && triggersKnown ? { subject: null, trigger: forEach.event.name, ...several } : NO_EVENT;
  const typed = (
    e: { at: readonly [number, number] } | undefined,
    se: Parameters<typeof checkExpr>[1] | undefined,
    types: Type[],
    what: string,
    part: string,
    ctx: EventContext = NO_EVENT,
  ): Expr | null => {
    if (!se || !e) return null;
    // An undisclosed term written in a modifier is named after its clause and the modifier (`fee.by`).
    const x = checkExpr(scope, se, ctx, `${owner}.${part}`);
    expectType(scope, x, types, what);
    return x;
  };
  // `previous x` is read when an instance arises: in its amount (and its `for each … where`).
  const amount = s.action.amount
    ? checkExpr(scope, s.action.amount, { ...trig, previous: trig.trigger !== null }, `${owner}.amount`)
    : null;
  let amountField: string | null = null;
  if (amount) {
    expectType(scope, amount, [T.money(), T.number, T.quantity()], '@amount');
    if (ev && amount.type.t === 'quantity') {
      // `must deliver 1,000 chips`: the field of the event in that unit performs it.
      const unit = amount.type.unit;
      const all = [...ev.fields].filter(([, ft]) => ft.t === 'quantity' && (unit === null || ft.unit === unit)).map(([n]) => n);
      amountField = all.length === 1 ? all[0]! : null;
      if (!amountField) diags.push(diagnostic(scope.file, amount.at, 'no-amount-field', { event: verb }, { trail }));
    } else if (ev) {
      amountField = fieldOfType(ev.fields, amount.type.t === 'number' ? 'number' : 'money', 'amount');
      if (!amountField) diags.push(diagnostic(scope.file, amount.at, 'no-amount-field', { event: verb }, { trail }));
    }
  }
  let toField: string | null = null;
  if (s.action.to) {
    partyRef(scope, s.action.to.name, s.action.to.at);
    if (ev) {
      toField = fieldOfType(ev.fields, 'party', 'recipient');
      if (!toField) diags.push(diagnostic(scope.file, s.action.to.at, 'no-party-field', { event: verb }, { trail }));
    }
  }
  const where = s.action.where && ev ? checkExpr(scope, s.action.where, { subject: verb, trigger: trig.trigger, ...several }, owner) : null;
  if (where) expectType(scope, where, [T.bool], '@condition');
  const within = mod('within');
  const cure = mod('cure');
  const by = mod('by');
  const from = mod('from');
  const until = mod('until');
  const when = mod('when');
  const susp = mod('suspended-while');
  const cap = mod('capped-at');
  const lapses = mod('lapses-after');
  const deemed = mod('deemed-given-after');
  // `within` counts from the event that creates an instance, and a cap limits amounts: alone they would mean nothing.
  if (within && !forEach) {
    diags.push(diagnostic(scope.file, within.at, 'modifier-needs', { modifier: 'within', needs: '@needs-for-each' }, { trail }));
  }
  if (cap && !s.action.amount) {
    diags.push(diagnostic(scope.file, cap.at, 'modifier-needs', { modifier: 'capped at', needs: '@needs-amount' }, { trail }));
  }
  const overrides = mod('overrides')?.ids ?? [];
  for (const o of overrides) {
    if (!scope.norms.has(o.name) || o.name === s.id.name) {
      diags.push(
        diagnostic(
          scope.file,
          o.at,
          'unknown-clause',
          {
            name: o.name,
            hint: hint(
              suggest(
                o.name,
                [...scope.norms.keys()].filter((n) => n !== s.id.name),
              ),
            ),
          },
          { trail },
        ),
      );
    }
  }
  const ends = (until?.ends ?? []).map((se) => {
    const x = checkExpr(scope, se, NO_EVENT, `${owner}.until`);
    expectType(scope, x, [T.date, T.bool], '@end');
    return x;
  });
  const holder = s.holder.name;
  const holders = kind === 'consent' ? [holder] : holderNames;
  // With several holders and no `to`, the counterparty is the one party that holds nothing, if there is one.
  const others = partyOrder.filter((p) => !holders.includes(p));
  const counterparty =
    s.action.to?.name ?? s.asker?.name ?? (holders.length > 1 ? (others.length === 1 ? others[0]! : null) : (others[0] ?? null));
  if (holders.length === 1 && !s.action.to && !s.asker && others.length > 1 && amount && kind === 'obligation') {
    // An amount owed with more than one other party: to whom is never guessed from the front matter's order.
    diags.push(
      diagnostic(scope.file, s.action.at, 'counterparty-ambiguous', { name: s.id.name, candidates: others.join(', ') }, { trail }),
    );
  }
  if (holders.length > 1 && !s.action.to && others.length !== 1 && amount) {
    // An amount owed by either of several holders needs to know to whom it is owed.
    diags.push(diagnostic(scope.file, s.action.at, 'holders-need-to', { name: s.id.name, holders: holders.join(', ') }, { trail }));
  }
  return {
    id: s.id.name,
    kind,
    holder,
    holders,
    counterparty,
    verb,
    amount,
    amountField,
    to: s.action.to?.name ?? null,
    toField,
    where,
    trigger: forEach ? { event: forEach.event.name, events: forEach.events.map((t) => t.name), where: triggerWhere } : null,
    within: typed(within, within?.duration, [T.duration], '@delay', 'within'),
    cure: typed(cure, cure?.duration, [T.duration], '@delay', 'cure'),
    // Each instance's deadline may read the fields of the event that creates it.
    by: typed(by, by?.date, [T.date], '@deadline', 'by', trig),
    start: typed(from, from?.start, [T.date, T.bool], '@start', 'from'),
    ends,
    when: typed(when, when?.cond, [T.bool], '@condition', 'when'),
    suspendedWhile: typed(susp, susp?.cond, [T.bool], '@condition', 'suspended-while'),
    overrides: overrides.map((o) => o.name),
    cap: typed(cap, cap?.cap, [T.money()], '@cap', 'capped-at'),
    lapsesAfter: typed(lapses, lapses?.duration, [T.duration], '@delay', 'lapses-after'),
    deemedGivenAfter: typed(deemed, deemed?.duration, [T.duration], '@delay', 'deemed-given-after'),
    reason: mod('because')?.reason.name ?? null,
    meta,
  };
}
