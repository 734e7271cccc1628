/** Unit tests of the redline's classifications, prose redline and its words in both languages. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFamily } from '../src/check/family.js';
import type { Family } from '../src/check/ir.js';
import { changeDirection, classifyNorm, presenceClassification } from '../src/diff/classify-norm.js';
import { CLASSIFICATION_CODES, classificationLabel, PART_CODES } from '../src/diff/diff-messages.js';
import { diffVersions } from '../src/diff/diff-versions.js';
import { rewriteDiff, wordDiff } from '../src/diff/prose-diff.js';
import type { ChangeJson, RedlineJson } from '../src/diff/redline-json.js';
import { renderParts } from '../src/diff/render-redline.js';
import { parseCase } from './harness/case-file.js';

const change = (part: string, classification: string): ChangeJson => ({ part, from: null, to: null, classification });

describe('classifyNorm', () => {
  it('reads rights, restrictions and obligations differently', () => {
    const later = change('until', 'end-later');
    expect(classifyNorm('permission', 'permission', [later])).toEqual(['right-widened']);
    expect(classifyNorm('power', 'power', [later])).toEqual(['right-widened']);
    expect(classifyNorm('prohibition', 'prohibition', [later])).toEqual(['restriction-widened']);
    expect(classifyNorm('obligation', 'obligation', [later])).toEqual(['obligation-extended']);
    expect(classifyNorm('obligation', 'obligation', [change('until', 'end-condition-added')])).toEqual(['obligation-shortened']);
    expect(classifyNorm('permission', 'permission', [change('when', 'condition-added')])).toEqual(['right-narrowed']);
  });

  it('names amounts, caps and deadlines of obligations', () => {
    expect(classifyNorm('obligation', 'obligation', [change('amount', 'percentage-raised')])).toEqual(['amount-increased']);
    expect(classifyNorm('obligation', 'obligation', [change('capped-at', 'cap-added')])).toEqual(['amount-decreased']);
    expect(classifyNorm('obligation', 'obligation', [change('capped-at', 'cap-removed')])).toEqual(['amount-increased']);
    expect(classifyNorm('obligation', 'obligation', [change('by', 'deadline-later')])).toEqual(['deadline-extended']);
    expect(classifyNorm('obligation', 'obligation', [change('within', 'delay-shorter')])).toEqual(['deadline-shortened']);
    expect(classifyNorm('obligation', 'obligation', [change('by', 'deadline-added')])).toEqual(['condition-changed']);
  });

  it('gives no direction to mixed or undirected changes', () => {
    expect(classifyNorm('permission', 'permission', [change('until', 'end-condition-changed')])).toEqual(['condition-changed']);
    expect(classifyNorm('permission', 'permission', [change('where', 'filter-changed')])).toEqual(['condition-changed']);
    expect(classifyNorm('prohibition', 'prohibition', [change('amount', 'amount-raised')])).toEqual(['condition-changed']);
    expect(classifyNorm('permission', 'permission', [])).toEqual(['wording-changed']);
  });

  it('keeps parties, acts and sources apart, without repeats', () => {
    const c = classifyNorm('power', 'power', [
      change('holder', 'party-changed'),
      change('counterparty', 'party-changed'),
      change('source', 'status-downgraded'),
      change('action', 'action-changed'),
    ]);
    expect(c).toEqual(['party-changed', 'source-changed', 'action-changed']);
  });

  it('reads a change of kind as one clause removed and another added', () => {
    expect(classifyNorm('permission', 'obligation', [change('kind', 'kind-changed')])).toEqual([
      'kind-changed',
      'right-removed',
      'obligation-added',
    ]);
    expect(classifyNorm('obligation', 'prohibition', [change('kind', 'kind-changed'), change('until', 'end-later')])).toEqual([
      'kind-changed',
      'obligation-removed',
      'restriction-added',
      'condition-changed',
    ]);
  });

  it('reads a deemed consent from the side of the party whose consent is needed', () => {
    expect(changeDirection(change('deemed-given-after', 'delay-longer'))).toBe(1);
    expect(changeDirection(change('deemed-given-after', 'delay-added'))).toBe(-1);
    expect(changeDirection(change('lapses-after', 'delay-longer'))).toBe(0);
    expect(classifyNorm('consent', 'consent', [change('deemed-given-after', 'delay-removed')])).toEqual(['right-widened']);
  });

  it('classifies clauses present in one version only', () => {
    expect(presenceClassification('obligation', 'added')).toBe('obligation-added');
    expect(presenceClassification('consent', 'removed')).toBe('right-removed');
    expect(presenceClassification('prohibition', 'added')).toBe('restriction-added');
    expect(presenceClassification('event', 'removed')).toBe('event-type-removed');
  });
});

describe('word redline', () => {
  it('compares whole words and keeps white space out of the changes', () => {
    const parts = wordDiff('until 2030-12-31 source microsoft-2025-01, official', 'until 2032-12-31 source next-chapter, official');
    expect(renderParts(parts)).toBe('until [-2030-12-31-]{+2032-12-31+} source [-microsoft-2025-01,-]{+next-chapter,+} official');
  });

  it('keeps kept words apart from a removed tail', () => {
    expect(renderParts(wordDiff('may use where asset == "chip"', 'may use'))).toBe('may use [-where asset == "chip"-]');
    expect(renderParts(wordDiff('may use', 'may use where x'))).toBe('may use {+where x+}');
  });

  it('rebuilds both texts from the parts', () => {
    const a = 'The firm repays USD 1m by mid-2026.';
    const b = 'The firm repays USD 1.2m by the end of 2026.';
    const parts = wordDiff(a, b);
    const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
    expect(
      squash(
        parts
          .filter((p) => p.op !== 'added')
          .map((p) => p.text)
          .join(''),
      ),
    ).toBe(a);
    expect(
      squash(
        parts
          .filter((p) => p.op !== 'removed')
          .map((p) => p.text)
          .join(''),
      ),
    ).toBe(b);
  });

  it('ignores changes of white space', () => {
    expect(wordDiff('a  b\nc', 'a b c').every((p) => p.op === 'same')).toBe(true);
  });

  it('shows a rewritten prose whole', () => {
    const parts = rewriteDiff('One thing was said here.', 'Something else entirely now.');
    expect(parts.map((p) => p.op)).toEqual(['removed', 'added']);
    expect(rewriteDiff('a b c d', 'a b c e').map((p) => p.op)).toEqual(['same', 'removed', 'added']);
  });
});

/** The families written in the golden diff cases, checked in memory. */
function caseFamilies(): Family[] {
  const dir = join(import.meta.dirname, 'cases', 'diff');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.case.md'))
    .flatMap((n) => {
      const c = parseCase(readFileSync(join(dir, n), 'utf8'));
      const docs = c.files.filter((f) => f.name.endsWith('.pacte.md') && !f.name.includes('/'));
      const r = checkFamily(docs.map((f) => ({ path: f.name, text: f.content })));
      return r.family && !r.diagnostics.some((d) => d.severity === 'error') ? [r.family] : [];
    });
}

describe('the words of the redline', () => {
  const redlines: RedlineJson[] = caseFamilies().flatMap((f) =>
    f.versions.flatMap((a) => f.versions.map((b) => diffVersions(f, a.id, b.id)!)),
  );

  it('covers the golden families', () => expect(redlines.length).toBeGreaterThan(20));

  it('has words in both languages for every classification and part produced', () => {
    const codes = new Set<string>();
    const parts = new Set<string>();
    for (const r of redlines) {
      for (const c of [...r.versionChanges, ...r.changed.flatMap((x) => x.changes)]) {
        codes.add(c.classification);
        parts.add(c.part);
      }
      for (const c of [...r.added, ...r.removed]) codes.add(c.classification);
      for (const c of r.changed) for (const x of c.classification) codes.add(x);
    }
    expect(codes.size).toBeGreaterThan(40);
    for (const c of codes) {
      expect(CLASSIFICATION_CODES, c).toContain(c);
      expect(classificationLabel('fr', c), c).not.toBe(classificationLabel('en', c));
    }
    for (const p of parts) expect(PART_CODES, p).toContain(p);
  });

  it('lists the unchanged clauses that use a changed definition', () => {
    const partner = caseFamilies().find((f) => f.agreement === 'partner')!;
    const r = diffVersions(partner, 'v1', 'v2')!;
    expect(r.changed.map((c) => c.id)).toContain('agi');
    expect(r.affected).toEqual([{ id: 'cloud_exclusivity', kind: 'prohibition', holder: 'oa', counterparty: 'ms', uses: ['agi'] }]);
    expect(diffVersions(partner, 'v2', 'v3')!.affected).toEqual([]);
  });

  it('is empty between a version and itself, and mirrors when reversed', () => {
    for (const f of caseFamilies()) {
      for (const a of f.versions) {
        const same = diffVersions(f, a.id, a.id)!;
        expect(same.added.length + same.removed.length + same.changed.length + same.versionChanges.length + same.affected.length).toBe(0);
        for (const b of f.versions) {
          const ab = diffVersions(f, a.id, b.id)!;
          const ba = diffVersions(f, b.id, a.id)!;
          expect(ab.added.map((c) => c.id).sort()).toEqual(ba.removed.map((c) => c.id).sort());
          expect(ab.changed.map((c) => c.id).sort()).toEqual(ba.changed.map((c) => c.id).sort());
          for (const c of ab.changed) {
            const back = ba.changed.find((x) => x.id === c.id && x.kind === (c.fromKind ?? c.kind))!;
            expect(back.changes.map((x) => [x.part, x.to, x.from])).toEqual(c.changes.map((x) => [x.part, x.from, x.to]));
          }
        }
      }
    }
  });
});
