/**
 * Assumptions: `assume TERM = VALUE [as LABEL]` in a scenario, or `--assume TERM=VALUE` on the command line. TERM is
 * a definition whose value is undisclosed (`define x = undisclosed money`); VALUE a literal of its type within what is
 * known of it (its bounds). The label is the one written, else `ASSUMED-n` in the order the assumptions are applied
 * (engine/apply-scenarios.ts), so that every answer resting on it can say "under ASSUMED-1".
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { hint } from '../diagnostics/terms.js';
import type { Range, SourceFile } from '../source/source-file.js';
import { sourceFile } from '../source/source-file.js';
import type { Statement } from '../syntax/ast.js';
import { parseBlock } from '../syntax/parse-block.js';
import { isAbove } from './expr.js';
import { printUndisclosed, printValue } from './expr-text.js';
import type { Type, Value, Version } from './ir.js';
import { checkLiteral } from './literal.js';
import type { Scope } from './scope.js';
import { suggest } from './suggest.js';
import { fits, typeArg } from './types.js';

export interface Assumption {
  readonly term: string;
  readonly value: Value;
  readonly type: Type;
  /** The label written (`as BASE-CASE`), or null for `ASSUMED-n`. */
  readonly label: string | null;
  /** The scenario it comes from; null for `--assume`. */
  readonly scenario: string | null;
  readonly file: string;
  readonly at: Range;
}

/** The definitions of `version` whose value is undisclosed: the terms an assumption may set. */
export function undisclosedTerms(version: Version): string[] {
  return [...version.definitions.values()].filter((d) => d.expr.kind === 'undisclosed').map((d) => d.name);
}

function scopeOf(file: SourceFile, version: Version, diagnostics: Diagnostic[]): Scope {
  return {
    file,
    version: version.id,
    effective: version.effective,
    parties: version.parties,
    sources: version.sources,
    holidays: version.holidays,
    units: version.units,
    fiscalYears: version.fiscalYears,
    events: new Map(version.events),
    definitions: new Map(),
    norms: new Map(),
    reasons: new Map(),
    amountless: new Set(),
    diagnostics,
    trail: [],
    aggregateCount: 0,
  };
}

/** The `assume` statements of one scenario (or of the command line: `scenario` null), checked against `version`. */
export function checkAssumptions(
  file: SourceFile,
  statements: readonly (Statement & { kind: 'assume' })[],
  version: Version,
  scenario: string | null,
  diagnostics: Diagnostic[],
): Assumption[] {
  const out: Assumption[] = [];
  const scope = scopeOf(file, version, diagnostics);
  const terms = undisclosedTerms(version);
  for (const s of statements) {
    const name = s.term.name;
    const d = version.definitions.get(name);
    if (d?.expr.kind !== 'undisclosed') {
      diagnostics.push(diagnostic(file, s.term.at, 'assume-unknown-term', { name, version: version.id, hint: hint(suggest(name, terms)) }));
      continue;
    }
    const lit = checkLiteral(scope, s.value);
    if (lit?.kind !== 'lit') {
      if (lit === undefined && diagnostics.length > 0 && diagnostics[diagnostics.length - 1]!.file === file.path) continue;
      diagnostics.push(diagnostic(file, s.value.at, 'assume-type', { name, expected: typeArg(d.type), found: '@syn-expression' }));
      continue;
    }
    if (!fits(lit.type, d.type)) {
      diagnostics.push(diagnostic(file, s.value.at, 'assume-type', { name, expected: typeArg(d.type), found: typeArg(lit.type) }));
      continue;
    }
    const b = d.expr.bounds;
    const v = lit.value;
    const below = b?.lo ? (b.loOpen ? !isAbove(v, b.lo) : isAbove(b.lo, v)) : false;
    const above = b?.hi ? (b.hiOpen ? !isAbove(b.hi, v) : isAbove(v, b.hi)) : false;
    if (below || above) {
      diagnostics.push(diagnostic(file, s.value.at, 'assume-out-of-bounds', { name, value: printValue(v), bounds: printUndisclosed(b) }));
      continue;
    }
    out.push({ term: name, value: v, type: d.type, label: s.label?.name ?? null, scenario, file: file.path, at: s.at });
  }
  return out;
}

/** `--assume TERM=VALUE`: read as the statement `assume TERM = VALUE` in a file named `--assume`. */
export function assumeFromText(text: string, version: Version, diagnostics: Diagnostic[]): { assumptions: Assumption[]; file: SourceFile } {
  const eq = text.indexOf('=');
  const file = sourceFile('--assume', `assume ${eq < 0 ? text : `${text.slice(0, eq).trim()} = ${text.slice(eq + 1).trim()}`}`);
  const parsed = parseBlock(file, 0, file.text.length, []);
  diagnostics.push(...parsed.diagnostics);
  const statements = parsed.statements.filter((s): s is Statement & { kind: 'assume' } => s.kind === 'assume');
  return { assumptions: checkAssumptions(file, statements, version, null, diagnostics), file };
}
