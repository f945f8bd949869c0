/**
 * Writing a JSON success response.
 */
import type { ServerResponse } from 'node:http';

/**
 * Answers `status` with `value` as JSON.
 *
 * @example
 * sendJson(res, 200, { Functions: [] });
 */
export function sendJson(res: ServerResponse, status: number, value: unknown, requestId?: string): void {
  const text = JSON.stringify(value);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  };
  if (requestId !== undefined) headers['x-amzn-requestid'] = requestId;
  res.writeHead(status, headers);
  res.end(text);
}
