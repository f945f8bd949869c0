/** Requests on the wire: signed by the SDK's own SigV4 signer, encoded byte for byte, sent over a raw socket. */
import { connect } from 'node:net';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

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
