/**
 * SQS errors as AWS sends them on the JSON 1.0 protocol: `{"__type":"com.amazonaws.sqs#<Type>","message":"…"}` and
 * the header `x-amzn-query-error: <query code>;Sender`, so clients of both protocols read the same code.
 */

/**
 * An SQS error: its JSON type, its query-protocol code, the HTTP status.
 *
 * @example
 * throw new SqsError('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
 */
export class SqsError extends Error {
  constructor(
    readonly type: string,
    readonly queryCode: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = type;
  }

  toJSON(): { __type: string; message: string } {
    return { __type: `com.amazonaws.sqs#${this.type}`, message: this.message };
  }
}

export function queueDoesNotExist(): SqsError {
  return new SqsError(
    'QueueDoesNotExist',
    'AWS.SimpleQueueService.NonExistentQueue',
    'The specified queue does not exist.',
  );
}

/** A parameter out of its range, as SQS words it. */
export function invalidParameter(name: string, value: unknown, reason: string): SqsError {
  return new SqsError(
    'InvalidParameterValueException',
    'InvalidParameterValue',
    `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`,
  );
}

export function missingParameter(name: string): SqsError {
  return new SqsError('MissingParameter', 'MissingParameter', `The request must contain the parameter ${name}.`);
}
