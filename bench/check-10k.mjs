// Benchmark: `pacte check` on a generated 10,000-line agreement, side by side with its comparator, parsing the same
// Markdown with mdast-util-from-markdown (which `pacte check` itself does as its first step).
//
//   npm run build && npm run bench:check          (BENCH_RUNS=n for more runs, BENCH_LINES=n for another size)
//
// Reports the median of several runs: `pacte check` in process (the CLI's `main` from dist/, output discarded), the
// parse stage alone, `node bin/pacte.js check` as a child process (Node's start-up included, shown separately),
// and the comparator; ratios are to the comparator measured in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromMarkdown } from 'mdast-util-from-markdown';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const CHILD_RUNS = Math.max(3, Math.ceil(RUNS / 2));
const TARGET_LINES = Number(process.env.BENCH_LINES ?? 10_000);

const { main } = await import(join(ROOT, 'dist/cli/main.js'));
const { parseDocument } = await import(join(ROOT, 'dist/syntax/parse.js'));
const { sourceFile } = await import(join(ROOT, 'dist/source/source-file.js'));

// ---- the agreement ----

const HEADER = `---
pacte: 1
agreement: bench
version: v1
title: Generated master agreement
binding: true
signed: 2025-01-10
effective: 2025-01-15
parties:
  acme: Acme Corp
  globex: { name: Globex Inc, role: investor }
  panel: Independent expert panel
sources:
  press: { title: "Press release", url: "https://example.com/press", status: official }
  wire: { title: "Wire report", status: reported }
---

# Generated master agreement

This agreement is generated for the benchmark. Each part repeats the same structure with its own names: events,
definitions with every aggregate and window, and clauses of every kind with their modifiers.
`;

/** One part of the agreement: two headed sections, two `pacte` blocks, every construct once. */
function part(i) {
  return `
## Part ${i}: revenue, milestones and compute

Acme shares 20% of the revenue of each quarterly report of line ${i} with Globex, within 60 days of the report,
until milestone ${i} is reached or the end of 2030, and never more than USD 10bn in all. Globex pays a fee.

\`\`\`pacte
# Part ${i}: events and definitions
event report_${i} by acme { revenue: money, profit: money, quarter: period, audited: bool }
event pay_${i} by acme, globex { amount: money, recipient: party }
event use_${i} by acme
event buy_${i} by acme { amount: money }
event declare_${i} by acme
event verify_${i} by panel { verified: bool }
event restructure_${i} by acme
define revenue_fy_${i} = sum report_${i}.revenue within FY2026
define profits_${i} = sum report_${i}.profit between 2025-01-01 and 2026-12-31
define reports_${i} = count report_${i} where audited since 2025-07-01
define verified_${i} = exists verify_${i} where verified
define last_profit_${i} = latest report_${i}.profit
define first_revenue_${i} = first report_${i}.revenue where quarter == 2025-Q1
define threshold_${i} = USD 100bn + USD ${i}m
define milestone_${i} = profits_${i} >= threshold_${i} and verified_${i}
define deadline_${i} = 2025-06-30 + 60 days
define paid_${i} = sum pay_${i}.amount where recipient == globex
define hidden_${i} = undisclosed money
define share_${i} = 20% of max(revenue_fy_${i}, USD 1m) - min(paid_${i}, USD 5m)
\`\`\`

### Part ${i}: obligations, rights and consents

The obligations, permissions, prohibitions, powers and consents of part ${i}.

\`\`\`pacte
obligation revenue_share_${i}: acme must pay_${i} 20% of report_${i}.revenue to globex
  for each report_${i} where audited within 60 days
  until milestone_${i} or 2030-12-31
  capped at USD 10bn
  source wire, reported
obligation fee_${i}: globex must pay_${i} USD 250m to acme by deadline_${i}
  suspended while milestone_${i}
  source press
permission cloud_${i}: acme may use_${i} from 2025-02-01 until 2032-12-31
prohibition exclusivity_${i}: acme must not buy_${i} until milestone_${i} or exercised declare_milestone_${i}
permission other_cloud_${i}: acme may buy_${i} when verified_${i} overrides exclusivity_${i}
power declare_milestone_${i}: acme can declare_${i} when milestone_${i}
consent restructuring_${i}: acme needs globex to restructure_${i}
  lapses after 30 days
  deemed given after 45 days
\`\`\`
`;
}

function agreement(targetLines) {
  let text = HEADER;
  let lines = text.split('\n').length;
  for (let i = 1; lines < targetLines; i++) {
    const p = part(i);
    text += p;
    lines += p.split('\n').length - 1;
  }
  return text;
}

// ---- timing ----

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function time(fn, runs) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return ms;
}

const dir = mkdtempSync(join(tmpdir(), 'pacte-bench-'));
try {
  const text = agreement(TARGET_LINES);
  const path = join(dir, 'agreement.pacte.md');
  writeFileSync(path, text);
  const lines = text.split('\n').length - 1;
  const blocks = (text.match(/^```pacte$/gm) ?? []).length;
  const statements = (text.match(/^(event|define|obligation|permission|prohibition|power|consent) /gm) ?? []).length;

  // The document must be valid, or the benchmark would time error reporting.
  let out = '';
  const io = { out: (t) => void (out += t), err: (t) => void (out += t) };
  const first = performance.now();
  const code = await main(['check', dir], io);
  const coldMs = performance.now() - first;
  if (code !== 0) throw new Error(`the generated agreement does not check:\n${out.slice(0, 2000)}`);
  const silent = { out: () => {}, err: () => {} };

  // The measures take turns, run after run, so that a change in the machine's load weighs on all of them alike.
  const markdown = [];
  const parse = [];
  const inProcess = [];
  for (let i = 0; i < RUNS; i++) {
    markdown.push(...(await time(() => fromMarkdown(text), 1)));
    parse.push(...(await time(() => parseDocument(sourceFile('agreement.pacte.md', text)), 1)));
    inProcess.push(...(await time(() => main(['check', dir], silent), 1)));
  }
  const child = [];
  const node = [];
  for (let i = 0; i < CHILD_RUNS; i++) {
    child.push(
      ...(await time(() => {
        const r = spawnSync(process.execPath, [join(ROOT, 'bin/pacte.js'), 'check', dir], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(r.stderr);
      }, 1)),
    );
    node.push(...(await time(() => spawnSync(process.execPath, ['-e', ''], { encoding: 'utf8' }), 1)));
  }

  const base = median(markdown);
  const row = (name, ms, note = '') =>
    `${name.padEnd(52)} ${median(ms).toFixed(1).padStart(9)} ms ${`${(median(ms) / base).toFixed(2)}×`.padStart(8)}  ${note}`;
  console.log(`pacte check on a generated agreement: ${lines} lines, ${(text.length / 1024).toFixed(0)} KiB, ${blocks} pacte blocks, ${statements} statements`);
  console.log(`Node ${process.version}, ${RUNS} runs in process (${CHILD_RUNS} as child processes), medians; ratio to the comparator\n`);
  console.log(`${'measure'.padEnd(52)} ${'median'.padStart(12)} ${'ratio'.padStart(8)}`);
  console.log(row('comparator: mdast-util-from-markdown (Markdown only)', markdown));
  console.log(row('pacte parse: front matter + Markdown + pacte blocks', parse));
  console.log(row('pacte check, in process (dist/cli/main.js)', inProcess, `first (cold) run ${coldMs.toFixed(1)} ms`));
  console.log(row('pacte check, child process (node bin/pacte.js)', child, `of which Node start-up ≈ ${median(node).toFixed(1)} ms`));
  console.log(`\nthroughput in process: ${((lines / median(inProcess)) * 1000).toFixed(0)} lines/s, ${((text.length / 1024 / median(inProcess)) * 1000).toFixed(0)} KiB/s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
