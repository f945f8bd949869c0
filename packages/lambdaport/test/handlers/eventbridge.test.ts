import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineError, defineFunction } from '../../src/contract.js';
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
