/**
 * The invocation record a destination receives after an asynchronous invocation (AWS's shape):
 * `version`, `timestamp`, `requestContext` (`requestId`, `functionArn` with its qualifier, `condition`,
 * `approximateInvokeCount`), `requestPayload`, `responseContext` and `responsePayload`. The payloads are JSON
 * already (the event was checked at Invoke, the result comes from the runtime) and are spliced in, not re-parsed.
 */

/** Why the record was sent. */
export type DestinationCondition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';

/** The last invocation's answer, when there was one. */
export interface LastResponse {
  readonly executedVersion: string;
  readonly functionError: 'Unhandled' | undefined;
  /** The result or the error JSON. */
  readonly payload: Buffer;
}

/** The last answer of an invocation, as a record reports it. */
export function lastResponse(result: {
  readonly executedVersion: string;
  readonly functionError: 'Unhandled' | undefined;
  readonly payload: Buffer;
}): LastResponse {
  return { executedVersion: result.executedVersion, functionError: result.functionError, payload: result.payload };
}

/** What the record is built from. */
export interface InvocationRecordInput {
  readonly requestId: string;
  /** The function ARN with its qualifier (`:$LATEST` when the caller gave none). */
  readonly functionArn: string;
  readonly condition: DestinationCondition;
  readonly approximateInvokeCount: number;
  readonly requestPayload: Buffer;
  readonly response: LastResponse | undefined;
  readonly timestamp: Date;
}

/**
 * Builds the invocation record's JSON bytes.
 *
 * @example
 * const bytes = invocationRecord({ requestId, functionArn: `${fn.arn}:$LATEST`, condition: 'Success',
 *   approximateInvokeCount: 1, requestPayload: event, response, timestamp: new Date() });
 */
export function invocationRecord(input: InvocationRecordInput): Buffer {
  const head = JSON.stringify({
    version: '1.0',
    timestamp: input.timestamp.toISOString(),
    requestContext: {
      requestId: input.requestId,
      functionArn: input.functionArn,
      condition: input.condition,
      approximateInvokeCount: input.approximateInvokeCount,
    },
  });
  const parts: Buffer[] = [Buffer.from(`${head.slice(0, -1)},"requestPayload":`), jsonOrNull(input.requestPayload)];
  if (input.response !== undefined) {
    const context: Record<string, unknown> = { statusCode: 200, executedVersion: input.response.executedVersion };
    if (input.response.functionError !== undefined) context.functionError = input.response.functionError;
    parts.push(Buffer.from(`,"responseContext":${JSON.stringify(context)},"responsePayload":`));
    parts.push(jsonOrNull(input.response.payload));
  }
  parts.push(Buffer.from('}'));
  return Buffer.concat(parts);
}

/** The function's answer may be empty (a handler returning undefined): that is `null` in the record. */
function jsonOrNull(bytes: Buffer): Buffer {
  return bytes.length === 0 ? Buffer.from('null') : bytes;
}

/** The ARN a record names: the invoked ARN, with `:$LATEST` added when the caller gave no qualifier. */
export function qualifiedArn(invokedArn: string): string {
  // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>] has 7 parts without a qualifier
  return invokedArn.split(':').length === 7 ? `${invokedArn}:$LATEST` : invokedArn;
}
