/**
 * A raw TCP client for the front door: sends exactly the bytes given (half a request, a huge header) and collects
 * what comes back until the server closes the connection.
 */
import { connect, type Socket } from 'node:net';

/** An open connection: what was received so far, and a promise of the close. */
export interface RawConnection {
  readonly socket: Socket;
  received(): string;
  /** Resolves with everything received once the server (or we) closed the connection. */
  readonly closed: Promise<string>;
}

/**
 * Connects to 127.0.0.1:`port` and writes `bytes` (nothing more; the connection stays open).
 *
 * @example
 * const conn = await rawConnect(port, 'POST / HTTP/1.1\r\nhost: x\r\n'); // headers never finished
 * expect(await conn.closed).toMatch(/^HTTP\/1.1 408 /);
 */
export function rawConnect(port: number, bytes: string | Buffer): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    let data = '';
    const socket = connect(port, '127.0.0.1');
    const closed = new Promise<string>((resolveClosed) => {
      socket.on('close', () => resolveClosed(data));
    });
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
    });
    socket.once('error', (error) => {
      if (!socket.connecting) return; // a reset after connecting ends in 'close'
      reject(error);
    });
    socket.once('connect', () => {
      socket.write(bytes, () => resolve({ socket, received: () => data, closed }));
    });
  });
}
