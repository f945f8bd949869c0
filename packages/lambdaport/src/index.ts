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
  FunctionExample,
  Implementation,
  InvocationContext,
  Logic,
  ParsedInput,
} from './contract.js';
export { ContractError, defineError, defineFunction, testContext } from './contract.js';
export type { ErrorJSON, Issue } from './errors.js';
export {
  InternalError,
  InvalidRequestError,
  InvalidResponseError,
  LambdaportError,
  RemoteFunctionError,
} from './errors.js';
export type {
  AnyEventContract,
  EventContract,
  EventDefinition,
  EventDetail,
  EventDetailInput,
} from './event.js';
export { defineEvent, isEventContract } from './event.js';
export { implement } from './implement.js';
export type { AnySchema, InferInput, InferOutput, StandardSchemaV1 } from './schema.js';
