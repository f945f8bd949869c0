/**
 * `lambdaport/client`: typed, guarded calls to functions over the Lambda Invoke API.
 */

export { InvalidRequestError, InvalidResponseError } from '../errors.js';
export { FunctionNotRegisteredError, RegistryUnavailableError } from '../registry/errors.js';
export { RemoteFunctionError } from '../wire.js';
export type {
  Acknowledgement,
  CallOptions,
  CircuitStateName,
  Client,
  ClientOptions,
  InvokeResult,
} from './create-client.js';
export { createClient } from './create-client.js';
export type { CallerContext } from './deadline.js';
export { DEADLINE_DEFAULTS } from './deadline.js';
export type { ErrorOrigin } from './errors.js';
export {
  BrokenCircuitError,
  BulkheadRejectedError,
  DeadlineExceededError,
  FunctionNotFoundError,
  InvocationAbortedError,
  InvocationError,
  LambdaServiceError,
  originOf,
  PayloadTooLargeError,
  ThrottledError,
} from './errors.js';
export { PAYLOAD_LIMITS } from './payload.js';
export type { BreakerOptions, BulkheadOptions, RetryClass, RetryOptions } from './policies.js';
export { countsForBreaker, POLICY_DEFAULTS, planRetry, retryClass } from './policies.js';
export { LAMBDA_CLIENT_DEFAULTS, sharedLambdaClient } from './shared-lambda-client.js';
