/**
 * The command line of a Node environment (or of a pre-booted spare): `node` with the heap cap of the function's
 * memory size, running our compiled bootstrap. Imports nothing of this folder, so every file here may use it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The Node bootstrap, compiled: `dist/lambda/bootstrap/node.cjs` (also found when this file runs from `src/`). */
export const NODE_BOOTSTRAP = findBootstrap();

function findBootstrap(): string {
  const here = fileURLToPath(new URL('../bootstrap/node.cjs', import.meta.url));
  if (existsSync(here)) return here;
  return here.replace(/([/\\])src([/\\]lambda[/\\]bootstrap[/\\]node\.cjs)$/, '$1dist$2');
}

/**
 * The heap cap of a Node environment (MB) for a function's `memorySize`.
 *
 * @example
 * heapLimitMb(128); // 108
 */
export function heapLimitMb(memorySize: number): number {
  return Math.max(32, Math.floor(memorySize * 0.85));
}

/**
 * The arguments of `node` for a Node environment (or a spare) of a function with `memorySize` MB.
 *
 * @example
 * spawn(process.execPath, nodeArgs(128, ['--spare']));
 */
export function nodeArgs(memorySize: number, extra: readonly string[]): string[] {
  return ['--enable-source-maps', `--max-old-space-size=${heapLimitMb(memorySize)}`, NODE_BOOTSTRAP, ...extra];
}
