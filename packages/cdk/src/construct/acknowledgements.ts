/**
 * The AwsSolutions (cdk-nag) findings this construct accepts, each with its reason, acknowledged on the resource that
 * raises it (`Validations.of(...).acknowledge`), so an app running cdk-nag sees no error from lambdaport's resources
 * and reads why. Nothing else is acknowledged: a wildcard that is not one of these two kinds still fails.
 */
import type { FunctionPolicy, LocalFunction, PolicyTarget } from '@lambdaport/config';
import { functionPolicy } from '@lambdaport/config';
import { Stack, Token, Validations } from 'aws-cdk-lib/core';
import type { IConstruct } from 'constructs';

/** Why a log group's streams are named with `:*`. */
const LOG_STREAMS_REASON =
  "The log streams of the function's own log group: Lambda starts a new stream per execution environment, so their names cannot be listed in advance; the group itself is named exactly.";
/** Why a table's indexes are named with `/index/*`. */
const TABLE_INDEXES_REASON =
  'The indexes of a table the function is granted in its config (`tables`): queries of any index of that one table; the table itself is named exactly.';
/** Why the runtime is not the newest Lambda has. */
const RUNTIME_REASON =
  "The runtime is the config's `runtime` (nodejs22.x, nodejs24.x or provided.al2023), the one `lambdaport dev` runs locally; moving to a newer one is a config change.";

/**
 * Acknowledges, on a function's role, the IAM5 finding of each wildcard its policy names by design (log streams, table
 * indexes) and, on the function, L1 (the runtime is the config's).
 */
export function acknowledgeFunctionFindings(
  role: IConstruct,
  lambda: IConstruct,
  fn: LocalFunction,
  policy: FunctionPolicy,
): void {
  // cdk-nag reports a resource as rendered in the template, pseudo parameters as <AWS::Region>
  const stack = Stack.of(role);
  const shown = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
  const target: PolicyTarget = {
    partition: shown(stack.partition, 'Partition'),
    region: shown(stack.region, 'Region'),
    accountId: shown(stack.account, 'AccountId'),
  };
  const rendered = functionPolicy(fn, target).document.Statement;
  for (const [index, statement] of rendered.entries()) {
    const kind = policy.document.Statement[index]!.Action[0]!.split(':')[0];
    for (const resource of statement.Resource.filter((r) => r.includes('*'))) {
      const reason = kind === 'logs' ? LOG_STREAMS_REASON : kind === 'dynamodb' ? TABLE_INDEXES_REASON : undefined;
      if (reason === undefined) continue;
      Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
    }
  }
  Validations.of(lambda).acknowledge({ id: 'AwsSolutions-L1', reason: RUNTIME_REASON });
}
