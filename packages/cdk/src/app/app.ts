/**
 * The CDK app of a set of prepared services: one stack per service, `<stage>-<service>`.
 */
import { App, Stack } from 'aws-cdk-lib/core';
import { LambdaportService, type LambdaportServiceProps } from '../construct/service.js';
import type { PreparedService } from '../prepare/types.js';

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
 * deploy time).
 *
 * @example
 * const app = buildApp(await prepareServices(['examples/records']), { outdir: 'cdk.out' });
 * app.synth();
 */
export function buildApp(services: readonly PreparedService[], options: BuildAppOptions): App {
  const app = new App({ outdir: options.outdir, builtinCloudFormationValidation: options.validation ?? true });
  for (const prepared of services) {
    const { service, stage } = prepared.service;
    const name = stackName(stage, service);
    const stack = new Stack(app, name, {
      stackName: name,
      description: `lambdaport service ${service}, stage ${stage} (from ${prepared.service.configFile.split('/').slice(-2).join('/')})`,
    });
    new LambdaportService(stack, 'Service', { ...options.service, prepared });
  }
  return app;
}
