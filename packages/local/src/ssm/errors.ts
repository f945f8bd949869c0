/**
 * SSM errors as AWS sends them: 400 with `{"__type":"<Type>","message":"..."}`.
 */
import { validationMessage } from '../http/validation-message.js';

/** The error types this subset answers with. */
export type SsmErrorType =
  | 'ParameterNotFound'
  | 'ParameterAlreadyExists'
  | 'ParameterVersionNotFound'
  | 'HierarchyLevelLimitExceededException'
  | 'ValidationException'
  | 'InvalidNextToken'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'RequestEntityTooLargeException'
  | 'InternalServerError';

/**
 * An SSM error: `type` becomes `__type` on the wire, so SDKs throw a class of that name.
 *
 * @example
 * throw new SsmError('ParameterNotFound', 'Parameter /a/b not found.');
 */
export class SsmError extends Error {
  constructor(
    readonly type: SsmErrorType,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = type;
  }

  /** The JSON body AWS sends. */
  toJSON(): { __type: string; message: string } {
    return { __type: this.type, message: this.message };
  }
}

/** `1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: ...`, as AWS words it. */
export function validationError(value: unknown, member: string, constraint: string): SsmError {
  return new SsmError('ValidationException', validationMessage(value, member, constraint));
}
