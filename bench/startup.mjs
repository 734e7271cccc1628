#!/usr/bin/env node
/**
 * Start-up of the command line (issue 17): the whole process of `pacte --help`, `pacte check` and `pacte state` on
 * the flagship, against `node -e 0` (Node starting and doing nothing), measured in the same run, in rounds that run
 * every command once in turn (the order rotates each round, so that a burst of load on a shared machine falls on
 * every command alike).
 *
 * - wall time: from spawning the process to its exit (median of the rounds);
 * - CPU time: user + system of the process (Linux: the children's times the kernel adds to this process in
 *   /proc/self/stat once it has waited for each child; summed over the rounds, then divided, so the clock's 10 ms
 *   ticks average out). Elsewhere only wall time is reported.
 *
 * Each command's output is checked first (exit 0; `state --json` prints the state JSON). The ratio is `node -e 0`'s
 * figure over pacte's (1 would be as fast as Node doing nothing): the issue's "at most 2× `node -e 0`" is a ratio of
 * at least 0.5, "at most 3×" at least 0.33.
 *
 * node bench/startup.mjs [--quick]   (build first: it runs bin/pacte.js, which loads dist/)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emit, fmt, log, median, now, QUICK, ROOT } from './lib/common.mjs';

const ROUNDS = QUICK ? 7 : 31;
const BIN = join(ROOT, 'bin/pacte.js');
const FLAGSHIP = join(ROOT, 'examples/openai-microsoft');
const AS_OF = '2024-06-30';

/** The commands, the comparator first. `target`: the least ratio asked (null: reported only). */
const COMMANDS = [
  { id: 'node', title: '`node -e 0`', args: ['-e', '0'] },
  { id: 'help', title: '`pacte --help`', args: [BIN, '--help'], target: { cpu: 0.5, wall: 0.5 } },
  {
    id: 'check',
    title: '`pacte check examples/openai-microsoft` (8 versions)',
    args: [BIN, 'check', FLAGSHIP],
    target: { cpu: 0.33, wall: 0.33 },
  },
  {
    id: 'state',
    title: `\`pacte state examples/openai-microsoft --as-of ${AS_OF} --json\``,
    args: [BIN, 'state', FLAGSHIP, '--as-of', AS_OF, '--json'],
    target: { cpu: 0.33, wall: 0.33 },
    check: (out) => {
      const st = JSON.parse(out);
      if (!Array.isArray(st.norms)) throw new Error('pacte state --json: no norms in its output');
    },
  },
];

/** CPU time (ms) of this process's children that have been waited for, or null where /proc is absent. */
function childrenCpuMs() {
  if (!existsSync('/proc/self/stat')) return null;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 16 and 17 of proc(5) (cutime, cstime), in clock ticks; `fields` starts at field 3.
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS;
}
const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

function run(cmd) {
  const cpu0 = childrenCpuMs();
  const t0 = now();
  const r = spawnSync(process.execPath, cmd.args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, cwd: ROOT });
  const wall = now() - t0;
  const cpu1 = childrenCpuMs();
  if (r.status !== 0) throw new Error(`${cmd.title} exited with ${r.status ?? r.signal}: ${r.stderr.slice(0, 500)}`);
  return { wall, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, out: r.stdout };
}

// Each command once, its output checked (and the files it reads in the page cache).
for (const cmd of COMMANDS) cmd.check?.(run(cmd).out);

const walls = new Map(COMMANDS.map((c) => [c.id, []]));
const cpus = new Map(COMMANDS.map((c) => [c.id, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (let k = 0; k < COMMANDS.length; k++) {
    const cmd = COMMANDS[(round + k) % COMMANDS.length];
    const { wall, cpu } = run(cmd);
    walls.get(cmd.id).push(wall);
    if (cpu !== null) cpus.get(cmd.id).push(cpu);
  }
}

const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
const nodeWall = median(walls.get('node'));
const nodeCpu = cpus.get('node').length ? mean(cpus.get('node')) : null;
log(`node -e 0: ${fmt(nodeWall)} ms wall (median of ${ROUNDS})${nodeCpu === null ? '' : `, ${fmt(nodeCpu)} ms CPU (mean)`}`);
for (const cmd of COMMANDS.slice(1)) {
  const wall = median(walls.get(cmd.id));
  const best = Math.min(...walls.get(cmd.id));
  emit({
    id: `startup-${cmd.id}-wall`,
    title: `Start-up, whole process: ${cmd.title}, wall time`,
    figure: wall,
    unit: 'ms',
    higherIsBetter: false,
    comparator: { name: '`node -e 0`, same rounds', figure: nodeWall, unit: 'ms' },
    target: cmd.target.wall,
    notes: `median of ${ROUNDS} rounds, ${(wall / nodeWall).toFixed(1)}× node -e 0 (best ${fmt(best)} ms vs ${fmt(Math.min(...walls.get('node')))} ms)`,
  });
  if (nodeCpu === null) continue;
  const cpu = mean(cpus.get(cmd.id));
  emit({
    id: `startup-${cmd.id}-cpu`,
    title: `Start-up, whole process: ${cmd.title}, CPU time (user + system)`,
    figure: cpu,
    unit: 'ms',
    higherIsBetter: false,
    comparator: { name: '`node -e 0`, same rounds', figure: nodeCpu, unit: 'ms' },
    target: cmd.target.cpu,
    notes: `mean of ${ROUNDS} rounds, ${(cpu / nodeCpu).toFixed(1)}× node -e 0`,
  });
}
