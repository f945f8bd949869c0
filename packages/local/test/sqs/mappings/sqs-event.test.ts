/**
 * The function's answer to a batch read as AWS reads it with ReportBatchItemFailures: which answers are a complete
 * success, which fail some messages, and which fail the whole batch; without ReportBatchItemFailures, any answer is a
 * success. And the record of a message with a binary attribute.
 */
import { describe, expect, it } from 'vitest';
import { batchOutcome, sqsRecord } from '../../../src/sqs/mappings/sqs-event.js';

const ids = ['m-1', 'm-2'];
const read = (answer: string) => batchOutcome(Buffer.from(answer), ids, true);

describe('batchOutcome', () => {
  it.each(['', 'null', '{}', '{"batchItemFailures":[]}', '{"batchItemFailures":null}', '{"ok":true}'])(
    'a complete success: %j',
    (answer) => expect(read(answer)).toEqual({ kind: 'success' }),
  );

  it('fails only the messages named', () => {
    expect(read('{"batchItemFailures":[{"itemIdentifier":"m-2"}]}')).toEqual({
      kind: 'partial',
      failed: new Set(['m-2']),
    });
  });

  it.each([
    ['not JSON', '{"batchItemFailures":'],
    ['not an object', '"done"'],
    ['a list that is not one', '{"batchItemFailures":"m-1"}'],
    ['an empty identifier', '{"batchItemFailures":[{"itemIdentifier":""}]}'],
    ['a null identifier', '{"batchItemFailures":[{"itemIdentifier":null}]}'],
    ['a wrong key', '{"batchItemFailures":[{"itemId":"m-1"}]}'],
    ['an identifier not in the batch', '{"batchItemFailures":[{"itemIdentifier":"m-9"}]}'],
  ])('the whole batch fails on %s', (_what, answer) => {
    expect(read(answer).kind).toBe('failure');
  });

  it('without ReportBatchItemFailures any answer is a success', () => {
    expect(batchOutcome(Buffer.from('{"batchItemFailures":[{"itemIdentifier":"m-9"}]}'), ids, false)).toEqual({
      kind: 'success',
    });
  });
});

describe('sqsRecord', () => {
  it('gives a binary attribute as base64 and the lists AWS always sends', () => {
    const record = sqsRecord(
      {
        MessageId: 'm-1',
        ReceiptHandle: 'r',
        MD5OfBody: 'x',
        Body: 'b',
        MessageAttributes: { blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) } },
      },
      'arn:aws:sqs:us-east-1:000000000000:q',
      'us-east-1',
    );
    expect(record.messageAttributes).toEqual({
      blob: { binaryValue: 'AQID', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
    });
    expect(record.attributes).toEqual({});
  });
});
