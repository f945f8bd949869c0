/**
 * A small, real Invoker for the API tests: runs plain JS functions in this process, so the front door can be
 * tested on its own. Environments, processes and the Runtime API are tested with the real pool elsewhere.
 */
import {
  ConcurrencyLimitError,
  type FunctionVersion,
  type InvocationRequest,
  type InvocationResult,
  type Invoker,
  type LocalFunction,
} from '../../../../src/lambda/types.js';

/** What a test handler sees as its context. */
export interface TestContext {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly awsRequestId: string;
  readonly clientContext: unknown;
  log(message: string): void;
}

export type TestHandler = (event: unknown, context: TestContext) => unknown;

/** One recorded invocation. */
export interface Recorded {
  readonly fn: string;
  readonly version: string;
  readonly request: InvocationRequest;
  readonly event: unknown;
}

export class InProcessInvoker implements Invoker {
  readonly calls: Recorded[] = [];
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly handlers: Readonly<Record<string, TestHandler>>) {}

  async invoke(fn: LocalFunction, version: string, request: InvocationRequest): Promise<InvocationResult> {
    if (fn.reservedConcurrency === 0) throw new ConcurrencyLimitError(fn.arn);
    const v = fn.versions.get(version);
    const handler = this.handlers[v?.handler ?? ''];
    const event: unknown = JSON.parse(request.payload.toString('utf8'));
    this.calls.push({ fn: fn.deployedName, version, request, event });
    for (const wake of this.waiters.splice(0)) wake();
    const lines = [`START RequestId: ${request.requestId} Version: ${version}`];
    const context: TestContext = {
      functionName: fn.deployedName,
      functionVersion: version,
      invokedFunctionArn: request.invokedFunctionArn,
      awsRequestId: request.requestId,
      clientContext:
        request.clientContext === undefined
          ? undefined
          : JSON.parse(Buffer.from(request.clientContext, 'base64').toString('utf8')),
      log: (message) => lines.push(`${new Date().toISOString()}\t${request.requestId}\tINFO\t${message}`),
    };
    let payload: Buffer;
    let functionError: 'Unhandled' | undefined;
    try {
      if (handler === undefined) throw new Error(`no test handler ${v?.handler}`);
      const result = await handler(event, context);
      payload = Buffer.from(JSON.stringify(result ?? null));
    } catch (error) {
      const e = error as Error;
      functionError = 'Unhandled';
      payload = Buffer.from(JSON.stringify({ errorType: e.name, errorMessage: e.message, trace: [] }));
    }
    lines.push(`END RequestId: ${request.requestId}`, `REPORT RequestId: ${request.requestId}\tDuration: 1.00 ms`);
    return {
      payload,
      functionError,
      executedVersion: version,
      log: request.tail ? `${lines.join('\n')}\n` : undefined,
    };
  }

  /** Resolves once `count` invocations were recorded. */
  async waitForCalls(count: number): Promise<void> {
    while (this.calls.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

/** Options of {@link testFunction}. */
export interface TestFunctionOptions {
  readonly handler?: string;
  readonly url?: 'NONE' | 'AWS_IAM';
  readonly reservedConcurrency?: number;
  /** Published versions → handler; aliases → version. */
  readonly versions?: Readonly<Record<string, string>>;
  readonly aliases?: Readonly<Record<string, string>>;
}

function version(versionName: string, handler: string): FunctionVersion {
  return { version: versionName, runtime: 'nodejs', handler, environment: { A: '1' }, description: `v ${versionName}` };
}

/** A LocalFunction named `dev-test-<name>-abc123` whose `$LATEST` runs the test handler `handler` (default `name`). */
export function testFunction(name: string, options: TestFunctionOptions = {}): LocalFunction {
  const deployedName = `dev-test-${name}-abc123`;
  const versions = new Map<string, FunctionVersion>([['$LATEST', version('$LATEST', options.handler ?? name)]]);
  for (const [v, handler] of Object.entries(options.versions ?? {})) versions.set(v, version(v, handler));
  return {
    name,
    service: 'test',
    stage: 'dev',
    region: 'us-east-1',
    accountId: '000000000000',
    deployedName,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:${deployedName}`,
    aliasArn: `arn:aws:lambda:us-east-1:000000000000:function:${deployedName}:v1`,
    major: 1,
    current: true,
    dir: '/tmp/test-service',
    configFile: '/tmp/test-service/lambdaport.config.json',
    lambdaRuntime: 'nodejs22.x',
    runtimeSetting: 'nodejs',
    calls: [],
    async: undefined,
    tables: [],
    contract: undefined,
    publishes: [],
    subscriptions: [],
    queue: undefined,
    timeoutSeconds: 3,
    memorySize: 128,
    reservedConcurrency: options.reservedConcurrency,
    url: options.url === undefined ? undefined : { authType: options.url },
    description: `test function ${name}`,
    versions,
    aliases: new Map(Object.entries(options.aliases ?? {})),
  };
}
