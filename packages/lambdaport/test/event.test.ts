import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvent, isEventContract } from '../src/event.js';

const detail = z.object({ orderId: z.string(), total: z.number() });

describe('defineEvent', () => {
  it('returns a frozen contract with its fields', () => {
    const OrderCreated = defineEvent({
      source: 'orders',
      detailType: 'OrderCreated',
      version: 1,
      description: 'An order was recorded.',
      detail,
    });
    expect(OrderCreated).toMatchObject({ kind: 'lambdaport.event', source: 'orders', detailType: 'OrderCreated' });
    expect(OrderCreated.detail).toBe(detail);
    expect(Object.isFrozen(OrderCreated)).toBe(true);
    expect(isEventContract(OrderCreated)).toBe(true);
    expect(isEventContract({ kind: 'lambdaport.function', name: 'a.b' })).toBe(false);
  });

  it.each([
    [{ source: '' }, /source must be a non-empty string/],
    [{ source: ' orders' }, /source must be a non-empty string without spaces/],
    [{ source: 'aws.ec2' }, /must not start with "aws\."/],
    [{ detailType: 42 }, /detailType must be a non-empty string/],
    [{ version: 0 }, /version: expected an API major version/],
    [{ description: ' ' }, /description must be a non-empty string/],
    [{ detail: { parse() {} } }, /detail must be a Standard Schema/],
    [{ topic: 'x' }, /unknown option "topic"/],
  ])('refuses %j, naming the event and the problem', (change, message) => {
    const definition = {
      source: 'orders',
      detailType: 'OrderCreated',
      version: 1,
      description: 'An order was recorded.',
      detail,
      ...change,
    };
    expect(() => defineEvent(definition as never)).toThrow(message);
    expect(() => defineEvent(definition as never)).toThrow(/^defineEvent\(/);
  });
});
