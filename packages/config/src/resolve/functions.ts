/**
 * One config function resolved to the functions that serve it: one per API major ("one function per major"). The
 * current major (`version`) is served by the canonical deployed name with alias `v<version>`; each `versions` entry
 * by `<stage>-<service>-<function>-v<N>-<hash6>` with alias `v<N>`, with the function's settings, its own handler,
 * its environment set over the function's, and no Function URL.
 */
import {
  aliasName,
  deployedName,
  EVENT_BUS_VARIABLE,
  functionArn,
  olderMajorDeployedName,
  tableArn,
  tableName,
} from 'lambdaport/names';
import { isProvided, type ValidFunction } from '../schema/index.js';
import type { FunctionVersion, LocalEvent, LocalFunction, TableGrant } from '../types.js';
import { contractRef } from './contract-ref.js';
import { type EventScope, publishedEvents, resolveQueue, resolveSubscriptions } from './events.js';
import { resolveCalls, resolveEnvironment } from './references.js';
import { resolveLambdaRuntime } from './runtime.js';

/** Where a function is resolved. */
export interface FunctionScope extends EventScope {
  readonly configFile: string;
  readonly hostNodeMajor: number | undefined;
  /** The events of the service (`events`), resolved. */
  readonly events: readonly LocalEvent[];
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
  };
  const serving = (
    major: number,
    deployed: string,
    version: Omit<FunctionVersion, 'version'>,
    extra: Pick<LocalFunction, 'current' | 'url' | 'contract' | 'publishes' | 'subscriptions' | 'queue'>,
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

  const publishes = publishedEvents(fn, scope.events);
  // a publisher learns its bus from the environment (createPublisher's default); set over the config's own value
  const eventBus: Record<string, string> =
    publishes[0] === undefined ? {} : { [EVENT_BUS_VARIABLE]: publishes[0].busName };
  const current = serving(
    fn.version,
    deployedName(scope.stage, scope.service, name),
    {
      runtime: kind,
      handler: fn.handler,
      environment: { ...resolveEnvironment(environment, scope), ...eventBus },
      description,
    },
    {
      current: true,
      url: fn.url === undefined ? undefined : { authType: fn.url.authType },
      contract: contractRef(fn.contract, scope.dir),
      publishes,
      subscriptions: resolveSubscriptions(name, fn, scope),
      queue: resolveQueue(name, fn, scope),
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
        {
          current: false,
          url: undefined,
          contract: contractRef(entry.contract, scope.dir),
          publishes: [],
          subscriptions: [],
          queue: undefined,
        },
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
