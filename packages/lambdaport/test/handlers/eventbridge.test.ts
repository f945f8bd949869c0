import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineError, defineFunction } from '../../src/contract.js';
import { defineEvent } from '../../src/event.js';
import { eventBridgeHandler } from '../../src/handlers/eventbridge.js';
import { implement } from '../../src/implement.js';
import { decodeFunctionError } from '../../src/wire.js';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const Duplicate = defineError('Duplicate', z.object({ orderId: z.string() }));
const placed = defineFunction({
  name: 'orders.on-placed',
  version: 1,
  description: 'React to an order.',
  input: z.object({ orderId: z.string() }),
  output: z.object({ handled: z.string() }),
  errors: [Duplicate],
});

const correlations: string[] = [];
const impl = implement(placed, ({ orderId }, _deps, ctx) => {
  correlations.push(ctx.correlationId);
  if (orderId === 'dup') throw new Duplicate({ orderId });
  return { handled: orderId };
});

function event(detail: unknown) {
  return {
    version: '0',
    id: 'evt-1',
    'detail-type': 'OrderPlaced',
    source: 'orders',
    account: '000000000000',
    time: '2026-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
  };
}

describe('eventBridgeHandler', () => {
  it('passes detail as the input', async () => {
    const handler = eventBridgeHandler(impl, undefined);
    await expect(handler(event({ orderId: 'o1', correlationId: 'c-9' }))).resolves.toEqual({ handled: 'o1' });
    await handler(event({ orderId: 'o2' }));
    expect(correlations.slice(-2)).toEqual(['c-9', 'evt-1']);
  });

  it('throws declared errors in wire form, so retries and destinations see their name', async () => {
    const thrown = (await eventBridgeHandler(
      impl,
      undefined,
    )(event({ orderId: 'dup' })).catch((e: unknown) => e)) as Error;
    expect(thrown.name).toBe('Duplicate');
    const decoded = decodeFunctionError(
      { errorType: thrown.name, errorMessage: thrown.message, trace: thrown.stack?.split('\n') },
      placed.errors,
    );
    expect(Duplicate.is(decoded) && decoded.data).toEqual({ orderId: 'dup' });
  });

  it('rejects bad detail and non-EventBridge events with InvalidRequestError', async () => {
    const handler = eventBridgeHandler(impl, undefined);
    await expect(handler(event({ orderId: 1 }))).rejects.toMatchObject({ name: 'InvalidRequestError' });
    await expect(handler({ orderId: 'o1' })).rejects.toMatchObject({ name: 'InvalidRequestError' });
  });

  it('takes a custom input mapper', async () => {
    const handler = eventBridgeHandler(impl, undefined, { input: (e) => ({ orderId: e['detail-type'] }) });
    await expect(handler(event(null))).resolves.toEqual({ handled: 'OrderPlaced' });
  });
});

describe('eventBridgeHandler with an event contract', () => {
  const OrderPlaced = defineEvent({
    source: 'orders',
    detailType: 'OrderPlaced',
    version: 1,
    description: 'An order was placed.',
    detail: z.object({ orderId: z.string().min(2) }),
  });

  it('gives the logic the validated detail of the contract’s event', async () => {
    const handler = eventBridgeHandler(impl, undefined, { event: OrderPlaced });
    await expect(handler(event({ orderId: 'o7' }))).resolves.toEqual({ handled: 'o7' });
  });

  it('refuses another source or detail type, and a detail the event schema refuses, before the logic runs', async () => {
    const ran = correlations.length;
    const handler = eventBridgeHandler(impl, undefined, { event: OrderPlaced });
    const other = (await handler({ ...event({ orderId: 'o7' }), source: 'billing' }).catch((e: unknown) => e)) as Error;
    expect(other.name).toBe('InvalidRequestError');
    expect(other.message).toMatch(/source: Expected "orders", got "billing"/);
    const short = (await handler(event({ orderId: 'o' })).catch((e: unknown) => e)) as Error;
    expect(short.name).toBe('InvalidRequestError');
    expect(short.message).toMatch(/detail\.orderId/);
    expect(correlations.length).toBe(ran);
  });

  it('takes input or event, not both, and only an event contract', () => {
    expect(() => eventBridgeHandler(impl, undefined, { event: OrderPlaced, input: (e) => e.detail })).toThrow(
      /input or event, not both/,
    );
    expect(() => eventBridgeHandler(impl, undefined, { event: placed as never })).toThrow(/event contract/);
  });
});
