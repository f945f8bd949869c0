/**
 * Parses a `nodejs` function's handler string from the config: `path/file.ts#export` (lambdaport's form) or
 * `path/file.export` (AWS's form, the file's extension found on disk).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** A handler string split into the entry file and the export. */
export interface HandlerRef {
  /** Absolute path of the entry file. */
  readonly file: string;
  /** The export (may be a dotted path, `handlers.get`, as AWS allows). */
  readonly exportName: string;
}

const EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.tsx', '.jsx'] as const;

/**
 * Splits `src/handlers.ts#handler` (or AWS's `src/handlers.handler`) relative to `dir`.
 *
 * @example
 * parseHandler('/srv/records', 'src/handlers.ts#get'); // { file: '/srv/records/src/handlers.ts', exportName: 'get' }
 */
export function parseHandler(dir: string, handler: string): HandlerRef {
  const hash = handler.lastIndexOf('#');
  if (hash !== -1) {
    const file = handler.slice(0, hash);
    const exportName = handler.slice(hash + 1) || 'handler';
    if (!file) throw new Error(`Bad handler "${handler}": expected "path/file.ts#export"`);
    return { file: path.resolve(dir, file), exportName };
  }
  const slash = handler.lastIndexOf('/');
  const dot = handler.indexOf('.', slash + 1);
  if (dot === -1) throw new Error(`Bad handler "${handler}": expected "path/file.ts#export"`);
  const base = path.resolve(dir, handler.slice(0, dot));
  const exportName = handler.slice(dot + 1);
  const found = EXTENSIONS.map((ext) => base + ext).find((candidate) => existsSync(candidate));
  return { file: found ?? `${base}.js`, exportName };
}
