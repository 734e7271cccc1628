/**
 * Checks one version document against its base (for `amends`) and builds the version in its effective form:
 * the base's clauses, plus this document's additions and replacements, minus its removals.
 */
import { holidayCalendar } from '../values/holidays.js';
import { unitNamed } from '../values/quantity.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticArgsOf, MessageCode } from '../diagnostics/messages.js';
import { hint } from '../diagnostics/terms.js';
import type { Range } from '../source/source-file.js';
import { pointAt, spanOf } from '../source/source-file.js';
import type { Expr as SExpr, SourceRef, Statement } from '../syntax/ast.js';
import type { PacteBlock, SyntaxDocument } from '../syntax/document.js';
import type { Header } from './header.js';
import type { Citation, ClauseMeta, Definition, EventType, Expr, Norm, Party, SourceInfo, Type, Version } from './ir.js';
import { CONSENT_EVENTS } from './ir.js';
import { checkExpr, expectType, fixedDate, fixedPeriod } from './expr.js';
import { checkNorm } from './norm.js';
import type { DefinitionSig, Scope } from './scope.js';
import { NO_EVENT } from './scope.js';
import { suggest } from './suggest.js';
import { T, TYPE_NAMES, typeFromName } from './types.js';
import { ACCOUNT_MARK, definitionOrder, exprRefs, MAX_DEFINITION_DEPTH, outcomeCycle, outcomeRefs } from './deps.js';
import { normExprs } from './walk.js';
import { type FiscalYears, JULY_FIRST, type MonthDay } from '../values/periods.js';

interface Located {
  readonly s: Statement;
  readonly block: PacteBlock;
}

const BUILTIN_EVENT_FIELDS: ReadonlyMap<string, Type> = new Map([['clause', T.text]]);

function builtinEvents(meta: ClauseMeta): Map<string, EventType> {
  return new Map(CONSENT_EVENTS.map((name) => [name, { name, actors: [], fields: BUILTIN_EVENT_FIELDS, meta }]));
}

function statementName(s: Statement): string {
  switch (s.kind) {
    case 'event':
      return s.name.name;
    case 'define':
      return s.name.name;
    case 'norm':
      return s.id.name;
    case 'remove':
      return s.id.name;
    case 'assume':
      return s.term.name;
  }
}

function nameAt(s: Statement): Range {
  switch (s.kind) {
    case 'event':
    case 'define':
      return s.name.at;
    case 'norm':
    case 'remove':
      return s.id.at;
    case 'assume':
      return s.term.at;
  }
}

/**
 * Collects the names a syntax expression refers to (for the definition graph). Inside an aggregate's `where`,
 * a bare name that is a field of the aggregated event (or `actor`, `date`) is that field, not a definition.
 */
function syntaxRefs(e: SExpr, out: Set<string>, events: ReadonlyMap<string, EventType>): void {
  switch (e.kind) {
    case 'ref':
      if (e.path.length === 1) out.add(e.path[0]!.name);
      return;
    case 'previous':
      out.add(e.name.name);
      return;
    case 'binary':
      syntaxRefs(e.left, out, events);
      syntaxRefs(e.right, out, events);
      return;
    case 'unary':
      syntaxRefs(e.operand, out, events);
      return;
    case 'call':
      for (const a of e.args) syntaxRefs(a, out, events);
      return;
    case 'list':
      for (const m of e.members) out.add(m.name);
      return;
    case 'listTest':
      out.add(e.list.name);
      return;
    case 'extended':
      syntaxRefs(e.init, out, events);
      for (const x of e.extensions) for (const y of [x.by, x.unless]) if (y) syntaxRefs(y, out, events);
      return;
    case 'if':
      for (const x of [e.cond, e.then, e.else]) if (x) syntaxRefs(x, out, events);
      return;
    case 'running': {
      syntaxRefs(e.init, out, events);
      // The step's bare names may be the event's fields; the definition's own name is its previous value.
      const inner = new Set<string>();
      syntaxRefs(e.step, inner, events);
      const fields = events.get(e.event.name)?.fields;
      for (const r of inner) if (r !== 'actor' && r !== 'date' && !fields?.has(r)) out.add(r);
      return;
    }
    case 'aggregate': {
      if (e.where) {
        const inner = new Set<string>();
        syntaxRefs(e.where, inner, events);
        const fields = events.get(e.event.name)?.fields;
        for (const r of inner) if (r !== 'actor' && r !== 'date' && !fields?.has(r)) out.add(r);
      }
      const w = e.window;
      if (w?.kind === 'between') {
        syntaxRefs(w.from, out, events);
        syntaxRefs(w.to, out, events);
      } else if (w?.kind === 'since') syntaxRefs(w.from, out, events);
      return;
    }
    default:
      return;
  }
}

export function checkVersion(doc: SyntaxDocument, header: Header, base: Version | null, diagnostics: Diagnostic[]): Version {
  const file = doc.file;
  const amending = header.amends !== null && base !== null;
  const parties = new Map<string, Party>(amending ? base.parties : []);
  for (const [k, p] of header.parties) parties.set(k, p);
  const sources = new Map<string, SourceInfo>(amending ? base.sources : []);
  for (const [k, s] of header.sources) sources.set(k, s);
  const partyOrder = [...parties.keys()];
  // `fiscal-year`: this version's first days, over its base's (parties first checked against the version's).
  const years = new Map<string, MonthDay>(amending ? base.fiscalYears.years : []);
  for (const y of header.fiscalYear.parties) {
    if (parties.has(y.party)) years.set(y.party, y.start);
    else diagnostics.push(diagnostic(file, y.at, 'unknown-party', { name: y.party, hint: hint(suggest(y.party, parties.keys())) }));
  }
  const fiscalYears: FiscalYears = {
    start: header.fiscalYear.start ?? (amending ? base.fiscalYears.start : JULY_FIRST),
    years,
    parties: new Set(parties.keys()),
  };
  const holidays = header.holidays ? holidayCalendar(header.holidays.names, header.holidays.dates) : amending ? base.holidays : null;
  const units = new Set<string>([...(amending ? base.units : []), ...header.units]);
  const headerMeta: ClauseMeta = {
    version: header.version,
    span: spanOf(file, header.versionAt),
    trail: [],
    prose: '',
    citation: null,
    text: '',
  };
  const events = amending ? new Map(base.events) : builtinEvents(headerMeta);
  const definitions = new Map<string, Definition>(amending ? base.definitions : []);
  const norms = new Map<string, Norm>(amending ? base.norms : []);
  const scope: Scope = {
    file,
    version: header.version,
    effective: header.effective,
    parties,
    sources,
    fiscalYears,
    holidays,
    units,
    events,
    definitions: new Map<string, DefinitionSig>(),
    norms: new Map([...norms].map(([id, n]) => [id, n.kind])),
    reasons: new Map([...norms].flatMap(([id, n]) => (n.reason ? [[id, n.reason] as const] : []))),
    amountless: new Set([...norms].flatMap(([id, n]) => (n.kind === 'obligation' && !n.amount ? [id] : []))),
    diagnostics,
    trail: [],
    aggregateCount: 0,
  };
  for (const [name, d] of definitions)
    scope.definitions.set(name, {
      name,
      at: [0, 0],
      file: d.meta.span.file,
      type: d.type,
      fixedDate: null,
      running: d.expr.kind === 'agg' && d.expr.agg.fn === 'running',
    });
  for (const name of amending ? base.definitionOrder : []) {
    const sig = scope.definitions.get(name);
    const d = definitions.get(name);
    if (sig && d) {
      sig.fixedPeriod = fixedPeriod(scope, d.expr);
      sig.fixedDate = fixedDate(scope, d.expr);
    }
  }

  const located: Located[] = doc.blocks.flatMap((block) => block.statements.map((s) => ({ s, block })));
  const err = <C extends MessageCode>(at: Range, code: C, args: DiagnosticArgsOf<C>, trail: readonly string[]): void => {
    // The arguments were checked against `code` by this function's signature.
    diagnostics.push(diagnostic<MessageCode>(file, at, code, args as never, { trail }));
  };
  const citation = (ref: SourceRef | null, trail: readonly string[]): Citation | null => {
    if (!ref) return null;
    const src = sources.get(ref.id.name);
    if (!src) {
      err(ref.id.at, 'unknown-source', { name: ref.id.name, hint: hint(suggest(ref.id.name, sources.keys())) }, trail);
      return null;
    }
    let status = src.status;
    if (ref.status) {
      if (ref.status.name === 'official' || ref.status.name === 'reported' || ref.status.name === 'unverified') status = ref.status.name;
      else
        err(
          ref.status.at,
          'type-mismatch',
          { what: '@source-status-of', expected: '@source-status', found: `\`${ref.status.name}\`` },
          trail,
        );
    }
    return { source: src, status };
  };
  const metaOf = (l: Located, ref: SourceRef | null): ClauseMeta => ({
    version: header.version,
    span: spanOf(file, l.s.at),
    trail: l.block.trail,
    prose: l.block.prose,
    citation: citation(ref, l.block.trail),
    text: file.text.slice(l.s.at[0], l.s.at[1]),
  });
  /** Where a name was first declared, as a message term: `at line 12`, `in base.pacte.md:9`, or built in. */
  const declaredAt = (at: Range): string => `@at-line:${pointAt(file, at[0]).line}`;
  const eventDeclaredAt = (name: string): string => {
    if ((CONSENT_EVENTS as readonly string[]).includes(name)) return '@built-in';
    const span = events.get(name)?.meta.span;
    return span ? `@in-file:${span.file}:${span.start.line}` : '@built-in';
  };

  // Pass 1: declarations and amendments.
  const own = { added: [] as string[], replaced: [] as string[], removed: [] as string[] };
  const declaredHere = new Map<string, Range>();
  const clauseDecls: Located[] = [];
  /** Event types declared with a condition (`event … where C`), checked once the definitions are known. */
  const constrained: { l: Located; name: string; where: SExpr }[] = [];
  for (const l of located) {
    const s = l.s;
    const name = statementName(s);
    const trail = l.block.trail;
    if (s.kind === 'assume') {
      // An assumption belongs to a scenario (check/scenario.ts takes them out before checking its clauses).
      err(s.at, 'assume-outside-scenario', {}, trail);
      continue;
    }
    if (s.kind === 'event') {
      const prior = declaredHere.get(`event:${name}`);
      if (prior || events.has(name)) {
        err(s.name.at, 'duplicate-id', { name, line: prior ? declaredAt(prior) : eventDeclaredAt(name) }, trail);
        continue;
      }
      declaredHere.set(`event:${name}`, s.name.at);
      const actors: string[] = [];
      for (const a of s.actors) {
        if (a.name === 'any') continue;
        if (!parties.has(a.name)) err(a.at, 'unknown-party', { name: a.name, hint: hint(suggest(a.name, parties.keys())) }, trail);
        else actors.push(a.name);
      }
      const fields = new Map<string, Type>();
      const optional = new Set<string>();
      const fieldAt = new Map<string, Range>();
      for (const f of s.fields) {
        // `capacity: GW`: a quantity in a unit of the front matter's `units`.
        const unit = unitNamed(f.type.name, units);
        const t = typeFromName(f.type.name) ?? (unit ? T.quantity(unit) : undefined);
        if (!t) {
          const names = [...TYPE_NAMES, ...units];
          err(f.type.at, 'unknown-name', { name: f.type.name, hint: hint(suggest(f.type.name, names)) }, trail);
        }
        const first = fieldAt.get(f.name.name);
        if (first || f.name.name === 'date' || f.name.name === 'actor') {
          // Every event has its `date` and `actor`; a data field cannot take those names.
          err(f.name.at, 'duplicate-id', { name: f.name.name, line: first ? declaredAt(first) : '@built-in-field' }, trail);
          continue;
        }
        fieldAt.set(f.name.name, f.name.at);
        fields.set(f.name.name, t ?? T.unknown);
        if (f.optional) optional.add(f.name.name);
      }
      events.set(name, { name, actors, fields, ...(optional.size > 0 ? { optional } : {}), constraint: null, meta: metaOf(l, s.source) });
      if (s.where) constrained.push({ l, name, where: s.where });
      continue;
    }
    const prior = declaredHere.get(`clause:${name}`);
    if (prior) {
      err(nameAt(s), 'duplicate-id', { name, line: declaredAt(prior) }, trail);
      continue;
    }
    declaredHere.set(`clause:${name}`, nameAt(s));
    const inBase = definitions.has(name) || norms.has(name);
    const replace = s.kind !== 'remove' && s.replace;
    if ((s.kind === 'remove' || replace) && !amending) {
      err(s.at, 'amend-without-base', { action: s.kind === 'remove' ? 'remove' : 'replace' }, trail);
      continue;
    }
    if (s.kind === 'remove') {
      if (!inBase) {
        err(
          s.id.at,
          'amend-unknown-clause',
          { action: 'remove', name, base: base?.id ?? '', hint: hint(suggest(name, [...definitions.keys(), ...norms.keys()])) },
          trail,
        );
        continue;
      }
      definitions.delete(name);
      norms.delete(name);
      scope.definitions.delete(name);
      scope.norms.delete(name);
      scope.reasons.delete(name);
      own.removed.push(name);
      continue;
    }
    if (replace && !inBase) {
      err(
        nameAt(s),
        'amend-unknown-clause',
        { action: 'replace', name, base: base?.id ?? '', hint: hint(suggest(name, [...definitions.keys(), ...norms.keys()])) },
        trail,
      );
    } else if (!replace && inBase) {
      const kind = s.kind === 'define' ? 'define' : s.normKind;
      // Only an amending version starts from its base's clauses, so a clause already there comes from the base.
      err(nameAt(s), 'clause-exists', { name, base: base?.id ?? '', kind }, trail);
      continue;
    }
    (replace ? own.replaced : own.added).push(name);
    if (s.kind === 'define') {
      norms.delete(name);
      scope.norms.delete(name);
      scope.reasons.delete(name);
      scope.amountless.delete(name);
      scope.definitions.set(name, { name, at: s.name.at, file: file.path, type: undefined, fixedDate: null });
    } else {
      definitions.delete(name);
      scope.definitions.delete(name);
      scope.norms.set(name, s.normKind);
      if (s.normKind === 'obligation' && !s.action.amount) scope.amountless.add(name);
      else scope.amountless.delete(name);
      const reason = s.modifiers.find((m) => m.kind === 'because');
      if (reason?.kind === 'because' && s.normKind === 'power') scope.reasons.set(name, reason.reason.name);
      else scope.reasons.delete(name);
    }
    clauseDecls.push(l);
  }

  // Pass 2: definitions, in dependency order; cycles are reported once per cycle.
  const defs = clauseDecls.filter((l): l is Located & { s: Statement & { kind: 'define' } } => l.s.kind === 'define');
  const byName = new Map(defs.map((l) => [l.s.name.name, l]));
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  /** The longest chain of definitions each one stands on (1 for a definition that uses none). */
  const depth = new Map<string, number>();
  /** Definitions dropped because their chain is too long: the first of a chain is reported, the ones above it not. */
  const tooDeep = new Set<string>();
  const visit = (name: string, path: string[]): void => {
    const l = byName.get(name);
    if (!l || state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name];
      if (!reported.has(name)) {
        for (const n of cycle) reported.add(n);
        err(l.s.name.at, 'cyclic-definition', { name, cycle: cycle.join(' → ') }, l.block.trail);
      }
      return;
    }
    state.set(name, 'visiting');
    const refs = new Set<string>();
    syntaxRefs(l.s.expr, refs, events);
    if (l.s.expr.kind === 'running') refs.delete(name);
    // The chain is bounded (evaluation follows it recursively): past the limit, the definition is reported and dropped.
    if (path.length < MAX_DEFINITION_DEPTH) for (const r of refs) if (byName.has(r)) visit(r, [...path, name]);
    state.set(name, 'done');
    const used = [...refs].filter((r) => byName.has(r) && r !== name);
    const d = 1 + Math.max(0, ...used.map((r) => depth.get(r) ?? 0));
    depth.set(name, d);
    if (d > MAX_DEFINITION_DEPTH || path.length >= MAX_DEFINITION_DEPTH) {
      tooDeep.add(name);
      if (!used.some((r) => tooDeep.has(r))) err(l.s.name.at, 'definition-too-deep', { name, max: MAX_DEFINITION_DEPTH }, l.block.trail);
      reported.add(name);
    }
    if (reported.has(name)) return;
    scope.trail = l.block.trail;
    const expr = checkExpr(scope, l.s.expr, NO_EVENT, name);
    const sig = scope.definitions.get(name);
    if (sig) {
      sig.type = expr.type;
      sig.running = expr.kind === 'agg' && expr.agg.fn === 'running';
      sig.fixedPeriod = fixedPeriod(scope, expr);
      sig.fixedDate = fixedDate(scope, expr);
    }
    definitions.set(name, { name, expr, type: expr.type, meta: metaOf(l, l.s.source) });
  };
  for (const l of defs) visit(l.s.name.name, []);

  // Event conditions: bare names are the event's fields (and `actor`, `date`), then definitions and parties.
  for (const c of constrained) {
    scope.trail = c.l.block.trail;
    const constraint = checkExpr(scope, c.where, { subject: c.name, trigger: null }, c.name);
    expectType(scope, constraint, [T.bool], '@condition');
    const ev = events.get(c.name);
    if (ev) events.set(c.name, { ...ev, constraint });
  }

  // Pass 3: norms.
  for (const l of clauseDecls) {
    if (l.s.kind !== 'norm') continue;
    scope.trail = l.block.trail;
    const src = l.s.modifiers.find((m) => m.kind === 'source');
    const meta = metaOf(l, src && src.kind === 'source' ? src.source : null);
    norms.set(l.s.id.name, checkNorm(scope, l.s, meta, partyOrder));
  }

  // A clause whose terms read its own outcome, through other clauses' outcomes or definitions: reported once per cycle.
  {
    const reads = new Map<string, Set<string>>();
    for (const n of norms.values()) {
      const out = new Set<string>();
      for (const e of normExprs(n)) outcomeRefs(e, definitions, out);
      // An account reads the amounts and statuses of every obligation its party holds.
      for (const r of [...out]) {
        if (!r.startsWith(ACCOUNT_MARK)) continue;
        out.delete(r);
        for (const o of norms.values()) if (o.kind === 'obligation' && o.holder === r.slice(ACCOUNT_MARK.length)) out.add(o.id);
      }
      reads.set(n.id, out);
    }
    const left = [...norms.keys()].sort();
    for (
      let cycle = outcomeCycle(left, (x) => reads.get(x) ?? new Set());
      cycle;
      cycle = outcomeCycle(left, (x) => reads.get(x) ?? new Set())
    ) {
      // Reported at the first clause of the cycle that this version declares (a base's own cycle, at the base).
      const ring = cycle.slice(0, -1);
      const i = ring.findIndex((c) => clauseDecls.some((d) => d.s.kind === 'norm' && d.s.id.name === c));
      const l = i < 0 ? undefined : clauseDecls.find((d) => d.s.kind === 'norm' && d.s.id.name === ring[i]);
      if (l && l.s.kind === 'norm') {
        const turned = [...ring.slice(i), ...ring.slice(0, i), ring[i]!];
        err(l.s.id.at, 'cyclic-outcome', { name: ring[i]!, cycle: turned.join(' → ') }, l.block.trail);
      }
      // Each clause of the cycle is reported at most once: drop its edges and look for another.
      for (const c of cycle) reads.set(c, new Set());
    }
  }

  // Removed clauses must not be used by what remains.
  if (own.removed.length > 0) {
    const removed = new Set(own.removed);
    const users = (exprs: readonly (Expr | null)[], user: string): void => {
      for (const e of exprs) {
        if (!e) continue;
        for (const r of exprRefs(e)) {
          if (!removed.has(r)) continue;
          const rm = located.find((l) => l.s.kind === 'remove' && l.s.id.name === r);
          if (rm) err(rm.s.at, 'removed-in-use', { name: r, user }, rm.block.trail);
        }
      }
    };
    for (const d of definitions.values()) users([d.expr], d.name);
    for (const n of norms.values()) {
      users(normExprs(n), n.id);
      for (const o of n.overrides) {
        const rm = removed.has(o) ? located.find((l) => l.s.kind === 'remove' && l.s.id.name === o) : undefined;
        if (rm) err(rm.s.at, 'removed-in-use', { name: o, user: n.id }, rm.block.trail);
      }
    }
  }

  return {
    id: header.version,
    agreement: header.agreement,
    title: header.title,
    binding: header.binding,
    record: header.record ?? (header.amends !== null && base !== null ? base.record : 'own'),
    signed: header.signed,
    effective: header.effective,
    amends: header.amends?.id ?? null,
    supersedes: header.supersedes?.id ?? null,
    file: file.path,
    parties,
    sources,
    fiscalYears,
    holidays,
    units,
    events,
    definitions,
    norms,
    own,
    definitionOrder: definitionOrder(definitions),
  };
}
