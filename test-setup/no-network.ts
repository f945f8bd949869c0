/**
 * Fail closed: tests may only talk to 127.0.0.1. Any AWS client built without an explicit endpoint
 * would pick up these values and reach a port nothing listens on, instead of real AWS.
 */
import net from 'node:net';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
process.env.AWS_REGION ??= 'us-east-1';
// An unset endpoint must never mean "the cloud": port 9 (discard) on loopback refuses connections.
process.env.AWS_ENDPOINT_URL ??= 'http://127.0.0.1:9';
process.env.AWS_EC2_METADATA_DISABLED = 'true';

const isLoopback = (host: string | undefined): boolean =>
  host === undefined || host === '' || host === 'localhost' || host.startsWith('127.') || host === '::1';

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const first = args[0] as { host?: string; path?: string } | number | string | undefined;
  let host: string | undefined;
  if (typeof first === 'object' && first !== null && !('path' in first && first.path)) host = first.host;
  else if (typeof first === 'number' && typeof args[1] === 'string') host = args[1];
  if (!isLoopback(host)) {
    throw new Error(`Network guard: tests may only connect to 127.0.0.1, not ${String(host)}`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
