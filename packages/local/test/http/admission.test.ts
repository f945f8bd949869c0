/**
 * admit(), the one check in front of every API: the body within the limit (413 past it, announced or streamed), the
 * signature (403 when a known key signed wrongly), and who the caller is (anonymous, signed verified or unverified).
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdmissionRules, admit, JSON_SERVICE_ADMISSION } from '../../src/http/admission.js';
import { answerError, HttpError } from '../../src/http/errors.js';
import { createSigV4Verifier } from '../../src/http/sigv4.js';
import { signedFetch } from './support/signed-fetch.js';

const LIMIT = 1_000;
const rules: AdmissionRules = {
  limit: LIMIT,
  tooLarge: (limit) => new HttpError(413, 'TestTooLarge', `over ${limit}`),
};
const verifier = createSigV4Verifier({ credentials: { test: 'test' }, region: 'us-east-1' });
const strict = createSigV4Verifier({ credentials: { test: 'test' }, region: 'us-east-1', verifiedOnly: true });
const byPath: Record<string, AdmissionRules> = {
  '/ignore': { ...rules, signature: 'ignore' },
  '/lambda': { ...rules, service: 'lambda' },
  '/json': { ...JSON_SERVICE_ADMISSION, limit: LIMIT },
};

/**
 * A server that admits each request and answers what it got. Rules by path: `/ignore` ignores signatures, `/lambda`
 * wants the `lambda` scope, `/json` answers unsigned requests as SSM and DynamoDB do, `/strict` accepts verified keys
 * only; anything else: `rules`.
 */
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const chosen: AdmissionRules = byPath[req.url ?? ''] ?? rules;
    admit(req, req.url === '/strict' ? strict : verifier, chosen).then(
      ({ body, caller }) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ bytes: body.length, caller }));
      },
      (error: unknown) => answerError(() => {}, res, error),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Posts `body` without a content-length (chunked), so the limit is met while streaming. */
function postChunked(chunks: Buffer[]): Promise<{ status: number; errorType: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/ignore`, { method: 'POST' }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, errorType: res.headers['x-amzn-errortype'] as string, text }),
      );
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('the body limit', () => {
  it('admits a body of exactly the limit, whole', async () => {
    const res = await fetch(`${url}/ignore`, { method: 'POST', body: Buffer.alloc(LIMIT, 1) });

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ bytes: LIMIT, caller: { kind: 'anonymous' } });
  });

  it('answers the rules’ 413 for a body one byte over the limit (announced by content-length)', async () => {
    const res = await fetch(url, { method: 'POST', body: Buffer.alloc(LIMIT + 1, 1) });

    expect(res.status).toBe(413);
    expect(res.headers.get('x-amzn-errortype')).toBe('TestTooLarge');
    expect(await res.json()).toMatchObject({ message: `over ${LIMIT}` });
  });

  it('answers 413 when a chunked body passes the limit while streaming, and admits one that stays within it', async () => {
    const over = await postChunked([Buffer.alloc(600), Buffer.alloc(401)]);
    const within = await postChunked([Buffer.alloc(600), Buffer.alloc(400)]);

    expect([over.status, over.errorType]).toEqual([413, 'TestTooLarge']);
    expect(within.status).toBe(200);
    expect(JSON.parse(within.text)).toMatchObject({ bytes: 1_000 });
  });
});

const TEST = { accessKeyId: 'test', secretAccessKey: 'test' };
const SOMEONE = { accessKeyId: 'AKIDSOMEONE', secretAccessKey: 'anything' };

describe('the caller', () => {
  it('refuses an unsigned request: 403 MissingAuthenticationTokenException (Lambda), 400 for the JSON services', async () => {
    const lambda = await fetch(url, { method: 'POST', body: '{}' });
    const json = await fetch(`${url}/json`, { method: 'POST', body: '{}' });

    expect([lambda.status, lambda.headers.get('x-amzn-errortype')]).toEqual([
      403,
      'MissingAuthenticationTokenException',
    ]);
    expect(await lambda.json()).toMatchObject({ message: 'Missing Authentication Token' });
    expect([json.status, json.headers.get('x-amzn-errortype')]).toEqual([400, 'MissingAuthenticationTokenException']);
    expect(await json.json()).toMatchObject({
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token',
    });
  });

  it('403 InvalidSignatureException for a scope naming another service or region, known key or not', async () => {
    const answers = await Promise.all([
      signedFetch(`${url}/lambda`, { method: 'POST', body: '{}' }, { ...TEST, service: 'ssm' }),
      signedFetch(`${url}/lambda`, { method: 'POST', body: '{}' }, { ...SOMEONE, service: 'dynamodb' }),
      signedFetch(`${url}/lambda`, { method: 'POST', body: '{}' }, { ...TEST, service: 'lambda', region: 'eu-west-1' }),
      signedFetch(
        `${url}/lambda`,
        { method: 'POST', body: '{}' },
        { ...SOMEONE, service: 'lambda', region: 'eu-west-1' },
      ),
    ]);
    const bodies = await Promise.all(answers.map((a) => a.json() as Promise<{ message: string }>));

    expect(answers.map((a) => [a.status, a.headers.get('x-amzn-errortype')])).toEqual(
      Array(4).fill([403, 'InvalidSignatureException']),
    );
    expect(bodies[0]!.message).toBe("Credential should be scoped to correct service: 'lambda'. ");
    expect(bodies[1]!.message).toBe("Credential should be scoped to correct service: 'lambda'. ");
    expect(bodies[2]!.message).toContain("Credential should be scoped to a valid region, not 'eu-west-1'.");
    expect(bodies[3]!.message).toContain("Credential should be scoped to a valid region, not 'eu-west-1'.");
  });

  it('403 "Signature expired" for a request signed more than 15 minutes ago (or ahead), known key or not', async () => {
    const old = new Date(Date.now() - 16 * 60_000);
    const ahead = new Date(Date.now() + 16 * 60_000);
    const fine = new Date(Date.now() - 14 * 60_000);
    const answers = await Promise.all([
      signedFetch(`${url}/lambda`, { method: 'POST', body: '{}' }, { ...TEST, service: 'lambda', signingDate: old }),
      signedFetch(`${url}/lambda`, { method: 'POST', body: '{}' }, { ...SOMEONE, service: 'lambda', signingDate: old }),
      signedFetch(`${url}/lambda`, { method: 'POST', body: '{}' }, { ...TEST, service: 'lambda', signingDate: ahead }),
      signedFetch(`${url}/lambda`, { method: 'POST', body: '{}' }, { ...TEST, service: 'lambda', signingDate: fine }),
    ]);
    const bodies = await Promise.all(answers.map((a) => a.json() as Promise<{ message: string }>));

    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 200]);
    expect(bodies[0]!.message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
    expect(bodies[1]!.message).toMatch(/^Signature expired: /);
    expect(bodies[2]!.message).toMatch(/^Signature not yet current: /);
  });

  it('403 UnrecognizedClientException for a key the runtime does not know when only verified keys are accepted', async () => {
    const unknown = await signedFetch(`${url}/strict`, { method: 'POST', body: '{}' }, { ...SOMEONE, service: 'ssm' });
    const known = await signedFetch(`${url}/strict`, { method: 'POST', body: '{}' }, { ...TEST, service: 'ssm' });

    expect([unknown.status, unknown.headers.get('x-amzn-errortype')]).toEqual([403, 'UnrecognizedClientException']);
    expect(await unknown.json()).toMatchObject({ message: 'The security token included in the request is invalid.' });
    expect(known.status).toBe(200);
  });

  it('is signed and verified for a correct signature of a known key, with the scope it signed for', async () => {
    const res = await signedFetch(
      url,
      { method: 'POST', body: '{}' },
      { accessKeyId: 'test', secretAccessKey: 'test', service: 'lambda' },
    );

    expect(await res.json()).toEqual({
      bytes: 2,
      caller: { kind: 'signed', accessKeyId: 'test', verified: true, region: 'us-east-1', service: 'lambda' },
    });
  });

  it('is signed but not verified for a key the runtime does not know, whatever its secret', async () => {
    const res = await signedFetch(
      url,
      { method: 'POST', body: '{}' },
      { accessKeyId: 'AKIDSOMEONE', secretAccessKey: 'anything', service: 'ssm' },
    );

    expect(await res.json()).toEqual({
      bytes: 2,
      caller: { kind: 'signed', accessKeyId: 'AKIDSOMEONE', verified: false, region: 'us-east-1', service: 'ssm' },
    });
  });

  it('403 InvalidSignatureException for a known key with the wrong secret, and for a malformed header', async () => {
    const wrong = await signedFetch(
      url,
      { method: 'POST', body: '{}' },
      { accessKeyId: 'test', secretAccessKey: 'wrong', service: 'lambda' },
    );
    const malformed = await fetch(url, {
      method: 'POST',
      body: '{}',
      headers: { authorization: 'AWS4-HMAC-SHA256 x' },
    });

    expect([wrong.status, wrong.headers.get('x-amzn-errortype')]).toEqual([403, 'InvalidSignatureException']);
    expect(await wrong.json()).toMatchObject({ message: expect.stringContaining('signature we calculated') });
    expect([malformed.status, malformed.headers.get('x-amzn-errortype')]).toEqual([403, 'InvalidSignatureException']);
  });

  it("is anonymous, the signature not looked at, with signature: 'ignore'", async () => {
    const res = await signedFetch(
      `${url}/ignore`,
      { method: 'POST', body: '{}' },
      { accessKeyId: 'test', secretAccessKey: 'wrong', service: 'lambda' },
    );

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ bytes: 2, caller: { kind: 'anonymous' } });
  });
});
