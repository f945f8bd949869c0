import { createHash } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SignatureInput, signatureOf } from '../../src/http/sigv4/signature.js';
import { createSigV4Verifier } from '../../src/http/sigv4.js';

/** The reference: what @smithy/signature-v4 computes for the same request (the verifier's former implementation). */
async function reference(input: SignatureInput): Promise<string> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: 'AKID', secretAccessKey: input.secret },
    region: 'us-east-1',
    service: 'lambda',
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: true,
    applyChecksum: false,
  });
  const q = input.url.indexOf('?');
  const path = q < 0 ? input.url : input.url.slice(0, q);
  const query: Record<string, string | string[]> = Object.create(null);
  for (const part of q < 0 ? [] : input.url.slice(q + 1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(part.slice(eq + 1));
    const existing = query[key];
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  const d = input.amzDate;
  const signingDate = new Date(
    Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +d.slice(9, 11), +d.slice(11, 13), +d.slice(13, 15)),
  );
  const signed = await signer.sign(
    {
      method: input.method,
      protocol: 'http:',
      hostname: 'localhost',
      path,
      query,
      headers: { ...input.headers },
      body: input.body,
    },
    {
      signingDate,
      signingRegion: input.region,
      signingService: input.service,
      signableHeaders: new Set(Object.keys(input.headers)),
    },
  );
  const authorization = String(signed.headers.authorization);
  return authorization.slice(authorization.lastIndexOf('Signature=') + 'Signature='.length);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');

// ---- random requests: SDK v3, AWS CLI / boto3 shapes, odd paths, queries and header spacing ----

const segment = fc
  .array(
    fc.constantFrom(
      'a',
      'Z',
      '9',
      '-',
      '_',
      '.',
      '~',
      '%20',
      '%2F',
      '%25',
      '%3A',
      '!',
      '*',
      "'",
      '(',
      ')',
      ':',
      '$',
      '@',
      'é',
      '+',
      '..',
      '.',
    ),
    { maxLength: 5 },
  )
  .map((parts) => parts.join(''));
const pathArb = fc
  .tuple(fc.array(segment, { minLength: 0, maxLength: 5 }), fc.boolean())
  .map(([segments, slash]) => `/${segments.join('/')}${slash && segments.length > 0 ? '/' : ''}`);
const queryPart = fc.array(
  fc.constantFrom('a', 'B', '1', '%20', '+', '%2B', '%3D', '%C3%A9', '%E2%82%AC', '~', '*', '%', '%zz', '$'),
  {
    maxLength: 4,
  },
);
const queryArb = fc
  .array(fc.tuple(queryPart, fc.option(queryPart, { nil: undefined })), { maxLength: 4 })
  .map((pairs) => pairs.map(([k, v]) => (v === undefined ? k.join('') : `${k.join('')}=${v.join('')}`)).join('&'));
const spacing = fc.constantFrom('', ' ', '  ', '\t', ' \t ');
const headerValue = fc
  .tuple(
    spacing,
    fc.constantFrom('application/json', 'Event', 'Tail', 'attempt=1; max=3', 'a  b', 'x\ty', 'é'),
    spacing,
  )
  .map(([a, v, b]) => `${a}${v}${b}`);
const optionalHeaders = fc.subarray(
  [
    'content-type',
    'x-amz-invocation-type',
    'x-amz-log-type',
    'x-amz-client-context',
    'amz-sdk-request',
    'amz-sdk-invocation-id',
    'user-agent',
    'content-length',
    'x-amzn-trace-id',
    'date',
    'x-amz-security-token',
    'expect',
  ],
  { maxLength: 6 },
);
const amzDateArb = fc
  .record({
    y: fc.integer({ min: 2000, max: 2099 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }), // Feb 30 too: the SDK signs with the date it parsed
    h: fc.integer({ min: 0, max: 23 }),
    s: fc.integer({ min: 0, max: 59 }),
  })
  .map(
    ({ y, m, d, h, s }) =>
      `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}${String(s).padStart(2, '0')}${String(s).padStart(2, '0')}Z`,
  );

const inputArb = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
    path: pathArb,
    query: queryArb,
    names: optionalHeaders,
    values: fc.array(headerValue, { minLength: 12, maxLength: 12 }),
    body: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    sha: fc.constantFrom('none', 'body', 'unsigned'),
    amzDate: amzDateArb,
    region: fc.constantFrom('us-east-1', 'eu-west-3', 'ap-southeast-2'),
    service: fc.constantFrom('lambda', 'ssm', 'dynamodb'),
    secret: fc.constantFrom('test', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'é+/='),
  })
  .map((r): SignatureInput => {
    const headers: Record<string, string> = { host: '127.0.0.1:4010', 'x-amz-date': r.amzDate };
    r.names.forEach((name, i) => {
      headers[name] = r.values[i] as string;
    });
    if (r.sha === 'body') headers['x-amz-content-sha256'] = sha256(r.body);
    if (r.sha === 'unsigned') headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
    return {
      method: r.method,
      url: r.query === '' ? r.path : `${r.path}?${r.query}`,
      headers,
      body: r.body,
      secret: r.secret,
      amzDate: r.amzDate,
      region: r.region,
      service: r.service,
    };
  });

const QUERIES: Record<string, string>[] = [{}, { Qualifier: '$LATEST' }, { Marker: 'a b+c', MaxItems: '10' }];

describe('signatureOf computes what @smithy/signature-v4 computes', () => {
  it('on random requests (paths, queries, header spacing, payload hashes, dates, scopes)', async () => {
    await fc.assert(
      fc.asyncProperty(inputArb, async (input) => {
        const ours = (() => {
          try {
            return signatureOf(input);
          } catch {
            return 'throws';
          }
        })();
        const theirs = await reference(input).catch(() => 'throws');
        expect(ours).toBe(theirs);
      }),
      { numRuns: Number(process.env.SIGV4_RUNS ?? 1500) },
    );
  });

  it('on the shapes the SDK v3, the AWS CLI and boto3 send (signed by the SDK signer as a client, then verified)', async () => {
    const now = Date.UTC(2026, 10, 26, 12, 0, 0);
    const verifier = createSigV4Verifier({ credentials: { test: 'test' } });
    const client = new SignatureV4({
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      region: 'us-east-1',
      service: 'lambda',
      sha256: Hash.bind(null, 'sha256'),
    });
    const body = Buffer.from('{"id":1}');
    const shapes: Record<string, Record<string, string>> = {
      // SDK v3 Invoke: no content sha
      sdk: {
        host: '127.0.0.1:4010',
        'content-type': 'application/octet-stream',
        'content-length': String(body.length),
        'amz-sdk-invocation-id': '0e9a2c43-39a9-4a3c-9a4b-0d2f9d2f7c1e',
        'amz-sdk-request': 'attempt=1; max=3',
        'x-amz-log-type': 'Tail',
      },
      // botocore (CLI, boto3): every header but user-agent / expect / trace id, content sha included
      boto3: {
        host: '127.0.0.1:4010',
        'x-amz-invocation-type': 'RequestResponse',
        'x-amz-log-type': 'None',
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'content-length': String(body.length),
        'x-amz-content-sha256': sha256(body),
      },
      ssm: {
        host: '127.0.0.1:4010',
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonSSM.GetParameter',
      },
    };
    for (const [shape, headers] of Object.entries(shapes)) {
      for (const path of [
        '/2015-03-31/functions/dev-records-get-1a2b3c/invocations',
        '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af/invocations',
        '/',
      ]) {
        for (const query of QUERIES) {
          const signed = await client.sign(
            { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4010, path, query, headers, body },
            { signingDate: new Date(now), signingService: shape === 'ssm' ? 'ssm' : 'lambda' },
          );
          const raw = Object.entries(query)
            .map(
              ([k, v]) =>
                `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
            )
            .join('&');
          const received = Object.fromEntries(
            Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
          );

          const outcome = verifier.verify(
            { method: 'POST', url: raw ? `${path}?${raw}` : path, headers: received, body },
            now,
          );

          expect([shape, path, query, outcome.kind]).toEqual([shape, path, query, 'verified']);
          const tampered = verifier.verify(
            { method: 'POST', url: raw ? `${path}?${raw}` : path, headers: received, body: Buffer.from('{"id":2}') },
            now,
          );
          expect(tampered.kind).toBe('invalid');
        }
      }
    }
  });
});
