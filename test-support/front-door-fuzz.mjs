/**
 * A seeded fuzzer of the local runtime's front door, shared by the fuzz test
 * (`packages/local/test/front-door/fuzz.test.ts`, a few thousand requests in `npm test`) and the long run
 * (`bench/fuzz/run.mjs`, 100,000). Every endpoint: Invoke, the Lambda read APIs, Function URLs, SSM and DynamoDB.
 * Each case is either well-formed (a request a real client could send: it must never get a 5xx) or malformed (broken
 * JSON, odd methods, bad or huge content-length, bad signatures, broken UTF-8, deep nesting, random headers, long paths,
 * raw garbage, early disconnects: anything but a dead runtime is fine). Requests go over raw sockets, byte for byte.
 *
 * Types: front-door-fuzz.d.mts.
 */
import { connect } from 'node:net';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same requests. */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-';
const UNICODE = ['é', 'ß', '日本', '🙂', '\u0000', '\n', '"', '\\', '\u2028', ' '];

function word(rng, min = 1, max = 12) {
  let text = '';
  const length = rng.int(min, max);
  for (let i = 0; i < length; i++) text += ALPHABET[rng.int(0, ALPHABET.length - 1)];
  return text;
}

function text(rng) {
  let out = word(rng, 0, 20);
  if (rng.chance(0.3)) out += rng.pick(UNICODE);
  return out;
}

/** A random JSON value (well-formed), at most `depth` levels deep. */
function jsonValue(rng, depth) {
  const kind = rng.int(0, depth > 0 ? 6 : 4);
  if (kind === 0) return null;
  if (kind === 1) return rng.chance(0.5);
  if (kind === 2) return rng.chance(0.5) ? rng.int(-1e6, 1e6) : rng.next() * 1e6;
  if (kind === 3 || kind === 4) return text(rng);
  if (kind === 5) return Array.from({ length: rng.int(0, 4) }, () => jsonValue(rng, depth - 1));
  const object = {};
  for (let i = rng.int(0, 4); i > 0; i--) object[word(rng)] = jsonValue(rng, depth - 1);
  return object;
}

/** A random, valid DynamoDB attribute value, at most `depth` levels of M/L. */
function attribute(rng, depth) {
  const kind = rng.int(0, depth > 0 ? 9 : 6);
  switch (kind) {
    case 0:
      return { S: text(rng) || 'x' };
    case 1:
      return { N: String(rng.chance(0.5) ? rng.int(-1e9, 1e9) : (rng.next() * 1e6).toFixed(rng.int(0, 6))) };
    case 2:
      return { B: Buffer.from(word(rng)).toString('base64') };
    case 3:
      return { BOOL: rng.chance(0.5) };
    case 4:
      return { NULL: true };
    case 5:
      return { SS: [...new Set(Array.from({ length: rng.int(1, 4) }, () => word(rng)))] };
    case 6:
      return { NS: [...new Set(Array.from({ length: rng.int(1, 4) }, () => String(rng.int(0, 1000))))] };
    case 7:
      return { L: Array.from({ length: rng.int(0, 3) }, () => attribute(rng, depth - 1)) };
    default: {
      const map = {};
      for (let i = rng.int(0, 3); i > 0; i--) map[word(rng)] = attribute(rng, depth - 1);
      return { M: map };
    }
  }
}

function item(rng) {
  const value = { id: { S: `fuzz-${rng.int(0, 50)}` } };
  for (let i = rng.int(0, 4); i > 0; i--) value[`a${word(rng, 1, 6)}`] = attribute(rng, rng.int(0, 5));
  return value;
}

// ---------------------------------------------------------------- SigV4, signed by the SDK's own signer

const signers = new Map();

/** Signs a request for `service` with access key `test` / secret `test` (the runtime's known key), as the SDK does. */
async function sign({ method, path, headers, body, service, date }) {
  let signer = signers.get(service);
  if (signer === undefined) {
    signer = new SignatureV4({
      service,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      sha256: Hash.bind(null, 'sha256'),
    });
    signers.set(service, signer);
  }
  const [rawPath, rawQuery = ''] = path.split('?');
  const query = {};
  for (const pair of rawQuery.split('&').filter((p) => p !== '')) {
    const [key, value = ''] = pair.split('=');
    query[decodeURIComponent(key)] = decodeURIComponent(value);
  }
  const signed = await signer.sign(
    { method, protocol: 'http:', hostname: '127.0.0.1', path: rawPath, query, headers, body },
    { signingDate: date },
  );
  return signed.headers;
}

// ---------------------------------------------------------------- well-formed requests, one kind per endpoint

function invokeCase(rng, names) {
  const fn = rng.pick([names.echo, names.size]);
  const type = rng.pick([undefined, undefined, 'RequestResponse', 'Event', 'DryRun']);
  const qualifier = rng.pick(['', '', '?Qualifier=%24LATEST']);
  const path = `/2015-03-31/functions/${fn}/invocations${qualifier}`;
  const body = Buffer.from(JSON.stringify(jsonValue(rng, 4)));
  const headers = { host: '127.0.0.1', 'content-type': 'application/octet-stream' };
  if (type) headers['x-amz-invocation-type'] = type;
  if (rng.chance(0.2)) headers['x-amz-log-type'] = 'Tail';
  return { endpoint: 'invoke', method: 'POST', path, headers, body, service: 'lambda', signed: rng.chance(0.7) };
}

function lambdaReadCase(rng, names) {
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
    signed: rng.chance(0.5),
  };
}

function functionUrlCase(rng, names) {
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

function ssmCase(rng) {
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
    signed: rng.chance(0.8),
  };
}

function dynamodbCase(rng, table) {
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

// ---------------------------------------------------------------- malformations

function deepJson(rng) {
  const depth = rng.int(100, 50_000);
  return rng.chance(0.5) ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A DynamoDB attribute value nested 33 to 3,000 maps or lists deep, as JSON text (too deep for JSON.stringify). */
function deepAttribute(rng) {
  let open = '';
  let close = '';
  for (let i = rng.int(33, 3000); i > 0; i--) {
    if (rng.chance(0.5)) {
      open += '{"M":{"a":';
      close = `}}${close}`;
    } else {
      open += '{"L":[';
      close = `]}${close}`;
    }
  }
  return `${open}{"S":"leaf"}${close}`;
}

const MALFORMATIONS = [
  'json',
  'utf8',
  'deep',
  'method',
  'content-length',
  'signature',
  'headers',
  'big-header',
  'path',
  'target',
  'disconnect',
  'garbage',
  'chunked',
];

/** Breaks a well-formed request one way; returns how it was broken. */
function malform(rng, request, table) {
  const how = rng.pick(MALFORMATIONS);
  switch (how) {
    case 'json': {
      const body = request.body.length > 2 ? request.body : Buffer.from('{"a":[1,2,{"b":"c"}]}');
      request.body = body.subarray(0, rng.int(0, body.length - 1));
      if (request.body.length === 0) request.body = Buffer.from(rng.pick(['{', '[', '"', 'nul', '{"a":}', '}{']));
      break;
    }
    case 'utf8': {
      const bad = Buffer.from(rng.pick([[0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xf0, 0x28, 0x8c], [0xe2, 0x82]]));
      const at = rng.int(0, request.body.length);
      request.body = Buffer.concat([request.body.subarray(0, at), bad, request.body.subarray(at)]);
      break;
    }
    case 'deep':
      if (request.endpoint === 'dynamodb' && rng.chance(0.6)) {
        request.headers['x-amz-target'] = 'DynamoDB_20120810.PutItem';
        request.body = Buffer.from(
          `{"TableName":${JSON.stringify(table)},"Item":{"id":{"S":"deep"},"v":${deepAttribute(rng)}}}`,
        );
      } else request.body = Buffer.from(deepJson(rng));
      break;
    case 'method':
      request.method = rng.pick(['PATCH', 'OPTIONS', 'PURGE', 'get', 'PROPFIND', 'X', 'CONNECT', 'TRACE', 'DELETE']);
      break;
    case 'content-length':
      request.contentLength = rng.pick(['-1', '99999999999999', 'abc', '1e3', '', String(request.body.length + 10)]);
      if (request.contentLength === String(request.body.length + 10)) request.endAfterWrite = true;
      break;
    case 'signature':
      request.signed = true;
      request.breakSignature = rng.pick(['wrong', 'malformed', 'expired', 'unknown-key']);
      break;
    case 'headers':
      for (let i = rng.int(1, 20); i > 0; i--) request.headers[`x-${word(rng)}`] = word(rng, 0, 40);
      if (rng.chance(0.3)) request.headers['content-type'] = word(rng);
      if (rng.chance(0.2)) request.headers['x-amz-date'] = word(rng);
      break;
    case 'big-header':
      request.headers['x-big'] = 'a'.repeat(rng.int(17_000, 40_000));
      break;
    case 'path':
      request.path = rng.pick([
        `/${'%'.repeat(rng.int(1, 5))}${word(rng)}`,
        `/2015-03-31/functions/${'a'.repeat(rng.int(65, 5000))}/invocations`,
        `/2015-03-31/functions/..%2f..%2f${word(rng)}/invocations`,
        `/lambda-url/${word(rng)}/${'x/'.repeat(rng.int(1, 500))}`,
        `/${word(rng)}?${'&'.repeat(rng.int(1, 50))}`,
        '*',
      ]);
      break;
    case 'target':
      request.headers['x-amz-target'] = rng.pick([
        'AmazonSSM.NoSuchOperation',
        'DynamoDB_20120810.TransactWriteItems',
        'DynamoDB_20120810.',
        'AmazonSSM',
        word(rng),
      ]);
      break;
    case 'disconnect':
      request.disconnectAt = rng.int(0, 200);
      break;
    case 'garbage':
      request.raw = Buffer.from(Array.from({ length: rng.int(1, 2000) }, () => rng.int(0, 255)));
      break;
    case 'chunked':
      request.chunked = rng.pick([
        'zz\r\nabc\r\n',
        '5\r\nab\r\n0\r\n\r\n',
        'ffffffffffff\r\n',
        '0\r\nx-trailer: 1\r\n\r\n',
      ]);
      break;
  }
  return how;
}

/**
 * The fuzzer: `next()` gives the next case (a request to send and what it is), the same sequence for the same seed.
 * About one case in three is well-formed.
 */
export function createFuzzer({ seed, names, table }) {
  const rng = random(seed);
  let id = 0;
  return {
    seed,
    next() {
      const endpoint = rng.pick(['invoke', 'invoke', 'lambda-read', 'function-url', 'ssm', 'dynamodb', 'dynamodb']);
      const request =
        endpoint === 'invoke'
          ? invokeCase(rng, names)
          : endpoint === 'lambda-read'
            ? lambdaReadCase(rng, names)
            : endpoint === 'function-url'
              ? functionUrlCase(rng, names)
              : endpoint === 'ssm'
                ? ssmCase(rng)
                : dynamodbCase(rng, table);
      const wellFormed = rng.chance(0.35);
      const how = wellFormed ? 'well-formed' : malform(rng, request, table);
      id++;
      return { id, endpoint, wellFormed, how, request };
    },
  };
}

/** The request's bytes on the wire. */
async function encode(request) {
  if (request.raw) return request.raw;
  let headers = { ...request.headers };
  if (request.signed) {
    const date = request.breakSignature === 'expired' ? new Date(Date.now() - 3_600_000) : new Date();
    headers = await sign({ ...request, headers, date });
    const key = Object.keys(headers).find((name) => name.toLowerCase() === 'authorization');
    const authorization = String(headers[key]);
    if (request.breakSignature === 'wrong') {
      headers[key] = authorization.replace(/Signature=(\w)/, (_, c) => `Signature=${c === '0' ? '1' : '0'}`);
    } else if (request.breakSignature === 'malformed') headers[key] = 'AWS4-HMAC-SHA256 Credential=test/x';
    else if (request.breakSignature === 'unknown-key') {
      headers[key] = authorization.replace('Credential=test/', 'Credential=nobody/');
    }
  }
  let head = `${request.method} ${request.path} HTTP/1.1\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  if (request.chunked !== undefined) {
    head += 'transfer-encoding: chunked\r\nconnection: close\r\n\r\n';
    return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(request.chunked, 'latin1')]);
  }
  head += `content-length: ${request.contentLength ?? request.body.length}\r\nconnection: close\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), request.body]);
}

/**
 * Sends one case over a new connection; resolves with the status the runtime answered (undefined when it closed the
 * connection without an answer, or the case hung up first) and whether it hung (no close within `timeoutMs`).
 */
export async function send(port, fuzzCase, timeoutMs = 40_000) {
  const { request } = fuzzCase;
  const bytes = await encode(request);
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let head = '';
    let done = false;
    const finish = (hung) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      clearTimeout(patience);
      socket.destroy();
      const match = /^HTTP\/1\.1 (\d{3}) /.exec(head);
      resolve({ status: match ? Number(match[1]) : undefined, hung });
    };
    const deadline = setTimeout(() => finish(true), timeoutMs);
    // a malformed request may leave the server waiting for more: stop sending after a while (then the server answers
    // or closes; a time-out of its own would come later)
    const patience = setTimeout(() => socket.end(), fuzzCase.wellFormed ? timeoutMs : 500);
    socket.on('data', (chunk) => {
      if (head.length < 64) head += chunk.toString('latin1');
    });
    socket.on('close', () => finish(false));
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      if (request.disconnectAt !== undefined) {
        socket.write(bytes.subarray(0, request.disconnectAt), () => socket.destroy());
        return;
      }
      socket.write(bytes, () => {
        if (request.endAfterWrite) socket.end();
      });
    });
  });
}

/**
 * Runs `count` cases with `concurrency` connections at a time; calls `onResult` for each; resolves with a summary:
 * counts by status, the well-formed cases answered 5xx, the cases that hung, requests per second.
 */
export async function runFuzz({ port, fuzzer, count, concurrency = 8, onResult }) {
  const statuses = {};
  const serverErrors = [];
  const hung = [];
  let sent = 0;
  const started = Date.now();
  const worker = async () => {
    while (sent < count) {
      sent++;
      const fuzzCase = fuzzer.next();
      const result = await send(port, fuzzCase);
      const key = result.status === undefined ? 'closed' : String(result.status);
      statuses[key] = (statuses[key] ?? 0) + 1;
      if (result.hung) hung.push(describe(fuzzCase));
      if (fuzzCase.wellFormed && result.status !== undefined && result.status >= 500) {
        serverErrors.push(`${result.status} ${describe(fuzzCase)}`);
      }
      onResult?.(fuzzCase, result);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (Date.now() - started) / 1000;
  return { count, seconds, perSecond: count / seconds, statuses, serverErrors, hung };
}

/** One line saying what a case was. */
export function describe(fuzzCase) {
  const { request } = fuzzCase;
  const target = request.headers?.['x-amz-target'] ?? '';
  return `#${fuzzCase.id} ${fuzzCase.endpoint} ${fuzzCase.how}: ${request.method} ${String(request.path).slice(0, 80)} ${target} ${request.body?.subarray(0, 120).toString('utf8') ?? ''}`;
}
