/**
 * The docs on disk: write them to a folder, or compare a folder with what the contracts generate (`--check`). Files
 * of the folder that were generated before but are no longer (a service or function removed) are stale: `writeDocs`
 * removes them and `compareDocs` reports them. A file is taken as generated when it lies under `schemas/`, is
 * `graph.svg`, or is a Markdown page carrying the generated note; anything else in the folder is left alone.
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The sentence every generated page carries (from `generatedNote`). */
export const GENERATED_MARK = 'Generated from the contracts by';

/** How a folder differs from the docs generated. */
export interface DocsDifference {
  /** Generated but absent from the folder. */
  readonly missing: readonly string[];
  /** Present with other content: the file and its first differing line. */
  readonly changed: readonly {
    readonly file: string;
    readonly line: number;
    readonly expected: string;
    readonly found: string;
  }[];
  /** Generated before, no longer. */
  readonly stale: readonly string[];
}

/**
 * Writes `files` below `dir` (created if missing) and removes stale generated files.
 *
 * @example
 * await writeDocs('docs/services', generateDocs(input, 'markdown'));
 */
export async function writeDocs(
  dir: string,
  files: ReadonlyMap<string, string>,
): Promise<{ written: number; removed: string[] }> {
  await mkdir(dir, { recursive: true });
  for (const [name, content] of files) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  const removed = await staleFiles(dir, files);
  for (const name of removed) await rm(path.join(dir, name), { force: true });
  return { written: files.size, removed };
}

/**
 * Compares `dir` with `files`: empty lists mean the committed docs are what the contracts generate.
 *
 * @example
 * const difference = await compareDocs('docs/services', generateDocs(input, 'markdown'));
 */
export async function compareDocs(dir: string, files: ReadonlyMap<string, string>): Promise<DocsDifference> {
  const missing: string[] = [];
  const changed: DocsDifference['changed'][number][] = [];
  for (const [name, content] of files) {
    const found = await readFile(path.join(dir, name), 'utf8').catch(() => undefined);
    if (found === undefined) missing.push(name);
    else if (found !== content) changed.push({ file: name, ...firstDifference(content, found) });
  }
  return { missing, changed, stale: await staleFiles(dir, files) };
}

/** True when `difference` lists nothing. */
export function isSame(difference: DocsDifference): boolean {
  return difference.missing.length === 0 && difference.changed.length === 0 && difference.stale.length === 0;
}

function firstDifference(expected: string, found: string): { line: number; expected: string; found: string } {
  const want = expected.split('\n');
  const have = found.split('\n');
  for (let i = 0; i < Math.max(want.length, have.length); i++) {
    if (want[i] !== have[i])
      return { line: i + 1, expected: want[i] ?? '(end of file)', found: have[i] ?? '(end of file)' };
  }
  return { line: 0, expected: '', found: '' };
}

async function staleFiles(dir: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const stale: string[] = [];
  for (const name of await listFiles(dir)) {
    if (files.has(name)) continue;
    if (name.startsWith('schemas/') || name === 'graph.svg') stale.push(name);
    else if (name.endsWith('.md') && (await readFile(path.join(dir, name), 'utf8')).includes(GENERATED_MARK)) {
      stale.push(name);
    }
  }
  return stale.sort();
}

/** Every file below `dir`, relative and `/`-separated; none when it does not exist. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) return [];
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const name = `${prefix}${entry.name}`;
    if (entry.isDirectory()) found.push(...(await listFiles(path.join(dir, entry.name), `${name}/`)));
    else if (entry.isFile()) found.push(name);
  }
  return found;
}
