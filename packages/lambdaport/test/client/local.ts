/**
 * Test helpers: the local runtime (real processes), SDK clients pointed at it, and request counting on a real
 * LambdaClient (a middleware that counts the HTTP requests it sends).
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import { type LocalRuntime, startLocal } from '@lambdaport/local';

export const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Starts the runtime on the given service dirs, in memory. */
export async function startServices(dirs: string[]): Promise<LocalRuntime> {
  return startLocal({ dirs, ephemeral: true, port: 0, log: () => {} });
}

/** A LambdaClient (SDK retries off, as the typed client wants) that counts the Invoke requests it sends. */
export function countingLambda(url: string): LambdaClient & { readonly requests: number } {
  const lambda = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
  let requests = 0;
  lambda.middlewareStack.add(
    (next) => (args) => {
      requests++;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'countRequests' },
  );
  return Object.defineProperty(lambda, 'requests', { get: () => requests }) as LambdaClient & {
    readonly requests: number;
  };
}

/** An SSM client for the runtime that counts GetParametersByPath requests. */
export function countingSsm(url: string): SSMClient & { readonly requests: number } {
  const ssm = new SSMClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
  let requests = 0;
  ssm.middlewareStack.add(
    (next) => (args) => {
      requests++;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'countRequests' },
  );
  return Object.defineProperty(ssm, 'requests', { get: () => requests }) as SSMClient & { readonly requests: number };
}

export { rejectionOf, sleep } from '../../../../test-support/async.js';
