#!/usr/bin/env node
/**
 * Items 1 and 2 of the benchmarks (issue 8): a portfolio of agreements and its ledger, generated with a fixed seed.
 *
 * 1. Replay: every agreement evaluated in full as of its last event (`evaluate`: the fold, then the state JSON with
 *    its explanations, as text: explanations are built when read, and an answer sent reads them), in events per second, with the process's peak memory; against a hand-written fold of the
 *    same rules (bench/lib/deal.mjs) over the same parsed events, in the same process. Every agreement's answers
 *    (values, norm statuses, instances, violations) are checked equal before anything is timed. Also the same on
 *    one agreement with a long ledger (the fold's behaviour on many open instances).
 * 2. As-of: random (agreement, date) queries answered by `createEvaluator(...).at(date)` (checkpoints), median and
 *    p99 latency; against replaying the same queries from scratch (`evaluate(family, events, date)`, the same state
 *    JSON, checked equal) — both for the agreement's own events and for the whole portfolio ledger up to the date.
 *    Both sides time the JSON text a user is given: the state with each recurring clause's instances summarized past
 *    20 (`summarizeInstances`, as the CLI, the server and MCP do; engine/instance-summary.ts).
 *
 * node bench/replay.mjs [--quick]   (build first: it imports dist/)
 */
import { dist, emit, fmt, log, mb, median, memorySampler, now, quantile, QUICK, rng } from './lib/common.mjs';
import {
  agreementText,
  CALENDAR,
  DEFAULT_TERMS,
  differences,
  generateLedger,
  handFold,
  randomTerms,
  summaryOfHand,
  summaryOfState,
} from './lib/deal.mjs';

const { checkFamily } = await dist('check/family.js');
const { createEvaluator, evaluate, foldFromScratch } = await dist('engine/evaluate.js');
// What a user is given as of a date (the CLI, the server, MCP): the state with long instance lists summarized.
const { summarizeInstances } = await dist('engine/instance-summary.js');
const answerText = (state) => JSON.stringify(summarizeInstances(state));

const kb = (chars) => fmt(chars / 1024, 1);
const { readLedger: parseLedger } = await dist('engine/read-ledger.js');
const { sourceFile } = await dist('source/source-file.js');

const AGREEMENTS = QUICK ? 30 : 1000;
const EVENTS = QUICK ? 30_000 : 1_000_000;
const LONG = QUICK ? 30_000 : 1_000_000;
const QUERIES = QUICK ? 60 : 2000;
const ROUNDS = QUICK ? 2 : 3;
const SEED = 20250101;
const mem = memorySampler();

// ---------------------------------------------------------------- the portfolio

function agreement(id, terms, n, random) {
  const checked = checkFamily([{ path: `${id}.pacte.md`, text: agreementText(id, terms) }]);
  if (!checked.family || checked.diagnostics.some((d) => d.severity === 'error'))
    throw new Error(`${id} does not check: ${checked.diagnostics[0]?.code}`);
  const family = checked.family;
  const text = generateLedger(n, terms, random);
  const parsed = parseLedger(sourceFile(`${id}.jsonl`, text), family);
  if (parsed.diagnostics.length > 0) throw new Error(`${id}: generated ledger is invalid: ${parsed.diagnostics[0].code}`);
  const events = parsed.events;
  return { id, terms, family, events, bytes: text.length, last: events[events.length - 1].date };
}

const random = rng(SEED);
let t0 = now();
const portfolio = [];
{
  // Ledger lengths vary (half to one and a half times the mean), and add up to EVENTS exactly.
  const weights = Array.from({ length: AGREEMENTS }, () => 0.5 + random.next());
  const sum = weights.reduce((x, y) => x + y, 0);
  const sizes = weights.map((w) => Math.round((w / sum) * EVENTS));
  sizes[0] += EVENTS - sizes.reduce((x, y) => x + y, 0);
  for (const [k, n] of sizes.entries()) portfolio.push(agreement(`deal-${String(k + 1).padStart(4, '0')}`, randomTerms(random), n, random));
}
const total = portfolio.reduce((s, a) => s + a.events.length, 0);
const bytes = portfolio.reduce((s, a) => s + a.bytes, 0);
log(
  `portfolio: ${AGREEMENTS} agreements, ${fmt(total)} events (${fmt(mb(bytes))} MB of JSON lines), generated, checked and parsed in ${fmt((now() - t0) / 1000, 1)} s`,
);

// ---------------------------------------------------------------- 1. replay

function pactePass() {
  mem.reset();
  const t = now();
  for (const a of portfolio) {
    a.state = JSON.stringify(evaluate(a.family, a.events, a.last));
    mem.sample();
  }
  const ms = now() - t;
  const peak = mem.peak;
  for (const a of portfolio) a.state = null;
  return { ms, peak };
}
function foldPass() {
  mem.reset();
  const t = now();
  for (const a of portfolio) foldFromScratch(a.family, a.events, a.last);
  return { ms: now() - t };
}
function handPass() {
  mem.reset();
  const t = now();
  for (const a of portfolio) {
    a.hand = handFold(a.events, a.last, a.terms);
    mem.sample();
  }
  const ms = now() - t;
  const peak = mem.peak;
  for (const a of portfolio) a.hand = null;
  return { ms, peak };
}

// Same answers first (this pass also warms both up).
t0 = now();
let disagreements = 0;
for (const a of portfolio) {
  const d = differences(summaryOfState(evaluate(a.family, a.events, a.last)), summaryOfHand(handFold(a.events, a.last, a.terms)));
  if (d.length > 0) {
    disagreements++;
    if (disagreements <= 3) log(`  ${a.id} disagrees:\n    ${d.slice(0, 8).join('\n    ')}`);
  }
}
if (disagreements > 0) throw new Error(`pacte and the hand-written fold disagree on ${disagreements} agreements: nothing timed`);
log(
  `answers agree on all ${AGREEMENTS} agreements (values, norm statuses, instances, violations), checked in ${fmt((now() - t0) / 1000, 1)} s`,
);

globalThis.gc?.();
const baseline = process.memoryUsage.rss();
const runs = { pacte: [], fold: [], hand: [] };
for (let r = 0; r < ROUNDS; r++) {
  runs.pacte.push(pactePass());
  runs.fold.push(foldPass());
  runs.hand.push(handPass());
  log(
    `  round ${r + 1}: evaluate ${fmt(runs.pacte[r].ms)} ms, fold only ${fmt(runs.fold[r].ms)} ms, hand-written ${fmt(runs.hand[r].ms)} ms`,
  );
}
const best = (xs) => Math.min(...xs.map((x) => x.ms));
const eps = (ms) => total / (ms / 1000);
const peakOf = (xs) => Math.max(...xs.map((x) => x.peak));
emit({
  id: 'replay',
  title: `Replay: ${fmt(AGREEMENTS)} agreements, ${fmt(total)} events, full evaluation (fold + state JSON)`,
  figure: eps(best(runs.pacte)),
  unit: 'events/s',
  comparator: { name: 'hand-written TypeScript fold of the same rules', figure: eps(best(runs.hand)), unit: 'events/s' },
  target: 0.5,
  notes: `best of ${ROUNDS}; peak RSS ${fmt(mb(peakOf(runs.pacte)))} MB (hand-written ${fmt(mb(peakOf(runs.hand)))} MB; ledger and process before ${fmt(mb(baseline))} MB)`,
  extra: { peakRssMB: mb(peakOf(runs.pacte)), comparatorPeakRssMB: mb(peakOf(runs.hand)), baselineRssMB: mb(baseline) },
});
emit({
  id: 'replay-fold',
  title: 'Replay, the fold alone (no state JSON)',
  figure: eps(best(runs.fold)),
  unit: 'events/s',
  comparator: { name: 'hand-written TypeScript fold of the same rules', figure: eps(best(runs.hand)), unit: 'events/s' },
  target: null,
  notes: `best of ${ROUNDS}`,
});

// ---------------------------------------------------------------- 2. as-of

const queries = Array.from({ length: QUERIES }, () => {
  const a = portfolio[random.int(0, portfolio.length - 1)];
  const first = CALENDAR.indexOf(a.events[0].date);
  const last = CALENDAR.indexOf(a.last);
  return { a, date: CALENDAR[random.int(first, last)] };
});
t0 = now();
for (const a of portfolio) {
  a.evaluator = createEvaluator(a.family, a.events);
  void a.evaluator.checkpoints; // builds them
}
const buildMs = now() - t0;
const checkpoints = portfolio.reduce((s, a) => s + a.evaluator.checkpoints, 0);
globalThis.gc?.();
const asOfRss = process.memoryUsage.rss();
// Same answers first.
for (const q of queries.slice(0, QUICK ? 30 : 200)) {
  const x = JSON.stringify(q.a.evaluator.at(q.date));
  const y = JSON.stringify(evaluate(q.a.family, q.a.events, q.date));
  if (x !== y) throw new Error(`as-of ${q.a.id} ${q.date}: createEvaluator and evaluate disagree`);
}
const atMs = [];
const replayMs = [];
const foldAtMs = [];
const foldMs = [];
const sizes = [];
const allSizes = [];
for (const q of queries) {
  let t = now();
  const st = q.a.evaluator.at(q.date);
  sizes.push(answerText(st).length);
  atMs.push(now() - t);
  allSizes.push(JSON.stringify(st).length); // not timed: the size of the answer with every instance
  t = now();
  answerText(evaluate(q.a.family, q.a.events, q.date));
  replayMs.push(now() - t);
  t = now();
  q.a.evaluator.foldAt(q.date);
  foldAtMs.push(now() - t);
  t = now();
  foldFromScratch(q.a.family, q.a.events, q.date);
  foldMs.push(now() - t);
}
emit({
  id: 'asof',
  title: `As-of: ${fmt(QUERIES)} random (agreement, date) queries, median latency of the state JSON`,
  figure: median(atMs),
  unit: 'ms',
  higherIsBetter: false,
  comparator: { name: "full replay of the agreement's events up to the date (evaluate)", figure: median(replayMs), unit: 'ms' },
  target: 100,
  notes: `p99 ${fmt(quantile(atMs, 0.99), 3)} ms vs ${fmt(quantile(replayMs, 0.99), 3)} ms; ${fmt(checkpoints)} checkpoints built in ${fmt(buildMs)} ms (RSS ${fmt(mb(asOfRss))} MB); JSON median ${kb(median(sizes))} KB, ${kb(median(allSizes))} KB with every instance`,
  extra: {
    p99: quantile(atMs, 0.99),
    comparatorP99: quantile(replayMs, 0.99),
    checkpoints,
    buildMs,
    jsonChars: median(sizes),
    allInstancesJsonChars: median(allSizes),
  },
});
emit({
  id: 'asof-p99',
  title: 'As-of: p99 latency, same queries',
  figure: quantile(atMs, 0.99),
  unit: 'ms',
  higherIsBetter: false,
  comparator: { name: "full replay of the agreement's events up to the date", figure: quantile(replayMs, 0.99), unit: 'ms' },
  target: 100,
});
emit({
  id: 'asof-fold',
  title: 'As-of, the fold state alone (foldAt, no state JSON): median latency, same queries',
  figure: median(foldAtMs),
  unit: 'ms',
  higherIsBetter: false,
  comparator: { name: 'the fold from scratch up to the date (foldFromScratch)', figure: median(foldMs), unit: 'ms' },
  target: null,
  notes: `p99 ${fmt(quantile(foldAtMs, 0.99), 3)} ms vs ${fmt(quantile(foldMs, 0.99), 3)} ms`,
});
// The whole ledger up to the date (what a fold over the portfolio's ledger without an index per agreement does):
// only a few queries, each replays the portfolio.
{
  const few = queries.slice(0, QUICK ? 2 : 3);
  const wholeMs = [];
  for (const q of few) {
    const t = now();
    // biome-ignore lint/complexity/useMathMinMax: ISO dates, compared as text
    for (const a of portfolio) answerText(evaluate(a.family, a.events, q.date < a.last ? q.date : a.last));
    wholeMs.push(now() - t);
  }
  emit({
    id: 'asof-ledger',
    title: 'As-of, against replaying the whole portfolio ledger up to the date',
    figure: median(atMs),
    unit: 'ms',
    higherIsBetter: false,
    comparator: { name: `full replay of the portfolio ledger (${few.length} queries)`, figure: median(wholeMs), unit: 'ms' },
    target: 100,
    notes: 'the same as-of latency; the comparator replays every agreement',
  });
}
for (const a of portfolio) a.evaluator = null;

// ---------------------------------------------------------------- one agreement, a long ledger

{
  const checked = checkFamily([{ path: 'bench-deal.pacte.md', text: agreementText('bench-deal', DEFAULT_TERMS) }]);
  const family = checked.family;
  const text = generateLedger(LONG, DEFAULT_TERMS, rng(SEED + 1));
  const events = parseLedger(sourceFile('ledger.jsonl', text), family).events;
  const last = events[events.length - 1].date;
  const d = differences(summaryOfState(evaluate(family, events, last)), summaryOfHand(handFold(events, last, DEFAULT_TERMS)));
  if (d.length > 0)
    throw new Error(`one agreement, ${LONG} events: pacte and the hand-written fold disagree:\n${d.slice(0, 8).join('\n')}`);
  const ev = [];
  const fold = [];
  const hand = [];
  for (let r = 0; r < (QUICK ? 2 : 2); r++) {
    globalThis.gc?.();
    let t = now();
    JSON.stringify(evaluate(family, events, last));
    ev.push(now() - t);
    globalThis.gc?.();
    t = now();
    foldFromScratch(family, events, last);
    fold.push(now() - t);
    globalThis.gc?.();
    t = now();
    handFold(events, last, DEFAULT_TERMS);
    hand.push(now() - t);
  }
  emit({
    id: 'replay-long',
    title: `Replay: one agreement, ${fmt(events.length)} events, full evaluation`,
    figure: events.length / (Math.min(...ev) / 1000),
    unit: 'events/s',
    comparator: { name: 'hand-written TypeScript fold', figure: events.length / (Math.min(...hand) / 1000), unit: 'events/s' },
    target: null,
    notes: `fold alone ${fmt(events.length / (Math.min(...fold) / 1000))} events/s`,
  });
  const evaluator = createEvaluator(family, events);
  t0 = now();
  void evaluator.checkpoints;
  const build = now() - t0;
  const r = rng(SEED + 2);
  const dates = Array.from({ length: QUICK ? 6 : 20 }, () => CALENDAR[r.int(0, CALENDAR.indexOf(last))]);
  const at = [];
  for (const date of dates) {
    const t = now();
    answerText(evaluator.at(date));
    at.push(now() - t);
  }
  // As of the last event: at() then the answer's JSON text, summarized or with every instance, the order alternating.
  const long = { at: [], ms: [], allMs: [], size: 0, allSize: 0 };
  // Two rounds each in a full run: at the last of 1,000,000 events, at() and the text with every instance take
  // seconds each (twelve rounds kept the full run going for more than twenty minutes).
  for (let k = 0; k < (QUICK ? 6 : 2); k++) {
    for (const all of k % 2 === 0 ? [false, true] : [true, false]) {
      globalThis.gc?.();
      let t = now();
      const st = evaluator.at(last);
      long.at.push(now() - t);
      t = now();
      const text = all ? JSON.stringify(st) : answerText(st);
      (all ? long.allMs : long.ms).push(now() - t);
      long[all ? 'allSize' : 'size'] = text.length;
    }
  }
  emit({
    id: 'asof-long',
    title: `As-of on one agreement with ${fmt(events.length)} events: median latency`,
    figure: median(at),
    unit: 'ms',
    higherIsBetter: false,
    comparator: { name: 'full replay (evaluate as of the last date)', figure: Math.min(...ev), unit: 'ms' },
    target: null,
    notes: `p99 ${fmt(quantile(at, 0.99))} ms; ${evaluator.checkpoints} checkpoints built in ${fmt(build)} ms`,
  });
  emit({
    id: 'asof-long-summary',
    title: `As-of on one agreement with ${fmt(events.length)} events, as of its last: the answer's JSON text after at(), summarized against every instance`,
    figure: median(long.ms),
    unit: 'ms',
    higherIsBetter: false,
    comparator: { name: 'the JSON text with every instance (--instances all)', figure: median(long.allMs), unit: 'ms' },
    target: null,
    notes: `at() itself ${fmt(median(long.at))} ms (median); JSON ${kb(long.size)} KB summarized, ${kb(long.allSize)} KB with every instance; ${long.ms.length} rounds each, the order alternating`,
    extra: { atMs: median(long.at), jsonChars: long.size, allInstancesJsonChars: long.allSize },
  });
}
