/**
 * `@lambdaport/cdk`: deploy a lambdaport service to AWS from its config. `prepareServices` loads and bundles service
 * dirs (async); `LambdaportService` turns one into CDK resources (functions, tables, its bus, queues, rules);
 * `synthServices` writes the CloudFormation templates (offline); `deployServices`, `diffServices` and
 * `destroyServices` run the CDK toolkit with the user's credentials.
 */

export { type BuildAppOptions, buildApp, stackName } from './app/app.js';
export { type FunctionSummary, type StackSummary, summarize } from './app/summary.js';
export { type SynthOptions, type SynthResult, synthServices } from './app/synth.js';
export type { ServiceBus } from './construct/events.js';
export { ServiceFunction, type ServiceFunctionProps } from './construct/function.js';
export { FunctionQueue, type FunctionQueueProps } from './construct/queues.js';
export { LambdaportService, type LambdaportServiceProps } from './construct/service.js';
export { FunctionSubscriptions, type FunctionSubscriptionsProps } from './construct/subscriptions.js';
export { prepareService, prepareServices } from './prepare/prepare.js';
export type { PreparedCode, PreparedService, PrepareOptions } from './prepare/types.js';
export { DeployError, explainToolkitFailure, type ToolkitFailure, type ToolkitTrace } from './toolkit/errors.js';
export {
  deployServices,
  destroyServices,
  diffServices,
  type ToolkitActionOptions,
  type ToolkitActionResult,
} from './toolkit/run.js';
