/**
 * One Invoke request exactly as the AWS SDK v3 sends it, signed by the SDK's own SigV4 signer (@smithy/signature-v4
 * inside `LambdaClient`), captured instead of sent, so that a load generator can replay it byte for byte. A runtime
 * that verifies signatures accepts the replay while its `x-amz-date` is within the skew window (15 minutes): capture a
 * fresh one for each run.
 */
import http from 'node:http';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

/** The body every invoke scenario sends: the echo function returns it unchanged. */
export const ECHO_BODY = '{"id":1,"name":"bench","tags":["a","b"],"n":1.5}';

/**
 * @typedef {{ method: string, path: string, headers: Record<string, string>, body: string, signedAt: string }} CapturedRequest
 */

/**
 * Builds and signs `Invoke(functionName, body)` with a real `LambdaClient` aimed at `url`, and returns the request it
 * would have written: method, path, every header the SDK set (host, user-agent, amz-sdk-*, x-amz-date,
 * authorization ...) and the body.
 * @param {{ url: string, functionName: string, body?: string, invocationType?: 'RequestResponse' | 'Event', credentials?: { accessKeyId: string, secretAccessKey: string } }} options
 * @returns {Promise<CapturedRequest>}
 */
export async function captureInvokeRequest({
  url,
  functionName,
  body = ECHO_BODY,
  invocationType = 'RequestResponse',
  credentials = { accessKeyId: 'test', secretAccessKey: 'test' },
}) {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`bench only talks to 127.0.0.1, not ${url}`);
  /** @type {CapturedRequest | undefined} */
  let captured;
  const requestHandler = {
    /** @param {{ method: string, path: string, query?: Record<string, string>, headers: Record<string, string>, body?: unknown }} request */
    async handle(request) {
      const query = new URLSearchParams(/** @type {Record<string, string>} */ (request.query ?? {})).toString();
      captured = {
        method: request.method,
        path: query ? `${request.path}?${query}` : request.path,
        headers: { ...request.headers },
        body: typeof request.body === 'string' ? request.body : Buffer.from(/** @type {*} */ (request.body)).toString(),
        signedAt: request.headers['x-amz-date'] ?? '',
      };
      throw new Error('captured, not sent');
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  };
  const lambda = new LambdaClient({
    endpoint: url,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestHandler: /** @type {*} */ (requestHandler),
  });
  try {
    await lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: body, InvocationType: invocationType }));
  } catch {
    // expected: the handler stops the request once it has it
  } finally {
    lambda.destroy();
  }
  if (!captured) throw new Error(`the SDK built no request for ${functionName}`);
  return captured;
}

/**
 * The headers to hand a generator that writes its own `Content-Length` (autocannon does).
 * @param {CapturedRequest} request
 */
export function headersWithoutLength(request) {
  return Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'content-length'),
  );
}

/**
 * Sends a captured request once, as captured (same headers, same body), and resolves with the answer.
 * @param {string} url
 * @param {CapturedRequest} request
 * @returns {Promise<{ status: number, body: string, headers: import('node:http').IncomingHttpHeaders }>}
 */
export function sendCaptured(url, request) {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error(`bench only talks to 127.0.0.1, not ${url}`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: Number(target.port),
        method: request.method,
        path: request.path,
        headers: request.headers,
        agent: false,
        timeout: 30_000,
      },
      (res) => {
        /** @type {Buffer[]} */
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out after 30 s')));
    req.on('error', reject);
    req.end(request.body);
  });
}

/**
 * Checks that a target answers the captured request as the echo function should (200, no function error, the body
 * back). With `verifies: true` also checks the target really verifies the signature: the same request with one
 * character of the signature changed must be refused with 403.
 * @param {string} url
 * @param {CapturedRequest} request
 * @param {{ verifies?: boolean }} [options]
 */
export async function checkReplay(url, request, options = {}) {
  const res = await sendCaptured(url, request);
  if (res.status !== 200 || res.headers['x-amz-function-error'] || res.body !== request.body) {
    throw new Error(`${url} did not accept the signed Invoke: ${res.status} ${res.body.slice(0, 200)}`);
  }
  if (options.verifies) {
    const authorization = String(request.headers.authorization);
    const last = authorization.at(-1) === '0' ? '1' : '0';
    const forged = {
      ...request,
      headers: { ...request.headers, authorization: `${authorization.slice(0, -1)}${last}` },
    };
    const refused = await sendCaptured(url, forged);
    if (refused.status !== 403) {
      throw new Error(`${url} accepted a forged signature (${refused.status}): it does not verify what it is sent`);
    }
  }
}
