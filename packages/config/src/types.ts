/**
 * What a resolved config is made of: the functions and versions every tool serves or deploys.
 */

/** One deployable unit: a function at one version, resolved from the config. */
export interface FunctionVersion {
  /** `$LATEST` or a published version number as a string ("1", "2"). */
  readonly version: string;
  readonly runtime: 'nodejs' | 'provided';
  /** nodejs: `path/file.ts#export` relative to the service dir; provided: path of the executable bootstrap. */
  readonly handler: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly description: string;
}

/** A function as the local Lambda service knows it. */
export interface LocalFunction {
  /** Friendly name within the service: `get`. */
  readonly name: string;
  readonly service: string;
  readonly stage: string;
  readonly region: string;
  readonly accountId: string;
  /** `<stage>-<service>-<function>-<6-char hash>`. */
  readonly deployedName: string;
  /** `arn:aws:lambda:<region>:<account>:function:<deployedName>`. */
  readonly arn: string;
  /** Absolute path of the service dir (where its config lives). */
  readonly dir: string;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
  readonly reservedConcurrency: number | undefined;
  readonly url: { readonly authType: 'NONE' | 'AWS_IAM' } | undefined;
  readonly description: string;
  /** `$LATEST` plus any published versions, keyed by version string. */
  readonly versions: ReadonlyMap<string, FunctionVersion>;
  /** Aliases (`v1`, `v2`) → version string. */
  readonly aliases: ReadonlyMap<string, string>;
}
