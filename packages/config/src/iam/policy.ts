/**
 * The policy generator: a function's least-privilege policy, derived from its config and nothing else.
 *
 * | config                        | statement `Sid`             | actions                                   | resources                                  |
 * | ----------------------------- | --------------------------- | ----------------------------------------- | ------------------------------------------ |
 * | (always)                      | `Logs`                      | logs:CreateLogStream, logs:PutLogEvents   | its own log group's streams                |
 * | `calls[i]`: `records.get@v1`  | `InvokeRecordsGetV1`        | lambda:InvokeFunction                     | the alias ARN of the function serving v1   |
 * | `calls` to a service          | `RegistryRecords`           | ssm:GetParametersByPath                   | `parameter/lambdaport/<stage>/records`     |
 * | `tables.<t>: 'read'`          | `TableReadT`                | Get/BatchGet/Query/Scan/ConditionCheck... | the table and `<table>/index/*`            |
 * | `tables.<t>: 'read-write'`    | `TableReadWriteT`           | the reads and Put/Update/Delete/BatchWrite| the table and `<table>/index/*`            |
 * | `publishes`                   | `PublishEvents`             | events:PutEvents                          | its service's bus `<stage>-<service>` only |
 * | `queue`                       | `ConsumeQueue`              | sqs:Receive/DeleteMessage, ChangeMessage- | its queue `<stage>-<service>-<function>`   |
 * |                               |                             | Visibility, GetQueueAttributes            |                                            |
 *
 * No statement has a `*` resource. Used by the deploy (`@lambdaport/cdk`) and, for the same policies locally, by
 * `lambdaport dev`.
 */
import { friendlyName } from 'lambdaport/names';
import { ConfigError, type ConfigIssue } from '../errors.js';
import type { LoadedService, LocalFunction, ResolvedCall } from '../types.js';
import {
  CONSUME_QUEUE_ACTIONS,
  INVOKE_ACTIONS,
  LOG_ACTIONS,
  PUBLISH_ACTIONS,
  REGISTRY_ACTIONS,
  TABLE_READ_ACTIONS,
  TABLE_READ_WRITE_ACTIONS,
} from './actions.js';
import { aliasArn, eventBusArn, logGroupArn, queueArn, ssmPathArn, tableArns } from './arns.js';
import { pascal, SidSet } from './sids.js';
import type { FunctionPolicy, PolicyStatement, PolicyTarget, StatementOrigin } from './types.js';

interface Draft {
  readonly statement: PolicyStatement;
  readonly origin: { grant: string; paths: string[] };
}

/**
 * The policy of one function (one major). Throws a ConfigError when a `calls` entry cannot be resolved to an alias
 * ARN: its service was not loaded alongside, so its deployed names and majors are unknown.
 *
 * @example
 * const [create] = (await loadServices(['examples/records', 'examples/orders']))[1]!.functions;
 * functionPolicy(create!, { region: 'us-east-1', accountId: '123456789012' }).document.Statement.map((s) => s.Sid);
 * // ['Logs', 'InvokeRecordsGetV1', 'InvokeOrdersRecordV1', 'RegistryRecords', 'RegistryOrders']
 */
export function functionPolicy(fn: LocalFunction, target: PolicyTarget): FunctionPolicy {
  const issues = callIssues(fn);
  if (issues.length > 0) throw new ConfigError(issues);
  const keyPath = `functions.${fn.name}`;
  const sids = new SidSet();
  const drafts: Draft[] = [];
  const add = (base: string, actions: readonly string[], resources: readonly string[], grant: string, path: string) => {
    const sid = sids.take(base);
    drafts.push({
      statement: { Sid: sid, Effect: 'Allow', Action: [...actions], Resource: [...resources] },
      origin: { grant, paths: [path] },
    });
  };

  add('Logs', LOG_ACTIONS, [logGroupArn(target, fn.deployedName)], 'its own log group', keyPath);

  const invokes = new Map<string, Draft>();
  fn.calls.forEach((call, index) => {
    const path = `${keyPath}.calls[${index}]`;
    const arn = aliasArn(target, call.deployedName!, call.major!);
    const same = invokes.get(arn);
    if (same !== undefined) {
      same.origin.paths.push(path);
      return;
    }
    add(
      pascal('Invoke', call.service, call.function, `v${call.major}`),
      INVOKE_ACTIONS,
      [arn],
      `calls ${call.entry}`,
      path,
    );
    invokes.set(arn, drafts.at(-1)!);
  });

  const registries = new Map<string, Draft>();
  fn.calls.forEach((call, index) => {
    const path = `${keyPath}.calls[${index}]`;
    const same = registries.get(call.ssmPath);
    if (same !== undefined) {
      same.origin.paths.push(path);
      return;
    }
    add(
      pascal('Registry', call.service),
      REGISTRY_ACTIONS,
      [ssmPathArn(target, call.ssmPath)],
      `calls to ${call.service}: its names in SSM (${call.ssmPath})`,
      path,
    );
    registries.set(call.ssmPath, drafts.at(-1)!);
  });

  for (const grant of fn.tables) {
    const readWrite = grant.access === 'read-write';
    add(
      pascal(readWrite ? 'TableReadWrite' : 'TableRead', grant.table),
      readWrite ? TABLE_READ_WRITE_ACTIONS : TABLE_READ_ACTIONS,
      tableArns(target, grant.tableName),
      `tables.${grant.table}: ${grant.access}`,
      `${keyPath}.tables.${grant.table}`,
    );
  }

  const buses = new Map<string, Draft>();
  fn.publishes.forEach((event, index) => {
    const path = `${keyPath}.publishes[${index}]`;
    const same = buses.get(event.busName);
    if (same !== undefined) {
      same.origin.paths.push(path);
      same.origin.grant += `, ${event.name}`;
      return;
    }
    add('PublishEvents', PUBLISH_ACTIONS, [eventBusArn(target, event.busName)], `publishes ${event.name}`, path);
    buses.set(event.busName, drafts.at(-1)!);
  });

  if (fn.queue !== undefined) {
    add('ConsumeQueue', CONSUME_QUEUE_ACTIONS, [queueArn(target, fn.queue.queueName)], 'queue', fn.queue.keyPath);
  }

  const origins: Record<string, StatementOrigin> = {};
  for (const draft of drafts) origins[draft.statement.Sid] = draft.origin;
  return {
    friendlyName: friendlyName(fn.service, fn.name),
    keyPath,
    major: fn.major,
    deployedName: fn.deployedName,
    configFile: fn.configFile,
    document: { Version: '2012-10-17', Statement: drafts.map((draft) => draft.statement) },
    origins,
  };
}

/**
 * The policies of every function of a service (each major's), in the order of `service.functions`. All unresolvable
 * `calls` entries of the service are reported at once, in one ConfigError.
 *
 * @example
 * const policies = servicePolicies(orders, { region: 'eu-west-1', accountId: '123456789012' });
 */
export function servicePolicies(service: LoadedService, target: PolicyTarget): FunctionPolicy[] {
  const issues = new Map<string, ConfigIssue>();
  for (const fn of service.functions) {
    for (const issue of callIssues(fn)) issues.set(`${issue.path}\0${issue.message}`, issue);
  }
  if (issues.size > 0) throw new ConfigError([...issues.values()]);
  return service.functions.map((fn) => functionPolicy(fn, target));
}

/** A `calls` entry whose callee is unknown: its service was not loaded with this one. */
function callIssues(fn: LocalFunction): ConfigIssue[] {
  return fn.calls.flatMap((call: ResolvedCall, index): ConfigIssue[] =>
    call.deployedName !== undefined && call.major !== undefined
      ? []
      : [
          {
            file: fn.configFile,
            path: `functions.${fn.name}.calls[${index}]`,
            message: `${call.entry}: service ${call.service} is not among the services given, so the alias its policy must name is unknown; give its dir too (--dir)`,
          },
        ],
  );
}
