/**
 * One config function resolved to the functions that serve it: one per API major ("one function per major"). The
 * current major (`version`) is served by the canonical deployed name with alias `v<version>`; each `versions` entry
 * by `<stage>-<service>-<function>-v<N>-<hash6>` with alias `v<N>`, with the function's settings, its own handler,
 * its environment set over the function's, and no Function URL.
 */
import path from 'node:path';
import { aliasName, deployedName, functionArn, olderMajorDeployedName, tableArn, tableName } from 'lambdaport/names';
import { isProvided, type ValidFunction } from '../schema/index.js';
import type { ContractRef, FunctionVersion, LocalFunction, TableGrant } from '../types.js';
import { type ReferenceScope, resolveCalls, resolveEnvironment } from './references.js';
import { resolveLambdaRuntime } from './runtime.js';

/** Where a function is resolved. */
export interface FunctionScope extends ReferenceScope {
  readonly region: string;
  readonly accountId: string;
  readonly dir: string;
  readonly configFile: string;
  readonly hostNodeMajor: number | undefined;
}

/**
 * The functions serving `fn`: the current major's, then each older major's, ascending.
 *
 * @example
 * resolveFunction('get', config.functions.get, scope).map((f) => f.deployedName);
 * // ['dev-records-get-27ab43', 'dev-records-get-v1-b9eb65'] when version is 2 and versions holds 1
 */
export function resolveFunction(name: string, fn: ValidFunction, scope: FunctionScope): LocalFunction[] {
  const lambdaRuntime = resolveLambdaRuntime(fn.runtime, scope.hostNodeMajor);
  const kind: FunctionVersion['runtime'] = isProvided(fn.runtime) ? 'provided' : 'nodejs';
  const description = fn.description ?? '';
  const environment = fn.environment ?? {};
  const shared = {
    name,
    service: scope.service,
    stage: scope.stage,
    region: scope.region,
    accountId: scope.accountId,
    dir: scope.dir,
    configFile: scope.configFile,
    lambdaRuntime,
    runtimeSetting: fn.runtime,
    timeoutSeconds: fn.timeout,
    memorySize: fn.memorySize,
    reservedConcurrency: fn.reservedConcurrency,
    calls: resolveCalls(fn.calls ?? [], scope),
    async:
      fn.async === undefined
        ? undefined
        : {
            maximumRetryAttempts: fn.async.maximumRetryAttempts,
            maximumEventAgeInSeconds: fn.async.maximumEventAgeInSeconds,
            onSuccess: fn.async.onSuccess === undefined ? undefined : resolveCalls([fn.async.onSuccess], scope)[0],
            onFailure: fn.async.onFailure === undefined ? undefined : resolveCalls([fn.async.onFailure], scope)[0],
          },
    tables: grants(fn, scope),
    // Events: resolved in a later step; until then a function publishes, subscribes to and consumes nothing.
    publishes: [],
    subscriptions: [],
    queue: undefined,
  };
  const serving = (
    major: number,
    deployed: string,
    version: Omit<FunctionVersion, 'version'>,
    extra: Pick<LocalFunction, 'current' | 'url' | 'contract'>,
  ): LocalFunction => {
    const published = String(major);
    const alias = aliasName(major);
    return {
      ...shared,
      ...extra,
      major,
      deployedName: deployed,
      arn: functionArn(scope.region, scope.accountId, deployed),
      aliasArn: functionArn(scope.region, scope.accountId, deployed, alias),
      description: version.description,
      versions: new Map([
        ['$LATEST', { version: '$LATEST', ...version }],
        [published, { version: published, ...version }],
      ]),
      aliases: new Map([[alias, published]]),
    };
  };

  const current = serving(
    fn.version,
    deployedName(scope.stage, scope.service, name),
    { runtime: kind, handler: fn.handler, environment: resolveEnvironment(environment, scope), description },
    {
      current: true,
      url: fn.url === undefined ? undefined : { authType: fn.url.authType },
      contract: contractRef(fn.contract, scope.dir),
    },
  );
  const older = Object.entries(fn.versions ?? {})
    .map(([key, entry]) => ({ major: Number(key), entry }))
    .sort((a, b) => a.major - b.major)
    .map(({ major, entry }) =>
      serving(
        major,
        olderMajorDeployedName(scope.stage, scope.service, name, major),
        {
          runtime: kind,
          handler: entry.handler,
          environment: resolveEnvironment({ ...environment, ...(entry.environment ?? {}) }, scope),
          description: entry.description ?? description,
        },
        { current: false, url: undefined, contract: contractRef(entry.contract, scope.dir) },
      ),
    );
  return [current, ...older];
}

function grants(fn: ValidFunction, scope: FunctionScope): TableGrant[] {
  return Object.entries(fn.tables ?? {}).map(([table, access]) => {
    const name = tableName(scope.stage, scope.service, table);
    return { table, tableName: name, tableArn: tableArn(scope.region, scope.accountId, name), access };
  });
}

function contractRef(contract: string | undefined, dir: string): ContractRef | undefined {
  if (contract === undefined) return undefined;
  const hash = contract.lastIndexOf('#');
  return { file: path.resolve(dir, contract.slice(0, hash)), exportName: contract.slice(hash + 1) };
}
