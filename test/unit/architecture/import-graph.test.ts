import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SRC = path.join(ROOT, 'src');

/**
 * Relative imports of one source file, as files under src/. Type-only imports (`import type`, `export type`)
 * are counted too: a type cycle compiles, but it is the same tangle of layers that a runtime cycle is, and the
 * point of the check is that each stage only looks down (document → load/schema → model → engine → …).
 * Dynamic `import('./x.js')` is counted as well.
 */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = new Set<string>();
  const patterns = [/\b(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) specs.add(m[1] as string);
  return [...specs]
    .filter((s) => s.startsWith('.'))
    .map((s) => path.resolve(path.dirname(file), s.replace(/\.js$/, '.ts')))
    .map((p) => (fs.existsSync(p) ? p : path.join(p.replace(/\.ts$/, ''), 'index.ts')));
}

export function importGraph(): Map<string, string[]> {
  const files = fg.sync('**/*.ts', { cwd: SRC, absolute: true }).sort();
  return new Map(files.map((f) => [path.relative(SRC, f), importsOf(f).map((i) => path.relative(SRC, i))]));
}

/** Every cycle found by a depth-first search, each as the list of files that closes on itself. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

/** The graph between stages (top-level folders of src/; a file directly in src/ is its own stage). */
function stageGraph(graph: Map<string, string[]>): Map<string, string[]> {
  const stage = (f: string) => (f.includes('/') ? (f.split('/')[0] as string) : f);
  const out = new Map<string, Set<string>>();
  for (const [file, imports] of graph) {
    const from = stage(file);
    const set = out.get(from) ?? new Set<string>();
    for (const i of imports) if (stage(i) !== from) set.add(stage(i));
    out.set(from, set);
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('is read from every source file, and every relative import names a file that exists', () => {
    // 150 files at the time of writing; a glob that found nothing would make the cycle check pass vacuously.
    expect(graph.size).toBeGreaterThan(100);
    const missing = [...graph].flatMap(([file, imports]) => imports.filter((i) => !graph.has(i)).map((i) => `${file} → ${i}`));
    expect(missing).toEqual([]);
  });

  it('has no cycle between files', () => {
    const cycles = findCycles(graph).map((c) => c.join(' → '));
    expect(cycles, `import cycles:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('has no cycle between stages (the folders of src/)', () => {
    const cycles = findCycles(stageGraph(graph)).map((c) => c.join(' → '));
    expect(cycles, `stage cycles:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('has no cycle between the load and schema stages (both stand on document/)', () => {
    const stages = stageGraph(graph);
    expect(stages.get('schema') ?? []).not.toContain('load');
    expect(stages.get('document') ?? []).not.toContain('load');
    expect(stages.get('document') ?? []).not.toContain('schema');
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const g = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(findCycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(findCycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
  });
});
