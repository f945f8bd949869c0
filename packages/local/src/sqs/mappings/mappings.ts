/**
 * The event source mappings of the runtime: created, read, listed, updated and deleted as the Lambda API does it
 * (checks and errors in AWS's words), kept in the {@link MappingStore}, and polled by {@link MappingPollers} while
 * enabled. See docs/design/events.md.
 */
import { randomUUID } from 'node:crypto';
import { functionArn } from 'lambdaport/names';
import { HttpError } from '../../http/errors.js';
import { FunctionRegistry, resolveQualifier } from '../../lambda/api/function-name.js';
import type { Invoker, LocalFunction } from '../../lambda/types.js';
import type { SqsService } from '../service.js';
import {
  DEFAULT_BATCH_SIZE,
  type Mapping,
  type MappingOrigin,
  type MappingSettings,
  type MappingState,
  mappingArn,
} from './model.js';
import { MappingPollers, type MappingTarget, queueUrlOf } from './poller.js';
import type { MappingRequest } from './request.js';
import type { RoleCheck } from './role-check.js';
import { MappingStore } from './store.js';

/** Options of {@link createEventSourceMappings}. */
export interface EventSourceMappingsOptions {
  /** `<state>/sqs/event-source-mappings.json`; undefined: in memory (`--ephemeral`). */
  readonly file: string | undefined;
  readonly sqs: Pick<SqsService, 'run'>;
  readonly invoker: Invoker;
  readonly functions: readonly LocalFunction[];
  readonly region: string;
  readonly accountId: string;
  /** May the function's role read the queue (IAM); default: yes. */
  readonly mayReceive?: RoleCheck | undefined;
  /** The local cap of concurrent batches of one mapping (the environments of a function version). */
  readonly maxPollers: number;
  readonly log: (line: string) => void;
}

/** The mappings. Every method that fails throws an {@link HttpError} the Lambda API answers as it is. */
export interface EventSourceMappings {
  create(request: MappingRequest, origin?: MappingOrigin): Promise<Mapping>;
  get(uuid: string): Mapping;
  list(filter: { functionName?: string | undefined; eventSourceArn?: string | undefined }): Mapping[];
  update(uuid: string, request: MappingRequest, origin?: MappingOrigin): Promise<Mapping>;
  delete(uuid: string, origin?: MappingOrigin): Promise<Mapping>;
  /** The API's answer for a mapping (`EventSourceMappingConfiguration`), in the state given or its own. */
  describe(mapping: Mapping, state?: MappingState): Record<string, unknown>;
  /** Serves these functions from now on (a reload). */
  setFunctions(functions: readonly LocalFunction[]): void;
  /** How many pollers a mapping runs now (0 when disabled). */
  pollersOf(uuid: string): number;
  /** Stops every poller; resolves when no invocation of theirs is left running. No poller starts after. */
  stop(): Promise<void>;
}

/**
 * Opens the mappings (those of `file`, made through the API before) and starts polling the enabled ones.
 *
 * @example
 * const mappings = createEventSourceMappings({ file, sqs, invoker, functions, region, accountId, maxPollers: 4, log });
 * await mappings.create({ FunctionName: 'dev-orders-notify', EventSourceArn: 'arn:aws:sqs:us-east-1:000000000000:q' });
 */
export function createEventSourceMappings(options: EventSourceMappingsOptions): EventSourceMappings {
  const store = MappingStore.open(options.file);
  const registry = new FunctionRegistry(options.functions, options.region, options.accountId);
  const pollers = new Map<string, MappingPollers>();
  const stopping = new Set<Promise<void>>();
  let stopped = false;

  const target = (mapping: Mapping): MappingTarget | undefined => {
    const fn = registry.get(mapping.functionName);
    if (fn === undefined) return undefined;
    const version = mapping.qualifier === undefined ? '$LATEST' : resolveQualifier(fn, mapping.qualifier);
    if (version === undefined) return undefined;
    return { fn, version, invokedArn: functionArn(fn.region, fn.accountId, fn.deployedName, mapping.qualifier) };
  };
  const context = { ...options, run: options.sqs.run, target };

  const stopPolling = (uuid: string): void => {
    const running = pollers.get(uuid);
    if (running === undefined) return;
    pollers.delete(uuid);
    const done = running.stop();
    stopping.add(done);
    void done.finally(() => stopping.delete(done));
  };
  const startPolling = (mapping: Mapping): void => {
    if (stopped || !mapping.enabled || pollers.has(mapping.uuid)) return;
    let last = mapping;
    const running = new MappingPollers(context, () => {
      last = store.get(mapping.uuid) ?? last;
      return last;
    });
    pollers.set(mapping.uuid, running);
    running.start();
  };

  const find = (uuid: string): Mapping => {
    const mapping = store.get(uuid);
    if (mapping === undefined) {
      throw new HttpError(404, 'ResourceNotFoundException', 'The resource you requested does not exist.', {
        messageKey: 'Message',
      });
    }
    return mapping;
  };

  /** The checks AWS makes of a mapping's settings (function, queue, batching, duplicates, the role). */
  const check = async (settings: MappingSettings, uuid: string | undefined): Promise<void> => {
    const fn = registry.get(settings.functionName)!;
    const queue = await queueOf(settings.eventSourceArn);
    if (queue.visibilityTimeout < fn.timeoutSeconds) {
      throw invalid(
        `Queue visibility timeout: ${queue.visibilityTimeout} seconds is less than Function timeout: ${fn.timeoutSeconds} seconds`,
      );
    }
    if (settings.batchSize > 10 && settings.maximumBatchingWindowInSeconds < 1) {
      throw invalid('Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
    }
    if (queue.fifo && settings.batchSize > 10) {
      throw invalid(
        `BatchSize must be at most 10 for a FIFO queue (${settings.eventSourceArn}); got ${settings.batchSize}`,
      );
    }
    if (queue.fifo && settings.maximumBatchingWindowInSeconds > 0) {
      throw invalid('MaximumBatchingWindowInSeconds is not supported for a FIFO queue');
    }
    const same = store
      .list()
      .find(
        (m) =>
          m.uuid !== uuid &&
          m.eventSourceArn === settings.eventSourceArn &&
          m.functionName === settings.functionName &&
          m.qualifier === settings.qualifier,
      );
    if (same !== undefined) {
      throw new HttpError(
        409,
        'ResourceConflictException',
        `An event source mapping with SQS arn (" ${settings.eventSourceArn} ") and function (" ${fn.deployedName} ") already exists. Please update or delete the existing mapping with UUID ${same.uuid}`,
      );
    }
    if (options.mayReceive !== undefined && !(await options.mayReceive(fn, settings.eventSourceArn))) {
      throw invalid('The function execution role does not have permissions to call ReceiveMessage on SQS');
    }
  };

  const queueOf = async (arn: string): Promise<{ visibilityTimeout: number; fifo: boolean }> => {
    const parts = arn.split(':');
    if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'sqs') {
      throw invalid(`The local runtime maps only SQS queues (arn:aws:sqs:<region>:<account>:<queue>); got ${arn}.`);
    }
    const missing = invalid(
      'Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist for this wsdl version.',
    );
    if (parts[3] !== options.region || parts[4] !== options.accountId) throw missing;
    try {
      const output = (await options.sqs.run('GetQueueAttributes', {
        QueueUrl: queueUrlOf(arn),
        AttributeNames: ['VisibilityTimeout', 'FifoQueue'],
      })) as { Attributes?: Record<string, string> };
      return {
        visibilityTimeout: Number(output.Attributes?.VisibilityTimeout ?? 30),
        fifo: output.Attributes?.FifoQueue === 'true',
      };
    } catch {
      throw missing;
    }
  };

  /** Resolves a FunctionName (404 for an unknown function). */
  const functionOf = (name: string): { deployedName: string; qualifier: string | undefined } => {
    const resolved = registry.resolve(name, undefined);
    return { deployedName: resolved.fn.deployedName, qualifier: resolved.qualifier };
  };

  const guardOrigin = (mapping: Mapping, origin: MappingOrigin): void => {
    if (mapping.origin.kind === 'config' && origin.kind === 'api') {
      throw invalid(
        `The event source mapping ${mapping.uuid} comes from the service config (${mapping.origin.configFile}, key ${mapping.origin.keyPath}); change it there.`,
      );
    }
  };

  for (const mapping of store.list()) startPolling(mapping);

  return {
    async create(request, origin = { kind: 'api' }) {
      if (request.FunctionName === undefined) throw invalid('FunctionName is required.');
      if (request.EventSourceArn === undefined) throw invalid('EventSourceArn is required.');
      const fn = functionOf(request.FunctionName);
      const settings: MappingSettings = {
        eventSourceArn: request.EventSourceArn,
        functionName: fn.deployedName,
        qualifier: fn.qualifier,
        enabled: request.Enabled ?? true,
        batchSize: request.BatchSize ?? DEFAULT_BATCH_SIZE,
        maximumBatchingWindowInSeconds: request.MaximumBatchingWindowInSeconds ?? 0,
        functionResponseTypes: [...(request.FunctionResponseTypes ?? [])],
        maximumConcurrency: request.ScalingConfig?.MaximumConcurrency,
      };
      await check(settings, undefined);
      const mapping: Mapping = { ...settings, uuid: randomUUID(), lastModified: Date.now(), origin };
      await store.put(mapping);
      startPolling(mapping);
      return mapping;
    },
    get: find,
    list(filter) {
      let wanted: { deployedName: string; qualifier: string | undefined } | undefined;
      if (filter.functionName !== undefined) wanted = functionOf(filter.functionName);
      return store
        .list()
        .filter(
          (m) =>
            (wanted === undefined ||
              (m.functionName === wanted.deployedName &&
                (wanted.qualifier === undefined || m.qualifier === wanted.qualifier))) &&
            (filter.eventSourceArn === undefined || m.eventSourceArn === filter.eventSourceArn),
        );
    },
    async update(uuid, request, origin = { kind: 'api' }) {
      const current = find(uuid);
      guardOrigin(current, origin);
      if (request.EventSourceArn !== undefined && request.EventSourceArn !== current.eventSourceArn) {
        throw invalid('EventSourceArn cannot be changed: delete the mapping and create another.');
      }
      const fn =
        request.FunctionName === undefined
          ? { deployedName: current.functionName, qualifier: current.qualifier }
          : functionOf(request.FunctionName);
      const scaling = request.ScalingConfig;
      const settings: MappingSettings = {
        eventSourceArn: current.eventSourceArn,
        functionName: fn.deployedName,
        qualifier: fn.qualifier,
        enabled: request.Enabled ?? current.enabled,
        batchSize: request.BatchSize ?? current.batchSize,
        maximumBatchingWindowInSeconds:
          request.MaximumBatchingWindowInSeconds ?? current.maximumBatchingWindowInSeconds,
        functionResponseTypes: [...(request.FunctionResponseTypes ?? current.functionResponseTypes)],
        maximumConcurrency: scaling === undefined ? current.maximumConcurrency : scaling.MaximumConcurrency,
      };
      await check(settings, uuid);
      const mapping: Mapping = { ...current, ...settings, lastModified: Date.now() };
      await store.put(mapping);
      if (!mapping.enabled) stopPolling(uuid);
      else startPolling(mapping);
      return mapping;
    },
    async delete(uuid, origin = { kind: 'api' }) {
      const mapping = find(uuid);
      guardOrigin(mapping, origin);
      stopPolling(uuid);
      await store.delete(uuid);
      return mapping;
    },
    describe(mapping, state) {
      return {
        UUID: mapping.uuid,
        BatchSize: mapping.batchSize,
        MaximumBatchingWindowInSeconds: mapping.maximumBatchingWindowInSeconds,
        EventSourceArn: mapping.eventSourceArn,
        FunctionArn: functionArn(options.region, options.accountId, mapping.functionName, mapping.qualifier),
        LastModified: mapping.lastModified / 1000,
        State: state ?? (mapping.enabled ? 'Enabled' : 'Disabled'),
        StateTransitionReason: 'USER_INITIATED',
        FunctionResponseTypes: [...mapping.functionResponseTypes],
        ...(mapping.maximumConcurrency === undefined
          ? {}
          : { ScalingConfig: { MaximumConcurrency: mapping.maximumConcurrency } }),
        EventSourceMappingArn: mappingArn(options.region, options.accountId, mapping.uuid),
      };
    },
    setFunctions(functions) {
      registry.replace(functions);
    },
    pollersOf: (uuid) => pollers.get(uuid)?.size ?? 0,
    async stop() {
      stopped = true;
      for (const uuid of [...pollers.keys()]) stopPolling(uuid);
      await Promise.all([...stopping]);
      await store.settled();
    },
  };
}

function invalid(message: string): HttpError {
  return new HttpError(400, 'InvalidParameterValueException', message);
}
