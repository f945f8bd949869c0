/**
 * EventBridge errors as AWS sends them (AWS JSON 1.1): 400 with `{"__type":"<Type>","message":"..."}`.
 */
import { validationMessage } from '../http/validation-message.js';

/** The error types this subset answers with. */
export type EventsErrorType =
  | 'ResourceNotFoundException'
  | 'ResourceAlreadyExistsException'
  | 'InvalidEventPatternException'
  | 'ValidationException'
  | 'IllegalStatusException'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'InternalException';

/**
 * An EventBridge error: `type` becomes `__type` on the wire, so SDKs throw a class of that name.
 *
 * @example
 * throw new EventsError('ResourceNotFoundException', 'Rule orders-created does not exist on EventBus default.');
 */
export class EventsError extends Error {
  constructor(
    readonly type: EventsErrorType,
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
export function validationError(value: unknown, member: string, constraint: string): EventsError {
  return new EventsError('ValidationException', validationMessage(value, member, constraint));
}
