/**
 * The import graph of a package's sources and the circles in it. Imports are read with TypeScript's own parser
 * (already a dev dependency), so comments, strings and `@example` blocks are never mistaken for imports.
 *
 * Every relative import counts: `import` and `export ... from` (type-only ones too: a circle of types is still a
 * circle for the reader), `import x = require()`, and `import()` / `require()` calls with a literal path.
 * Package imports (`lambdaport`, `node:fs`) are not edges: only files of the same source folder are.
 */
import path from 'node:path';
import ts from 'typescript';

/** File path (relative to the repository, `/`-separated) → the files of the same set it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/**
 * The relative module specifiers a source file imports, in order of appearance.
 *
 * @example
 * relativeImports('a.ts', "import { b } from './b.js';\nexport * from './c.js';"); // ['./b.js', './c.js']
 */
export function relativeImports(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const add = (node: ts.Node | undefined): void => {
    if (node !== undefined && ts.isStringLiteralLike(node) && node.text.startsWith('.')) found.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isImport || isRequire) add(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** What a specifier may name on disk: `./a.js` is written for `a.ts`, `./a.cjs` for `a.cts`, `./a.mjs` for `a.mts`. */
function candidates(resolved: string): string[] {
  const ext = path.posix.extname(resolved);
  const base = resolved.slice(0, resolved.length - ext.length);
  switch (ext) {
    case '.js':
      return [`${base}.ts`, `${base}.tsx`, resolved];
    case '.cjs':
      return [`${base}.cts`, resolved];
    case '.mjs':
      return [`${base}.mts`, resolved];
    case '':
      return [`${resolved}.ts`, `${resolved}/index.ts`, resolved];
    default:
      return [resolved];
  }
}

/**
 * Builds the graph of imports among `files` (path → text). Imports of files outside the set are left out.
 *
 * @example
 * importGraph(new Map([['src/a.ts', "import './b.js';"], ['src/b.ts', '']])); // Map { 'src/a.ts' → ['src/b.ts'], 'src/b.ts' → [] }
 */
export function importGraph(files: ReadonlyMap<string, string>): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const [file, text] of files) {
    const edges: string[] = [];
    for (const specifier of relativeImports(file, text)) {
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      const target = candidates(resolved).find((candidate) => files.has(candidate));
      if (target !== undefined && !edges.includes(target)) edges.push(target);
    }
    graph.set(file, edges);
  }
  return graph;
}

/** One import circle: a strongly connected set of files, and one path through them that ends where it starts. */
export interface ImportCycle {
  /** Every file of the circle, sorted. */
  readonly files: readonly string[];
  /** One shortest circle from the first file back to itself: `['a.ts', 'b.ts', 'a.ts']`. */
  readonly path: readonly string[];
}

/**
 * The circles of a graph: each strongly connected component with more than one file, or a file importing itself.
 * Sorted by first file, so the output is stable.
 *
 * @example
 * findCycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']]])); // [{ files: ['a.ts', 'b.ts'], path: ['a.ts', 'b.ts', 'a.ts'] }]
 */
export function findCycles(graph: ImportGraph): ImportCycle[] {
  // Tarjan's algorithm (recursive: a package's source folder is far too small to exhaust the stack)
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];

  const connect = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);

  return components
    .map((files) => ({ files, path: cycleThrough(graph, files) }))
    .sort((a, b) => (a.files[0]! < b.files[0]! ? -1 : 1));
}

/**
 * How a circle reads in a test failure.
 *
 * @example
 * describeCycle(cycle); // 'a.ts → b.ts → a.ts (files in the circle: a.ts, b.ts)'
 */
export function describeCycle(cycle: ImportCycle): string {
  return `${cycle.path.join(' → ')} (files in the circle: ${cycle.files.join(', ')})`;
}

/** One path from the component's first file back to itself, staying inside the component (breadth first: shortest). */
function cycleThrough(graph: ImportGraph, component: readonly string[]): string[] {
  const members = new Set(component);
  const start = component[0] as string;
  const cameFrom = new Map<string, string>();
  const queue: string[] = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = cameFrom.get(at)) {
          path.unshift(at);
        }
        path.unshift(start);
        return path;
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return [...component, start]; // unreachable for a strongly connected component
}
