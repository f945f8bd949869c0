/**
 * End to end: the service run by the local runtime (`startLocal()`, what `lambdaport dev` runs: this config, each
 * function bundled and run in its own process behind the Lambda Invoke API and Function URLs), called as callers
 * call it: with the typed client (which finds the function through SSM, as in the cloud) and over HTTP.
 */
import { type LocalRuntime, startLocal } from '@lambdaport/local';
import { InvalidRequestError } from 'lambdaport';
import { createClient } from 'lambdaport/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hello } from '../src/contract.js';

let local: LocalRuntime;
beforeAll(async () => {
  local = await startLocal({ dirs: ['.'], port: 0, ephemeral: true, log: () => {} });
  process.env.AWS_ENDPOINT_URL = local.url; // the typed client and every AWS SDK client go there
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'test'; // the keys the local runtime verifies
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
});
afterAll(() => local?.stop());

describe('__SERVICE__ under the local runtime', () => {
  it('answers __SERVICE__.hello through the typed client', async () => {
    const client = createClient(hello);

    expect(await client.invoke({ name: 'Ada' })).toEqual({ message: 'Hello, Ada!' });
    await expect(client.invoke({ name: '' })).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it('answers over its Function URL', async () => {
    const fn = local.functions.find((f) => f.name === 'helloUrl')!;

    const response = await fetch(`${local.functionUrl(fn)}?name=Bo`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ message: 'Hello, Bo!' });
  });
});
