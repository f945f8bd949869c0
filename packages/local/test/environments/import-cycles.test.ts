/**
 * No import circle among the source files of @lambdaport/local (environment.ts, spares.ts and variables.ts once
 * imported one another). Reads every relative import (type-only ones too) with TypeScript's own pre-processor.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.c?ts$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

/** The source files `file` imports (relative specifiers: `./x.js` is `./x.ts`, `./x.cjs` is `./x.cts`). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) =>
      path
        .resolve(path.dirname(file), spec)
        .replace(/\.js$/, '.ts')
        .replace(/\.cjs$/, '.cts'),
    )
    .filter((target) => existsSync(target));
}

/** Every import circle, as the files along it (depth-first search; each circle reported once per entry point). */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (file: string, trail: string[]): void => {
    const at = trail.indexOf(file);
    if (at !== -1) {
      found.push([...trail.slice(at), file]);
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
    done.add(file);
  };
  for (const file of graph.keys()) visit(file, []);
  return found;
}

describe('the import graph of packages/local/src', () => {
  it('has no circle', () => {
    const files = sourceFiles(SRC);
    const graph = new Map(files.map((file) => [file, importsOf(file)]));

    const found = circles(graph).map((circle) => circle.map((file) => path.relative(SRC, file)).join(' → '));

    expect(files.length).toBeGreaterThan(50);
    expect([...graph.values()].flat().length).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });
});
