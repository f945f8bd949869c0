/**
 * The builder: one esbuild context per function entry, built lazily on the first call, rebuilt on change in
 * watch mode (fs.watch on the folders of the bundle's inputs). A failed build never throws: the function's
 * code is then a `FailedCode` that the pool answers as an init error until the next good build.
 *
 * Before each build, the entry's exports are checked against the handlers it serves (handler-exports.ts): a handler
 * naming an export the module lacks answers `Runtime.HandlerNotFound` with the config's handler string; a rebuild
 * that would lose a handler's export is not made: the last good build keeps serving, and `onRebuilt` says so.
 */
import { type FSWatcher, rmSync, watch as watchFs } from 'node:fs';
import path from 'node:path';
import { BUNDLE_FILES, type BundleFormat, bundleOptions, needsEsm, parseHandler } from '@lambdaport/config';
import * as esbuild from 'esbuild';
import type { LocalFunction } from '../lambda/types.js';
import { entryExports } from './handler-exports.js';
import { linkServiceModules } from './service-modules.js';
import type { Builder, BuilderOptions, FunctionCode, ProvidedCode } from './types.js';

/** How long file events are gathered before a rebuild starts. */
const DEBOUNCE_MS = 10;

/**
 * Creates a builder. `code(fn, version)` bundles on first use; in watch mode a saved file triggers a rebuild,
 * then `onRebuilt(fn)`; a `code()` call made meanwhile waits for the new build.
 *
 * @example
 * const builder = createBuilder({ watch: true, onRebuilt: (fn) => invoker.retire(fn) });
 * const code = await builder.code(fn, '$LATEST'); // { kind: 'node', taskRoot: '<dir>/.lambdaport/build/records/get/src-handlers-ts', handler: 'index.handler' }
 * await builder.stop();
 */
export function createBuilder(options: BuilderOptions = {}): Builder {
  const entries = new Map<string, Entry>();
  const provided = new Map<string, ProvidedCode>();
  /** Where each function version's code comes from, resolved once (the handler string is parsed on the first call). */
  const resolved = new WeakMap<LocalFunction, Map<string, { entry: Entry; exportName: string; handler: string }>>();
  let stopped = false;

  return {
    ready(fn: LocalFunction, version: string): FunctionCode | undefined {
      const at = resolved.get(fn)?.get(version);
      return at === undefined ? undefined : at.entry.ready()?.codeFor(at.exportName, at.handler);
    },

    async code(fn: LocalFunction, version: string): Promise<FunctionCode> {
      const v = fn.versions.get(version);
      if (!v) throw new Error(`Function ${fn.arn} has no version ${version}`);
      if (v.runtime === 'provided') {
        const key = `${fn.arn}\0${v.handler}`;
        let code = provided.get(key);
        if (!code) {
          code = { kind: 'provided', taskRoot: fn.dir, bootstrap: path.resolve(fn.dir, v.handler), handler: v.handler };
          provided.set(key, code);
        }
        return code;
      }
      let ref: ReturnType<typeof parseHandler>;
      try {
        ref = parseHandler(fn.dir, v.handler);
      } catch (error) {
        return { kind: 'error', errorType: 'Runtime.MalformedHandlerName', errorMessage: (error as Error).message };
      }
      const key = `${fn.arn}\0${ref.file}`;
      let entry = entries.get(key);
      if (!entry) {
        if (stopped) throw new Error('The builder is stopped');
        entry = new Entry(fn, ref.file, options);
        entries.set(key, entry);
      }
      let versions = resolved.get(fn);
      if (versions === undefined) {
        versions = new Map();
        resolved.set(fn, versions);
      }
      versions.set(version, { entry, exportName: ref.exportName, handler: v.handler });
      entry.serve(ref.exportName, v.handler);
      const build = await entry.current();
      return build.codeFor(ref.exportName, v.handler);
    },

    async forget(fn: LocalFunction): Promise<void> {
      const mine = [...entries].filter(([key]) => key.startsWith(`${fn.arn}\0`));
      for (const [key] of mine) entries.delete(key);
      await Promise.all(mine.map(([, entry]) => entry.stop()));
    },

    async stop(): Promise<void> {
      stopped = true;
      await Promise.all([...entries.values()].map((entry) => entry.stop()));
      entries.clear();
    },
  };
}

/** One finished build (good or failed); its codes are stable objects for its lifetime. */
class Build {
  private readonly codes = new Map<string, FunctionCode>();

  constructor(
    private readonly taskRoot: string,
    readonly failure: { errorType: string; errorMessage: string } | undefined,
    private readonly codeCacheDir: string | undefined = undefined,
    /** The entry's exports (undefined when they cannot be told statically: then the bootstrap finds out). */
    private readonly exports: readonly string[] | undefined = undefined,
    private readonly entryFile = '',
  ) {}

  /** The code running `exportName`; `handler` (the config's string) names it when the entry lacks that export. */
  codeFor(exportName: string, handler: string): FunctionCode {
    let code = this.codes.get(exportName);
    if (!code) {
      const missing = this.exports !== undefined && !this.exports.includes(exportName.split('.')[0]!);
      code = this.failure
        ? { kind: 'error', ...this.failure }
        : missing
          ? { kind: 'error', ...handlerNotFound(handler, this.entryFile, this.exports ?? []) }
          : this.codeCacheDir === undefined
            ? { kind: 'node', taskRoot: this.taskRoot, handler: `index.${exportName}` }
            : {
                kind: 'node',
                taskRoot: this.taskRoot,
                handler: `index.${exportName}`,
                codeCacheDir: this.codeCacheDir,
              };
      this.codes.set(exportName, code);
    }
    return code;
  }
}

/** One function entry file: its esbuild context, watchers and latest build. */
class Entry {
  private context: esbuild.BuildContext<{ metafile: true }> | undefined;
  /** CommonJS until esbuild says the code needs an ES module; then ESM for the life of the entry. */
  private format: BundleFormat = 'cjs';
  private building: Promise<Build> | undefined;
  private latest: Build | undefined;
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly watchers = new Map<string, FSWatcher>();
  private inputs = new Set<string>();
  /** The exports this entry serves (each function version's), with the config's handler string. */
  private readonly served = new Map<string, string>();
  private readonly outDir: string;
  private readonly cacheDir: string;
  private stopped = false;
  /** Ends the debounce of a scheduled rebuild (set while one waits). */
  private releaseDebounce: (() => void) | undefined;

  constructor(
    private readonly fn: LocalFunction,
    private readonly file: string,
    private readonly options: BuilderOptions,
  ) {
    const rel = path.relative(fn.dir, file).replace(/[^A-Za-z0-9_-]+/g, '-');
    // an older major's function has a folder of its own (`get-v1`), so two majors never write one bundle
    const folder = fn.current ? fn.name : `${fn.name}-v${fn.major}`;
    const root = options.root ?? path.join(fn.dir, '.lambdaport');
    const serviceBuilds = path.join(root, 'build', fn.service);
    this.outDir = path.join(serviceBuilds, folder, rel);
    this.cacheDir = path.join(root, 'cache', 'modules');
    // bundles outside the service dir find its `@aws-sdk/*` (external) through a link to its node_modules
    linkServiceModules(serviceBuilds, fn.dir);
  }

  /** Records that a function version runs `exportName` of this entry (`handler` as the config writes it). */
  serve(exportName: string, handler: string): void {
    this.served.set(exportName, handler);
  }

  /** The latest build when no build is in progress or scheduled. */
  ready(): Build | undefined {
    return this.building === undefined ? this.latest : undefined;
  }

  /** The latest build, waiting for one in progress or scheduled. */
  current(): Promise<Build> {
    if (this.building) return this.building;
    if (this.latest) return Promise.resolve(this.latest);
    this.building = this.run(false);
    return this.building;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // a rebuild waiting out its debounce is let go now (it returns the latest build): waiting on it would never end
    this.releaseDebounce?.();
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    await this.building?.catch(() => undefined);
    await this.context?.dispose();
    this.context = undefined;
  }

  private async run(isRebuild: boolean): Promise<Build> {
    if (this.stopped && this.latest !== undefined) {
      this.building = undefined;
      return this.latest;
    }
    const started = performance.now();
    let build: Build;
    let kept: string | undefined;
    do {
      this.dirty = false;
      // a first build reads the exports alongside the bundle; a rebuild first (it may keep the last good build)
      const exports = entryExports(this.file);
      kept = await this.lostExport(exports);
      build = kept === undefined ? await this.buildOnce(exports) : this.latest!;
    } while (this.dirty && !this.stopped);
    this.latest = build;
    this.building = undefined;
    if (isRebuild && !this.stopped) {
      const durationMs = Math.round(performance.now() - started);
      const outcome = kept !== undefined ? 'kept' : build.failure ? 'failed' : 'built';
      this.options.onRebuilt?.(this.fn, { outcome, durationMs, message: kept ?? build.failure?.errorMessage });
    }
    return build;
  }

  /**
   * When a good build serves and the entry no longer has an export a handler names: why (the build is then not
   * made, and the good one keeps serving). Else undefined.
   */
  private async lostExport(pending: Promise<readonly string[] | undefined>): Promise<string | undefined> {
    if (this.latest === undefined || this.latest.failure !== undefined) return undefined;
    const exports = await pending;
    if (exports === undefined) return undefined;
    for (const [exportName, handler] of this.served) {
      if (!exports.includes(exportName.split('.')[0]!))
        return handlerNotFound(handler, this.file, exports).errorMessage;
    }
    return undefined;
  }

  private async buildOnce(pendingExports: Promise<readonly string[] | undefined>): Promise<Build> {
    try {
      let result = await this.bundle();
      if (this.format === 'cjs' && needsEsm(result.warnings)) {
        await this.useEsm();
        result = await this.bundle();
      }
      this.inputs = new Set(
        Object.keys(result.metafile.inputs)
          .filter((input) => !input.includes('node_modules') && !input.includes(':'))
          .map((input) => path.resolve(this.fn.dir, input)),
      );
      this.removeOtherFormat();
      this.watch();
      const exports = await pendingExports;
      return new Build(this.outDir, undefined, this.format === 'cjs' ? this.cacheDir : undefined, exports, this.file);
    } catch (error) {
      const failure = describeBuildError(error, this.fn.dir);
      this.options.onBuildError?.(this.fn, failure.errorMessage);
      this.inputs.add(this.file);
      this.watch();
      return new Build(this.outDir, failure);
    }
  }

  /** One build in the current format; a CommonJS build that fails because the code needs ESM is redone as ESM. */
  private async bundle(): Promise<esbuild.BuildResult<{ metafile: true }>> {
    this.context ??= await esbuild.context(bundleOptions(this.fn.dir, this.file, this.outDir, this.format));
    try {
      return await this.context.rebuild();
    } catch (error) {
      const errors = (error as { errors?: esbuild.Message[] }).errors ?? [];
      if (this.format !== 'cjs' || !needsEsm(errors)) throw error;
      await this.useEsm();
      return this.context.rebuild();
    }
  }

  private async useEsm(): Promise<void> {
    this.format = 'esm';
    const old = this.context;
    this.context = await esbuild.context(bundleOptions(this.fn.dir, this.file, this.outDir, this.format));
    await old?.dispose();
  }

  /** The bootstrap finds `index.cjs` or `index.mjs`: a bundle of the other format left from before must go. */
  private removeOtherFormat(): void {
    const other = BUNDLE_FILES[this.format === 'cjs' ? 'esm' : 'cjs'];
    for (const file of [other, `${other}.map`, `${other}.v8cache`]) {
      rmSync(path.join(this.outDir, file), { force: true });
    }
  }

  /** Watches the folders of the inputs (editors often replace a file, which a file watch would miss). */
  private watch(): void {
    if (!this.options.watch || this.stopped) return;
    const dirs = new Set([...this.inputs].map((input) => path.dirname(input)));
    for (const [dir, watcher] of this.watchers) {
      if (!dirs.has(dir)) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (this.watchers.has(dir)) continue;
      try {
        const watcher = watchFs(dir, { persistent: false }, (_event, name) => {
          if (name === null || this.inputs.has(path.join(dir, name.toString()))) this.changed();
        });
        watcher.on('error', () => watcher.close());
        this.watchers.set(dir, watcher);
      } catch {
        // a folder that vanished: its files are rebuilt when another input changes
      }
    }
  }

  private changed(): void {
    if (this.stopped) return;
    this.dirty = true;
    if (this.building) return;
    const waited = new Promise<void>((resolve) => {
      this.releaseDebounce = resolve;
    });
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.releaseDebounce?.();
    }, DEBOUNCE_MS);
    this.building = waited.then(() => this.run(true));
  }
}

/**
 * A handler naming an export its module lacks, in the config's words: `Runtime.HandlerNotFound`
 * `src/handlers.ts#hanlder is undefined or not exported (src/handlers.ts exports handler, urlHandler)`.
 */
function handlerNotFound(
  handler: string,
  file: string,
  exports: readonly string[],
): { errorType: string; errorMessage: string } {
  const entry = path.basename(file);
  const has = exports.length === 0 ? `${entry} has no exports` : `${entry} exports ${[...exports].sort().join(', ')}`;
  return { errorType: 'Runtime.HandlerNotFound', errorMessage: `${handler} is undefined or not exported (${has})` };
}

/** esbuild's failure as an init error: a syntax error, or a module that cannot be resolved. */
function describeBuildError(error: unknown, dir: string): { errorType: string; errorMessage: string } {
  const messages = (error as { errors?: esbuild.Message[] }).errors;
  const first = messages?.[0];
  if (!first) {
    return { errorType: 'Runtime.UserCodeSyntaxError', errorMessage: `Build failed: ${String(error)}` };
  }
  const where = first.location
    ? ` (${path.relative(dir, path.resolve(dir, first.location.file))}:${first.location.line}:${first.location.column})`
    : '';
  if (first.text.startsWith('Could not resolve')) {
    return { errorType: 'Runtime.ImportModuleError', errorMessage: `Error: ${first.text}${where}` };
  }
  return { errorType: 'Runtime.UserCodeSyntaxError', errorMessage: `SyntaxError: ${first.text}${where}` };
}
