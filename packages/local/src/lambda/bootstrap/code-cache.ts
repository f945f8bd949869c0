/**
 * Loading a CommonJS bundle with a V8 code cache (Node 20 has no `module.enableCompileCache()`): the bundle is
 * compiled with `vm.Script` and the `cachedData` kept beside it in `<bundle>.v8cache`, so a cold start skips
 * parsing and compiling most of the bundle. The module behaves as one `require()` would load: a real `Module`
 * (in `require.cache`), `require`/`module`/`exports`/`__filename`/`__dirname`, and stack traces mapped to the
 * sources by `--enable-source-maps`. Not for code that calls `import()`: Node 20 loses a script's dynamic import
 * callback when it comes from a code cache (the builder never asks for a cache then).
 *
 * The cache file starts with two text lines (`lambdaport-v8cache 1 <sha1 of the bundle> <sha1 of node version,
 * arch and V8 flags>`, then the sha1 of the data), then V8's data: V8 itself checks only the source's length and
 * its own flags (a bundle rebuilt to the same length must not pick up the old code), and does not checksum the
 * data in release builds (damaged data can crash the process). A missing, stale or rejected cache is ignored and a
 * new one is written (atomically: a temporary file renamed over it) once the module has run; nothing about the
 * cache can make loading fail. Builtins only.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import nodeModule from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const MAGIC = 'lambdaport-v8cache 1';

/** What V8 checks a cache against besides the source: Node's version, the arch and the V8 flags given. */
const FLAGS_TAG = createHash('sha1')
  .update(`${process.version} ${process.arch} ${process.execArgv.join(' ')}`)
  .digest('hex');

/** Node's CommonJS wrapper (the same text `Module.wrap` uses, so columns on line 1 shift as with `require`). */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_TAIL = '\n});';

interface ModuleInternals {
  filename: string;
  paths: string[];
  exports: unknown;
  loaded: boolean;
  _compile?: (content: string, filename: string) => unknown;
}

interface ModuleStatics {
  new (id: string, parent: null): ModuleInternals;
  _cache: Record<string, unknown>;
  _nodeModulePaths(dir: string): string[];
}

/** A loaded CommonJS module and how to keep its code cache. */
export interface LoadedCommonJs {
  readonly exports: Record<string, unknown>;
  /**
   * Writes the code cache if the one on disk was missing, stale or rejected. Call it once the module has run its
   * first invocation: functions compiled lazily by then are in the cache too. Never throws.
   */
  saveCache(): void;
}

/**
 * Loads `file` (a CommonJS bundle) through `vm.Script` with the code cache beside it.
 * Errors of the module itself (a syntax error, a throw at load, a missing package) propagate as `require` would
 * throw them.
 *
 * @example
 * const { exports, saveCache } = loadCommonJs('/srv/app/.lambdaport/build/get/src-handlers-ts/index.cjs');
 * // ... after the first invocation:
 * saveCache();
 */
export function loadCommonJs(file: string): LoadedCommonJs {
  const Module = nodeModule as unknown as ModuleStatics;
  let source = readFileSync(file, 'utf8');
  // a hashbang is only valid at the very start of a script; keep the line, as a comment
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const sourceHash = sha1(source);
  const cacheFile = `${file}.v8cache`;
  const header = `${MAGIC} ${sourceHash} ${FLAGS_TAG}\n`;
  const cachedData = readCache(cacheFile, header);
  const code = WRAPPER_HEAD + source + WRAPPER_TAIL;
  const options = (data: Buffer | undefined): vm.ScriptOptions => ({
    filename: file,
    ...(data === undefined ? {} : { cachedData: data }),
  });

  let script: vm.Script;
  try {
    script = new vm.Script(code, options(cachedData));
  } catch (error) {
    // a syntax error is the code's own; a cache can never cause one, but never let it be the reason
    if (cachedData === undefined) throw error;
    script = new vm.Script(code, options(undefined));
  }
  const cacheIsGood = cachedData !== undefined && script.cachedDataRejected === false;

  const dir = path.dirname(file);
  const mod = new Module(file, null);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(dir);
  registerSourceMap(mod, file, script);
  Module._cache[file] = mod;
  const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
  try {
    wrapper.call(mod.exports, mod.exports, nodeModule.createRequire(file), mod, file, dir);
  } catch (error) {
    delete Module._cache[file];
    throw error;
  }
  mod.loaded = true;

  let saved = cacheIsGood;
  return {
    exports: mod.exports as Record<string, unknown>,
    saveCache() {
      if (saved) return;
      saved = true;
      writeCache(cacheFile, header, script);
    },
  };
}

function readCache(cacheFile: string, header: string): Buffer | undefined {
  try {
    const bytes = readFileSync(cacheFile);
    // header, then the sha1 of the data (V8 does not checksum it: damaged data can crash the process), then data
    const start = header.length + 41;
    if (bytes.length <= start || bytes.toString('latin1', 0, header.length) !== header) return undefined;
    const data = bytes.subarray(start);
    if (bytes.toString('latin1', header.length, start - 1) !== sha1(data)) return undefined;
    return data;
  } catch {
    return undefined;
  }
}

function sha1(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

function writeCache(cacheFile: string, header: string, script: vm.Script): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    const data = script.createCachedData();
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${header}${sha1(data)}\n`, 'latin1'), data]));
    renameSync(temporary, cacheFile);
  } catch {
    // a read-only folder, a full disk: the next cold start just compiles again
    try {
      rmSync(temporary, { force: true });
    } catch {}
  }
}

/**
 * `--enable-source-maps` maps stack frames through source maps that Node's loaders register; a `vm.Script` is not
 * registered on Node 20. Compiling an empty module under the same file name with just the bundle's
 * `sourceMappingURL` comment registers the map for that file (tied to `mod`'s lifetime), so frames of the bundle
 * name the `.ts` lines as with `require`.
 */
function registerSourceMap(mod: ModuleInternals, file: string, script: vm.Script): void {
  const url = (script as vm.Script & { sourceMapURL?: string }).sourceMapURL;
  const enabled =
    (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled ?? process.execArgv.includes('--enable-source-maps');
  if (!enabled || typeof url !== 'string' || url === '' || typeof mod._compile !== 'function') return;
  try {
    mod._compile(`//# sourceMappingURL=${url}`, file);
  } catch {
    // stack traces then name the bundle's lines: worse, but the function still runs
  }
}
