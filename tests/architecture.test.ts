/**
 * The architecture stays visible: the stage folders of src/ (check, ledger, engine, diff, store, server, cli…) import
 * each other without a cycle, so each stage can be read knowing only the stages before it; and no file imports
 * itself through others (a subfolder such as server/routes/ uses server/deps.ts, never server/app.ts which uses it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The stage a file of src/ belongs to: its top folder (`server/routes/events.ts` → `server`). */
const stage = (path: string): string => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '.');

/**
 * What imports what, by `key` (a file's path in src/, or its stage). Static imports and re-exports count, type-only
 * ones too: they tie the stages as much as values do.
 */
function importGraph(files: readonly string[], key: (path: string) => string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = key(relative(SRC, file));
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s+'(\.[^']+)'/g)) {
      const target = relative(SRC, resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
      if (target.startsWith('..')) continue;
      const to = key(target);
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** One cycle of the graph as a path `a → b → … → a`, or null. */
function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('the folders of src/', () => {
  const files = tsFiles(SRC);

  it('import each other without a cycle', () => {
    const cycle = findCycle(importGraph(files, stage));
    expect(cycle?.join(' → ') ?? null).toBeNull();
  });

  it('hold no file that imports itself through others', () => {
    const cycle = findCycle(importGraph(files, (path) => path));
    expect(cycle?.join(' → ') ?? null).toBeNull();
  });

  it('the cycle finder finds a cycle when there is one', () => {
    const graph = new Map([
      ['engine', new Set(['check', 'diff'])],
      ['diff', new Set(['check', 'engine'])],
      ['check', new Set<string>()],
    ]);
    expect(findCycle(graph)).toEqual(['diff', 'engine', 'diff']);
  });

  it('the graph sees the imports of every stage', () => {
    const graph = importGraph(files, stage);
    expect([...(graph.get('engine') ?? [])]).toContain('check');
    expect([...(graph.get('engine') ?? [])]).toContain('ledger');
    expect([...(graph.get('ledger') ?? [])]).toContain('check');
    // testing/ (the runner of `pacte test`) reads the engine's state; only cli/ runs it.
    expect([...(graph.get('testing') ?? [])]).toContain('engine');
    expect([...(graph.get('cli') ?? [])]).toContain('testing');
    expect([...graph].filter(([from, to]) => from !== 'cli' && to.has('testing')).map(([from]) => from)).toEqual([]);
    const byFile = importGraph(files, (path) => path);
    expect([...(byFile.get('server/routes/events.ts') ?? [])]).toContain('server/deps.ts');
  });
});
