/**
 * createPublisher with the real EventBridge client of the SDK, against a small PutEvents endpoint in this test that
 * records each request and fails the entries it is told to (as AWS answers a partial failure: 200, FailedEntryCount,
 * an ErrorCode per failed entry). The local runtime's own EventBridge takes its place when it exists.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvent } from '../../src/event.js';
import { createPublisher, PublishError } from '../../src/events/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

interface Entry {
  Source: string;
  DetailType: string;
  Detail: string;
  EventBusName?: string;
  Resources?: string[];
}

const requests: { target: string; entries: Entry[] }[] = [];
let server: Server;
let client: EventBridgeClient;

beforeAll(async () => {
  let next = 0;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Entries: Entry[] };
      requests.push({ target: String(req.headers['x-amz-target']), entries: body.Entries });
      const ids = body.Entries.map((e) => (JSON.parse(e.Detail) as { orderId: string }).orderId);
      if (ids.includes('reject')) {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ __type: 'ValidationException', message: 'refused as a whole' }));
        return;
      }
      const entries = ids.map((id) =>
        id.startsWith('fail')
          ? { ErrorCode: 'InternalFailure', ErrorMessage: `could not take ${id}` }
          : { EventId: `id-${next++}` },
      );
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ FailedEntryCount: entries.filter((e) => 'ErrorCode' in e).length, Entries: entries }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new EventBridgeClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});

afterAll(async () => {
  client.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests.length = 0;
});

const OrderCreated = defineEvent({
  source: 'orders',
  detailType: 'OrderCreated',
  version: 1,
  description: 'An order was recorded.',
  detail: z.object({ orderId: z.string(), total: z.number().nonnegative() }),
});

describe('createPublisher', () => {
  it('publishes one event with the contract’s source and detail type on the bus given', async () => {
    const publisher = createPublisher(OrderCreated, { client, bus: 'shop' });
    const id = await publisher.publish({ orderId: 'o-1', total: 12 }, { resources: ['arn:aws:x'] });
    expect(id).toMatch(/^id-/);
    expect(requests).toEqual([
      {
        target: 'AWSEvents.PutEvents',
        entries: [
          {
            Source: 'orders',
            DetailType: 'OrderCreated',
            Detail: '{"orderId":"o-1","total":12}',
            EventBusName: 'shop',
            Resources: ['arn:aws:x'],
          },
        ],
      },
    ]);
  });

  it('defaults its bus to LAMBDAPORT_EVENT_BUS as it is when created, else sends to the default bus', async () => {
    const saved = process.env.LAMBDAPORT_EVENT_BUS;
    try {
      delete process.env.LAMBDAPORT_EVENT_BUS;
      const onDefault = createPublisher(OrderCreated, { client });
      process.env.LAMBDAPORT_EVENT_BUS = 'dev-orders';
      const onServiceBus = createPublisher(OrderCreated, { client });
      const given = createPublisher(OrderCreated, { client, bus: 'shop' });
      process.env.LAMBDAPORT_EVENT_BUS = 'changed-later';

      await onDefault.publish({ orderId: 'o-1', total: 1 });
      await onServiceBus.publish({ orderId: 'o-2', total: 2 });
      await given.publish({ orderId: 'o-3', total: 3 });

      const buses = requests.map((r) => r.entries.map((e) => e.EventBusName));
      // no EventBusName: the account's default bus, as AWS takes it
      expect(buses).toEqual([[undefined], ['dev-orders'], ['shop']]);
    } finally {
      if (saved === undefined) delete process.env.LAMBDAPORT_EVENT_BUS;
      else process.env.LAMBDAPORT_EVENT_BUS = saved;
    }
  });

  it('validates every detail first: one bad detail and nothing is sent, each issue named by its place', async () => {
    const publisher = createPublisher(OrderCreated, { client });
    const error = await publisher
      .publishAll([
        { orderId: 'o-1', total: 1 },
        { orderId: 'o-2', total: -1 },
      ])
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('InvalidRequestError');
    expect((error as { issues: unknown }).issues).toEqual([{ path: '[1].total', message: expect.any(String) }]);
    expect(requests).toEqual([]);
  });

  it('refuses an event over 256 KB before sending anything', async () => {
    const publisher = createPublisher(OrderCreated, { client });
    const error = await publisher.publish({ orderId: 'x'.repeat(262_144), total: 1 }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/over PutEvents' 262144/);
    expect(requests).toEqual([]);
  });

  it('sends 23 events as batches of 10, 10 and 3, in order', async () => {
    const publisher = createPublisher(OrderCreated, { client });
    const details = Array.from({ length: 23 }, (_, i) => ({ orderId: `o-${i}`, total: i }));
    const ids = await publisher.publishAll(details);
    expect(ids).toHaveLength(23);
    expect(requests.map((r) => r.entries.length)).toEqual([10, 10, 3]);
    expect(requests.flatMap((r) => r.entries.map((e) => JSON.parse(e.Detail).orderId))).toEqual(
      details.map((d) => d.orderId),
    );
  });

  it('reports each failed entry of a partial failure, and the ones that went through', async () => {
    const publisher = createPublisher(OrderCreated, { client });
    const details = ['o-0', 'fail-1', 'o-2', 'fail-3'].map((orderId) => ({ orderId, total: 1 }));
    const error = (await publisher.publishAll(details).catch((e: unknown) => e)) as PublishError;
    expect(PublishError.is(error)).toBe(true);
    expect(error.failed).toEqual([
      { index: 1, errorCode: 'InternalFailure', errorMessage: 'could not take fail-1' },
      { index: 3, errorCode: 'InternalFailure', errorMessage: 'could not take fail-3' },
    ]);
    expect(error.published.map((p) => p.index)).toEqual([0, 2]);
    expect(error.message).toMatch(/^2 of 4 orders\/OrderCreated events were not published \(entry 1: InternalFailure/);
    await expect(publisher.publish({ orderId: 'fail-9', total: 1 })).rejects.toThrow(PublishError);
  });

  it('a batch refused as a whole fails its entries; the other batches are still sent', async () => {
    const publisher = createPublisher(OrderCreated, { client });
    const details = Array.from({ length: 12 }, (_, i) => ({ orderId: i === 3 ? 'reject' : `o-${i}`, total: i }));
    const error = (await publisher.publishAll(details).catch((e: unknown) => e)) as PublishError;
    expect(error.failed.map((f) => f.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(error.failed[0]?.errorCode).toBe('ValidationException');
    expect(error.published.map((p) => p.index)).toEqual([10, 11]);
  });

  it('takes only event contracts', () => {
    expect(() => createPublisher({ kind: 'lambdaport.function' } as never)).toThrow(/event contract/);
  });
});
