#!/usr/bin/env node
/**
 * Item 6 of the benchmarks (issue 8): `pacte check`, in megabytes per second, on generated agreements.
 *
 * - a generated 10,000-line agreement (every construct, repeated with its own names): `pacte check` in process (the
 *   CLI's `main` from dist/, output discarded) and as a child process (Node's start-up included), against the
 *   comparator, mdast-util-from-markdown parsing the same Markdown (which `pacte check` itself does first);
 * - the benchmark portfolio's agreements (bench/lib/deal.mjs), small files with every kind of clause, each checked
 *   in process (`checkFamily`), against the same comparator on the same texts.
 *
 * node bench/check.mjs [--quick]   (build first: it imports dist/)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { emit, fmt, log, mb, median, QUICK, ROOT, rng } from './lib/common.mjs';
import { agreementText, randomTerms } from './lib/deal.mjs';

const RUNS = QUICK ? 2 : 11;
const CHILD_RUNS = QUICK ? 1 : 5;
const TARGET_LINES = 10_000;
const SMALL = QUICK ? 30 : 1000;

const { main } = await import(join(ROOT, 'dist/cli/main.js'));
const { checkFamily } = await import(join(ROOT, 'dist/check/family.js'));

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
  const size = Buffer.byteLength(text);
  const blocks = (text.match(/^```pacte$/gm) ?? []).length;
  const statements = (text.match(/^(event|define|obligation|permission|prohibition|power|consent) /gm) ?? []).length;

  // The document must be valid, or the benchmark would time error reporting.
  let out = '';
  const io = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      out += t;
    },
  };
  const code = await main(['check', dir], io);
  if (code !== 0) throw new Error(`the generated agreement does not check:\n${out.slice(0, 2000)}`);
  const silent = { out: () => {}, err: () => {} };

  // The measures take turns, run after run, so that a change in the machine's load weighs on all of them alike.
  const markdown = [];
  const inProcess = [];
  for (let i = 0; i < RUNS; i++) {
    markdown.push(...(await time(() => fromMarkdown(text), 1)));
    inProcess.push(...(await time(() => main(['check', dir], silent), 1)));
  }
  const child = [];
  for (let i = 0; i < CHILD_RUNS; i++) {
    child.push(
      ...(await time(() => {
        const r = spawnSync(process.execPath, [join(ROOT, 'bin/pacte.js'), 'check', dir], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(r.stderr);
      }, 1)),
    );
  }
  log(`generated agreement: ${fmt(lines)} lines, ${fmt(size / 1024)} KiB, ${blocks} pacte blocks, ${statements} statements`);
  emit({
    id: 'check-10k',
    title: `pacte check, a ${fmt(lines)}-line agreement (in process)`,
    figure: median(inProcess),
    unit: 'ms',
    higherIsBetter: false,
    comparator: { name: 'mdast-util-from-markdown on the same text (Markdown only)', figure: median(markdown), unit: 'ms' },
    notes: `median of ${RUNS}; as a child process (Node start-up included) ${fmt(median(child))} ms`,
    extra: { childMs: median(child), lines },
  });
  emit({
    id: 'check-mbps',
    title: `pacte check throughput on the ${fmt(lines)}-line agreement`,
    figure: mb(size) / (median(inProcess) / 1000),
    unit: 'MB/s',
    comparator: { name: 'mdast-util-from-markdown', figure: mb(size) / (median(markdown) / 1000), unit: 'MB/s' },
  });

  // Many small agreements (the portfolio's), each checked on its own.
  const random = rng(20250103);
  const texts = Array.from({ length: SMALL }, (_, k) => agreementText(`deal-${k}`, randomTerms(random)));
  const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  for (const t of texts.slice(0, 20))
    if (checkFamily([{ path: 'a.pacte.md', text: t }]).diagnostics.length > 0) throw new Error('a portfolio agreement does not check');
  const small = [];
  const smallMd = [];
  for (let r = 0; r < (QUICK ? 2 : 5); r++) {
    let t0 = performance.now();
    for (const t of texts) checkFamily([{ path: 'a.pacte.md', text: t }]);
    small.push(performance.now() - t0);
    t0 = performance.now();
    for (const t of texts) fromMarkdown(t);
    smallMd.push(performance.now() - t0);
  }
  emit({
    id: 'check-small',
    title: `pacte check throughput on ${fmt(SMALL)} small agreements (${fmt(bytes / SMALL / 1024, 1)} KiB each, in process)`,
    figure: mb(bytes) / (median(small) / 1000),
    unit: 'MB/s',
    comparator: { name: 'mdast-util-from-markdown', figure: mb(bytes) / (median(smallMd) / 1000), unit: 'MB/s' },
    notes: `${fmt(median(small) / SMALL, 2)} ms per agreement`,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
