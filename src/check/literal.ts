/** Literal values: money, percent, numbers, dates, periods, durations, checked into exact values. */
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { Ident, Expr as SExpr } from '../syntax/ast.js';
import { unitNamed } from '../values/quantity.js';
import { durationInRange, MAX_DURATION, parseDate } from '../values/dates.js';
import { type Decimal, MAX_DIGITS } from '../values/decimal.js';
import { parseAmount } from '../values/money.js';
import { parsePeriod } from '../values/periods.js';
import { hint } from '../diagnostics/terms.js';
import { suggest } from './suggest.js';
import type { Expr, Value } from './ir.js';
import type { Scope } from './scope.js';
import { T } from './types.js';

function amount(scope: Scope, e: SExpr & { digits: string }, scale: string | null = null): Decimal | undefined {
  const plain = e.digits.replace(/[,.]/g, '');
  if (plain.length > MAX_DIGITS) {
    scope.diagnostics.push(diagnostic(scope.file, e.at, 'bad-number', { text: e.digits }, { trail: scope.trail }));
    return undefined;
  }
  return parseAmount(e.digits, scale ?? undefined);
}

/** The unit `word` names (`share` names `shares`), or null after reporting `unknown-unit`. */
export function declaredUnit(scope: Scope, word: Ident): string | null {
  const unit = unitNamed(word.name, scope.units);
  if (!unit) {
    const args = { name: word.name, hint: hint(suggest(word.name, scope.units)) };
    scope.diagnostics.push(diagnostic(scope.file, word.at, 'unknown-unit', args, { trail: scope.trail }));
  }
  return unit;
}

export function checkLiteral(scope: Scope, e: SExpr): Expr | undefined {
  const lit = (value: Value, type: Expr['type']): Expr => ({ kind: 'lit', value, type, at: e.at });
  switch (e.kind) {
    case 'money': {
      const a = amount(scope, e, e.scale);
      return a && lit({ k: 'money', v: { currency: e.currency, amount: a } }, T.money(e.currency));
    }
    case 'quantity': {
      const unit = declaredUnit(scope, e.unit);
      const a = amount(scope, e);
      return a && unit ? lit({ k: 'quantity', v: { unit, amount: a } }, T.quantity(unit)) : undefined;
    }
    case 'price': {
      const unit = declaredUnit(scope, e.unit);
      const a = amount(scope, e, e.scale);
      return a && unit ? lit({ k: 'price', v: { currency: e.currency, unit, amount: a } }, T.price(e.currency, unit)) : undefined;
    }
    case 'percent': {
      const a = amount(scope, e);
      return a && lit({ k: 'percent', v: a.div(100) }, T.percent);
    }
    case 'number': {
      const a = amount(scope, e);
      return a && lit({ k: 'number', v: a }, T.number);
    }
    case 'date': {
      const d = parseDate(e.text);
      if (!d) {
        scope.diagnostics.push(diagnostic(scope.file, e.at, 'bad-date', { text: e.text }, { trail: scope.trail }));
        return undefined;
      }
      return lit({ k: 'date', v: d }, T.date);
    }
    case 'period': {
      // `FY2027 of acme`: the party's fiscal year (front matter `fiscal-year`), else the version's default.
      if (e.party && !scope.fiscalYears.parties.has(e.party.name)) {
        const args = { name: e.party.name, hint: hint(suggest(e.party.name, scope.fiscalYears.parties)) };
        scope.diagnostics.push(diagnostic(scope.file, e.party.at, 'unknown-party', args, { trail: scope.trail }));
        return undefined;
      }
      const p = parsePeriod(e.party ? `${e.text} of ${e.party.name}` : e.text, scope.fiscalYears);
      if (!p) {
        scope.diagnostics.push(diagnostic(scope.file, e.at, 'bad-period', { text: e.text }, { trail: scope.trail }));
        return undefined;
      }
      return lit({ k: 'period', v: p }, T.period);
    }
    case 'duration': {
      if (e.digits.length > 6) {
        scope.diagnostics.push(diagnostic(scope.file, e.at, 'bad-number', { text: e.digits }, { trail: scope.trail }));
        return undefined;
      }
      const v = { amount: Number(e.digits), unit: e.unit };
      if (!durationInRange(v)) {
        const text = `${e.digits} ${e.unit}`;
        scope.diagnostics.push(
          diagnostic(scope.file, e.at, 'duration-range', { text, max: `${MAX_DURATION[e.unit]} ${e.unit}` }, { trail: scope.trail }),
        );
      }
      return lit({ k: 'duration', v }, T.duration);
    }
    case 'text':
      return lit({ k: 'text', v: e.value }, T.text);
    case 'bool':
      return lit({ k: 'bool', v: e.value }, T.bool);
    default:
      return undefined;
  }
}
