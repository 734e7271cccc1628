/** Unit tests of the redline's expression comparison: structural equality, deltas, literal moves, ends, conditions, text. */
import { describe, expect, it } from 'vitest';
import { checkFamily } from '../src/check/family.js';
import type { Definition, Expr, Norm, Version } from '../src/check/ir.js';
import { exprDelta, literalChange, termChange } from '../src/diff/expr-delta.js';
import { exprEqual } from '../src/diff/expr-equal.js';
import { balance, exprText, printExpr } from '../src/check/expr-text.js';
import { conditionMove, endsClassification } from '../src/diff/norm-changes.js';
import { frontMatter } from './harness/front-matter.js';

/** Checks one document made of the given pacte lines (after a fixed set of events) and returns its version. */
function version(lines: string, pad = ''): Version {
  const text = `${frontMatter('unit')}
## Events
${pad}
\`\`\`pacte
event report by alice { profit: money, revenue: money, extra: money, audited: bool }
event pay by alice { amount: money, recipient: party }
event declare by alice
\`\`\`

## Terms

\`\`\`pacte
${lines}
\`\`\`
`;
  const r = checkFamily([{ path: 'unit.pacte.md', text }]);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !r.family) throw new Error(`unit document has errors: ${JSON.stringify(errors.map((d) => [d.code, d.args]))}`);
  return r.family.versions[0]!;
}

function def(src: string, pad = ''): Definition {
  const v = version(`define x = ${src}`, pad);
  return v.definitions.get('x')!;
}

function expr(src: string, pad = ''): Expr {
  return def(src, pad).expr;
}

function norm(src: string): Norm {
  return version(`define agi = exists declare\n${src}`).norms.get('n')!;
}

describe('exprEqual', () => {
  it('ignores positions', () => {
    const a = expr('sum report.profit >= USD 100bn and exists report where audited');
    const b = expr('sum report.profit >= USD 100bn and exists report where audited', '\n\nSome prose that moves every offset.\n');
    expect(a.at).not.toEqual(b.at);
    expect(exprEqual(a, b)).toBe(true);
  });

  it('compares literals by value, not by spelling', () => {
    expect(exprEqual(expr('USD 1bn'), expr('USD 1,000,000,000'))).toBe(true);
    expect(exprEqual(expr('USD 1bn'), expr('USD 1000m'))).toBe(true);
    expect(exprEqual(expr('USD 1bn'), expr('EUR 1bn'))).toBe(false);
    expect(exprEqual(expr('20%'), expr('20.0%'))).toBe(true);
    expect(exprEqual(expr('30 days'), expr('1 month'))).toBe(false);
  });

  it('ignores parentheses that do not change the structure', () => {
    expect(exprEqual(expr('(USD 1m + USD 2m) * 2'), expr('((USD 1m + USD 2m)) * 2'))).toBe(true);
    expect(exprEqual(expr('USD 1m + USD 2m * 2'), expr('(USD 1m + USD 2m) * 2'))).toBe(false);
  });

  it('tells apart aggregates by function, field, filter and window', () => {
    expect(exprEqual(expr('sum report.profit'), expr('sum report.revenue'))).toBe(false);
    expect(exprEqual(expr('sum report.profit'), expr('sum report.profit where audited'))).toBe(false);
    expect(exprEqual(expr('sum report.profit within CY2025'), expr('sum report.profit within CY2026'))).toBe(false);
    expect(exprEqual(expr('count report'), expr('exists report'))).toBe(false);
  });

  it('treats null as equal only to null', () => {
    expect(exprEqual(null, null)).toBe(true);
    expect(exprEqual(expr('1'), null)).toBe(false);
  });
});

describe('exprDelta and literalChange', () => {
  it('finds the one literal that moved, with its effect on the whole', () => {
    expect(literalChange(expr('20% of USD 1m'), expr('15% of USD 1m'))).toMatchObject({
      value: 'percent',
      moved: -1,
      effect: -1,
      threshold: false,
    });
    expect(literalChange(expr('USD 10m - USD 2m'), expr('USD 10m - USD 3m'))).toMatchObject({ value: 'money', moved: 1, effect: -1 });
    expect(literalChange(expr('-USD 2m'), expr('-USD 3m'))).toMatchObject({ moved: 1, effect: -1 });
    expect(literalChange(expr('max(USD 1m, USD 2m)'), expr('max(USD 1m, USD 4m)'))).toMatchObject({ effect: 1 });
    expect(literalChange(expr('2026-06-30'), expr('2026-12-31'))).toMatchObject({ value: 'date', moved: 1, effect: 1 });
    expect(literalChange(expr('30 days'), expr('2 months'))).toMatchObject({ value: 'duration', moved: 1 });
  });

  it('marks the bound of a comparison as a threshold', () => {
    const c = literalChange(expr('sum report.profit >= USD 100bn'), expr('sum report.profit >= USD 150bn'));
    expect(c).toMatchObject({ moved: 1, threshold: true, effect: 0 });
    expect(literalChange(expr('USD 100bn <= sum report.profit'), expr('USD 90bn <= sum report.profit'))).toMatchObject({
      moved: -1,
      threshold: true,
    });
  });

  it('returns null when more than one part changed or the change is not a literal', () => {
    expect(literalChange(expr('USD 1m + USD 2m'), expr('USD 3m + USD 4m'))).toBeNull();
    expect(exprDelta(expr('USD 1m + USD 2m'), expr('USD 3m + USD 4m'))).toHaveLength(2);
    expect(literalChange(expr('sum report.profit'), expr('sum report.revenue'))).toBeNull();
    expect(literalChange(expr('USD 1m'), expr('EUR 2m'))).toBeNull();
    expect(exprDelta(expr('USD 1m'), expr('USD 1m'))).toEqual([]);
  });

  it('sees a term added to or taken from a sum', () => {
    const base = norm('obligation n: alice must pay 2% of report.revenue to bob for each report within 30 days').amount!;
    const wider = norm('obligation n: alice must pay 2% of (report.revenue + report.extra) to bob for each report within 30 days').amount!;
    expect(termChange(base, wider)).toBe(1);
    expect(termChange(wider, base)).toBe(-1);
    expect(termChange(expr('USD 10m - USD 1m'), expr('USD 10m - (USD 1m + USD 2m)'))).toBe(-1);
    expect(termChange(expr('USD 1m'), expr('USD 2m'))).toBeNull();
  });

  it('looks inside the filter of an aggregate', () => {
    const d = exprDelta(expr('sum pay.amount where recipient == bob'), expr('sum pay.amount where recipient == alice'));
    expect(d).toHaveLength(1);
    expect(printExpr(d[0]!.from)).toBe('bob');
  });
});

describe('endsClassification', () => {
  const ends = (src: string): readonly Expr[] => norm(`permission n: alice may pay ${src}`).ends;
  it('orders dates and conditions', () => {
    expect(endsClassification(ends('until 2030-12-31'), ends('until 2032-12-31'))).toBe('end-later');
    expect(endsClassification(ends('until 2030-12-31'), ends('until 2029-12-31'))).toBe('end-earlier');
    expect(endsClassification(ends(''), ends('until agi'))).toBe('end-added');
    expect(endsClassification(ends('until agi'), ends(''))).toBe('end-removed');
    expect(endsClassification(ends('until agi or 2030-12-31'), ends('until agi'))).toBe('end-condition-removed');
    expect(endsClassification(ends('until agi'), ends('until agi or 2030-12-31'))).toBe('end-condition-added');
    expect(endsClassification(ends('until agi or 2030-12-31'), ends('until 2032-12-31'))).toBe('end-condition-removed');
    expect(endsClassification(ends('until agi'), ends('until 2032-12-31'))).toBe('end-condition-changed');
    expect(endsClassification(ends('until agi or 2030-12-31'), ends('until 2030-12-31 or agi'))).toBeNull();
  });

  it('takes the first of several dates (whichever comes first)', () => {
    expect(endsClassification(ends('until 2030-12-31 or 2028-12-31'), ends('until 2029-12-31'))).toBe('end-later');
  });
});

describe('conditionMove', () => {
  const move = conditionMove(['more', 'less']);
  it('reads a dropped `and` term or an added `or` term as holding more often', () => {
    expect(move(expr('true and false'), expr('true'))).toBe('more');
    expect(move(expr('true'), expr('true and false'))).toBe('less');
    expect(move(expr('exists declare'), expr('exists declare or exists pay'))).toBe('more');
    expect(move(expr('exists declare or exists pay'), expr('exists pay'))).toBe('less');
    expect(move(expr('exists declare'), expr('exists pay'))).toBeNull();
  });
});

describe('exprText', () => {
  it('cuts the expression out of its clause text, on one line', () => {
    const n = norm('prohibition n: alice must not pay where (amount > USD 1m\n    and recipient == bob) until agi');
    expect(exprText(n.where!, n.meta)).toBe('amount > USD 1m and recipient == bob');
    expect(exprText(n.ends[0]!, n.meta)).toBe('agi');
  });

  it('keeps the parentheses a sub-expression needs', () => {
    const d = def('(USD 1m + USD 2m) * 2');
    expect(exprText(d.expr, d.meta)).toBe('(USD 1m + USD 2m) * 2');
    const e = def('((USD 1m + USD 2m)) * 2');
    expect(exprText(e.expr, e.meta)).toBe('((USD 1m + USD 2m)) * 2');
  });

  it('balances a slice, ignoring parentheses inside quotes', () => {
    expect(balance('(a or b) and c', 1, 14)).toEqual([0, 14]);
    expect(balance('x == ")" and y', 0, 14)).toEqual([0, 14]);
    expect(balance('a or b) and c', 0, 13)).toBeNull();
  });

  it('falls back to printing the IR when the text is not at hand', () => {
    const d = def('(USD 1m + USD 2m) * 2 >= 20% of sum report.profit where audited');
    expect(exprText(d.expr, { ...d.meta, text: '' })).toBe('(USD 1m + USD 2m) * 2 >= 20% of sum report.profit where audited');
    expect(printExpr(expr('not (exists declare and exists pay)'))).toBe('not (exists declare and exists pay)');
    expect(printExpr(expr('30 days'))).toBe('30 days');
    expect(printExpr(expr('1 day'))).toBe('1 day');
  });
});
