/**
 * The CDK app of a set of prepared services: one stack per service, `<stage>-<service>`.
 */
import { Annotations, App, Stack } from 'aws-cdk-lib/core';
import { LambdaportService, type LambdaportServiceProps } from '../construct/service.js';
import type { PreparedService } from '../prepare/types.js';
import { orderStacksByBus, type ServiceStack } from './stack-order.js';

/**
 * The stack name of a service in a stage: `<stage>-<service>` (also its template's file name, `<name>.template.json`).
 *
 * @example
 * stackName('dev', 'records'); // 'dev-records'
 */
export function stackName(stage: string, service: string): string {
  return `${stage}-${service}`;
}

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /** Where `app.synth()` writes the cloud assembly. */
  readonly outdir: string;
  /** CDK's built-in CloudFormation template validation (as `cdk synth`; `--no-validation` turns it off). Default true. */
  readonly validation?: boolean | undefined;
  /** Settings passed to every service's construct. */
  readonly service?: Omit<LambdaportServiceProps, 'prepared'> | undefined;
}

/**
 * An app with one stack per service, environment-agnostic (the account and region come from the credentials at
 * deploy time). A stack whose rules are on another service's bus depends on that service's stack (deployed first);
 * when two services subscribe to each other's buses, the dependency closing the cycle is left out with a warning on
 * the stack.
 *
 * @example
 * const app = buildApp(await prepareServices(['examples/records']), { outdir: 'cdk.out' });
 * app.synth();
 */
export function buildApp(services: readonly PreparedService[], options: BuildAppOptions): App {
  const app = new App({ outdir: options.outdir, builtinCloudFormationValidation: options.validation ?? true });
  const stacks: ServiceStack[] = [];
  for (const prepared of services) {
    const { service, stage } = prepared.service;
    const name = stackName(stage, service);
    const stack = new Stack(app, name, {
      stackName: name,
      description: `lambdaport service ${service}, stage ${stage} (from ${prepared.service.configFile.split('/').slice(-2).join('/')})`,
    });
    new LambdaportService(stack, 'Service', { ...options.service, prepared });
    stacks.push({ prepared, stack });
  }
  for (const cycle of orderStacksByBus(stacks)) {
    const subscriber = stacks.find((s) => s.prepared.service.service === cycle.subscriber)!.stack;
    Annotations.of(subscriber).addWarningV2(
      'lambdaport:events-cycle',
      `${cycle.subscriber} has rules on the bus ${cycle.busName} of ${cycle.publisher}, which has rules on a bus of ${cycle.subscriber}: not ordered; the first deploy of the two fails unless one of the buses exists (see docs/deploy.md)`,
    );
  }
  return app;
}
