/**
 * Test helpers: a Lambda context as the Node runtime builds it, Function URL / REST events, the runtime's error
 * serialisation, and log capture.
 */
import { randomUUID } from 'node:crypto';
import type { FunctionErrorPayload } from 'lambdaport/wire';

/** A context object shaped like the Node.js runtime's. */
export function lambdaContext(overrides: { clientContext?: unknown; timeoutMs?: number } = {}) {
  const deadline = Date.now() + (overrides.timeoutMs ?? 3000);
  return {
    awsRequestId: randomUUID(),
    functionName: 'dev-records-get-abc123',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:dev-records-get-abc123',
    memoryLimitInMB: '256',
    logGroupName: '/aws/lambda/dev-records-get-abc123',
    logStreamName: '2026/01/01/[$LATEST]abc',
    clientContext: overrides.clientContext,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** What the Node runtime sends back for a thrown error: `{ errorType, errorMessage, trace }`. */
export function runtimeErrorPayload(error: unknown): FunctionErrorPayload {
  const e = error as Error;
  return { errorType: e.name, errorMessage: e.message, trace: (e.stack ?? '').split('\n') };
}

/** A Function URL event (payload 2.0). */
export function urlEvent(options: {
  method?: string;
  path?: string;
  query?: string;
  body?: string;
  headers?: Record<string, string>;
}) {
  const rawQueryString = options.query ?? '';
  const queryStringParameters: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(rawQueryString)) {
    queryStringParameters[k] = queryStringParameters[k] === undefined ? v : `${queryStringParameters[k]},${v}`;
  }
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: options.path ?? '/',
    rawQueryString,
    headers: { host: 'abc.lambda-url.us-east-1.on.aws', ...options.headers },
    ...(rawQueryString ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'abc',
      domainName: 'abc.lambda-url.us-east-1.on.aws',
      domainPrefix: 'abc',
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 1767225600000,
      http: {
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'test',
      },
    },
    ...(options.body !== undefined ? { body: options.body, isBase64Encoded: false } : {}),
  };
}

/** Captures what is written to stdout and stderr (Powertools Logger's JSON lines) until `stop()`. */
export function captureLogs() {
  const lines: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const grab = (chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  };
  process.stdout.write = grab as typeof process.stdout.write;
  process.stderr.write = grab as typeof process.stderr.write;
  return {
    lines,
    /** The JSON log lines, parsed. */
    json(): Record<string, unknown>[] {
      return lines.flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
    },
    stop() {
      process.stdout.write = out;
      process.stderr.write = err;
    },
  };
}
