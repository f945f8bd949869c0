/**
 * `lambdaport/client`: typed, guarded calls to functions over the Lambda Invoke API.
 */

export { InvalidRequestError, InvalidResponseError, RemoteFunctionError } from '../errors.js';
export { FunctionNotRegisteredError, RegistryUnavailableError } from '../registry/errors.js';
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
  AccessDeniedError,
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
export type { BreakerOptions, BulkheadOptions, RetryOptions } from './policies.js';
export { POLICY_DEFAULTS } from './policies.js';
export { LAMBDA_CLIENT_DEFAULTS, sharedLambdaClient } from './shared-lambda-client.js';
