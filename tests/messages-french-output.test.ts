/**
 * No English left in what the CLI prints in French for the flagship: the story, the state at several dates, the
 * explanations and the redline with its impact. The agreement's own words are left out (version titles, parties'
 * names and roles, source titles, headings after `§`, text values, the clauses' pacte text and code between backticks); identifiers are not words (`revenue_share`).
 */
import { describe, expect, it } from 'vitest';
import { runPacte } from './harness/run-pacte.js';
import { loadFamily } from '../src/check/load.js';
import { englishIn } from './harness/english-words.js';

const FLAGSHIP = 'examples/openai-microsoft';

const RUNS: readonly (readonly string[])[] = [
  ['story', FLAGSHIP],
  ['state', FLAGSHIP, '--as-of', '2023-06-30'],
  ['state', FLAGSHIP, '--as-of', '2025-09-12'],
  ['state', FLAGSHIP, '--as-of', '2026-05-01'],
  ['explain', FLAGSHIP, 'revenue_share', '--as-of', '2026-05-01'],
  ['explain', FLAGSHIP, 'restructuring_consent', '--as-of', '2025-10-29'],
  ['explain', FLAGSHIP, 'agi_profit_threshold', '--as-of', '2026-05-01'],
  ['diff', FLAGSHIP, '2025-01-update', '2025-10-definitive', '--impact', '--as-of', '2025-12-31'],
  ['test', FLAGSHIP],
];

/** The agreement's own words (its titles, parties and sources), longest first, as the family declares them. */
const family = loadFamily(FLAGSHIP).family;
const OWN = [
  ...new Set(
    (family?.versions ?? []).flatMap((v) => [
      v.title,
      ...[...v.parties.values()].flatMap((p) => [p.name, p.role ?? '']),
      ...[...v.sources.values()].map((s) => s.title),
    ]),
  ),
]
  .filter((w) => w !== '')
  .sort((a, b) => b.length - a.length);

/** A line without the agreement's own words, nor the text values of its definitions (after ` = `). */
function ownWords(text: string, redline: boolean): string {
  let line = text;
  // A clause's pacte text, as the redline quotes it, is code.
  if (redline && /^\s+[-+]?\s*(obligation|permission|prohibition|power|consent|define|event) [a-z_0-9]+\b/.test(line)) return '';
  // The redline's `texte :` and `prose :` quote the clause and its prose (continued on lines indented 8 spaces).
  if (redline && /^ {8}/.test(line)) return '';
  line = line.replace(/^(\s+(?:texte|prose) : ).*$/, '$1');
  let rest = line;
  for (const w of OWN) rest = rest.split(w).join(' ');
  // A heading trail (`§ Revenue share › Term`) is the agreement's prose.
  rest = rest.replace(/§ [^[\]]*/g, ' ');
  return rest.replace(/ = [^=]*$/, (v) => (/\d|vrai|faux|indéterminé/.test(v) ? v : ' '));
}

describe('the flagship in French', () => {
  it("knows the agreement's own words", () => expect(OWN.length).toBeGreaterThan(10));

  for (const args of RUNS) {
    it(`pacte ${args.join(' ')} --lang fr has no English word`, async () => {
      const r = await runPacte([...args, '--lang', 'fr']);
      expect(r.code, r.err).toBe(0);
      expect(r.out.split('\n').length).toBeGreaterThan(3);
      // `pacte test` quotes the expectations as written (« … »), which the check leaves out as it is.
      for (const line of `${r.out}${r.err}`.split('\n'))
        expect(englishIn(args[0] === 'test' ? line : ownWords(line, args[0] === 'diff')), line).toBeNull();
    });
  }

  it('says a usage mistake in French too', async () => {
    const r = await runPacte(['explain', FLAGSHIP, 'revenue_shar', '--as-of', '2026-05-01', '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('pacte: ni norme ni définition nommée revenue_shar au 2026-05-01 (vouliez-vous dire revenue_share ?)\n');
    const date = await runPacte(['state', FLAGSHIP, '--as-of', '2025-02-30', '--lang=fr']);
    expect(date.err).toBe('pacte: `--as-of` doit être une date AAAA-MM-JJ, pas "2025-02-30"\n');
    const en = await runPacte(['state', FLAGSHIP, '--as-of', '2025-02-30']);
    expect(en.err).toBe('pacte: --as-of must be a date YYYY-MM-DD, not "2025-02-30"\n');
  });
});
