/**
 * The SigV4 signing key of a (secret, date, region, service), derived through four HMACs once and then kept.
 */
import { createHmac } from 'node:crypto';

/** Derived signing keys, by secret, date, region and service (a handful in practice; bounded anyway). */
const signingKeys = new Map<string, Buffer>();
const MAX_KEYS = 50;

/**
 * The signing key: HMAC chain `AWS4<secret>` → date → region → service → `aws4_request`.
 *
 * @example
 * createHmac('sha256', signingKey('test', '20260101', 'us-east-1', 'lambda')).update(stringToSign).digest('hex');
 */
export function signingKey(secret: string, shortDate: string, region: string, service: string): Buffer {
  const cacheKey = `${shortDate}\n${region}\n${service}\n${secret}`;
  let key = signingKeys.get(cacheKey);
  if (key === undefined) {
    key = hmac(`AWS4${secret}`, shortDate);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, 'aws4_request');
    if (signingKeys.size >= MAX_KEYS) signingKeys.delete(signingKeys.keys().next().value as string);
    signingKeys.set(cacheKey, key);
  }
  return key;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}
