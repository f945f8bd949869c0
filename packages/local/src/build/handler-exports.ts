/**
 * Checks that a `nodejs` function's handler names an export its entry module has, before anything runs: a wrong
 * export name is reported with the config's handler string (`src/handlers.ts#hanlder`), the config file, the key
 * path and the exports the module has, instead of the bundle's `index.hanlder is undefined or not exported`.
 *
 * The exports are read from the entry file alone (esbuild, no bundling: a few ms). An entry that re-exports with
 * `export *` is bundled (as an ES module, not written) to list its exports exactly. A CommonJS entry cannot be told
 * statically: it is not checked here (the bootstrap still answers `Runtime.HandlerNotFound` when it runs).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type ConfigIssue, type LocalFunction, parseHandler } from '@lambdaport/config';
import * as esbuild from 'esbuild';

/** The exports of an entry module, or undefined when they cannot be told (a CommonJS module, a file missing). */
export async function entryExports(file: string): Promise<readonly string[] | undefined> {
  if (!existsSync(file)) return undefined;
  const dir = path.dirname(file);
  const read = async (bundle: boolean) => {
    const result = await esbuild.build({
      absWorkingDir: dir,
      entryPoints: [file],
      bundle,
      ...(bundle ? { platform: 'node' as const, packages: 'external' as const } : {}),
      format: 'esm',
      write: false,
      metafile: true,
      outdir: path.join(dir, '.lambdaport-exports-check'),
      logLevel: 'silent',
    });
    const input = Object.entries(result.metafile.inputs).find(([name]) => path.resolve(dir, name) === file)?.[1];
    const output = Object.values(result.metafile.outputs).find((out) => out.entryPoint !== undefined);
    return { format: input?.format, exports: output?.exports ?? [], reexportsAll: /\bexport\s*\*/.test(text(result)) };
  };
  try {
    const plain = await read(false);
    if (plain.format === 'cjs') return undefined;
    if (!plain.reexportsAll) return plain.exports;
    return (await read(true)).exports;
  } catch {
    // a syntax error or an unresolvable import: the build reports it, with its own message
    return undefined;
  }
}

function text(result: esbuild.BuildResult): string {
  return result.outputFiles?.map((file) => file.text).join('\n') ?? '';
}

/** The key path of a function's handler in its config: `functions.get.handler`, `functions.get.versions.1.handler`. */
export function handlerKeyPath(fn: LocalFunction): string {
  return fn.current ? `functions.${fn.name}.handler` : `functions.${fn.name}.versions.${fn.major}.handler`;
}

/**
 * What is wrong with `fn`'s handler at `version` given its entry's exports, or undefined when it is fine (or cannot
 * be told). The sentence names the handler string, the entry file and the exports it has.
 *
 * @example
 * handlerProblem(fn, '$LATEST', ['handler', 'urlHandler']);
 * // 'handler "src/handlers.ts#hanlder": src/handlers.ts has no export "hanlder"; its exports: handler, urlHandler'
 */
export function handlerProblem(
  fn: LocalFunction,
  version: string,
  exports: readonly string[] | undefined,
): string | undefined {
  const handler = fn.versions.get(version)?.handler;
  if (handler === undefined || exports === undefined) return undefined;
  const ref = parseHandler(fn.dir, handler);
  // a dotted export (`handlers.get`) is looked up from its first name
  const name = ref.exportName.split('.')[0]!;
  if (exports.includes(name)) return undefined;
  const file = path.relative(fn.dir, ref.file);
  const has = exports.length === 0 ? 'it has no exports' : `its exports: ${[...exports].sort().join(', ')}`;
  return `handler ${JSON.stringify(handler)}: ${file} has no export ${JSON.stringify(name)}; ${has}`;
}

/**
 * Checks the handler export of every `nodejs` function version; resolves with one issue per wrong export (the config
 * file, the handler's key path, the sentence of {@link handlerProblem}), none when all are fine.
 *
 * @example
 * const issues = await handlerExportIssues(functions);
 * if (issues.length > 0) throw new ConfigError(issues);
 */
export async function handlerExportIssues(functions: readonly LocalFunction[]): Promise<ConfigIssue[]> {
  const byFile = new Map<string, Promise<readonly string[] | undefined>>();
  const checks = functions.flatMap((fn) =>
    [...fn.versions.values()]
      .filter((v) => v.runtime === 'nodejs' && v.version === '$LATEST')
      .map(async (v): Promise<ConfigIssue | undefined> => {
        let file: string;
        try {
          file = parseHandler(fn.dir, v.handler).file;
        } catch {
          return undefined; // a malformed handler string: the environment answers Runtime.MalformedHandlerName
        }
        let exports = byFile.get(file);
        if (exports === undefined) {
          exports = entryExports(file);
          byFile.set(file, exports);
        }
        const problem = handlerProblem(fn, v.version, await exports);
        return problem === undefined ? undefined : { file: fn.configFile, path: handlerKeyPath(fn), message: problem };
      }),
  );
  return (await Promise.all(checks)).filter((issue): issue is ConfigIssue => issue !== undefined);
}
