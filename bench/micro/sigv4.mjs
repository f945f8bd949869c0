// Cost of verifying one SigV4-signed Invoke request with the known `test` key (a benchmark, not a test; run after
// `npx tsc -b`, from the repo root):
//   node bench/micro/sigv4.mjs [dist dir ...]     (default: packages/local/dist)
// Prints µs per verify() for each dist given, and for @smithy/signature-v4 signing the same request (the
// signer of record, what the verifier used to run per request).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

const here = path.dirname(fileURLToPath(import.meta.url));
const dists =
  process.argv.slice(2).length > 0 ? process.argv.slice(2) : [path.resolve(here, '../../packages/local/dist')];
const signer = new SignatureV4({
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  region: 'us-east-1',
  service: 'lambda',
  sha256: Hash.bind(null, 'sha256'),
});
const body = Buffer.from('{"id":1,"name":"bench","tags":["a","b"],"n":1.5}');
const url = '/2015-03-31/functions/dev-bench-echo-abc123/invocations';
const request = { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 3000, path: url, query: {} };
const base = {
  host: '127.0.0.1:3000',
  'content-type': 'application/octet-stream',
  'content-length': String(body.length),
};
const signed = await signer.sign({ ...request, headers: { ...base, 'amz-sdk-request': 'attempt=1; max=1' }, body });
const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));

const time = async (label, fn) => {
  const results = [];
  for (let round = 0; round < 5; round++) {
    const n = 10_000;
    const t = performance.now();
    for (let i = 0; i < n; i++) await fn();
    results.push(((performance.now() - t) / n) * 1000);
  }
  results.sort((a, b) => a - b);
  console.log(`${label.padEnd(50)} median ${results[2].toFixed(1)} µs per request (5 rounds of 10,000)`);
};

for (const dist of dists) {
  const { createSigV4Verifier } = await import(pathToFileURL(path.join(dist, 'http/sigv4.js')).href);
  const verifier = createSigV4Verifier({ credentials: { test: 'test' } });
  const outcome = await verifier.verify({ method: 'POST', url, headers, body });
  if (outcome.kind !== 'verified') throw new Error(`${dist}: ${outcome.kind}`);
  await time(`verify() ${dist}`, () => verifier.verify({ method: 'POST', url, headers, body }));
}
const signable = new Set(Object.keys(headers).filter((h) => h !== 'authorization'));
await time('@smithy/signature-v4 sign() of the same request', () =>
  signer.sign({ ...request, headers, body }, { signingDate: new Date(), signableHeaders: signable }),
);
