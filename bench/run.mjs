#!/usr/bin/env node
/**
 * `npm run bench [-- --quick]`: runs every benchmark of issue 8 (and the command line's start-up, issue 17), each in its own Node process (so that one
 * benchmark's heap and JIT state do not affect the next), then writes the figures side by side with their
 * comparators' figures, measured in the same run, as ratios against their targets:
 *
 *   full run:  bench/results.md and bench/results.json (committed: the README quotes them);
 *   --quick:   smaller inputs, in about a minute (CI runs it): bench/results-quick.md and .json (not committed).
 *
 * Builds nothing: run `npm run build` first (the benchmarks import dist/). The comparators' own dependencies are in
 * bench/package.json; they are installed here (`npm ci --prefix bench`) when missing. Exits non-zero if a benchmark
 * fails to run; a figure that misses its target is reported, not an error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const QUICK = process.argv.includes('--quick');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));

/** The benchmarks, in the order of the issues' items. */
const ALL = [
  { file: 'replay.mjs', items: '1, 2', about: 'Replay and as-of on a portfolio' },
  { file: 'cicero.mjs', items: '3', about: 'Peer engine: Accord Project Cicero' },
  { file: 'appends.mjs', items: '4', about: 'Durable appends through HTTP' },
  { file: 'reads.mjs', items: '5', about: 'Reads through HTTP' },
  { file: 'check.mjs', items: '6', about: 'pacte check' },
  { file: 'startup.mjs', items: '17', about: 'Start-up of the command line (issue 17)' },
  { file: 'scale.mjs', items: '17', about: 'Several servers over one PostgreSQL database (issue 17)' },
];
const BENCHMARKS = ALL.filter((b) => only.length === 0 || only.some((o) => b.file.startsWith(o)));

if (!existsSync(join(ROOT, 'dist', 'engine', 'evaluate.js'))) {
  console.error('bench: dist/ is missing: run `npm run build` first');
  process.exit(2);
}
if (BENCHMARKS.some((b) => b.file === 'cicero.mjs') && !existsSync(join(HERE, 'node_modules', '@accordproject', 'cicero-engine'))) {
  console.log('bench: installing the comparators (npm ci --prefix bench)');
  const r = spawnSync('npm', ['ci', '--prefix', HERE, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0) console.log('bench: npm ci --prefix bench failed: the Cicero benchmark will say why');
}

const cpus = os.cpus();
const machine = {
  cpu: cpus[0]?.model?.trim() ?? 'unknown',
  cores: cpus.length,
  memoryGB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.type()} ${os.release()} ${os.arch()}`,
  loadBefore: os.loadavg().map((x) => Number(x.toFixed(2))),
};
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() || null;
const started = new Date();
console.log(
  `bench${QUICK ? ' --quick' : ''}: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadBefore.join(' ')}`,
);

const tmp = mkdtempSync(join(os.tmpdir(), 'pacte-bench-'));
const rows = [];
const runs = [];
for (const b of BENCHMARKS) {
  const out = join(tmp, `${b.file}.jsonl`);
  console.log(`\n=== bench/${b.file} (item ${b.items}: ${b.about})`);
  const t0 = Date.now();
  const args = ['--max-old-space-size=8192', '--expose-gc', join(HERE, b.file), ...(QUICK ? ['--quick'] : [])];
  const r = spawnSync(process.execPath, args, {
    stdio: ['ignore', 'inherit', 'pipe'],
    env: { ...process.env, BENCH_OUT: out },
    encoding: 'utf8',
  });
  const seconds = (Date.now() - t0) / 1000;
  if (r.stderr) process.stderr.write(r.stderr);
  const got = existsSync(out)
    ? readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
  for (const row of got) rows.push({ ...row, benchmark: b.file });
  const ok = r.status === 0;
  const error = ok
    ? null
    : (r.stderr ?? '')
        .trim()
        .split('\n')
        .filter((l) => /Error|error/.test(l))
        .slice(0, 3)
        .join(' / ') || `exit ${r.status ?? r.signal}`;
  runs.push({ file: b.file, items: b.items, about: b.about, seconds, ok, error });
  console.log(`=== bench/${b.file} ${ok ? 'done' : `FAILED (${error})`} in ${seconds.toFixed(1)} s`);
}
rmSync(tmp, { recursive: true, force: true });
machine.loadAfter = os.loadavg().map((x) => Number(x.toFixed(2)));
const { loadBefore, loadAfter, ...box } = machine;
for (const r of runs) Object.assign(r, { date: started.toISOString(), commit, machine: box, loadBefore, loadAfter });

// A full run (`npm run bench -- startup`, say) replaces the rows of the benchmarks it ran in bench/results.json and
// .md and keeps the others', each benchmark with the date, commit and load of the run that measured it.
const base = join(HERE, QUICK ? 'results-quick' : 'results');
if (!QUICK && only.length > 0 && existsSync(`${base}.json`)) {
  const previous = JSON.parse(readFileSync(`${base}.json`, 'utf8'));
  const ran = new Set(runs.map((r) => r.file));
  for (const b of previous.benchmarks ?? []) {
    if (ran.has(b.file)) continue;
    runs.push({
      ...b,
      date: b.date ?? previous.date,
      commit: b.commit ?? previous.commit,
      machine: b.machine ?? previous.machine,
      loadBefore: b.loadBefore ?? previous.machine?.loadBefore,
      loadAfter: b.loadAfter ?? previous.machine?.loadAfter,
    });
    rows.push(...(previous.results ?? []).filter((row) => row.benchmark === b.file));
  }
  const order = (file) => ALL.findIndex((b) => b.file === file);
  runs.sort((a, b) => order(a.file) - order(b.file));
  rows.sort((a, b) => order(a.benchmark) - order(b.benchmark));
}

// ---------------------------------------------------------------- results

const num = (x, unit) => {
  if (x === null || x === undefined) return '';
  const digits = x >= 1000 ? 0 : x >= 100 ? 0 : x >= 10 ? 1 : x >= 1 ? 2 : 3;
  return `${x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
};
const results = {
  quick: QUICK,
  date: started.toISOString(),
  seconds: (Date.now() - started.getTime()) / 1000,
  commit,
  machine,
  benchmarks: runs,
  results: rows,
};
const md = [];
md.push(`# Benchmark results${QUICK ? ' (quick run: smaller inputs)' : ''}`);
md.push('');
const when = (date) => date.slice(0, 16).replace('T', ' ');
const dates = [...new Set(runs.map((r) => r.date))];
if (dates.length <= 1) {
  md.push(
    `\`npm run build && npm run bench${QUICK ? ' -- --quick' : ''}\` on ${when(started.toISOString())} UTC, commit ${commit ?? '?'}: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}, ${machine.platform}. Load average before ${machine.loadBefore.join(' / ')}, after ${machine.loadAfter.join(' / ')} (the machine is shared: other work ran at the same time). ${Math.round(results.seconds)} s in all.`,
  );
} else {
  md.push(
    `\`npm run build && npm run bench\`, its benchmarks measured in ${dates.length} runs (the machine is shared: other work ran at the same time):`,
  );
  md.push('');
  for (const date of dates.sort()) {
    const these = runs.filter((r) => r.date === date);
    const { commit: c, machine: m, loadBefore: lb, loadAfter: la } = these[0];
    md.push(
      `- ${when(date)} UTC, commit ${c ?? '?'}: ${m?.cpu}, ${m?.cores} cores, ${m?.memoryGB} GB, Node ${m?.node}, ${m?.platform}; load average before ${lb?.join(' / ') ?? '?'}, after ${la?.join(' / ') ?? '?'}: ${these.map((x) => `bench/${x.file}`).join(', ')}`,
    );
  }
}
md.push('');
md.push(
  'Each comparator ran in the same run, on the same inputs, with the same answers checked first. The ratio says how many times better pacte is (higher is better, for throughputs and latencies alike).',
);
md.push('');
md.push('| # | measure | pacte | comparator | ratio | target | met |');
md.push('|---|---|---|---|---|---|---|');
for (const r of rows) {
  const item = runs.find((x) => x.file === r.benchmark)?.items ?? '';
  const cmp = r.comparator ? `${num(r.comparator.figure, r.comparator.unit ?? r.unit)} (${r.comparator.name})` : '';
  const ratio = r.ratio === null ? '' : `${r.ratio.toFixed(r.ratio >= 10 ? 0 : 2)}×`;
  const target = r.target === null ? '—' : `≥ ${r.target}×`;
  const met = r.met === null ? '' : r.met ? 'yes' : '**no**';
  md.push(`| ${item} | ${r.title} | ${num(r.figure, r.unit)} | ${cmp} | ${ratio} | ${target} | ${met} |`);
}
md.push('');
const notes = rows.filter((r) => r.notes);
if (notes.length > 0) {
  md.push('Notes:');
  md.push('');
  for (const r of notes) md.push(`- \`${r.id}\`: ${r.notes}`);
  md.push('');
}
const failed = runs.filter((r) => !r.ok);
if (failed.length > 0) {
  md.push('Benchmarks that did not run to the end:');
  md.push('');
  for (const r of failed) md.push(`- bench/${r.file} (item ${r.items}): ${r.error}`);
  md.push('');
}
writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(`${base}.md`, `${md.join('\n')}`);
console.log(`\n${md.join('\n')}`);
console.log(`written: bench/${QUICK ? 'results-quick' : 'results'}.md, .json`);
if (failed.length > 0) process.exitCode = 1;
