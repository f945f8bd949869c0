/**
 * `startLocal()`: the whole local runtime in one call. Loads and validates the configs, opens the state
 * (SSM parameters, DynamoDB tables, seeded), starts the front door on one port, creates the environment pool
 * (with `AWS_ENDPOINT_URL` pointing back at the front door and the fake credentials), writes each function's
 * ARN to SSM, and returns the URL and a `stop()` that leaves nothing running.
 */

import path from 'node:path';
import { functionLabel, type LoadedService, type LocalTable } from '@lambdaport/config';
import { ssmAliasParameter, ssmFunctionParameter } from 'lambdaport/names';
import { createBuilder } from './build/index.js';
import { createDynamoDbService, type DynamoDbService } from './dynamodb/index.js';
import { createConfigEvents } from './event-config/index.js';
import { createEventBridgeService } from './events/index.js';
import type { LocalPages } from './http/pages.js';
import { createAuthorizer, type IamMode } from './iam/authorizer.js';
import { createIdentities } from './iam/identities.js';
import { asyncSettingsOf } from './lambda/async/async-settings.js';
import {
  type AsyncEvents,
  createAsyncEvents,
  DEFAULT_RETRY_DELAYS_MS,
  type QueueSummary,
} from './lambda/async/index.js';
import {
  checkNodeRuntimes,
  createInvoker,
  defaultMaxMemoryMb,
  findNode,
  INVOKER_DEFAULTS,
  type LocalInvoker,
  type LogEntry,
  localNodeRuntime,
  type MemoryReport,
  type NodeBinary,
} from './lambda/environments/index.js';
import type { InvocationRequest, InvocationResult, Invoker, LocalFunction } from './lambda/types.js';
import { createObservedCalls, type ObservedCall } from './observed/observed-calls.js';
import { watchConfigFiles } from './reload/config-watcher.js';
import { createConfigReload, loadServed, type ServedConfig } from './reload/reload-config.js';
import { type FrontDoor, startFrontDoor } from './server.js';
import { createSqsService } from './sqs/index.js';
import { createEventSourceMappings, createRoleCheck } from './sqs/mappings/index.js';
import { createSsmService, type SsmService } from './ssm/index.js';
import { resolveState } from './state/index.js';

export type { LocalEventQueue, LocalRuntime, StartLocalOptions } from './local-runtime.js';

import type { LocalRuntime, StartLocalOptions } from './local-runtime.js';

/**
 * Starts the local runtime. Rejects with `ConfigError` (and starts nothing) when a config is invalid, and with
 * `NodeRuntimeError` when a function's runtime names a Node that is not installed.
 *
 * @example
 * const local = await startLocal({ dirs: ['examples/records'], ephemeral: true });
 * const lambda = new LambdaClient({ endpoint: local.url, region: 'us-east-1' });
 * await lambda.send(new InvokeCommand({ FunctionName: local.functions[0].deployedName, Payload: '{"id":1}' }));
 * await local.stop();
 */
export async function startLocal(options: StartLocalOptions): Promise<LocalRuntime> {
  if (options.dirs.length === 0) throw new TypeError('startLocal: `dirs` must name at least one service dir');
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const debugWanted = process.env.LAMBDAPORT_DEBUG !== undefined && !['', '0'].includes(process.env.LAMBDAPORT_DEBUG);
  const debug = options.debug ?? (debugWanted ? (line: string) => process.stderr.write(`debug: ${line}\n`) : () => {});
  // a handler naming an export its module lacks is a config error too, reported before anything starts
  let served: ServedConfig = await loadServed(options.dirs, options.stage);
  const { services, functions, tables } = served;
  const first = services[0]!;
  const credentials = options.credentials ?? { accessKeyId: 'test', secretAccessKey: 'test' };
  const identities = createIdentities({ accountId: first.accountId, developer: credentials });
  const maxMemoryMb = options.maxMemoryMb ?? defaultMaxMemoryMb();
  if (!(maxMemoryMb > 0))
    throw new TypeError(`startLocal: \`maxMemoryMb\` must be a positive number of MB, got ${maxMemoryMb}`);
  const nodes = await checkNodeRuntimes(functions);
  const nodeOf = (fn: LocalFunction): NodeBinary => {
    const node = nodes.get(localNodeRuntime(fn)) ?? findNode(localNodeRuntime(fn));
    if ('missing' in node) throw new Error(`${fn.deployedName}: ${node.hint}`); // checked above: never
    return node;
  };
  const observed = createObservedCalls();
  const callsPage = () => ({
    type: 'application/json',
    body: `${JSON.stringify({ calls: observed.list() }, null, 2)}\n`,
  });

  // Stopped in this order: the public listener (no new requests), the event source mappings' pollers (batches under
  // way finish) and running events (their calls still served on the environments' listener), the front door, the
  // pool, the builder, the queue, the SQS queues' logs, then the state.
  const parts: Partial<
    Record<
      'drain' | 'mappings' | 'door' | 'invoker' | 'builder' | 'events' | 'sqs' | 'dynamodb' | 'ssm',
      () => Promise<void>
    >
  > = {};
  const stopAll = async (): Promise<void> => {
    const errors: unknown[] = [];
    const order = ['drain', 'mappings', 'door', 'invoker', 'builder', 'events', 'sqs', 'dynamodb', 'ssm'] as const;
    const cleanups = order.flatMap((key) => {
      const stop = parts[key];
      delete parts[key];
      return stop === undefined ? [] : [stop];
    });
    for (const cleanup of cleanups) {
      try {
        await cleanup();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'startLocal: some parts did not stop cleanly');
  };

  try {
    const state = resolveState({ dir: options.dirs[0]!, state: options.state, ephemeral: options.ephemeral });
    const ssm: SsmService = await createSsmService({
      file: state.ssmFile,
      region: first.region,
      accountId: first.accountId,
    });
    parts.ssm = () => ssm.close();
    const dynamodb: DynamoDbService = await createDynamoDbService({ path: state.dynamoDbPath, log });
    parts.dynamodb = () => dynamodb.close();
    await dynamodb.ensureTables(tables);

    // The pool needs the front door's URL (AWS_ENDPOINT_URL) and the front door needs the pool: requests
    // that arrive in between wait for it.
    let ready: Invoker | undefined;
    let resolvePool: (invoker: Invoker) => void = () => {};
    const pool = new Promise<Invoker>((resolve) => {
      resolvePool = resolve;
    });
    // once the pool exists, calls go straight to it (no promise per call)
    const deferred: Invoker = {
      invoke(fn: LocalFunction, version: string, request: InvocationRequest): Promise<InvocationResult> {
        if (ready !== undefined) return ready.invoke(fn, version, request);
        return pool.then((invoker) => invoker.invoke(fn, version, request));
      },
    };
    const retryDelaysMs = options.asyncRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    // replays <state>/events/queue.log (refuses to start when it is damaged)
    // SQS queues (<state>/sqs: queues.json and a log per queue; refuses to start when a log is damaged):
    // rule targets and async destinations
    const sqs = createSqsService({ region: first.region, accountId: first.accountId, dir: state.sqsDir, say: log });
    parts.sqs = () => sqs.close();
    const events: AsyncEvents = createAsyncEvents({
      moreDestinations: [sqs.destinations],
      functions,
      invoker: deferred,
      dir: state.eventsDir,
      region: first.region,
      accountId: first.accountId,
      say: log,
      retryDelaysMs,
      fromConfig: asyncSettingsOf(functions),
    });
    // buses, rules and targets (<state>/events/buses.json); rule targets go through the durable queue
    const eventBridge = createEventBridgeService({
      file: state.eventsDir === undefined ? undefined : path.join(state.eventsDir, 'buses.json'),
      region: first.region,
      accountId: first.accountId,
      destinations: events.destinations,
      say: log,
    });
    parts.events = () => events.queue.close().finally(() => eventBridge.close());
    // event source mappings: those made through the API before (<state>/sqs/event-source-mappings.json) poll again;
    // a mapping is refused when its function's role may not read the queue, as on AWS (docs/design/iam.md)
    const iam = options.iam ?? 'enforce';
    const roleAuthorizer =
      iam === 'off'
        ? undefined
        : createAuthorizer({ mode: iam, functions, identities, region: first.region, accountId: first.accountId });
    const mappings = createEventSourceMappings({
      file: state.root === undefined ? undefined : path.join(state.root, 'sqs', 'event-source-mappings.json'),
      sqs,
      invoker: deferred,
      functions,
      region: first.region,
      accountId: first.accountId,
      mayReceive: createRoleCheck(roleAuthorizer, identities, log),
      maxPollers: options.maxEnvironments ?? INVOKER_DEFAULTS.maxEnvironments,
      log,
    });
    parts.mappings = () => mappings.stop();
    if (!events.queue.durable) {
      log('events: --ephemeral: Event invocations are queued in memory; those not yet run when it stops are lost');
    }
    const door: FrontDoor = await startFrontDoor({
      functions,
      invoker: deferred,
      events,
      services: { ssm, dynamodb, eventBridge, sqs },
      eventSourceMappings: mappings,
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      credentials: { [credentials.accessKeyId]: credentials.secretAccessKey },
      identities,
      iam,
      region: first.region,
      accountId: first.accountId,
      log,
      debug,
      ...(options.headersTimeoutMs !== undefined ? { headersTimeoutMs: options.headersTimeoutMs } : {}),
      ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      onInvoke: (invocation) => observed.record(invocation),
      pages: (page) => (page === 'calls' ? callsPage() : options.pages?.(page)),
    });
    parts.door = () => door.close();
    parts.drain = async () => {
      door.closePublic();
      await mappings.stop(); // no new batch; those under way finish
      await events.queue.drain(options.drainGraceMs ?? 10_000);
    };

    let invoker: LocalInvoker | undefined;
    const builder = createBuilder({
      // every service's builds and caches under the first dir's `.lambdaport/`: nothing in the other service dirs
      root: path.resolve(options.dirs[0]!, '.lambdaport'),
      watch: options.watch ?? false,
      onRebuilt: (fn, rebuild) => {
        const label = functionLabel(fn);
        if (rebuild.outcome === 'kept') log(`${label}: ${rebuild.message}; still serving the last good build`);
        else if (rebuild.outcome === 'built') log(`${label} rebuilt in ${rebuild.durationMs} ms`);
        if (rebuild.outcome !== 'kept') invoker?.retire(fn);
      },
      onBuildError: (fn, message) => log(`build of ${functionLabel(fn)} failed: ${message}`),
    });
    parts.builder = () => builder.stop();
    const stages = new Set(functions.map((fn) => fn.stage));
    // functions call the environments' own listener: it keeps serving them while a stop drains their events
    const env: Record<string, string> = { AWS_ENDPOINT_URL: door.internalUrl };
    // the adapters validate every output locally (docs/design/adapters.md); `LAMBDAPORT_VALIDATE_OUTPUT=0` turns it off
    env.LAMBDAPORT_VALIDATE_OUTPUT = process.env.LAMBDAPORT_VALIDATE_OUTPUT ?? '1';
    if (stages.size === 1) env.LAMBDAPORT_STAGE = [...stages][0]!;
    invoker = createInvoker({
      builder,
      // each function its own role's credentials (docs/design/iam.md)
      credentials: (fn) => identities.roleOf(fn),
      env,
      ...(options.onLog ? { onLog: options.onLog } : {}),
      ...(options.maxEnvironments !== undefined ? { maxEnvironments: options.maxEnvironments } : {}),
      ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
      ...(options.prebootSpares !== undefined ? { prebootSpares: options.prebootSpares } : {}),
      maxMemoryMb,
      nodeFor: nodeOf,
    });
    const running = invoker;
    parts.invoker = () => running.stop();
    ready = invoker;
    resolvePool(invoker);

    // One function per major: `.../<function>` names the current major's function, `.../<function>/v<N>` the alias
    // of the function serving major N (the current one's or an older one's).
    for (const fn of functions) {
      if (fn.current) await ssm.put(ssmFunctionParameter(fn.stage, fn.service, fn.name), fn.arn);
      await ssm.put(ssmAliasParameter(fn.stage, fn.service, fn.name, fn.major), fn.aliasArn);
    }

    // in the background: the first call of each memory size then finds a booted process
    invoker.preboot(functions);
    // the configs' buses, subscription rules, queues and event source mappings (docs/design/events.md)
    const configEvents = createConfigEvents({ eventBridge, sqs, mappings, log });
    let servedSubscriptions = await configEvents.apply(services, functions);
    for (const line of servedSubscriptions) log(line);

    // the events of the last run (and those accepted while starting) are delivered from now on
    events.queue.start();

    const reload = createConfigReload({
      dirs: options.dirs,
      stage: options.stage,
      served: () => served,
      log,
      async apply(next, changes) {
        // a function whose Node runtime is missing is refused here, as at start (NodeRuntimeError: not reloaded)
        for (const [runtime, node] of await checkNodeRuntimes(next.functions)) nodes.set(runtime, node);
        await dynamodb.ensureTables(next.tables);
        for (const fn of changes.added) {
          if (fn.current) await ssm.put(ssmFunctionParameter(fn.stage, fn.service, fn.name), fn.arn);
          await ssm.put(ssmAliasParameter(fn.stage, fn.service, fn.name, fn.major), fn.aliasArn);
        }
        door.setFunctions(next.functions);
        events.setFunctions(next.functions);
        roleAuthorizer?.setFunctions(next.functions);
        mappings.setFunctions(next.functions);
        const subscribed = await configEvents.apply(next.services, next.functions);
        for (const line of subscribed) if (!servedSubscriptions.includes(line)) log(`${line} (config reloaded)`);
        servedSubscriptions = subscribed;
        // environments of the old settings stop (busy ones after their call); the next call starts a new one
        for (const fn of [...changes.removed, ...changes.changed.map((change) => change.before)]) running.retire(fn);
        await Promise.all(changes.removed.map((fn) => builder.forget(fn)));
        running.preboot([...changes.added, ...changes.changed.map((change) => change.after)]);
        served = next;
      },
    });
    const configWatcher = options.watch
      ? watchConfigFiles(
          services.map((s) => s.configFile),
          reload,
        )
      : undefined;

    let stopping: Promise<void> | undefined;
    return {
      url: door.url,
      internalUrl: door.internalUrl,
      port: door.port,
      host: door.host,
      get services() {
        return served.services;
      },
      get functions() {
        return served.functions;
      },
      get tables() {
        return served.tables;
      },
      functionUrl: door.functionUrl,
      maxMemoryMb,
      nodeOf,
      memory: () => running.memory(),
      observedCalls: () => observed.list(),
      events: {
        durable: events.queue.durable,
        file: state.eventsDir === undefined ? undefined : `${state.eventsDir}/queue.log`,
        retryDelaysMs,
        summary: () => events.queue.summary(),
      },
      stop() {
        configWatcher?.close();
        stopping ??= stopAll();
        return stopping;
      },
    };
  } catch (error) {
    await stopAll().catch(() => {});
    throw error;
  }
}
