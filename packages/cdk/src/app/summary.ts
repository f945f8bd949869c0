/**
 * What a stack declares, in words: functions, aliases, URLs, tables, SSM parameters, the bus, queues and rules, and
 * each role's permissions.
 */
import { type FunctionPolicy, functionLabel } from '@lambdaport/config';
import { ssmAliasParameter, ssmFunctionParameter } from 'lambdaport/names';
import type { PreparedService } from '../prepare/types.js';
import { stackName } from './app.js';

/** One function (one major) of a stack. */
export interface FunctionSummary {
  /** `records.get`, or `records.get@v1` for an older major's function. */
  readonly label: string;
  readonly deployedName: string;
  readonly runtime: string;
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  readonly alias: string;
  /** The Function URL's auth type, when it has one. */
  readonly url: 'NONE' | 'AWS_IAM' | undefined;
  /** Its role's statements: `lambda:InvokeFunction → function:dev-records-get-27ab43:v1`. */
  readonly permissions: readonly string[];
}

/** One stack: what `lambdaport synth` prints and writes. */
export interface StackSummary {
  readonly stackName: string;
  readonly service: string;
  readonly stage: string;
  readonly functions: readonly FunctionSummary[];
  /** DynamoDB table names. */
  readonly tables: readonly string[];
  /** SSM parameter names. */
  readonly parameters: readonly string[];
  /** The service's bus (`<stage>-<service>`), when it declares `events`. */
  readonly bus: string | undefined;
  /** Each function's queue: `dev-mailer-notify → mailer.notify (batch 10, window 0 s, dead-letter queue ... after 5 receives)`. */
  readonly queues: readonly string[];
  /** Each rule: `dev-mailer-notify-0 on dev-shop → queue dev-mailer-notify` (or `→ alias v1 of mailer.audit`). */
  readonly rules: readonly string[];
}

/**
 * The summary of a prepared service's stack.
 *
 * @example
 * summarize(prepared).functions.map((f) => f.label); // ['records.get', 'records.getUrl']
 */
export function summarize(prepared: PreparedService): StackSummary {
  const { service } = prepared;
  const policies = prepared.policies({ region: 'REGION', accountId: 'ACCOUNT' });
  return {
    stackName: stackName(service.stage, service.service),
    service: service.service,
    stage: service.stage,
    functions: service.functions.map((fn) => ({
      label: functionLabel(fn),
      deployedName: fn.deployedName,
      runtime: fn.lambdaRuntime,
      memorySize: fn.memorySize,
      timeoutSeconds: fn.timeoutSeconds,
      alias: `v${fn.major}`,
      url: fn.url?.authType,
      permissions: permissions(policies.get(fn.deployedName)!),
    })),
    tables: service.tables.map((table) => table.tableName),
    parameters: service.functions.flatMap((fn) => [
      ...(fn.current ? [ssmFunctionParameter(fn.stage, fn.service, fn.name)] : []),
      ssmAliasParameter(fn.stage, fn.service, fn.name, fn.major),
    ]),
    bus: service.events[0]?.busName,
    queues: service.functions.flatMap((fn) =>
      fn.queue === undefined
        ? []
        : [
            `${fn.queue.queueName} → ${functionLabel(fn)} (batch ${fn.queue.batchSize}, window ${fn.queue.maximumBatchingWindowInSeconds} s, visibility ${fn.queue.visibilityTimeout} s, dead-letter queue ${fn.queue.deadLetter.queueName} after ${fn.queue.maxReceiveCount} receives)`,
          ],
    ),
    rules: service.functions.flatMap((fn) =>
      fn.subscriptions.map(
        (rule) =>
          `${rule.ruleName} on ${rule.busName} → ${fn.queue === undefined ? `alias v${fn.major} of ${functionLabel(fn)}` : `queue ${fn.queue.queueName}`}`,
      ),
    ),
  };
}

/** Each statement as `<actions> → <resources without the ARN's prefix>`. */
function permissions(policy: FunctionPolicy): string[] {
  return policy.document.Statement.map((statement) => {
    const actions =
      statement.Action.length > 2
        ? `${statement.Action.length} ${statement.Action[0]!.split(':')[0]} actions`
        : statement.Action.join(', ');
    const resources = statement.Resource.map((arn) => arn.replace(/^arn:aws:[a-z0-9-]+:REGION:ACCOUNT:/, ''));
    return `${statement.Sid}: ${actions} → ${resources.join(', ')}`;
  });
}
