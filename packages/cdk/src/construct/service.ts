/**
 * `LambdaportService`: everything a service's config declares, as CDK resources.
 */
import type { LocalFunction, LocalTable } from '@lambdaport/config';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { RemovalPolicy, Stack, Tags } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import type { PreparedService } from '../prepare/types.js';
import { type ServiceBus, serviceBus } from './events.js';
import { ServiceFunction } from './function.js';
import { FunctionQueue } from './queues.js';
import { FunctionSubscriptions } from './subscriptions.js';
import { serviceTable } from './table.js';

/** Props of {@link LambdaportService}. */
export interface LambdaportServiceProps {
  /** The service, loaded and bundled by `prepareServices` / `prepareService`. */
  readonly prepared: PreparedService;
  /** How long function logs are kept. Default one month. */
  readonly logRetention?: RetentionDays | undefined;
  /** What deleting the stack does to the log groups. Default DESTROY (so the stage can be deployed again). */
  readonly logRemovalPolicy?: RemovalPolicy | undefined;
  /** What deleting the stack does to the tables. Default RETAIN: the data stays. */
  readonly tableRemovalPolicy?: RemovalPolicy | undefined;
}

/**
 * One service: per function and API major a function (deployed name as `lambdaport dev` computes it), its published
 * version and alias `v<major>`, its role with the generator's policy, its log group, its SSM names; the Function URLs;
 * the tables (on demand, point-in-time recovery, retained); with `events`, the service's bus; per function `queue`, the
 * queue, its dead-letter queue and the event source mapping; per `subscribe` entry, a rule. Construct ids:
 * `<function>` for the current major's resources (`<function>/Queue`, `<function>/Subscriptions/Rule<i>` under it),
 * `<function>@v<N>` for an older major's, `Table-<table>` for a table, `Bus` for the bus.
 *
 * @example
 * const [prepared] = await prepareServices(['examples/records'], { stage: 'dev' });
 * const stack = new Stack(app, 'dev-records');
 * new LambdaportService(stack, 'Service', { prepared: prepared! });
 */
export class LambdaportService extends Construct {
  /** The functions, by deployed name (one per major). */
  readonly functions: ReadonlyMap<string, ServiceFunction>;
  /** The tables, by config key. */
  readonly tables: ReadonlyMap<string, Table>;
  /** The service's own bus `<stage>-<service>`, when its config declares `events`. */
  readonly bus: ServiceBus | undefined;
  /** The queues in front of functions (`queue`), by deployed name of the function. */
  readonly queues: ReadonlyMap<string, FunctionQueue>;

  constructor(scope: Construct, id: string, props: LambdaportServiceProps) {
    super(scope, id);
    const { service } = props.prepared;
    const stack = Stack.of(this);
    const policies = props.prepared.policies({
      partition: stack.partition,
      region: stack.region,
      accountId: stack.account,
    });
    Tags.of(this).add('lambdaport:service', service.service);
    Tags.of(this).add('lambdaport:stage', service.stage);

    const tables = new Map<string, Table>(
      service.tables.map((table: LocalTable) => [table.name, serviceTable(this, table, props.tableRemovalPolicy)]),
    );
    const bus = serviceBus(this, service);
    const functions = new Map<string, ServiceFunction>();
    const queues = new Map<string, FunctionQueue>();
    for (const fn of service.functions) {
      const resources = new ServiceFunction(this, constructId(fn), {
        fn,
        code: props.prepared.code.get(fn.deployedName)!,
        policy: policies.get(fn.deployedName)!,
        tables,
        bus,
        logRetention: props.logRetention ?? RetentionDays.ONE_MONTH,
        logRemovalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
      });
      functions.set(fn.deployedName, resources);
      // only the current major has a queue and subscriptions (the config resolves none for older majors)
      const queue =
        fn.queue === undefined
          ? undefined
          : new FunctionQueue(resources, 'Queue', { queue: fn.queue, alias: resources.alias });
      if (queue !== undefined) queues.set(fn.deployedName, queue);
      if (fn.subscriptions.length > 0) {
        new FunctionSubscriptions(resources, 'Subscriptions', {
          subscriptions: fn.subscriptions,
          friendlyName: `${fn.service}.${fn.name}`,
          alias: resources.alias,
          queue: queue?.queue,
          ownBus: bus,
        });
      }
    }
    this.functions = functions;
    this.tables = tables;
    this.bus = bus;
    this.queues = queues;
  }
}

function constructId(fn: LocalFunction): string {
  return fn.current ? fn.name : `${fn.name}@v${fn.major}`;
}
