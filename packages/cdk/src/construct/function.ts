/**
 * One function serving one API major, and what it needs: its role (the generator's policy, inline, nothing else),
 * its log group, the function under its deployed name, a version published from the current code and settings, the
 * alias `v<major>` on it, its Function URL, and the SSM parameters the typed client reads.
 */
import type { FunctionPolicy, LocalFunction } from '@lambdaport/config';
import { logGroupName } from '@lambdaport/config';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyDocument, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias, Code, type FunctionUrl, FunctionUrlAuthType, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Annotations, Duration, type RemovalPolicy } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { aliasName, ssmAliasParameter, ssmFunctionParameter } from 'lambdaport/names';
import type { PreparedCode } from '../prepare/types.js';
import { acknowledgeFunctionFindings } from './acknowledgements.js';
import type { ServiceBus } from './events.js';
import { lambdaRuntime } from './runtime.js';

/** Props of {@link ServiceFunction}. */
export interface ServiceFunctionProps {
  readonly fn: LocalFunction;
  readonly code: PreparedCode;
  readonly policy: FunctionPolicy;
  /** The service's tables, by config key: a variable holding a granted table's name refers to the table. */
  readonly tables: ReadonlyMap<string, Table>;
  /** The service's own bus, when it has one: the `LAMBDAPORT_EVENT_BUS` of a publishing function refers to it. */
  readonly bus?: ServiceBus | undefined;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

/** The resources of one function and major. */
export class ServiceFunction extends Construct {
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly function: LambdaFunction;
  readonly alias: Alias;
  readonly url: FunctionUrl | undefined;
  readonly parameters: readonly StringParameter[];

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const { fn, code, policy } = props;
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `lambdaport ${policy.friendlyName} v${fn.major} (${fn.deployedName})`,
      inlinePolicies: { lambdaport: PolicyDocument.fromJson(policy.document) },
    });
    this.logGroup = new LogGroup(this, 'LogGroup', {
      logGroupName: logGroupName(fn.deployedName),
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    const version = fn.versions.get('$LATEST')!;
    this.function = new LambdaFunction(this, 'Function', {
      functionName: fn.deployedName,
      description: version.description,
      runtime: lambdaRuntime(fn.lambdaRuntime),
      handler: code.handler,
      code: Code.fromAsset(code.assetDir),
      memorySize: fn.memorySize,
      timeout: Duration.seconds(fn.timeoutSeconds),
      ...(fn.reservedConcurrency === undefined ? {} : { reservedConcurrentExecutions: fn.reservedConcurrency }),
      environment: environment(fn, props.tables, props.bus),
      role: this.role,
      logGroup: this.logGroup,
    });
    this.alias = new Alias(this, 'Alias', { aliasName: aliasName(fn.major), version: this.function.currentVersion });
    this.url =
      fn.url === undefined
        ? undefined
        : this.function.addFunctionUrl({
            authType: fn.url.authType === 'NONE' ? FunctionUrlAuthType.NONE : FunctionUrlAuthType.AWS_IAM,
          });
    if (this.url !== undefined) {
      Annotations.of(this.function).acknowledgeWarning(
        '@aws-cdk/aws-lambda:addPermissionsToVersionOrAlias',
        'The Function URL serves the unqualified function, as under lambdaport dev; callers invoke aliases with their own roles (identity-based policies), not through permissions on the function.',
      );
    }
    const parameters: StringParameter[] = [];
    if (fn.current) {
      parameters.push(
        new StringParameter(this, 'Name', {
          parameterName: ssmFunctionParameter(fn.stage, fn.service, fn.name),
          stringValue: this.function.functionArn,
          description: `lambdaport: the function serving ${policy.friendlyName}`,
        }),
      );
    }
    parameters.push(
      new StringParameter(this, 'AliasName', {
        parameterName: ssmAliasParameter(fn.stage, fn.service, fn.name, fn.major),
        stringValue: this.alias.functionArn,
        description: `lambdaport: the alias serving ${policy.friendlyName} v${fn.major}`,
      }),
    );
    this.parameters = parameters;
    acknowledgeFunctionFindings(this.role, this.function, fn, policy);
  }
}

/**
 * The function's variables (references already resolved by the config) and `LAMBDAPORT_STAGE` (the stage the typed
 * client reads SSM names in; `lambdaport dev` sets it the same way). A variable holding the name of a table the
 * function is granted refers to the table resource (same value), so CloudFormation creates the table first;
 * deployed names of functions stay literal (a reference could make two functions depend on each other). The
 * `LAMBDAPORT_EVENT_BUS` the config gives a publishing function (its service's bus) refers to the bus likewise.
 */
function environment(
  fn: LocalFunction,
  tables: ReadonlyMap<string, Table>,
  bus: ServiceBus | undefined,
): Record<string, string> {
  const granted = new Map(fn.tables.map((grant) => [grant.tableName, tables.get(grant.table)]));
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fn.versions.get('$LATEST')!.environment)) {
    out[key] = granted.get(value)?.tableName ?? value;
  }
  if (bus !== undefined && out.LAMBDAPORT_EVENT_BUS === bus.name) out.LAMBDAPORT_EVENT_BUS = bus.bus.eventBusName;
  out.LAMBDAPORT_STAGE = fn.stage;
  return out;
}
