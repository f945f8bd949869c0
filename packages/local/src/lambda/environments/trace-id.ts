/** The X-Ray trace header Lambda hands each invocation (`Lambda-Runtime-Trace-Id`, then `_X_AMZN_TRACE_ID`). */
import { randomUUID } from 'node:crypto';

/**
 * A new trace header, `Root=1-<time>-<24 hex>;Parent=<16 hex>;Sampled=0`, made from one UUID's hex digits.
 *
 * @example
 * traceId(); // 'Root=1-6565b1f0-1f2e3d4c5b6a79881a2b3c4d;Parent=1a2b3c4d5e6f7081;Sampled=0'
 */
export function traceId(): string {
  const u = randomUUID(); // xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx
  const time = Math.floor(Date.now() / 1000).toString(16);
  return `Root=1-${time}-${u.slice(0, 8)}${u.slice(9, 13)}${u.slice(14, 18)}${u.slice(19, 23)}${u.slice(24, 28)};Parent=${u.slice(19, 23)}${u.slice(24, 36)};Sampled=0`;
}
