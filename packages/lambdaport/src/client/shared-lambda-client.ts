/**
 * One `LambdaClient` per process, with the SDK's own retries off: the client's policy decides what is retried.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';

let shared: LambdaClient | undefined;

/**
 * Settings of the shared client.
 *
 * @example
 * new LambdaClient({ maxAttempts: LAMBDA_CLIENT_DEFAULTS.maxAttempts }); // for your own client passed as `lambda`
 */
export const LAMBDA_CLIENT_DEFAULTS = {
  /** SDK retries off: the SDK would retry a time-out or 5xx of a function that is not idempotent. */
  maxAttempts: 1,
  /** A connection not made within this is a failure before sending, which is safe to retry. */
  connectionTimeoutMs: 3_000,
} as const;

/**
 * The process's `LambdaClient` (`maxAttempts: 1`), made on first use from the environment (region, credentials,
 * `AWS_ENDPOINT_URL`).
 *
 * @example
 * const lambda = sharedLambdaClient();
 */
export function sharedLambdaClient(): LambdaClient {
  shared ??= new LambdaClient({
    maxAttempts: LAMBDA_CLIENT_DEFAULTS.maxAttempts,
    requestHandler: { connectionTimeout: LAMBDA_CLIENT_DEFAULTS.connectionTimeoutMs },
  });
  return shared;
}
