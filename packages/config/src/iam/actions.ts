/**
 * The IAM actions each config key grants. Read access covers what reading items needs (a transaction's condition
 * check included); read-write adds the writes. `DescribeTable` lets the SDKs and tools read the key schema.
 */

/** What a `calls` entry allows on the callee's alias. */
export const INVOKE_ACTIONS: readonly string[] = ['lambda:InvokeFunction'];

/**
 * What the typed client's SSM registry calls on a callee service's path (`GetParametersByPath`, recursive, without
 * decryption; AWS authorizes it against the path asked for).
 */
export const REGISTRY_ACTIONS: readonly string[] = ['ssm:GetParametersByPath'];

/** `tables.<table>: 'read'`. */
export const TABLE_READ_ACTIONS: readonly string[] = [
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
];

/** `tables.<table>: 'read-write'`: the reads and the writes. */
export const TABLE_READ_WRITE_ACTIONS: readonly string[] = [
  ...TABLE_READ_ACTIONS,
  'dynamodb:BatchWriteItem',
  'dynamodb:DeleteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
];

/** What the function's own log group needs (the group itself is created by the deploy, not by the function). */
export const LOG_ACTIONS: readonly string[] = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/** `publishes`: sending events to the service's own bus. */
export const PUBLISH_ACTIONS: readonly string[] = ['events:PutEvents'];

/**
 * `queue`: what the event source mapping polling the function's queue needs (on AWS it polls with the function's
 * role).
 */
export const CONSUME_QUEUE_ACTIONS: readonly string[] = [
  'sqs:ChangeMessageVisibility',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
  'sqs:ReceiveMessage',
];
