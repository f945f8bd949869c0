/**
 * Attribute values nested deeper than DynamoDB allows (32 levels) are refused with 400 ValidationException before
 * dynalite sees them, wherever a request carries attribute values; the runtime (a real child process) lives on.
 * Before this check, one PutItem nesting maps 1,000 deep (a 12 KB body) overflowed the stack inside dynalite and the
 * whole process died.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamodbRequest, nestedList, nestedMap } from '../support/dynamodb-request.js';
import { ROBUST_SERVICE, type RuntimeProcess, startRuntimeProcess } from '../support/runtime-process.js';

const TABLE = 'dev-robust-items';
const NESTING = /^Nesting Levels have exceeded supported limits/;

let runtime: RuntimeProcess;
beforeAll(async () => {
  runtime = await startRuntimeProcess({ dirs: [ROBUST_SERVICE], ephemeral: true });
});
afterAll(async () => {
  await runtime?.stop();
});

describe('DynamoDB attribute values nested too deep (a real child process)', () => {
  it('refuses a PutItem nesting maps 1,000 deep with 400 ValidationException, and keeps serving', async () => {
    const input = { TableName: TABLE, Item: { id: { S: 'deep' }, v: nestedMap(1000) } };

    const refused = await dynamodbRequest(runtime.url, 'PutItem', input);
    const put = await dynamodbRequest(runtime.url, 'PutItem', { TableName: TABLE, Item: { id: { S: 'ok' } } });
    const got = await dynamodbRequest(runtime.url, 'GetItem', { TableName: TABLE, Key: { id: { S: 'ok' } } });

    expect(JSON.stringify(input).length).toBeGreaterThan(12_000);
    expect(refused).toMatchObject({ status: 400, type: 'ValidationException' });
    expect(refused.message).toMatch(NESTING);
    expect(put.status).toBe(200);
    expect(got.body).toEqual({ Item: { id: { S: 'ok' } } });
    expect(runtime.alive()).toBe(true);
  });

  it('accepts 32 levels (31 maps or lists around a scalar) and refuses 33', async () => {
    const maps31 = await dynamodbRequest(runtime.url, 'PutItem', {
      TableName: TABLE,
      Item: { id: { S: 'm31' }, v: nestedMap(31) },
    });
    const lists31 = await dynamodbRequest(runtime.url, 'PutItem', {
      TableName: TABLE,
      Item: { id: { S: 'l31' }, v: nestedList(31) },
    });
    const maps32 = await dynamodbRequest(runtime.url, 'PutItem', {
      TableName: TABLE,
      Item: { id: { S: 'm32' }, v: nestedMap(32) },
    });
    const lists32 = await dynamodbRequest(runtime.url, 'PutItem', {
      TableName: TABLE,
      Item: { id: { S: 'l32' }, v: nestedList(32) },
    });
    const stored = await dynamodbRequest(runtime.url, 'GetItem', { TableName: TABLE, Key: { id: { S: 'm31' } } });

    expect([maps31.status, lists31.status]).toEqual([200, 200]);
    expect(stored.body).toEqual({ Item: { id: { S: 'm31' }, v: nestedMap(31) } });
    expect([maps32.status, maps32.type, lists32.status, lists32.type]).toEqual([
      400,
      'ValidationException',
      400,
      'ValidationException',
    ]);
  });

  it('refuses deep values in every place a request carries them', async () => {
    const deep = nestedMap(200);
    const deepList = nestedList(200);
    const requests: [string, unknown][] = [
      ['GetItem', { TableName: TABLE, Key: { id: deep } }],
      ['DeleteItem', { TableName: TABLE, Key: { id: { S: 'x' } }, Expected: { a: { Value: deep } } }],
      [
        'DeleteItem',
        {
          TableName: TABLE,
          Key: { id: { S: 'x' } },
          ConditionExpression: 'a = :v',
          ExpressionAttributeValues: { ':v': deep },
        },
      ],
      [
        'UpdateItem',
        {
          TableName: TABLE,
          Key: { id: { S: 'x' } },
          UpdateExpression: 'SET a = :v',
          ExpressionAttributeValues: { ':v': deepList },
        },
      ],
      ['UpdateItem', { TableName: TABLE, Key: { id: { S: 'x' } }, AttributeUpdates: { a: { Value: deep } } }],
      ['BatchWriteItem', { RequestItems: { [TABLE]: [{ PutRequest: { Item: { id: { S: 'b' }, v: deep } } }] } }],
      ['BatchWriteItem', { RequestItems: { [TABLE]: [{ DeleteRequest: { Key: { id: deep } } }] } }],
      ['BatchGetItem', { RequestItems: { [TABLE]: { Keys: [{ id: deep }] } } }],
      [
        'Query',
        {
          TableName: TABLE,
          KeyConditionExpression: 'id = :id',
          ExpressionAttributeValues: { ':id': { S: 'x' } },
          ExclusiveStartKey: { id: deep },
        },
      ],
      [
        'Query',
        {
          TableName: TABLE,
          KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'x' }] } },
          QueryFilter: { a: { ComparisonOperator: 'EQ', AttributeValueList: [deep] } },
        },
      ],
      ['Scan', { TableName: TABLE, FilterExpression: 'a = :v', ExpressionAttributeValues: { ':v': deep } }],
      ['Scan', { TableName: TABLE, ExclusiveStartKey: { id: deepList } }],
      ['Scan', { TableName: TABLE, ScanFilter: { a: { ComparisonOperator: 'EQ', AttributeValueList: [deep] } } }],
    ];

    const answers = [];
    for (const [operation, input] of requests) {
      const answer = await dynamodbRequest(runtime.url, operation, input);
      answers.push(`${operation} ${answer.status} ${answer.type} ${NESTING.test(answer.message ?? '')}`);
    }

    expect(answers).toEqual(requests.map(([operation]) => `${operation} 400 ValidationException true`));
    expect(runtime.alive()).toBe(true);
  });
});
