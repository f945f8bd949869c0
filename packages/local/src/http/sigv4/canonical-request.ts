/**
 * The parts of a SigV4 canonical request, built exactly as `@smithy/signature-v4` builds them (with
 * `uriEscapePath: true`): the canonical path, the canonical query and canonical header values.
 */

/** Canonical paths of the paths seen (a runtime serves a few functions; bounded anyway). */
const canonicalPaths = new Map<string, string>();
const MAX_PATHS = 1000;

/**
 * The SDK's canonical path with `uriEscapePath`: `.`/`..`/empty segments resolved, then escaped once more.
 *
 * @example
 * canonicalPath('/2015-03-31/functions/a%3Ab/invocations'); // '/2015-03-31/functions/a%253Ab/invocations'
 */
export function canonicalPath(path: string): string {
  let canonical = canonicalPaths.get(path);
  if (canonical === undefined) {
    canonical = computeCanonicalPath(path);
    if (canonicalPaths.size >= MAX_PATHS) canonicalPaths.clear();
    canonicalPaths.set(path, canonical);
  }
  return canonical;
}

function computeCanonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment.length === 0 || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return escapeUri(normalized).replace(/%2F/g, '/');
}

/**
 * The SDK's canonical query of a raw query string (without `?`): decoded, re-encoded, sorted by key then value,
 * `X-Amz-Signature` left out.
 *
 * @example
 * canonicalQuery('b=2&a=1&a=0'); // 'a=0&a=1&b=2'
 */
export function canonicalQuery(raw: string): string {
  const query = parseQueryForSigning(raw);
  const keys: string[] = [];
  // a plain object, as in the SDK (a key `__proto__` serialises as the SDK's does)
  const serialized: Record<string, string> = {};
  for (const key of Object.keys(query)) {
    if (key.toLowerCase() === 'x-amz-signature') continue;
    const encodedKey = escapeUri(key);
    keys.push(encodedKey);
    const value = query[key] as string | string[];
    serialized[encodedKey] =
      typeof value === 'string'
        ? `${encodedKey}=${escapeUri(value)}`
        : value
            .map((v) => `${encodedKey}=${escapeUri(v)}`)
            .sort()
            .join('&');
  }
  return keys
    .sort()
    .map((key) => serialized[key])
    .filter((part) => part)
    .join('&');
}

const NEEDS_CLEANING = /[\r\n\t]| {2}|^ | $/;

/**
 * The SDK's header value: line breaks as spaces, runs of spaces and tabs as one space, then trimmed of one space.
 *
 * @example
 * canonicalHeaderValue(' a \t b '); // 'a b'
 */
export function canonicalHeaderValue(value: string): string {
  if (!NEEDS_CLEANING.test(value)) return value;
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

/** `escapeUri` of @smithy: encodeURIComponent, plus `!'()*`. */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Decodes a raw query into the (decoded) key → value(s) map the signer re-encodes canonically. */
function parseQueryForSigning(raw: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = Object.create(null);
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(part.slice(eq + 1));
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else query[key] = [existing, value];
  }
  return query;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
