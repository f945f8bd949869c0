/** Malformations: the ways the fuzzer breaks a well-formed request (anything but a dead runtime is a fine answer). */
import { word } from './values.mjs';

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
  'unsigned',
  'headers',
  'big-header',
  'path',
  'target',
  'disconnect',
  'garbage',
  'chunked',
];

/** Breaks a well-formed request one way; returns how it was broken. */
export function malform(rng, request, table) {
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
    case 'unsigned':
      request.signed = false;
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
