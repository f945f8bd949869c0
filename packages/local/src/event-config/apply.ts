/**
 * Applies the configs' events locally, at start and at each config reload (docs/design/events.md): makes the planned
 * buses, queues, mappings and rules, and removes the config-made ones no longer planned. What a config made is
 * marked (a rule by its Description, a mapping by its origin) or remembered (buses and queues made in this run);
 * what was made through the APIs is left alone.
 */
import type { LoadedService } from '@lambdaport/config';
import type { EventBridgeService } from '../events/index.js';
import type { LocalFunction } from '../lambda/types.js';
import type { SqsService } from '../sqs/index.js';
import type { EventSourceMappings, MappingOrigin } from '../sqs/mappings/index.js';
import { CONFIG_RULE_MARK, CONFIG_TARGET_ID, type ConfigPlan, type PlannedMapping, planConfigEvents } from './plan.js';

/** Options of {@link createConfigEvents}. */
export interface ConfigEventsOptions {
  readonly eventBridge: Pick<EventBridgeService, 'run'>;
  readonly sqs: Pick<SqsService, 'run'>;
  readonly mappings: EventSourceMappings;
  readonly log: (line: string) => void;
}

/** The configs' events, applied. */
export interface ConfigEvents {
  /** Makes what the configs ask for and removes what they no longer do; answers one line per subscription served. */
  apply(services: readonly LoadedService[], functions: readonly LocalFunction[]): Promise<string[]>;
}

interface Rules {
  readonly bus: string;
  readonly name: string;
  readonly description: string | undefined;
}

/**
 * Creates the applier of a runtime.
 *
 * @example
 * const configEvents = createConfigEvents({ eventBridge, sqs, mappings, log });
 * for (const line of await configEvents.apply(served.services, served.functions)) log(line);
 */
export function createConfigEvents(options: ConfigEventsOptions): ConfigEvents {
  const { eventBridge, sqs, mappings, log } = options;
  /** Buses and queues this run made, and the config mappings by `<file> <key path>`. */
  const madeBuses = new Set<string>();
  const madeQueues = new Set<string>();
  const madeMappings = new Map<string, { uuid: string; origin: MappingOrigin }>();

  const ensureBus = async (name: string): Promise<void> => {
    try {
      await eventBridge.run('DescribeEventBus', { Name: name });
    } catch {
      await eventBridge.run('CreateEventBus', { Name: name });
      madeBuses.add(name);
    }
  };

  const ensureQueue = async (name: string, attributes: Readonly<Record<string, string>>): Promise<void> => {
    try {
      const { QueueUrl } = (await sqs.run('GetQueueUrl', { QueueName: name })) as { QueueUrl: string };
      if (Object.keys(attributes).length > 0) await sqs.run('SetQueueAttributes', { QueueUrl, Attributes: attributes });
    } catch (error) {
      if ((error as Error).name !== 'QueueDoesNotExist') throw error;
      await sqs.run('CreateQueue', { QueueName: name, Attributes: attributes });
      madeQueues.add(name);
    }
  };

  const applyMapping = async (planned: PlannedMapping): Promise<void> => {
    const key = `${planned.configFile} ${planned.keyPath}`;
    const origin = { kind: 'config', configFile: planned.configFile, keyPath: planned.keyPath } as const;
    const request = {
      FunctionName: planned.functionName,
      EventSourceArn: planned.queueArn,
      Enabled: true,
      BatchSize: planned.batchSize,
      MaximumBatchingWindowInSeconds: planned.maximumBatchingWindowInSeconds,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    };
    const made = madeMappings.get(key);
    try {
      if (made !== undefined) await mappings.update(made.uuid, request, origin);
      else madeMappings.set(key, { uuid: (await mappings.create(request, origin)).uuid, origin });
    } catch (error) {
      log(
        `events: the event source mapping of ${planned.keyPath} (${planned.configFile}) was refused: ${(error as Error).message}`,
      );
    }
  };

  /** Every rule of every bus. */
  const allRules = async (): Promise<Rules[]> => {
    const { EventBuses } = (await eventBridge.run('ListEventBuses', {})) as { EventBuses: { Name: string }[] };
    const rules: Rules[] = [];
    for (const bus of EventBuses) {
      let token: string | undefined;
      do {
        const out = (await eventBridge.run('ListRules', {
          EventBusName: bus.Name,
          ...(token === undefined ? {} : { NextToken: token }),
        })) as { Rules: { Name: string; Description?: string }[]; NextToken?: string };
        for (const rule of out.Rules) rules.push({ bus: bus.Name, name: rule.Name, description: rule.Description });
        token = out.NextToken;
      } while (token !== undefined);
    }
    return rules;
  };

  const removeRule = async (rule: Rules): Promise<void> => {
    const input = { Rule: rule.name, EventBusName: rule.bus };
    const { Targets } = (await eventBridge.run('ListTargetsByRule', input)) as { Targets: { Id: string }[] };
    if (Targets.length > 0) await eventBridge.run('RemoveTargets', { ...input, Ids: Targets.map((t) => t.Id) });
    await eventBridge.run('DeleteRule', { Name: rule.name, EventBusName: rule.bus });
  };

  const removeStale = async (plan: ConfigPlan): Promise<void> => {
    const wanted = new Set(plan.rules.map((r) => `${r.bus}/${r.name}`));
    for (const rule of await allRules()) {
      if (rule.description?.startsWith(CONFIG_RULE_MARK) && !wanted.has(`${rule.bus}/${rule.name}`)) {
        await removeRule(rule);
        log(`events: rule ${rule.name} on ${rule.bus} removed (no longer in the config)`);
      }
    }
    const plannedMappings = new Set(plan.mappings.map((m) => `${m.configFile} ${m.keyPath}`));
    for (const [key, made] of madeMappings) {
      if (plannedMappings.has(key)) continue;
      madeMappings.delete(key);
      await mappings.delete(made.uuid, made.origin);
    }
    const plannedQueues = new Set(plan.queues.map((q) => q.name));
    for (const name of madeQueues) {
      if (plannedQueues.has(name)) continue;
      madeQueues.delete(name);
      await sqs.run('DeleteQueue', { QueueUrl: `http://127.0.0.1/${name}` }).catch(() => {});
    }
    const plannedBuses = new Set(plan.buses);
    for (const name of madeBuses) {
      if (plannedBuses.has(name)) continue;
      madeBuses.delete(name);
      // a bus that still has rules (made through the API) stays
      await eventBridge.run('DeleteEventBus', { Name: name }).catch(() => {});
    }
  };

  return {
    async apply(services, functions) {
      const plan = planConfigEvents(services, functions);
      for (const bus of plan.buses) await ensureBus(bus);
      for (const queue of plan.queues) await ensureQueue(queue.name, queue.attributes);
      for (const mapping of plan.mappings) await applyMapping(mapping);
      for (const rule of plan.rules) {
        const input = { Name: rule.name, EventBusName: rule.bus };
        await eventBridge.run('PutRule', {
          ...input,
          EventPattern: rule.pattern,
          State: 'ENABLED',
          Description: rule.description,
        });
        const out = (await eventBridge.run('PutTargets', {
          Rule: rule.name,
          EventBusName: rule.bus,
          Targets: [{ Id: CONFIG_TARGET_ID, Arn: rule.targetArn }],
        })) as { FailedEntryCount: number; FailedEntries: { ErrorMessage: string }[] };
        if (out.FailedEntryCount > 0) log(`events: rule ${rule.name}: ${out.FailedEntries[0]?.ErrorMessage}`);
      }
      await removeStale(plan);
      return plan.rules.map((rule) => rule.line);
    },
  };
}
