export type {
  AnyContract,
  AnyErrorClass,
  ContractErrors,
  ContractInput,
  ContractOutput,
  ContractOutputIn,
  ErrorClass,
  ErrorOptions,
  FunctionContract,
  FunctionDefinition,
  Implementation,
  InvocationContext,
  Logic,
  ParsedInput,
} from './contract.js';
export { ContractError, defineError, defineFunction, implement, testContext } from './contract.js';
export type { ErrorJSON, Issue } from './errors.js';
export {
  describeIssues,
  fromUnknown,
  InternalError,
  InvalidRequestError,
  InvalidResponseError,
  LambdaportError,
} from './errors.js';
export type { AnySchema, InferInput, InferOutput, StandardSchemaV1, ValidationResult } from './schema.js';
export { formatPath, isStandardSchema, validate } from './schema.js';
export type { ErrorSource, FunctionErrorPayload } from './wire.js';
export {
  DATA_MARKER,
  decodeFunctionError,
  isContractError,
  RemoteFunctionError,
  toFunctionErrorPayload,
  toWireError,
} from './wire.js';
