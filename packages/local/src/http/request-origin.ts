/**
 * Where a request says it is going (`Host`) and where a browser says it comes from (`Origin`): the front door answers
 * only requests for the address it was started on, and refuses pages of other origins (docs/design/iam.md). This
 * closes DNS rebinding (a foreign name resolving to 127.0.0.1 carries that name in `Host`) and cross-origin requests
 * from any web page open in the developer's browser.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import { HttpError } from './errors.js';

/**
 * True for an address that only this machine can reach: `127.0.0.0/8`, `::1`, `localhost`.
 *
 * @example
 * isLoopback('127.0.0.1'); // true
 * isLoopback('0.0.0.0'); // false
 */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/** The names a request's `Host` may carry, and the origins a browser request may come from. */
export interface RequestOriginGate {
  /**
   * The refusal for a request whose `Host` is not one of the front door's names, or (unless `allowAnyOrigin`) whose
   * `Origin` is not one of its own origins; `undefined` when the request may go on.
   */
  check(headers: IncomingHttpHeaders, allowAnyOrigin: boolean): HttpError | undefined;
  /** The host names accepted (lower case, IPv6 in brackets). */
  readonly names: ReadonlySet<string>;
}

/**
 * The gate of a front door bound on `bindHost` and listening on `ports` (the public and the internal port). A loopback
 * bind accepts the loopback names and `bindHost`; a bind on every address (`0.0.0.0`, `::`) also accepts the machine's
 * own addresses and host name; another address accepts itself and the loopback names.
 *
 * @example
 * const gate = createRequestOriginGate('127.0.0.1', [3000]);
 * gate.check({ host: 'evil.example:3000' }, false); // HttpError 403 InvalidHostException
 */
export function createRequestOriginGate(bindHost: string, ports: readonly number[]): RequestOriginGate {
  const names = new Set<string>(['localhost', '127.0.0.1', '[::1]', bracketed(bindHost)]);
  if (bindHost === '0.0.0.0' || bindHost === '::') {
    names.add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces())) {
      for (const info of list ?? []) names.add(bracketed(info.address));
    }
  }
  const origins = new Set<string>();
  for (const name of names) for (const port of ports) origins.add(`http://${name}:${port}`);
  return {
    names,
    check(headers, allowAnyOrigin) {
      const host = headers.host;
      const name = host === undefined ? undefined : hostName(host);
      if (name === undefined || !names.has(name)) {
        return new HttpError(
          403,
          'InvalidHostException',
          `This local runtime answers requests for ${[...names].join(', ')} only, not for Host '${host ?? ''}' (a DNS-rebinding guard). Call it by one of those names.`,
        );
      }
      const origin = headers.origin;
      if (origin !== undefined && !allowAnyOrigin && !origins.has(origin.toLowerCase())) {
        return new HttpError(
          403,
          'InvalidOriginException',
          `Requests from web pages of other origins are refused (Origin '${origin}'): only AWS clients call this local runtime.`,
        );
      }
      return undefined;
    },
  };
}

function bracketed(address: string): string {
  const a = address.toLowerCase();
  return a.includes(':') && !a.startsWith('[') ? `[${a}]` : a;
}

/** The name part of a `Host` header (`[::1]:3000` → `[::1]`), lower case; `undefined` when malformed. */
function hostName(host: string): string | undefined {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end < 0 ? undefined : h.slice(0, end + 1);
  }
  const colon = h.indexOf(':');
  const name = colon < 0 ? h : h.slice(0, colon);
  return name === '' ? undefined : name;
}
