/**
 * Well-formed requests, one kind per endpoint: what a real client could send (signed, but to a `NONE` Function URL);
 * none may be answered 5xx.
 */
import { attribute, item, jsonValue, text, word } from './values.mjs';

export function invokeCase(rng, names) {
  const fn = rng.pick([names.echo, names.size]);
  const type = rng.pick([undefined, undefined, 'RequestResponse', 'Event', 'DryRun']);
  const qualifier = rng.pick(['', '', '?Qualifier=%24LATEST']);
  const path = `/2015-03-31/functions/${fn}/invocations${qualifier}`;
  const body = Buffer.from(JSON.stringify(jsonValue(rng, 4)));
  const headers = { host: '127.0.0.1', 'content-type': 'application/octet-stream' };
  if (type) headers['x-amz-invocation-type'] = type;
  if (rng.chance(0.2)) headers['x-amz-log-type'] = 'Tail';
  return { endpoint: 'invoke', method: 'POST', path, headers, body, service: 'lambda', signed: true };
}

export function lambdaReadCase(rng, names) {
  const fn = rng.pick([names.echo, names.size, names.web]);
  const path = rng.pick([
    '/2015-03-31/functions/',
    `/2015-03-31/functions/?MaxItems=${rng.int(1, 100)}`,
    `/2015-03-31/functions/${fn}`,
    `/2015-03-31/functions/${fn}/configuration`,
    `/2015-03-31/functions/${fn}/aliases`,
    `/2015-03-31/functions/${fn}/versions`,
    `/2021-10-31/functions/${names.web}/url`,
  ]);
  return {
    endpoint: 'lambda-read',
    method: 'GET',
    path,
    headers: { host: '127.0.0.1' },
    body: Buffer.alloc(0),
    service: 'lambda',
    signed: true,
  };
}

export function functionUrlCase(rng, names) {
  const method = rng.pick(['GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
  const segments = Array.from({ length: rng.int(0, 3) }, () => encodeURIComponent(text(rng)));
  const query = rng.chance(0.5) ? `?${word(rng)}=${encodeURIComponent(text(rng))}&${word(rng)}` : '';
  const body =
    method === 'GET' || method === 'HEAD'
      ? Buffer.alloc(0)
      : rng.chance(0.5)
        ? Buffer.from(JSON.stringify(jsonValue(rng, 3)))
        : Buffer.from(Array.from({ length: rng.int(0, 64) }, () => rng.int(0, 255)));
  const headers = { host: '127.0.0.1', 'content-type': rng.pick(['application/json', 'application/octet-stream']) };
  if (rng.chance(0.3)) headers.cookie = `${word(rng)}=${word(rng)}`;
  return {
    endpoint: 'function-url',
    method,
    path: `/lambda-url/${names.web}/${segments.join('/')}${query}`,
    headers,
    body,
    service: 'lambda',
    signed: false,
  };
}

function ssmName(rng) {
  return rng.pick(['/fuzz/a', '/fuzz/b/c', '/fuzz/b/d', `/fuzz/${word(rng, 1, 3)}`, 'fuzz-plain']);
}

export function ssmCase(rng) {
  const name = ssmName(rng);
  const [operation, input] = rng.pick([
    [
      'PutParameter',
      {
        Name: name,
        Value: text(rng) || 'v',
        Type: rng.pick(['String', 'StringList', 'SecureString']),
        Overwrite: true,
      },
    ],
    ['GetParameter', { Name: rng.chance(0.3) ? `${name}:${rng.int(1, 5)}` : name, WithDecryption: true }],
    ['GetParameters', { Names: [name, ssmName(rng)] }],
    ['GetParametersByPath', { Path: '/fuzz', Recursive: rng.chance(0.5), MaxResults: rng.int(1, 10) }],
    ['GetParameterHistory', { Name: name, MaxResults: rng.int(1, 50) }],
    ['DescribeParameters', { MaxResults: rng.int(1, 50) }],
    ['DeleteParameter', { Name: name }],
  ]);
  return {
    endpoint: 'ssm',
    method: 'POST',
    path: '/',
    headers: {
      host: '127.0.0.1',
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AmazonSSM.${operation}`,
    },
    body: Buffer.from(JSON.stringify(input)),
    service: 'ssm',
    signed: true,
  };
}

export function dynamodbCase(rng, table) {
  const key = { id: { S: `fuzz-${rng.int(0, 50)}` } };
  const [operation, input] = rng.pick([
    ['PutItem', { TableName: table, Item: item(rng) }],
    ['GetItem', { TableName: table, Key: key, ConsistentRead: rng.chance(0.5) }],
    ['DeleteItem', { TableName: table, Key: key, ReturnValues: rng.pick(['NONE', 'ALL_OLD']) }],
    [
      'UpdateItem',
      {
        TableName: table,
        Key: key,
        UpdateExpression: 'SET #a = :v',
        ExpressionAttributeNames: { '#a': `a${word(rng, 1, 4)}` },
        ExpressionAttributeValues: { ':v': attribute(rng, 3) },
        ReturnValues: rng.pick(['NONE', 'ALL_NEW', 'UPDATED_OLD']),
      },
    ],
    ['Query', { TableName: table, KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': key.id } }],
    ['Scan', { TableName: table, Limit: rng.int(1, 20), ...(rng.chance(0.3) ? { ExclusiveStartKey: key } : {}) }],
    [
      'BatchWriteItem',
      { RequestItems: { [table]: Array.from({ length: rng.int(1, 5) }, () => ({ PutRequest: { Item: item(rng) } })) } },
    ],
    ['BatchGetItem', { RequestItems: { [table]: { Keys: [key] } } }],
    ['ListTables', {}],
    ['DescribeTable', { TableName: table }],
  ]);
  return {
    endpoint: 'dynamodb',
    method: 'POST',
    path: '/',
    headers: {
      host: '127.0.0.1',
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${operation}`,
    },
    body: Buffer.from(JSON.stringify(input)),
    service: 'dynamodb',
    signed: true,
  };
}
