/** Helpers of the environment tests: functions of the fixture service, requests, process checks. */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../../../../../test-support/async.js';
import type { InvocationRequest, InvocationResult, LocalFunction } from '../../../src/lambda/types.js';

/** The fixture service's dir. */
export const SERVICE_DIR = fileURLToPath(new URL('../../fixtures/environments/service/', import.meta.url));

/** Settings of a test function. */
export interface TestFunction {
  readonly name: string;
  readonly handler: string;
  readonly dir?: string;
  readonly runtime?: 'nodejs' | 'provided';
  readonly timeoutSeconds?: number;
  readonly memorySize?: number;
  readonly reservedConcurrency?: number;
  readonly environment?: Record<string, string>;
}

/** A LocalFunction as the config would resolve it. */
export function makeFunction(t: TestFunction): LocalFunction {
  const deployedName = `test-envs-${t.name}-abc123`;
  const environment = t.environment ?? {};
  const runtime = t.runtime ?? 'nodejs';
  return {
    name: t.name,
    service: 'envs',
    stage: 'test',
    region: 'us-east-1',
    accountId: '000000000000',
    deployedName,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:${deployedName}`,
    aliasArn: `arn:aws:lambda:us-east-1:000000000000:function:${deployedName}:v1`,
    major: 1,
    current: true,
    dir: path.resolve(t.dir ?? SERVICE_DIR),
    configFile: path.join(path.resolve(t.dir ?? SERVICE_DIR), 'lambdaport.config.json'),
    lambdaRuntime: runtime === 'provided' ? 'provided.al2023' : 'nodejs22.x',
    runtimeSetting: runtime,
    calls: [],
    async: undefined,
    tables: [],
    contract: undefined,
    publishes: [],
    subscriptions: [],
    queue: undefined,
    timeoutSeconds: t.timeoutSeconds ?? 3,
    memorySize: t.memorySize ?? 128,
    reservedConcurrency: t.reservedConcurrency,
    url: undefined,
    description: '',
    versions: new Map([
      ['$LATEST', { version: '$LATEST', runtime, handler: t.handler, environment, description: '' }],
      ['1', { version: '1', runtime, handler: t.handler, environment, description: '' }],
    ]),
    aliases: new Map([['v1', '1']]),
  };
}

/** An invocation request with a JSON payload. */
export function request(
  fn: LocalFunction,
  event: unknown = {},
  extra: Partial<InvocationRequest> = {},
): InvocationRequest {
  return {
    requestId: randomUUID(),
    payload: Buffer.from(JSON.stringify(event)),
    clientContext: undefined,
    invokedFunctionArn: fn.arn,
    tail: true,
    ...extra,
  };
}

/** The result's payload, parsed. */
export function json<T = Record<string, unknown>>(result: InvocationResult): T {
  return JSON.parse(result.payload.toString('utf8')) as T;
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export function until(check: () => boolean, ms = 5000): Promise<void> {
  return waitFor(check, { timeoutMs: ms });
}
