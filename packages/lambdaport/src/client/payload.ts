/**
 * Request payloads: Lambda's size limits, checked before anything is sent.
 */

/**
 * Lambda's request limits in bytes: synchronous invoke, and asynchronous `Event` invoke.
 *
 * @example
 * if (Buffer.byteLength(json) > PAYLOAD_LIMITS.event) await client.invoke(input); else await client.send(input);
 */
export const PAYLOAD_LIMITS = { sync: 6_291_456, event: 1_048_576 } as const;

/** The UTF-8 size of `json` when it may be over `limit`, else undefined (cheap for small payloads). */
export function oversize(json: string, limit: number): number | undefined {
  if (json.length * 3 <= limit) return undefined;
  const size = Buffer.byteLength(json, 'utf8');
  return size > limit ? size : undefined;
}
