/**
 * The `FunctionConfiguration` shape the SDKs parse (ListFunctions, GetFunction, GetFunctionConfiguration,
 * ListVersionsByFunction), built from a {@link LocalFunction} and one of its versions.
 */
import { createHash } from 'node:crypto';
import { functionArn } from 'lambdaport/names';
import type { FunctionVersion, LocalFunction } from '../types.js';

/** AWS's `LastModified` format: `2024-01-02T03:04:05.678+0000`. */
export function lastModified(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/**
 * The configuration of `fn` at `version` as the Lambda API returns it. `Runtime` is the Lambda runtime the config
 * resolves to (`nodejs22.x`, `nodejs24.x`, `provided.al2023`); `CodeSha256` and `RevisionId` are stable digests of the function's
 * identity and handler (locally there is no deployment package).
 */
export function functionConfiguration(fn: LocalFunction, version: FunctionVersion, startedAt: Date): object {
  const digest = createHash('sha256').update(`${fn.arn}\n${version.version}\n${version.handler}`).digest();
  const hex = digest.toString('hex');
  return {
    FunctionName: fn.deployedName,
    FunctionArn:
      version.version === '$LATEST' ? fn.arn : functionArn(fn.region, fn.accountId, fn.deployedName, version.version),
    Runtime: fn.lambdaRuntime,
    Role: `arn:aws:iam::${fn.accountId}:role/${fn.deployedName}-role`,
    Handler: version.handler,
    CodeSize: 0,
    Description: version.description || fn.description,
    Timeout: fn.timeoutSeconds,
    MemorySize: fn.memorySize,
    LastModified: lastModified(startedAt),
    CodeSha256: digest.toString('base64'),
    Version: version.version,
    Environment: { Variables: { ...version.environment } },
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`,
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: [process.arch === 'arm64' ? 'arm64' : 'x86_64'],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${fn.deployedName}` },
  };
}

/** Versions of `fn` in the order AWS lists them: `$LATEST`, then published versions ascending. */
export function versionsInOrder(fn: LocalFunction): FunctionVersion[] {
  const latest = fn.versions.get('$LATEST');
  const published = [...fn.versions.values()]
    .filter((v) => v.version !== '$LATEST')
    .sort((a, b) => Number(a.version) - Number(b.version));
  return latest === undefined ? published : [latest, ...published];
}

/** The `$LATEST` version of `fn` (or its newest version if a config had none). */
export function latestVersion(fn: LocalFunction): FunctionVersion {
  const latest = fn.versions.get('$LATEST') ?? versionsInOrder(fn).at(-1);
  if (latest === undefined) throw new Error(`Function ${fn.deployedName} has no versions`);
  return latest;
}
