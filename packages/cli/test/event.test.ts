/**
 * `lambdaport event <kind>`: the printed events, fed to lambdaport's real adapters (the HTTP adapter for Function
 * URLs and API Gateway, the SQS and EventBridge adapters), carry the contract's example to the logic; each shape is
 * the type `@types/aws-lambda` gives it; bad input is refused by name.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, EventBridgeEvent, SQSEvent } from 'aws-lambda';
import { eventBridgeHandler, httpHandler, numberParam, sqsHandler } from 'lambdaport/handlers';
import { describe, expect, it } from 'vitest';
import { eventBridgeEvent, payloadV2Event, restApiEvent, sqsEvent } from '../src/events/shapes.js';
import { greetLogic, orderLogic } from './fixtures/event-service/src/logic.js';
import { run } from './helpers.js';

const DIR = path.join(import.meta.dirname, 'fixtures/event-service');
const CONTEXT = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 3000 };
const PLACE = { service: 'events', friendlyName: 'events.greet', region: 'us-east-1', accountId: '000000000000' };

async function event(kind: string, fn: string): Promise<{ event: unknown; stderr: string }> {
  const ran = await run(['event', kind, '--function', fn, '--dir', DIR]);
  expect(ran.code, ran.stderr).toBe(0);
  return { event: JSON.parse(ran.stdout), stderr: ran.stderr };
}

// the inputs of the contracts' first examples, and what the logic answers them
const GREETED = { message: 'Hello, Ada! Hello, Ada!' };
const ORDERED = { count: 3 };

const greetHttp = httpHandler(greetLogic, {
  method: 'GET',
  input: (req) => ({ name: req.query.name, times: numberParam(req.query.times) }),
});
const orderHttp = httpHandler(orderLogic, { method: 'POST', input: (req) => req.json() });

describe.each(['url', 'apigw-http', 'apigw-rest'])('lambdaport event %s', (kind) => {
  it('a flat example travels as the query of a GET, and the HTTP adapter answers it 200', async () => {
    const { event: printed, stderr } = await event(kind, 'greet');

    const result = await greetHttp(printed, CONTEXT);

    expect(stderr).toBe('');
    expect(result.statusCode, result.body).toBe(200);
    expect(JSON.parse(result.body ?? '')).toEqual(GREETED);
  });

  it('a nested example travels as the JSON body of a POST', async () => {
    const { event: printed } = await event(kind, 'events.order');

    const result = await orderHttp(printed, CONTEXT);

    expect(result.statusCode, result.body).toBe(200);
    expect(JSON.parse(result.body ?? '')).toEqual(ORDERED);
  });
});

describe('lambdaport event sqs', () => {
  it('is one message whose body is the example; the SQS adapter runs it without a failure', async () => {
    const { event: printed } = await event('sqs', 'greet');
    const seen: unknown[] = [];
    const handler = sqsHandler(
      greetLogic,
      {},
      {
        input: (record) => {
          seen.push(JSON.parse(record.body));
          return JSON.parse(record.body);
        },
      },
    );

    const result = await handler(printed, CONTEXT);
    const record = (printed as SQSEvent).Records[0]!;

    expect(result).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual([{ name: 'Ada', times: 2 }]);
    expect(record.md5OfBody).toBe(createHash('md5').update(record.body).digest('hex'));
    expect(record.eventSourceARN).toBe('arn:aws:sqs:us-east-1:000000000000:events-queue');
  });
});

describe('lambdaport event eventbridge', () => {
  it("carries the example as detail; the EventBridge adapter answers the logic's output", async () => {
    const { event: printed } = await event('eventbridge', 'order');

    const result = await eventBridgeHandler(orderLogic)(printed, CONTEXT);

    expect(result).toEqual(ORDERED);
    expect(printed).toMatchObject({ source: 'events', 'detail-type': 'events.order', account: '000000000000' });
  });
});

describe('the shapes are the types of @types/aws-lambda', () => {
  it('each event is assignable to its type (checked by the compiler) and keeps the input', () => {
    const input = { name: 'Ada', times: 2 };
    const url: APIGatewayProxyEventV2 = payloadV2Event('url', input, PLACE);
    const http: APIGatewayProxyEventV2 = payloadV2Event('apigw-http', input, PLACE);
    // the REST event has no authorizer (none is configured); the rest of the type is checked
    const rest: Omit<APIGatewayProxyEvent, 'requestContext'> & {
      requestContext: Omit<APIGatewayProxyEvent['requestContext'], 'authorizer'>;
    } = restApiEvent(input, PLACE);
    const sqs: SQSEvent = sqsEvent(input, PLACE);
    const bus: EventBridgeEvent<string, unknown> = eventBridgeEvent(input, PLACE);

    expect(url.requestContext.domainName).toBe('abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws');
    expect(url.requestContext.accountId).toBe('anonymous');
    expect(http.requestContext.domainName).toBe('a1b2c3d4e5.execute-api.us-east-1.amazonaws.com');
    expect(http.rawQueryString).toBe('name=Ada&times=2');
    expect(rest.multiValueQueryStringParameters).toEqual({ name: ['Ada'], times: ['2'] });
    expect(JSON.parse(sqs.Records[0]!.body)).toEqual(input);
    expect(bus.detail).toEqual(input);
  });
});

describe('bad input', () => {
  it('an unknown kind names the kinds', async () => {
    const ran = await run(['event', 'kinesis', '--dir', DIR]);

    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe(
      'error unknown event kind "kinesis"; expected one of url, apigw-http, apigw-rest, sqs, eventbridge\n',
    );
  });

  it('an unknown function names the functions of the service', async () => {
    const ran = await run(['event', 'sqs', '--function', 'gret', '--dir', DIR]);

    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe(
      'error no function "gret" in this service; its functions: events.greet, events.order, events.plain, events.bare\n',
    );
  });

  it("a contract without examples: says so, and prints the event with a placeholder of the input's shape", async () => {
    const { event: printed, stderr } = await event('eventbridge', 'plain');

    expect(stderr).toContain('the contract of events.plain has no examples');
    expect(printed).toMatchObject({
      detail: { id: '<integer>', tags: ['<string>'], active: '<boolean>' },
      'detail-type': 'events.plain',
    });
  });

  it('a function naming no contract: says why (the config key to add), and prints a placeholder input', async () => {
    const { event: printed, stderr } = await event('sqs', 'bare');

    expect(stderr).toContain('no example for events.bare, so the input is a placeholder:');
    expect(stderr).toContain("functions.bare.contract: events.bare has no contract: add contract: 'src/contract.ts#");
    expect(JSON.parse((printed as SQSEvent).Records[0]!.body)).toEqual({ '<field>': '<value>' });
  });

  it('without --function, the first function of the config', async () => {
    const ran = await run(['event', 'eventbridge', '--dir', DIR]);

    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ 'detail-type': 'events.greet', detail: { name: 'Ada', times: 2 } });
  });
});
