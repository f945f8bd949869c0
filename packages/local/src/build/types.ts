/**
 * What the builder hands the pool: the code of one function version, ready to run, or why it cannot run.
 * See docs/design/environments.md.
 */
import type { LocalFunction } from '../lambda/types.js';

/** A `nodejs` function's bundle: the environment runs our Node bootstrap with `_HANDLER` in `taskRoot`. */
export interface NodeCode {
  readonly kind: 'node';
  /** The folder holding the bundle (`LAMBDA_TASK_ROOT`). */
  readonly taskRoot: string;
  /** The handler as AWS writes it: `index.handler` (module `index` in `taskRoot`, export `handler`). */
  readonly handler: string;
  /**
   * Set when the bundle is ours and CommonJS: the bootstrap keeps a V8 code cache beside it (`index.cjs.v8cache`)
   * and caches of the CommonJS files it loads from node_modules in this folder. Never set for code the user placed.
   */
  readonly codeCacheDir?: string;
}

/** A `provided` function: the environment runs its executable `bootstrap`. */
export interface ProvidedCode {
  readonly kind: 'provided';
  /** The service dir (`LAMBDA_TASK_ROOT`). */
  readonly taskRoot: string;
  /** Absolute path of the executable. */
  readonly bootstrap: string;
  /** The config's handler string (`_HANDLER`). */
  readonly handler: string;
}

/** The code cannot run (a build failed): every call answers this as an init error until it is fixed. */
export interface FailedCode {
  readonly kind: 'error';
  readonly errorType: string;
  readonly errorMessage: string;
}

/**
 * The code of one function version. A new object for every build: the pool compares identities to know
 * that an environment runs stale code.
 */
export type FunctionCode = NodeCode | ProvidedCode | FailedCode;

/** Where the pool gets a function version's code from. */
export interface CodeSource {
  /** The code of `fn` at `version`, built lazily and cached; waits for a pending rebuild. */
  code(fn: LocalFunction, version: string): Promise<FunctionCode>;
  /**
   * The same code, synchronously, when it is built and no rebuild is pending; else `undefined` (then call `code`).
   * The hot path of a warm invocation.
   */
  ready?(fn: LocalFunction, version: string): FunctionCode | undefined;
}

/** Bundles functions with esbuild, and rebuilds them on change in watch mode. */
export interface Builder extends CodeSource {
  /** Stops the file watchers and esbuild contexts. */
  stop(): Promise<void>;
  /** Stops building `fn` (it was removed from the config): its watchers and esbuild contexts stop. */
  forget(fn: LocalFunction): Promise<void>;
}

/** Options of {@link Builder}. */
export interface BuilderOptions {
  /**
   * The folder bundles and code caches are written to: `<root>/build/<service>/<function>/<entry>/`,
   * `<root>/cache/modules/`. `startLocal` gives `<first dir>/.lambdaport` for every service, so that nothing is written
   * in the other service dirs. Default: `<the function's dir>/.lambdaport`.
   */
  readonly root?: string;
  /** Rebuild on source change (watching the bundle's inputs). Default false. */
  readonly watch?: boolean;
  /**
   * Called after a rebuild in watch mode: `built` or `failed` (the caller retires the function's environments), or
   * `kept` (the sources lost an export a handler names: no new build, the last good one keeps serving).
   */
  readonly onRebuilt?: (fn: LocalFunction, rebuild: Rebuild) => void;
  /** Called when a build fails, with esbuild's message (the function answers an init error until fixed). */
  readonly onBuildError?: (fn: LocalFunction, message: string) => void;
}

/** What a rebuild in watch mode did. */
export interface Rebuild {
  readonly outcome: 'built' | 'failed' | 'kept';
  /** From the file change to the new build (ms). */
  readonly durationMs: number;
  /** Why it failed, or why the last good build was kept. */
  readonly message: string | undefined;
}
