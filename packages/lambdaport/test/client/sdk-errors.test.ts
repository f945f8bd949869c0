import {
  LambdaServiceException,
  RequestTooLargeException,
  ResourceNotFoundException,
  ServiceException,
  TooManyRequestsException,
} from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import {
  AccessDeniedError,
  FunctionNotFoundError,
  InvocationError,
  LambdaServiceError,
  PayloadTooLargeError,
  ThrottledError,
} from '../../src/client/errors.js';
import { fromSdkError } from '../../src/client/sdk-errors.js';
import { FunctionNotRegisteredError } from '../../src/registry/errors.js';

const origin = {
  functionName: 'records.get',
  version: 1,
  target: 'arn:aws:lambda:us-east-1:000000000000:function:dev-records-get-abc123',
  qualifier: 'v1',
  parameter: '/lambdaport/dev/records/get',
};
const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode }, $fault: 'client' as const });

describe('fromSdkError', () => {
  it('maps a 429 to ThrottledError with retryAfter and reason', () => {
    const sdk = new TooManyRequestsException({
      ...meta(429),
      message: 'Rate Exceeded.',
      retryAfterSeconds: '2',
      Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
    });

    const error = fromSdkError(sdk, origin, false);

    expect(error).toBeInstanceOf(ThrottledError);
    expect(error).toMatchObject({ retryAfter: 2, reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    expect(error.message).toContain('records.get v1');
  });

  it('maps a 404 to FunctionNotFoundError naming the friendly name, ARN and parameter', () => {
    const sdk = new ResourceNotFoundException({ ...meta(404), message: 'Function not found: arn:...' });

    const error = fromSdkError(sdk, origin, false);

    expect(error).toBeInstanceOf(FunctionNotFoundError);
    expect(error.message).toContain('records.get v1');
    expect(error.message).toContain(origin.target);
    expect(error.message).toContain('/lambdaport/dev/records/get');
  });

  it('maps a 403 AccessDeniedException to AccessDeniedError naming the missing permission, resource and principal', () => {
    const message =
      'User: arn:aws:sts::000000000000:assumed-role/dev-orders-create-aaaaaa-role/dev-orders-create-aaaaaa is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:000000000000:function:dev-records-get-abc123:v1 because no identity-based policy allows the lambda:InvokeFunction action';
    const sdk = new LambdaServiceException({ name: 'AccessDeniedException', ...meta(403), message });

    const error = fromSdkError(sdk, origin, false);

    expect(error).toBeInstanceOf(AccessDeniedError);
    expect(LambdaServiceError.is(error)).toBe(true); // a 403: not retried, not counted by the breaker
    expect(error).toMatchObject({
      code: 'AccessDenied',
      permission: 'lambda:InvokeFunction',
      resource: 'arn:aws:lambda:us-east-1:000000000000:function:dev-records-get-abc123:v1',
      principal: 'arn:aws:sts::000000000000:assumed-role/dev-orders-create-aaaaaa-role/dev-orders-create-aaaaaa',
      statusCode: 403,
    });
    expect(error.message).toContain('records.get v1');
    expect(error.message).toContain(
      'missing permission lambda:InvokeFunction on arn:aws:lambda:us-east-1:000000000000:function:dev-records-get-abc123:v1',
    );
  });

  it('maps a 413 to PayloadTooLargeError with the limit of the invocation type', () => {
    const sdk = new RequestTooLargeException({ ...meta(413), message: 'Request must be smaller than 1048576 bytes' });

    expect(fromSdkError(sdk, origin, true)).toMatchObject({ code: 'PayloadTooLarge', limit: 1_048_576 });
    expect(fromSdkError(sdk, origin, false)).toBeInstanceOf(PayloadTooLargeError);
  });

  it('maps a 5xx to LambdaServiceError that was sent', () => {
    const sdk = new ServiceException({ $metadata: { httpStatusCode: 500 }, message: 'boom' });

    expect(fromSdkError(sdk, origin, false)).toMatchObject({ code: 'LambdaService', statusCode: 500, sent: true });
  });

  it('tells a connection never made from one lost after sending', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', name: 'TimeoutError' });

    expect(fromSdkError(refused, origin, false)).toMatchObject({ sent: false, awsErrorName: 'ECONNREFUSED' });
    expect(fromSdkError(reset, origin, false)).toMatchObject({ sent: true });
    expect(fromSdkError(reset, origin, false)).toBeInstanceOf(LambdaServiceError);
  });

  it('marks its errors as InvocationError (by brand), and only those', () => {
    const sdk = new ResourceNotFoundException({ ...meta(404), message: 'Function not found' });

    expect(InvocationError.is(fromSdkError(sdk, origin, false))).toBe(true);
    expect(InvocationError.is(new FunctionNotRegisteredError('records.get', 1, '/lambdaport/dev/records/get'))).toBe(
      false,
    );
  });
});
