import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineError, defineFunction } from '../../src/contract.js';
import { defineEvent } from '../../src/event.js';
import { sqsHandler } from '../../src/handlers/sqs.js';
import { implement } from '../../src/implement.js';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const Rejected = defineError('Rejected', z.object({ n: z.number() }));
const count = defineFunction({
  name: 'counter.add',
  version: 1,
  description: 'Add.',
  input: z.object({ n: z.number().int() }),
  output: z.object({ total: z.number() }),
  errors: [Rejected],
});

function event(bodies: string[], queue = 'arn:aws:sqs:us-east-1:000000000000:q') {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `m${i}`,
      body,
      eventSource: 'aws:sqs',
      eventSourceARN: queue,
      attributes: {},
      messageAttributes: i === 0 ? { correlationId: { stringValue: 'corr-0', dataType: 'String' } } : {},
    })),
  };
}

function adder() {
  const seen: number[] = [];
  const correlations: string[] = [];
  const impl = implement(count, ({ n }, _deps, ctx) => {
    correlations.push(ctx.correlationId);
    if (n === 13) throw new Rejected({ n });
    if (n === 666) throw new Error('unexpected');
    seen.push(n);
    return { total: seen.reduce((a, b) => a + b, 0) };
  });
  return { seen, correlations, impl };
}

describe('sqsHandler', () => {
  it('runs each record and reports only the failed ones', async () => {
    const { seen, correlations, impl } = adder();
    const res = await sqsHandler(
      impl,
      undefined,
    )(event(['{"n":1}', '{"n":13}', 'not json', '{"n":"x"}', '{"n":666}', '{"n":2}']));
    expect(res).toEqual({
      batchItemFailures: [
        { itemIdentifier: 'm1' },
        { itemIdentifier: 'm2' },
        { itemIdentifier: 'm3' },
        { itemIdentifier: 'm4' },
      ],
    });
    expect(seen).toEqual([1, 2]);
    expect(correlations[0]).toBe('corr-0');
    expect(correlations[1]).toBe('m1');
  });

  it('answers an empty failure list when all succeed', async () => {
    const { impl } = adder();
    await expect(sqsHandler(impl, undefined)(event(['{"n":1}']))).resolves.toEqual({ batchItemFailures: [] });
  });

  it('on a FIFO queue fails every record after the first failure without running it', async () => {
    const { seen, impl } = adder();
    const res = await sqsHandler(
      impl,
      undefined,
    )(event(['{"n":1}', '{"n":13}', '{"n":2}'], 'arn:aws:sqs:us-east-1:000000000000:q.fifo'));
    expect(res.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m1', 'm2']);
    expect(seen).toEqual([1]);
  });

  it('takes a custom input mapper', async () => {
    const { seen, impl } = adder();
    await sqsHandler(impl, undefined, { input: (r) => ({ n: Number(r.body) }) })(event(['5']));
    expect(seen).toEqual([5]);
  });

  it('throws InvalidRequestError for an event that is not from SQS', async () => {
    const { impl } = adder();
    await expect(sqsHandler(impl, undefined)({ detail: {} })).rejects.toMatchObject({ name: 'InvalidRequestError' });
  });
});

describe('sqsHandler with an event contract (a rule put the events on the queue)', () => {
  const Counted = defineEvent({
    source: 'counter',
    detailType: 'Counted',
    version: 1,
    description: 'A number was counted.',
    detail: z.object({ n: z.number().int().nonnegative() }),
  });
  const envelope = (detail: unknown, detailType = 'Counted') =>
    JSON.stringify({ version: '0', id: 'e', 'detail-type': detailType, source: 'counter', detail });

  it('runs the detail of each event; records that are not the event, or whose detail is bad, fail alone', async () => {
    const { impl, seen } = adder();
    const handler = sqsHandler(impl, undefined, { event: Counted });
    const result = await handler(
      event([
        envelope({ n: 1 }),
        envelope({ n: -1 }),
        envelope({ n: 2 }, 'Other'),
        '[1]',
        '{"n":5}',
        envelope({ n: 3 }),
      ]),
    );
    expect(seen).toEqual([1, 3]);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('takes input or event, not both', () => {
    const { impl } = adder();
    expect(() => sqsHandler(impl, undefined, { event: Counted, input: (r) => r.body })).toThrow(/not both/);
  });
});
