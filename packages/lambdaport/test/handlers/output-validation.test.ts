/**
 * Output validation under the local runtime (what `lambdaport dev` runs): a function whose logic returns
 * `{ message: 42 }` against `message: string` fails with `InvalidResponseError` naming the field, from the function
 * itself (seen with the plain SDK, no typed client in between), because the runtime sets
 * `LAMBDAPORT_VALIDATE_OUTPUT=1` in its environments. `LAMBDAPORT_VALIDATE_OUTPUT=0` in the runtime's own
 * environment turns it off, to see what the cloud would answer.
 */
import path from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { LocalRuntime } from '@lambdaport/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../../src/errors.js';
import { decodeFunctionError } from '../../src/wire.js';
import { credentials, startServices } from '../client/local.js';

const SERVICE_DIR = path.join(import.meta.dirname, 'fixtures', 'wrong-output');

async function invoke(local: LocalRuntime, functionName: string) {
  const lambda = new LambdaClient({ endpoint: local.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  try {
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify({ name: 'ada' }) }),
    );
    return { functionError: out.FunctionError, payload: Buffer.from(out.Payload ?? []).toString('utf8') };
  } finally {
    lambda.destroy();
  }
}

function deployedName(local: LocalRuntime, name: string): string {
  const fn = local.functions.find((f) => f.name === name);
  if (fn === undefined) throw new Error(`no function ${name}`);
  return fn.deployedName;
}

describe('output validation under the local runtime', () => {
  let local: LocalRuntime;
  beforeAll(async () => {
    local = await startServices([SERVICE_DIR]);
  });
  afterAll(() => local?.stop());

  it('a wrong output is an InvalidResponseError from the function, naming the field', async () => {
    const { functionError, payload } = await invoke(local, deployedName(local, 'hello'));

    expect(functionError).toBe('Unhandled');
    expect(JSON.parse(payload)).toMatchObject({ errorType: 'InvalidResponseError' });
    const error = decodeFunctionError(payload);
    expect(InvalidResponseError.is(error)).toBe(true);
    expect((error as InvalidResponseError).issues).toEqual([
      { path: 'message', message: expect.stringMatching(/expected string, received number/) },
    ]);
  });

  it('over a Function URL, a 500 with a generic body', async () => {
    const fn = local.functions.find((f) => f.name === 'helloUrl')!;
    const res = await fetch(`${local.functionUrl(fn)}?name=ada`);

    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: 'Internal server error.', code: 'Internal' });
  });
});

describe('LAMBDAPORT_VALIDATE_OUTPUT=0 given to the local runtime', () => {
  let local: LocalRuntime;
  beforeAll(async () => {
    process.env.LAMBDAPORT_VALIDATE_OUTPUT = '0';
    try {
      local = await startServices([SERVICE_DIR]);
    } finally {
      delete process.env.LAMBDAPORT_VALIDATE_OUTPUT;
    }
  });
  afterAll(() => local?.stop());

  it('lets the wrong output through, as in the cloud', async () => {
    const { functionError, payload } = await invoke(local, deployedName(local, 'hello'));

    expect(functionError).toBeUndefined();
    expect(JSON.parse(payload)).toEqual({ message: 42 });
  });
});
