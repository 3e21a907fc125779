/**
 * No module of the server, CLI, contracts or analysis library imports itself
 * back through others (issue 9: check-answer.ts and check-answers.ts did).
 * A cycle makes load order matter and hides which module owns the logic.
 * Reads relative `import … from './x.ts'` edges as text; type-only imports
 * count too, since they still tie the two files' designs together.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FOLDERS = ['server', 'cli', 'contracts', 'analysis'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const targets = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => match[1]);
  return targets.map((target) => resolve(dirname(file), target));
}

/** Every cycle of a graph (file → files it imports), found by depth-first search. */
function findCycles(edges: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next) && edges.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of edges.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

describe('import graph', () => {
  it('finds a cycle when there is one, and reads the edges', () => {
    const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a', 'd']], ['d', []]]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c']]);
    expect(findCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
    expect(relativeImports(join(ROOT, 'server/validation/check-answers.ts'))).toContain(join(ROOT, 'server/validation/check-answer.ts'));
  });

  it('has no cycles in server/, cli/, contracts/ or analysis/', () => {
    const files = FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)));
    expect(files.length).toBeGreaterThan(50);
    const graph = new Map(files.map((file) => [file, relativeImports(file).filter((target) => target !== file)]));
    expect(findCycles(graph).map((cycle) => cycle.map((path) => relative(ROOT, path)))).toEqual([]);
  });
});
