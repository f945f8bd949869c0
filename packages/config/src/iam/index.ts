/**
 * The IAM policy generator: config → one least-privilege policy document per function (per major), with the config
 * origin of each statement. Independent of CDK and of the local runtime: the deploy and `lambdaport dev` enforce
 * the same policies from here.
 */
export {
  CONSUME_QUEUE_ACTIONS,
  INVOKE_ACTIONS,
  LOG_ACTIONS,
  PUBLISH_ACTIONS,
  REGISTRY_ACTIONS,
  TABLE_READ_ACTIONS,
  TABLE_READ_WRITE_ACTIONS,
} from './actions.js';
export { logGroupName } from './arns.js';
export { functionPolicy, servicePolicies } from './policy.js';
export type { FunctionPolicy, PolicyDocument, PolicyStatement, PolicyTarget, StatementOrigin } from './types.js';
