/**
 * admit(), the one check in front of every API: the body within the limit (413 past it, announced or streamed), the
 * signature (403 when a known key signed wrongly), and who the caller is (anonymous, signed verified or unverified).
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdmissionRules, admit } from '../../src/http/admission.js';
import { answerError, HttpError } from '../../src/http/errors.js';
import { createSigV4Verifier } from '../../src/http/sigv4.js';
import { signedFetch } from './support/signed-fetch.js';

const LIMIT = 1_000;
const rules: AdmissionRules = {
  limit: LIMIT,
  tooLarge: (limit) => new HttpError(413, 'TestTooLarge', `over ${limit}`),
};
const verifier = createSigV4Verifier({ credentials: { test: 'test' } });

/** A server that admits each request (rules chosen by path: `/ignore` ignores signatures) and answers what it got. */
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const chosen: AdmissionRules = req.url === '/ignore' ? { ...rules, signature: 'ignore' } : rules;
    admit(req, verifier, chosen).then(
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
    const req = httpRequest(`${url}/`, { method: 'POST' }, (res) => {
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
    const res = await fetch(url, { method: 'POST', body: Buffer.alloc(LIMIT, 1) });

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

describe('the caller', () => {
  it('is anonymous when the request is not signed', async () => {
    const res = await fetch(url, { method: 'POST', body: '{}' });

    expect(await res.json()).toEqual({ bytes: 2, caller: { kind: 'anonymous' } });
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
