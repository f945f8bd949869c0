/**
 * A service made ready for a CDK app: its resolved config, each function's bundled code on disk, and each function's
 * policy (CDK constructs are synchronous; loading a config and bundling are not, so they happen first).
 */
import type { FunctionPolicy, LoadedService, PolicyTarget } from '@lambdaport/config';

/** A function's code, ready for `Code.fromAsset`. */
export interface PreparedCode {
  /** The folder to ship: the bundle (`index.cjs` or `index.mjs`, and its source map), or the `bootstrap`. */
  readonly assetDir: string;
  /** Lambda's `Handler`: `index.<export>` for a Node bundle; the config's handler string for a `provided` one. */
  readonly handler: string;
}

/** A service ready to deploy. */
export interface PreparedService {
  readonly service: LoadedService;
  /** The code of each function, by deployed name (one per major). */
  readonly code: ReadonlyMap<string, PreparedCode>;
  /** Each function's policy, by deployed name, for the region, account and partition of `target`. */
  policies(target: PolicyTarget): ReadonlyMap<string, FunctionPolicy>;
}

/** Options of {@link prepareServices}. */
export interface PrepareOptions {
  /** Overrides every config's `stage`. */
  readonly stage?: string | undefined;
  /** Where bundles are written; default `<service dir>/.lambdaport/deploy/<stage>`. */
  readonly bundleDir?: ((service: LoadedService) => string) | undefined;
}
