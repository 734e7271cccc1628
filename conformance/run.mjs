#!/usr/bin/env node
/**
 * Conformance with the Accord Project clause templates (`npm run conformance`, after `npm run build`).
 *
 * Each `conformance/accord/<template>/` holds the template written as a pacte family (one directory per contract)
 * and `scenarios.yaml`: every upstream scenario quoted (request, expected response, state, obligations or error),
 * the ledger events that stand for the request, the date of evaluation, and checks. A check reads one answer from
 * pacte's state (a value, an obligation instance, a norm, an account, a violation or a diagnostic) and compares it
 * with the upstream answer: numbers to 10 decimal places (upstream computes in floating point), everything else
 * exactly. A check whose upstream answer contradicts the clause text gives `text`, the answer of the text as a
 * lawyer reads it, and `why`: pacte must give that answer, and the scenario is `divergent`.
 *
 * Writes conformance/accord/RESULTS.md and ends with one line: `conformance: P passed, F failed, D divergent`.
 * Exit status 1 when a scenario failed.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Decimal from 'decimal.js';
import YAML from 'yaml';
import { evaluate, loadFamily, message, parseLedger, renderAll, sourceFile } from '../dist/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ACCORD = join(HERE, 'accord');
const ROOT = join(HERE, '..');

/** A number, or money (`USD 63`, `63 USD`), as { currency, amount }; null when the text is neither. */
function numeric(v) {
  if (typeof v === 'number') return { currency: null, amount: new Decimal(v) };
  if (typeof v !== 'string') return null;
  let m = /^([A-Z]{3}) (-?\d+(?:\.\d+)?)$/.exec(v);
  if (m) return { currency: m[1], amount: new Decimal(m[2]) };
  m = /^(-?\d+(?:\.\d+)?)%?$/.exec(v);
  return m ? { currency: null, amount: new Decimal(m[1]) } : null;
}

/** Upstream and pacte agree: numbers to 10 decimal places (and the same currency when both name one), else exactly. */
export function agree(upstream, pacte) {
  if (upstream === undefined || pacte === undefined || pacte === null) return false;
  const a = numeric(upstream);
  const b = numeric(pacte);
  if (a && b) {
    if (a.currency && b.currency && a.currency !== b.currency) return false;
    return a.amount.toDecimalPlaces(10).eq(b.amount.toDecimalPlaces(10));
  }
  return String(upstream) === String(pacte);
}

/** The answer a check reads from pacte's state. */
function answer(q, state, ledgerDiagnostics, events) {
  if ('value' in q) {
    const v = state.values[q.value];
    if (!v) return `no definition \`${q.value}\``;
    return v.indeterminate ? `indeterminate (${v.waitsFor.join(', ')})` : v.value;
  }
  if ('instance' in q) {
    const n = state.norms.find((x) => x.id === q.instance);
    if (!n) return `no clause \`${q.instance}\``;
    const inst = q.n ? n.instances.find((i) => i.n === q.n) : n.instances[n.instances.length - 1];
    if (!inst) return 'no instance';
    const field = q.field ?? 'amount';
    if (field === 'direction') return `${n.holder} → ${n.counterparty}`;
    // The calendar quarter of the event that created the instance.
    if (field === 'quarter') return `${inst.trigger.date.slice(0, 4)} Q${Math.ceil(Number(inst.trigger.date.slice(5, 7)) / 3)}`;
    return inst[field];
  }
  if ('instances' in q) {
    const n = state.norms.find((x) => x.id === q.instances);
    if (!n) return `no clause \`${q.instances}\``;
    // Each instance as `FIELD AMOUNT`, FIELD read from the data of the event that created it.
    const data = (i) => events.find((e) => e.id === i.trigger.id)?.data.get(q.with);
    return n.instances.map((i) => `${q.with ? `${data(i)?.v ?? '?'} ` : ''}${i.amount}`).join('; ') || 'none';
  }
  if ('norm' in q) {
    const n = state.norms.find((x) => x.id === q.norm);
    if (!n) return `no clause \`${q.norm}\``;
    const field = q.field ?? 'status';
    return field === 'direction' ? `${n.holder} → ${n.counterparty}` : (n[field] ?? null);
  }
  if ('account' in q) return state.accounts[q.account]?.[q.field ?? 'owed'] ?? null;
  if ('error' in q) {
    for (const alt of q.error) {
      if (alt.diagnostic) {
        const d = [...ledgerDiagnostics, ...state.diagnostics].find((x) => x.code === alt.diagnostic);
        if (d) return `${d.code}: ${d.message}`;
      }
      if (alt.violation) {
        const v = state.violations.find((x) => x.kind === alt.violation && (!alt.norm || x.norm === alt.norm));
        if (v) return `violation ${v.kind} of \`${v.norm}\`${v.reason ? ` (${v.reason})` : ''}: ${v.because.text}`;
      }
    }
    return null;
  }
  throw new Error(`unknown check ${JSON.stringify(q)}`);
}

function show(v) {
  if (v === null || v === undefined) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Runs every scenario; returns the results, the counts and the text of RESULTS.md. */
export function runConformance() {
  const templates = readdirSync(ACCORD)
    .filter((n) => statSync(join(ACCORD, n)).isDirectory() && n !== 'upstream')
    .sort();
  const results = [];
  for (const t of templates) {
    const doc = YAML.parse(readFileSync(join(ACCORD, t, 'scenarios.yaml'), 'utf8'));
    const families = new Map();
    for (const sc of doc.scenarios) {
      const dir = join(ACCORD, t, sc.family);
      if (!families.has(dir)) families.set(dir, loadFamily(dir));
      const loaded = families.get(dir);
      const checks = [];
      if (!loaded.family || loaded.diagnostics.some((d) => d.severity === 'error')) {
        const files = new Map(loaded.files);
        checks.push({
          what: 'the agreement checks',
          upstream: 'no error',
          pacte: renderAll(loaded.diagnostics, 'en', files),
          verdict: 'failed',
        });
      } else {
        const lines = [...(sc.given ?? []), ...sc.request].map((e) => JSON.stringify(e)).join('\n');
        const ledger = parseLedger(sourceFile(join(relative(ROOT, dir), 'ledger.jsonl'), `${lines}\n`), loaded.family);
        const state = evaluate(loaded.family, ledger.events, String(sc.asOf), { lang: 'en' });
        const ledgerDiagnostics = ledger.diagnostics.map((d) => ({ code: d.code, message: message(d, 'en') }));
        for (const c of sc.checks) {
          const got = answer(c.pacte, state, ledgerDiagnostics, ledger.events);
          const expected = c.means !== undefined ? c.means : c.upstream;
          let verdict;
          if ('error' in c.pacte) verdict = got !== null ? 'passed' : 'failed';
          else if (agree(expected, got)) verdict = 'passed';
          else if (c.text !== undefined && agree(c.text, got)) verdict = 'divergent';
          else verdict = 'failed';
          checks.push({ what: c.what, upstream: c.upstream, pacte: got, text: c.text, why: c.why, verdict });
        }
        // Every ledger problem that no check expects is a failure: the mapping must produce valid events.
        const expectedCodes = new Set(sc.checks.flatMap((c) => (c.pacte.error ?? []).map((a) => a.diagnostic).filter(Boolean)));
        for (const d of ledgerDiagnostics)
          if (!expectedCodes.has(d.code))
            checks.push({ what: 'the events are valid', upstream: 'valid', pacte: `${d.code}: ${d.message}`, verdict: 'failed' });
      }
      const verdict = checks.some((c) => c.verdict === 'failed')
        ? 'failed'
        : checks.some((c) => c.verdict === 'divergent')
          ? 'divergent'
          : 'passed';
      results.push({ template: t, id: sc.case, title: sc.title, checks, verdict });
    }
  }
  const count = (v) => results.filter((r) => r.verdict === v).length;
  const counts = { passed: count('passed'), failed: count('failed'), divergent: count('divergent') };
  const line = `conformance: ${counts.passed} passed, ${counts.failed} failed, ${counts.divergent} divergent`;
  return { results, counts, line, markdown: markdown(results, line) };
}

function cell(v) {
  return show(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function markdown(results, line) {
  const out = [
    '# Conformance with the Accord Project clause templates',
    '',
    'Generated by `npm run conformance` (conformance/run.mjs); do not edit. The scenarios are those of',
    '`accordproject/cicero-template-library` at commit `f1b93535c6779926630a742bd54d37d71930b583`, quoted in',
    '`conformance/accord/upstream/`; each template is written as a pacte family in `conformance/accord/<template>/`,',
    'with its scenarios mapped to ledger events and checks in `scenarios.yaml`.',
    '',
    "A scenario **passes** when every upstream answer it checks equals pacte's (numbers to 10 decimal places; an",
    "upstream error must be an error in pacte too: a diagnostic or a violation). It is **divergent** when upstream's",
    'logic contradicts its own clause text: pacte follows the text, and both answers are shown below with the reason.',
    '',
    `**${line}**`,
    '',
    '| template | scenario | checks | upstream (expected) | pacte | verdict |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const what = r.checks.map((c) => cell(c.what)).join('<br>');
    const up = r.checks.map((c) => cell(c.upstream)).join('<br>');
    const pa = r.checks.map((c) => cell(c.pacte)).join('<br>');
    out.push(`| ${r.template} | ${r.id} | ${what} | ${up} | ${pa} | ${r.verdict} |`);
  }
  out.push('', '## Divergences', '');
  for (const r of results.filter((x) => x.verdict === 'divergent')) {
    out.push(`### ${r.id} — ${r.title}`, '');
    for (const c of r.checks.filter((x) => x.verdict === 'divergent')) {
      out.push(`- **${c.what}**: upstream \`${show(c.upstream)}\`, pacte \`${show(c.pacte)}\`. ${c.why ?? ''}`.trimEnd());
    }
    out.push('');
  }
  const failed = results.filter((x) => x.verdict === 'failed');
  if (failed.length > 0) {
    out.push('## Failures', '');
    for (const r of failed) {
      for (const c of r.checks.filter((x) => x.verdict === 'failed'))
        out.push(`- ${r.id}, ${c.what}: upstream \`${show(c.upstream)}\`, pacte \`${show(c.pacte)}\``);
    }
    out.push('');
  }
  return `${out.join('\n')}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = runConformance();
  writeFileSync(join(ACCORD, 'RESULTS.md'), r.markdown);
  for (const x of r.results.filter((y) => y.verdict === 'failed')) {
    for (const c of x.checks.filter((y) => y.verdict === 'failed'))
      console.log(`FAILED ${x.id}: ${c.what}: upstream ${show(c.upstream)}, pacte ${show(c.pacte)}`);
  }
  console.log(r.line);
  process.exitCode = r.counts.failed > 0 ? 1 : 0;
}
