/**
 * A throttle of the real pool (reserved concurrency used up → `ConcurrencyLimitError`) as each caller meets it through
 * startLocal(): Invoke answers 429 `TooManyRequestsException` with its `Reason`, a Function URL answers 429, and an
 * `Event` invocation is retried until the function is free. The function holds its one environment until the test
 * releases it (a file), so the throttle happens on purpose, not by timing.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { LocalFunction } from '@lambdaport/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocal } from '../../../src/index.js';

const HANDLER = `import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
const gate = process.env.GATE_DIR;
export const handler = async (event) => {
  writeFileSync(path.join(gate, 'started-' + (event.tag ?? 'url')), '');
  while (!existsSync(path.join(gate, 'release'))) await new Promise((resolve) => setTimeout(resolve, 5));
  return { done: event.tag ?? 'url' };
};
`;

let dir: string;
let local: LocalRuntime;
let fn: LocalFunction;
let lambda: LambdaClient;
const logs: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-throttle-'));
  writeFileSync(path.join(dir, 'gate.mjs'), HANDLER);
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(
    path.join(dir, 'lambdaport.config.mjs'),
    `export default { service: 'throttle', stage: 'test', functions: { gate: { handler: 'gate.mjs#handler', reservedConcurrency: 1, url: { authType: 'NONE' }, environment: { GATE_DIR: ${JSON.stringify(dir)} } } } };\n`,
  );
  local = await startLocal({ dirs: [dir], ephemeral: true, prebootSpares: false, log: (line) => logs.push(line) });
  fn = local.functions[0]!;
  lambda = new LambdaClient({
    endpoint: local.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  lambda?.destroy();
  await local?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Waits until `condition()` holds. */
async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const started = (tag: string) => existsSync(path.join(dir, `started-${tag}`));
const invoke = (tag: string, InvocationType?: 'Event') =>
  lambda.send(
    new InvokeCommand({
      FunctionName: fn.deployedName,
      Payload: Buffer.from(JSON.stringify({ tag })),
      ...(InvocationType ? { InvocationType } : {}),
    }),
  );

describe('a throttle of the real pool', () => {
  it('is 429 over Invoke and over the Function URL, and an Event invocation waits it out', async () => {
    const first = invoke('first');
    await until(() => started('first'), 'the first invocation to hold the only environment');

    try {
      const throttled = await invoke('second').catch((error: unknown) => error);
      const overUrl = await fetch(`${local.functionUrl(fn)}any`);
      const event = await invoke('event', 'Event');

      expect(throttled).toMatchObject({
        name: 'TooManyRequestsException',
        message: 'Rate Exceeded.',
        Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
        $metadata: { httpStatusCode: 429 },
      });
      expect(overUrl.status).toBe(429);
      expect(overUrl.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
      expect(await overUrl.json()).toEqual({ Type: 'User', Message: 'Rate Exceeded.' });
      expect(event.StatusCode).toBe(202);
      expect(started('second') || started('url') || started('event')).toBe(false);
    } finally {
      writeFileSync(path.join(dir, 'release'), '');
    }
    const out = await first;
    expect(JSON.parse(Buffer.from(out.Payload!).toString('utf8'))).toEqual({ done: 'first' });
    await until(() => started('event'), 'the throttled Event invocation to be retried and run');
    expect(logs.join('\n')).not.toMatch(/async invocation.*(failed|dropped)/);
  });
});
