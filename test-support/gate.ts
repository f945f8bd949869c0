/**
 * A gate: an HTTP server on loopback that holds every request until the test releases it. A function that fetches
 * the gate's URL is exactly as slow as the test wants, and the test knows when the function has reached it: no
 * sleep guesses how long a call takes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Gate {
  /** `http://127.0.0.1:PORT/`: what a function fetches to wait. */
  readonly url: string;
  /** Requests received so far (held or released). */
  readonly arrivals: number;
  /** Resolves once `count` requests have arrived (each is a function waiting at the gate). */
  arrived(count: number): Promise<void>;
  /** Answers every request held now with `body`. */
  release(body?: string): void;
  /** Releases what is held and stops the server. */
  close(): Promise<void>;
}

/**
 * Starts a gate.
 *
 * @example
 * const gate = await startGate();
 * const call = lambda.send(new InvokeCommand({ FunctionName, Payload: JSON.stringify({ gate: gate.url }) }));
 * await gate.arrived(1); // the function is running now
 * gate.release('go');
 * await call;
 */
export async function startGate(): Promise<Gate> {
  const held: http.ServerResponse[] = [];
  const waiters = new Set<() => void>();
  let arrivals = 0;
  const server = http.createServer((_req, res) => {
    arrivals++;
    held.push(res);
    for (const check of waiters) check();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const release = (body = 'released'): void => {
    for (const res of held.splice(0)) res.end(body);
  };
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    get arrivals() {
      return arrivals;
    },
    arrived(count) {
      return new Promise((resolve) => {
        const check = (): void => {
          if (arrivals < count) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
    release,
    close() {
      release('closed');
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
