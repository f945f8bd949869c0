/**
 * Sample events as AWS sends them to a function, carrying one input: a Function URL request and an API Gateway HTTP
 * API request (payload 2.0), an API Gateway REST API request (payload 1.0), an SQS batch of one message, an
 * EventBridge event. The shapes follow docs/reference (function-urls.md, sqs.md, eventbridge.md) and the types of
 * `@types/aws-lambda` (the tests assign each to its type). Ids and times are fixed, so the output is the same each run.
 */
import { createHash } from 'node:crypto';

/** Where the event comes from: names that fill the event's ARNs and ids. */
export interface EventPlace {
  readonly service: string;
  /** The friendly name, `records.get`: the EventBridge `detail-type`. */
  readonly friendlyName: string;
  readonly region: string;
  readonly accountId: string;
}

/** The kinds of event `lambdaport event` prints. */
export const EVENT_KINDS = ['url', 'apigw-http', 'apigw-rest', 'sqs', 'eventbridge'] as const;

/** One of {@link EVENT_KINDS}. */
export type EventKind = (typeof EVENT_KINDS)[number];

const TIME = '2026-01-01T12:00:00Z';
const EPOCH = Date.parse(TIME);
/** `dd/Mon/yyyy:HH:mm:ss +0000`, as API Gateway and Function URLs write `requestContext.time`. */
const CLF_TIME = '01/Jan/2026:12:00:00 +0000';
const REQUEST_ID = 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef';
const USER_AGENT = 'curl/8.5.0';
const SOURCE_IP = '203.0.113.10';

/**
 * How an input travels in an HTTP request: as the query (`GET /?id=1`) when all its fields are strings, numbers or
 * booleans, else as a JSON body (`POST /`).
 *
 * @example
 * httpRequest({ id: 1 }); // { method: 'GET', query: { id: '1' }, body: undefined }
 */
export function httpRequest(input: unknown): {
  method: 'GET' | 'POST';
  query: Record<string, string> | undefined;
  body: string | undefined;
} {
  const flat =
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input) &&
    Object.values(input).every((v) => ['string', 'number', 'boolean'].includes(typeof v));
  if (flat) {
    const query = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, String(v)]));
    return { method: 'GET', query: Object.keys(query).length === 0 ? undefined : query, body: undefined };
  }
  return { method: 'POST', query: undefined, body: JSON.stringify(input) };
}

function rawQuery(query: Record<string, string> | undefined): string {
  return query === undefined ? '' : new URLSearchParams(query).toString();
}

function headers(body: string | undefined): Record<string, string> {
  return {
    accept: '*/*',
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    host: 'example.com',
    'user-agent': USER_AGENT,
    'x-amzn-trace-id': 'Root=1-67891233-abcdef012345678912345678',
    'x-forwarded-for': SOURCE_IP,
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
  };
}

/**
 * A payload 2.0 request: a Function URL's (`url`) or an API Gateway HTTP API's (`apigw-http`, route `$default`).
 *
 * @example
 * payloadV2Event('url', { name: 'Ada' }, place);
 */
export function payloadV2Event(kind: 'url' | 'apigw-http', input: unknown, place: EventPlace) {
  const { method, query, body } = httpRequest(input);
  const id = kind === 'url' ? 'abcdefghijklmnopqrstuvwxyz012345' : 'a1b2c3d4e5';
  const domainName =
    kind === 'url' ? `${id}.lambda-url.${place.region}.on.aws` : `${id}.execute-api.${place.region}.amazonaws.com`;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: rawQuery(query),
    headers: { ...headers(body), host: domainName },
    ...(query === undefined ? {} : { queryStringParameters: query }),
    requestContext: {
      accountId: kind === 'url' ? 'anonymous' : place.accountId,
      apiId: id,
      domainName,
      domainPrefix: id,
      http: { method, path: '/', protocol: 'HTTP/1.1', sourceIp: SOURCE_IP, userAgent: USER_AGENT },
      requestId: REQUEST_ID,
      routeKey: '$default',
      stage: '$default',
      time: CLF_TIME,
      timeEpoch: EPOCH,
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  };
}

/**
 * A payload 1.0 request of an API Gateway REST API (stage `prod`, a proxy resource at `/`).
 *
 * @example
 * restApiEvent({ id: 1 }, place);
 */
export function restApiEvent(input: unknown, place: EventPlace) {
  const { method, query, body } = httpRequest(input);
  const h = { ...headers(body), host: `a1b2c3d4e5.execute-api.${place.region}.amazonaws.com` };
  return {
    resource: '/',
    path: '/',
    httpMethod: method,
    headers: h,
    multiValueHeaders: Object.fromEntries(Object.entries(h).map(([k, v]) => [k, [v]])),
    queryStringParameters: query ?? null,
    multiValueQueryStringParameters:
      query === undefined ? null : Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: place.accountId,
      apiId: 'a1b2c3d4e5',
      domainName: h.host,
      domainPrefix: 'a1b2c3d4e5',
      extendedRequestId: 'LgLOkGQ1IAMEbHA=',
      httpMethod: method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: SOURCE_IP,
        user: null,
        userAgent: USER_AGENT,
        userArn: null,
      },
      path: '/prod/',
      protocol: 'HTTP/1.1',
      requestId: REQUEST_ID,
      requestTime: CLF_TIME,
      requestTimeEpoch: EPOCH,
      resourceId: 'abc123',
      resourcePath: '/',
      stage: 'prod',
    },
    body: body ?? null,
    isBase64Encoded: false,
  };
}

/**
 * An SQS batch of one message whose body is the input as JSON (queue `<service>-queue`).
 *
 * @example
 * sqsEvent({ orderId: 'o-1' }, place);
 */
export function sqsEvent(input: unknown, place: EventPlace) {
  const body = JSON.stringify(input);
  return {
    Records: [
      {
        messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
        receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...',
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(EPOCH),
          SenderId: 'AIDAIENQZJOLO23YVJ4VO',
          ApproximateFirstReceiveTimestamp: String(EPOCH + 2),
        },
        messageAttributes: {},
        md5OfBody: createHash('md5').update(body).digest('hex'),
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:${place.region}:${place.accountId}:${place.service}-queue`,
        awsRegion: place.region,
      },
    ],
  };
}

/**
 * An EventBridge event whose `detail` is the input (`source` the service, `detail-type` the function's name).
 *
 * @example
 * eventBridgeEvent({ id: 42 }, place);
 */
export function eventBridgeEvent(input: unknown, place: EventPlace) {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': place.friendlyName,
    source: place.service,
    account: place.accountId,
    time: TIME,
    region: place.region,
    resources: [] as string[],
    detail: input,
  };
}

/**
 * The event of `kind` carrying `input`.
 *
 * @example
 * sampleEvent('sqs', { id: 1 }, place);
 */
export function sampleEvent(kind: EventKind, input: unknown, place: EventPlace): object {
  switch (kind) {
    case 'url':
    case 'apigw-http':
      return payloadV2Event(kind, input, place);
    case 'apigw-rest':
      return restApiEvent(input, place);
    case 'sqs':
      return sqsEvent(input, place);
    case 'eventbridge':
      return eventBridgeEvent(input, place);
  }
}
