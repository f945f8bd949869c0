/**
 * V8 code caches for CommonJS code on Node 20 (which has no `module.enableCompileCache()`): a bundle and the
 * CommonJS files it loads from `node_modules` (the AWS SDK) are compiled with `vm.Script` and the `cachedData`
 * kept on disk, so a cold start skips parsing and compiling most of its code. Modules behave as `require()` loads
 * them: a real `Module` (in `require.cache`), `require`/`module`/`exports`/`__filename`/`__dirname` as Node makes
 * them, and stack traces mapped to the sources by `--enable-source-maps`. Not for code that calls `import()`: Node 20
 * loses a script's dynamic import callback when it comes from a code cache (CommonJS bundles never do; see
 * bundle-options.ts in @lambdaport/config).
 *
 * A cache file starts with two text lines (`lambdaport-v8cache 1 <sha1 of the source> <sha1 of the Node and V8
 * versions, arch and V8 flags>`, then the sha1 of the data), then V8's data: V8 itself checks only the source's length and its own
 * flags (a bundle rebuilt to the same length must not pick up the old code) and does not checksum the data in
 * release builds (damaged data can crash the process). A missing, stale, damaged or rejected cache is ignored; new
 * ones are written (atomically: a temporary file renamed over it) when `saveCaches()` is called, after an
 * invocation, so that functions compiled lazily by then are in them too. Nothing about a cache can make loading
 * fail. Builtins only.
 */
import crypto = require('node:crypto');
import fs = require('node:fs');
import nodeModule = require('node:module');
import path = require('node:path');
import vm = require('node:vm');

const { createHash } = crypto;
const { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = fs;

const MAGIC = 'lambdaport-v8cache 1';

/**
 * What a cache is valid for besides its source: Node's and V8's versions (a cache written by another Node is
 * rejected by this tag, before V8 sees it), the arch and the V8 flags given.
 */
const FLAGS_TAG = sha1(`${process.version} ${process.versions.v8} ${process.arch} ${process.execArgv.join(' ')}`);

/** Node's CommonJS wrapper (the same text `Module.wrap` uses, so columns on line 1 shift as with `require`). */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_TAIL = '\n});';

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

type Compile = (this: ModuleInternals, content: string, filename: string, format?: string) => unknown;

interface ModuleInternals {
  id: string;
  filename: string;
  paths: string[];
  exports: unknown;
  loaded: boolean;
  require(request: string): unknown;
  _compile: Compile;
}

interface ModuleStatics {
  new (id: string, parent: null): ModuleInternals;
  prototype: ModuleInternals;
  _cache: Record<string, unknown>;
  _extensions: Record<string, unknown>;
  _nodeModulePaths(dir: string): string[];
  _resolveFilename(request: string, parent: ModuleInternals, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: ModuleInternals): string[] | null;
}

const Module = nodeModule as unknown as ModuleStatics;

/** Caches to write: compiled without a usable cache. */
const pending: Array<{ readonly script: vm.Script; readonly file: string; readonly header: string }> = [];

/**
 * Writes the caches of the code compiled since the last call without a usable cache. Call it after an invocation
 * (its result already posted). Never throws.
 *
 * @example
 * saveCaches();
 */
function saveCaches(): void {
  if (pending.length === 0) return;
  for (const { script, file, header } of pending.splice(0)) writeCache(file, header, script);
}

/**
 * Loads `file` (a CommonJS bundle) through `vm.Script` with the code cache beside it (`<file>.v8cache`).
 * Errors of the module itself (a syntax error, a throw at load, a missing package) propagate as `require` would
 * throw them.
 *
 * @example
 * const exports = loadCommonJs('/srv/app/.lambdaport/build/get/src-handlers-ts/index.cjs');
 */
function loadCommonJs(file: string): Record<string, unknown> {
  const mod = new Module(file, null);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  Module._cache[file] = mod;
  try {
    const content = readFileSync(file, 'utf8');
    const wrapper = compile(content, file, `${file}.v8cache`, mod);
    wrapper.call(mod.exports, mod.exports, makeRequire(mod), mod, file, path.dirname(file));
  } catch (error) {
    delete Module._cache[file];
    throw error;
  }
  mod.loaded = true;
  return mod.exports as Record<string, unknown>;
}

/**
 * From now on, CommonJS files under `node_modules` compile with caches kept in `dir` (one file per module and
 * set of V8 flags). Anything else, and any module that fails to compile this way, takes Node's own path.
 *
 * @example
 * cacheNodeModules('/srv/app/.lambdaport/cache/modules');
 */
function cacheNodeModules(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    return;
  }
  const original = Module.prototype._compile;
  Module.prototype._compile = function (this: ModuleInternals, content, filename, format) {
    if (format === 'module' || !filename.includes(NODE_MODULES)) return original.call(this, content, filename, format);
    let wrapper: (...args: unknown[]) => unknown;
    try {
      wrapper = compile(content, filename, path.join(dir, `${sha1(`${filename}\n${FLAGS_TAG}`)}.v8cache`), this);
    } catch {
      // a syntax error: let Node compile it, and throw its own error
      return original.call(this, content, filename, format);
    }
    return wrapper.call(this.exports, this.exports, makeRequire(this), this, filename, path.dirname(filename));
  } as Compile;
}

/** Compiles a CommonJS module's wrapper with the cache in `cacheFile` (read now, written by `saveCaches()`). */
function compile(
  content: string,
  filename: string,
  cacheFile: string,
  mod: ModuleInternals,
): (...args: unknown[]) => unknown {
  // a hashbang is only valid at the very start of a script; keep the line, as a comment
  const source = content.startsWith('#!') ? `//${content.slice(2)}` : content;
  const header = `${MAGIC} ${sha1(source)} ${FLAGS_TAG}\n`;
  const cachedData = readCache(cacheFile, header);
  const code = WRAPPER_HEAD + source + WRAPPER_TAIL;
  let script: vm.Script;
  try {
    script = new vm.Script(code, cachedData === undefined ? { filename } : { filename, cachedData });
  } catch (error) {
    // a syntax error is the code's own; a cache can never cause one, but never let it be the reason
    if (cachedData === undefined) throw error;
    script = new vm.Script(code, { filename });
  }
  if (cachedData === undefined || script.cachedDataRejected !== false)
    pending.push({ script, file: cacheFile, header });
  registerSourceMap(mod, filename, script);
  return script.runInThisContext() as (...args: unknown[]) => unknown;
}

/** The `require` Node gives a module (lib/internal/modules/helpers.js `makeRequireFunction`). */
function makeRequire(mod: ModuleInternals): NodeJS.Require {
  const require = ((request: string) => mod.require(request)) as NodeJS.Require;
  const resolve = ((request: string, options?: unknown) =>
    Module._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => Module._resolveLookupPaths(request, mod);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = Module._extensions as NodeJS.Require['extensions'];
  require.cache = Module._cache as NodeJS.Require['cache'];
  return require;
}

function readCache(cacheFile: string, header: string): Buffer | undefined {
  try {
    const bytes = readFileSync(cacheFile);
    const start = header.length + 41;
    if (bytes.length <= start || bytes.toString('latin1', 0, header.length) !== header) return undefined;
    const data = bytes.subarray(start);
    if (bytes.toString('latin1', header.length, start - 1) !== sha1(data)) return undefined;
    return data;
  } catch {
    return undefined;
  }
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

function sha1(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

/**
 * `--enable-source-maps` maps stack frames through source maps that Node's loaders register; a `vm.Script` is not
 * registered on Node 20. Compiling an empty module under the same file name with just the code's
 * `sourceMappingURL` comment registers the map for that file (tied to `mod`'s lifetime), so its frames name the
 * sources as with `require`.
 */
function registerSourceMap(mod: ModuleInternals, file: string, script: vm.Script): void {
  const url = (script as vm.Script & { sourceMapURL?: string }).sourceMapURL;
  if (typeof url !== 'string' || url === '' || !sourceMapsEnabled()) return;
  try {
    Reflect.apply(originalCompile, mod, [`//# sourceMappingURL=${url}`, file]);
  } catch {
    // stack traces then name the generated lines: worse, but the function still runs
  }
}

const originalCompile = Module.prototype._compile;

function sourceMapsEnabled(): boolean {
  return (
    (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled ?? process.execArgv.includes('--enable-source-maps')
  );
}

export = { cacheNodeModules, loadCommonJs, saveCaches };
